/**
 * The lines of a clean index bucket (every line that is not blank is a record) that may match a
 * search: those whose bytes hold the query's literal. One rule for both threads of a search: this
 * thread walks them in place (bucket-search.ts), the helper copies them out to hand back
 * (text-scan-worker.ts), and a hit's row is the same whichever found it.
 */
import { isBlankLine } from './line-splitter.js';
import type { TextFinder } from './text-finder.js';

/**
 * Calls `visit` for each line of `bytes` whose `hay` bytes (the same line, as read or lower-cased)
 * hold `needle`, in order, with its record's index in the bucket: the lines before it that are
 * not blank (isBlankLine, as every reader of a log counts them). `first` is where `needle` is
 * first in `hay` (searched already; -1: nowhere).
 */
export function forEachCandidate(
  bytes: Buffer,
  hay: Buffer,
  needle: Buffer,
  first: number,
  visit: (index: number, from: number, to: number) => void,
): void {
  let next = first;
  let index = 0;
  let at = 0;
  while (next !== -1 && at < bytes.length) {
    let nl = bytes.indexOf(10, at);
    if (nl === -1) nl = bytes.length;
    if (next < nl) {
      visit(index, at, nl);
      index += 1;
    } else if (!isBlankLine(bytes, at, nl)) index += 1;
    at = nl + 1;
    if (next < at) next = hay.indexOf(needle, at);
  }
}

/**
 * The lines of a clean bucket's `bytes` holding any of `needles` as written, in order, each once
 * (triples: its record's index, start, end), as forEachCandidate finds one needle's; among them,
 * the lines starting at `telling` (in order) too, index −1 unless a needle's (hit-commands.ts).
 * Each needle is looked for alone, in WebAssembly when `finder` holds the bytes (text-finder.ts:
 * as written, where its own needle is any case), else by indexOf: the same lines either way, on
 * whichever thread (text-scan-worker.ts, bucket-search.ts).
 */
export function anyNeedleLines(
  bytes: Buffer,
  needles: readonly Buffer[],
  finder?: TextFinder,
  telling: readonly number[] = [],
): number[] {
  const starts = [...new Set(needles.flatMap((needle) => linesHolding(bytes, needle, finder)))];
  starts.sort((a, b) => a - b);
  const out: number[] = [];
  let index = 0;
  let at = 0;
  let s = 0;
  let t = 0;
  while (s < starts.length || t < telling.length) {
    const candidate = starts[s] ?? Infinity;
    const start = Math.min(candidate, telling[t] ?? Infinity);
    // The lines before it, counted as records unless blank.
    while (at < start) {
      let nl = bytes.indexOf(10, at);
      if (nl === -1) nl = bytes.length;
      if (!isBlankLine(bytes, at, nl)) index += 1;
      at = nl + 1;
    }
    let nl = bytes.indexOf(10, start);
    if (nl === -1) nl = bytes.length;
    out.push(candidate === start ? index : -1, start, nl);
    if (candidate === start) s += 1;
    if (telling[t] === start) t += 1;
    // A line holding a needle, or one that tells a command, is a record's.
    index += 1;
    at = nl + 1;
  }
  return out;
}

/** Where each line of `bytes` holding `needle` as written starts, in order, once. */
function linesHolding(bytes: Buffer, needle: Buffer, finder?: TextFinder): number[] {
  const found = finder?.holds(bytes) ? finder.lineStarts(bytes.length, needle) : undefined;
  if (found) return found;
  const starts: number[] = [];
  for (let i = bytes.indexOf(needle); i !== -1;) {
    starts.push(bytes.lastIndexOf(10, i) + 1);
    const nl = bytes.indexOf(10, i);
    i = nl === -1 ? -1 : bytes.indexOf(needle, nl + 1);
  }
  return starts;
}

/**
 * Whether a bucket's lines must all be candidates for a needle that stands for a value (an
 * HRESULT, an outcome's word, a ref), not free text: JSON may spell any value with escapes
 * (`"f\u0061iled"`), whose bytes do not hold the needle, and a line holding such a value was
 * missed, 0 matches where the index counted one. A line with an escape holds a backslash, so a
 * bucket without one (every line the app writes, as a rule) keeps the needle. Free text matches
 * the line as written, escapes and all.
 */
export function needsEveryLine(bytes: Buffer, byValue: boolean): boolean {
  return byValue && bytes.includes(92);
}

/** Every line of a clean bucket as a candidate (triples: index, start, end), blank lines aside. */
export function everyLine(bytes: Buffer): number[] {
  const out: number[] = [];
  let index = 0;
  forEachLine(bytes, (at, nl) => {
    if (!isBlankLine(bytes, at, nl)) out.push(index++, at, nl);
  });
  return out;
}

/** How many of a clean bucket's lines in `bytes` are records: those that are not blank. */
export function recordLines(bytes: Buffer): number {
  let records = 0;
  forEachLine(bytes, (at, nl) => {
    if (!isBlankLine(bytes, at, nl)) records += 1;
  });
  return records;
}

/** Calls `line` with each line of `bytes` (its start, and its end before the LF), in order. */
export function forEachLine(bytes: Buffer, line: (from: number, to: number) => void): void {
  for (let at = 0; at < bytes.length;) {
    let nl = bytes.indexOf(10, at);
    if (nl === -1) nl = bytes.length;
    line(at, nl);
    at = nl + 1;
  }
}

/**
 * A bucket's candidate lines copied out of it: for each, its record's index in the bucket (−1 for
 * a line copied only because it tells a hit's command) and where it is in `bytes` (start, end:
 * triples in `lines`). Both arrays own their memory, so they can be moved to another thread
 * rather than copied again.
 */
export interface Candidates {
  lines: Int32Array<ArrayBuffer>;
  bytes: Uint8Array<ArrayBuffer>;
}

/** The lines of `bytes` that `found` names (triples: index, start, end), copied. */
export function copyLines(bytes: Buffer, found: ArrayLike<number>): Candidates {
  let size = 0;
  for (let k = 0; k + 2 < found.length; k += 3)
    size += (found[k + 2] ?? 0) - (found[k + 1] ?? 0) + 1;
  const lines = new Int32Array(found.length);
  const out = new Uint8Array(size);
  let at = 0;
  for (let k = 0; k + 2 < found.length; k += 3) {
    const from = found[k + 1] ?? 0;
    const to = found[k + 2] ?? 0;
    out.set(bytes.subarray(from, to), at);
    lines[k] = found[k] ?? 0;
    lines[k + 1] = at;
    lines[k + 2] = at + to - from;
    at += to - from;
    out[at++] = 10;
  }
  return { lines, bytes: out };
}
