/**
 * A search's scan of one bucket in WebAssembly (wasm/text-scan.ts): the bucket is read straight
 * into the module's memory, and one pass finds the lines that hold the query's text, case aside,
 * each with its record's index in the bucket, as forEachCandidate finds them in the lower-cased
 * bytes (candidate-lines.ts); or where the lines holding a literal start, as hit-commands.ts finds
 * them. Each search, and each helper thread, has its own: a bucket read into one stays there until
 * its lines are parsed.
 *
 * The numbers below are the module's memory layout, as wasm/text-scan.ts has them.
 */
import { TEXT_SCAN_WASM } from './text-scan-wasm.js';

const NEEDLE_AT = 0;
const MAX_NEEDLE = 1024;
const LITERAL_AT = 1024;
const MAX_LITERAL = 256;
const ROWS_AT = 2048;
const AREA_AT = 64 * 1024;
/** The largest bucket the area holds: what a search reads synchronously (bucket-search.ts). */
const AREA_BYTES = 4 * 1024 * 1024;
const STARTS_AT = AREA_AT + AREA_BYTES + 4096;

interface Exports {
  memory: { buffer: ArrayBuffer };
  candidates(length: number, n: number, a: number, b: number): number;
  lineStarts(length: number, n: number, a: number, b: number): number;
}

/**
 * Bytes of a journal's lines, the most common first (counted on a kiosk's log): the scan tests
 * sixteen positions at once by two of the needle's bytes, and rare ones let it skip on at once.
 * `failed"` tested by its `f` and its quote, which ends every key, stopped at every key.
 */
const COMMON = Buffer.from('"e0:,1ca-s52rt34dio6fmn9b7u8lv{}ISqN.pMhTZgkO_xKDBywERCA');

/** The two of `needle`'s positions whose bytes are rarest in a journal's lines. */
function anchors(needle: Buffer): [number, number] {
  const rarity = (k: number) => {
    const rank = COMMON.indexOf(needle[k] ?? 0);
    return rank === -1 ? COMMON.length : rank;
  };
  let a = 0;
  for (let k = 1; k < needle.length; k++) if (rarity(k) > rarity(a)) a = k;
  let b = a === 0 ? needle.length - 1 : 0;
  for (let k = 0; k < needle.length; k++) if (k !== a && rarity(k) > rarity(b)) b = k;
  return [a, b];
}

/**
 * What is used of the WebAssembly API, which this project's type libraries (ES2023 and Node's, no
 * DOM) do not declare; Node and Electron's main process both have it.
 */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

let compiled: object | undefined;

export class TextFinder {
  private readonly memory: ArrayBuffer;
  private readonly bytes: Uint8Array;

  /** The needle's anchors (see anchors); the literals' as they are met. */
  private readonly needleAnchors: [number, number];
  private readonly literalAnchors = new Map<Buffer, [number, number]>();

  private constructor(
    private readonly exports: Exports,
    needle: Buffer | undefined,
  ) {
    this.memory = exports.memory.buffer;
    this.bytes = new Uint8Array(this.memory);
    this.needleBytes = needle?.length ?? 0;
    this.needleAnchors = needle ? anchors(needle) : [0, 0];
  }

  /** The needle's length; 0 without one. */
  private readonly needleBytes: number;

  /**
   * A finder for `needle` (lower-cased), or only for literals without one; none when the needle
   * is longer than the module holds, or where WebAssembly (with SIMD) is not to be had (V8 run
   * `--jitless`, say): the search is made in JavaScript then, as before.
   */
  static create(needle?: Buffer): TextFinder | undefined {
    if (needle && (needle.length === 0 || needle.length > MAX_NEEDLE)) return undefined;
    let exports: Exports;
    try {
      compiled ??= new wasm.Module(Buffer.from(TEXT_SCAN_WASM, 'base64'));
      exports = new wasm.Instance(compiled, {}).exports as Exports;
    } catch {
      return undefined;
    }
    if (needle) new Uint8Array(exports.memory.buffer, NEEDLE_AT, needle.length).set(needle);
    return new TextFinder(exports, needle);
  }

  /** Where to read a bucket of `bytes` for the scans; none when it is larger than that. */
  area(bytes: number): Buffer | undefined {
    return bytes <= AREA_BYTES ? Buffer.from(this.memory, AREA_AT, bytes) : undefined;
  }

  /** Whether `bytes` are this finder's area, as `area` gave it. */
  holds(bytes: Buffer): boolean {
    return bytes.buffer === this.memory && bytes.byteOffset === AREA_AT;
  }

  /**
   * The lines of the first `length` bytes of the area that hold the needle: a triple each (its
   * record's index in the bucket, its start, its end), valid until the next call. None without a
   * needle, or when more lines hold it than the module has room for: the caller searches in
   * JavaScript.
   */
  candidates(length: number): Int32Array | undefined {
    if (this.needleBytes === 0) return undefined;
    const rows = this.exports.candidates(length, this.needleBytes, ...this.needleAnchors);
    return rows < 0 ? undefined : new Int32Array(this.memory, ROWS_AT, rows * 3);
  }

  /**
   * Where each line of the first `length` bytes of the area that holds `literal`, as written,
   * starts, in order, once per line; none when the module has no room for them.
   */
  lineStarts(length: number, literal: Buffer): number[] | undefined {
    if (literal.length === 0 || literal.length > MAX_LITERAL) return undefined;
    this.bytes.set(literal, LITERAL_AT);
    let ends = this.literalAnchors.get(literal);
    if (!ends) this.literalAnchors.set(literal, (ends = anchors(literal)));
    const count = this.exports.lineStarts(length, literal.length, ...ends);
    return count < 0 ? undefined : Array.from(new Int32Array(this.memory, STARTS_AT, count));
  }
}
