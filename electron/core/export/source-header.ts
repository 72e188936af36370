/**
 * What a saved log says of itself when it is an export: a bundle by its manifest, a JSON Lines
 * export by its header line (the first; readers skip it as no record). Whether it was redacted:
 * its identifiers are then tokens (`IMEI-1`), whatever the next export is asked to do. And the
 * range it holds, when it is a range's export: the run's start and devices' details it kept from
 * before that range say what its rows need, not when they were (shared `keptFromBefore`), so its
 * overview, and a report or trace made of it again, span the range, not the days before. And
 * what it was made of (its `source`, and the `sources` before it), for an export of it to keep.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { rangeProblem, type ExportRange } from '../../../shared/export-range.js';
import { isExportHeader, journalLineText } from '../journal-reader.js';
import type { SavedLog } from './open-log.js';
import { namedSources } from './source-chain.js';
import { MAX_HEADER_RUNS } from '../../../shared/journal/record.js';

/** A run's name as its folder is named (run-name.ts), or its ID's start alone. */
const RUN_NAME = /^run-(?:\d{8}T\d{9}Z-)?[\w-]{1,6}$/;
/** `2026-01-05T10:00:00.000Z`: how a range's end is written. */
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
/** A header line is a few hundred bytes; a first line longer than this is no header. */
const HEADER_BYTES = 64 * 1024;

export interface SourceHeader {
  /** Its identifiers are tokens already. */
  redacted: boolean;
  /** The range it holds, when it is a range's export; else the whole log. */
  range?: ExportRange;
  /** What it was made of, nearest first (source-chain.ts), when it is an export. */
  sources?: string[];
  /** Of every run of a journal folder: its runs, by name (ExportContext.folderRuns). */
  folderRuns?: string[];
  /** The runs it holds that ended abnormally, by name (ExportContext.abnormalRuns). */
  abnormalRuns?: string[];
}

/** What a header or manifest says that is read here. */
interface Said {
  redacted?: unknown;
  range?: unknown;
  source?: unknown;
  sources?: unknown;
  folderRuns?: unknown;
  endedAbnormally?: unknown;
}

/** What a saved log says of itself, its header read once (an export reads both). */
export function sourceHeader(log: Pick<SavedLog, 'kind' | 'path' | 'manifest'>): SourceHeader {
  const said: Said | undefined =
    log.kind === 'bundle'
      ? log.manifest
      : log.kind === 'journal-file'
        ? headerOf(log.path)
        : undefined;
  const range = rangeOf(said?.range);
  const sources = said && namedSources(said);
  const folderRuns = runNames(said?.folderRuns);
  const abnormalRuns = runNames(said?.endedAbnormally);
  return {
    redacted: said?.redacted === true,
    ...(range ? { range } : {}),
    ...(sources ? { sources } : {}),
    ...(folderRuns ? { folderRuns } : {}),
    ...(abnormalRuns ? { abnormalRuns } : {}),
  };
}

/** Runs' names as a header or manifest lists them; undefined unless each reads as one. */
function runNames(written: unknown): string[] | undefined {
  if (!Array.isArray(written) || written.length === 0 || written.length > MAX_HEADER_RUNS)
    return undefined;
  const names = written.filter((name): name is string => typeof name === 'string');
  return names.length === written.length && names.every((name) => RUN_NAME.test(name))
    ? names
    : undefined;
}

/** The range as a header writes it (ISO 8601 UTC ends); undefined unless it reads as one. */
function rangeOf(written: unknown): ExportRange | undefined {
  if (typeof written !== 'object' || written === null) return undefined;
  const { from, to } = written as { from?: unknown; to?: unknown };
  if (typeof from !== 'string' || typeof to !== 'string') return undefined;
  // Written by rangeIso, as every time in a log: any other form is not believed (Date.parse
  // would read some in the reading machine's zone).
  if (!ISO_UTC.test(from) || !ISO_UTC.test(to)) return undefined;
  const range = { from: Date.parse(from), to: Date.parse(to) };
  return rangeProblem(range) === null ? range : undefined;
}

/** The file's export header, or undefined when its first line is none. */
function headerOf(path: string): Said | undefined {
  const head = Buffer.alloc(HEADER_BYTES);
  let length = 0;
  try {
    const fd = openSync(path, 'r');
    try {
      length = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const end = head.subarray(0, length).indexOf(10);
  if (end < 0) return undefined;
  try {
    const first: unknown = JSON.parse(journalLineText(head, 0, end));
    return isExportHeader(first) ? (first as Said) : undefined;
  } catch {
    return undefined;
  }
}
