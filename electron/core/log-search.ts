/**
 * Search across a whole log, not only the rows in memory: by outcome, kind, service, HRESULT,
 * request reference, MBN request ID and free text, all of which must hold. Hits stream out bucket
 * by bucket with a running count; progress is in bytes; an AbortSignal stops it between buckets.
 *
 * The index does the heavy lifting: a bucket whose counts say it holds no record of that outcome,
 * service or HRESULT (or whose request-ID range misses) is not read at all. A bucket that is read
 * is first searched for the query's rarest literal bytes, and only the lines that hold them are
 * parsed. A file without an index (or with new lines after it) is scanned once, which builds and
 * saves its index, and the same pass is searched.
 *
 * Free text matches the record's line as written (every field, names included: `E_ACCESSDENIED`,
 * a service's name, a message), case-insensitively. Kinds this build does not know are matched
 * by their text and their common fields; nothing here switches on every kind.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { normalizeServiceId } from '../../shared/model.js';
import type { JournalRecord } from '../../shared/journal/record.js';
import { recordOutcome, type RecordOutcome } from '../../shared/request/story.js';
import {
  coversFile,
  extendIndex,
  fullBuckets,
  parseJournalLine,
  readSidecar,
  saveIndex,
} from './journal-index-file.js';
import {
  emptyFileIndex,
  recordHresult,
  refNumber,
  serviceName,
  type IndexBucket,
} from './journal-index.js';
import { cachedIndex, rememberIndex } from './file-index-cache.js';
import { IndexBuilds } from './index-builds.js';
import { extendIndexSplit } from './index-split.js';
import { logFiles } from './indexed-log.js';
import { readRunStart } from './journal-reader.js';
import { runEnd } from './journal-files.js';

export interface SearchQuery {
  outcomes?: readonly RecordOutcome[];
  kinds?: readonly string[];
  /** A service's name (any part, any case) or ID (a beginning, braces optional). */
  service?: string;
  /** An HRESULT as hex, `0x80070005` or `80070005`. */
  hresult?: string;
  /** A request reference, `r12`. */
  ref?: string;
  /** An MBN request ID. */
  requestId?: number;
  text?: string;
}

export interface SearchHit {
  /** The record's number as the log shows it: its seq (live log) or position + 1 (saved log). */
  row: number;
  record: JournalRecord;
}

interface SearchProgress {
  /** Bytes dealt with (read, or skipped thanks to the index) of the log's total. */
  doneBytes: number;
  totalBytes: number;
  matches: number;
  bucketsRead: number;
  bucketsSkipped: number;
}

export interface SearchOptions {
  /** How hits are numbered: by seq (the live log) or by position (a saved log's rows). */
  numbering: 'seq' | 'position';
  signal?: AbortSignal;
  onHits?: (hits: SearchHit[], progress: SearchProgress) => void;
  onProgress?: (progress: SearchProgress) => void;
  /** Hits handed out at most (the count goes on); default 10,000. */
  maxHits?: number;
  /** Save indexes built on the way (not for a run another process writes). */
  save?: boolean;
}

/** The query, compiled once: normalized values and the byte strings a matching line must hold. */
interface Compiled {
  query: SearchQuery;
  outcomes: ReadonlySet<string> | null;
  kinds: ReadonlySet<string> | null;
  service: string | null;
  serviceIdPrefix: string | null;
  hresult: string | null;
  ref: string | null;
  refNo: number | null;
  requestId: number | null;
  /** Lower-cased, as bytes of the lower-cased line (see lowerBytes). */
  text: Buffer | null;
  /** A literal every matching line holds, to find candidate lines without parsing the rest. */
  literals: Buffer[];
  /**
   * For a single outcome: its word as a JSON string (`"failed"`), which every matching line
   * written in the current format holds; not for lines upgraded from v1.
   */
  outcomeLiteral: Buffer | null;
  /**
   * The HRESULT as a JSON string (`"0x80070005"`), which every matching line written in the
   * current format holds once lower-cased: a record matches only when its code, lower-cased, is
   * exactly this (recordHresult), so short or unpadded spellings never match either way.
   */
  hresultLiteral: Buffer | null;
}

export class SearchQueryError extends Error {}

function compileQuery(query: SearchQuery): Compiled {
  const hresult = query.hresult?.trim() ? normalizeHresult(query.hresult) : null;
  const ref = query.ref?.trim() ? query.ref.trim().toLowerCase() : null;
  const refNo = ref === null ? null : refNumber(ref);
  if (ref !== null && refNo === null)
    throw new SearchQueryError(`"${ref}" is not a request reference such as r12.`);
  const service = query.service?.trim().toLowerCase() ?? '';
  const text = query.text?.trim() ?? '';
  const literals: Buffer[] = [];
  if (ref !== null) literals.push(Buffer.from(`"${ref}"`));
  const lowerText = text === '' ? null : lowerBytes(Buffer.from(text.toLowerCase(), 'utf8'));
  return {
    query,
    outcomes: query.outcomes?.length ? new Set(query.outcomes) : null,
    kinds: query.kinds?.length ? new Set(query.kinds) : null,
    service: service === '' ? null : service,
    serviceIdPrefix: service === '' ? null : normalizeServiceId(service).replace(/[{}]/g, ''),
    hresult,
    ref,
    refNo,
    requestId: query.requestId ?? null,
    text: lowerText,
    literals,
    outcomeLiteral:
      query.outcomes?.length === 1 && query.outcomes[0] !== 'unmatched'
        ? Buffer.from(`"${query.outcomes[0]}"`)
        : null,
    hresultLiteral: hresult === null ? null : Buffer.from(`"${hresult}"`),
  };
}

function normalizeHresult(text: string): string {
  const digits = text.trim().toLowerCase().replace(/^0x/, '');
  if (!/^[0-9a-f]{1,8}$/.test(digits))
    throw new SearchQueryError(`"${text.slice(0, 40)}" is not an HRESULT such as 0x80070005.`);
  return `0x${digits.padStart(8, '0')}`;
}

/** ASCII lower-casing of raw bytes, byte for byte: offsets stay exact whatever the encoding. */
function lowerBytes(buf: Buffer): Buffer {
  const out = Buffer.allocUnsafe(buf.length);
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i] ?? 0;
    out[i] = b >= 65 && b <= 90 ? b + 32 : b;
  }
  return out;
}

/**
 * Lower-cased for finding an ASCII needle, natively: each byte read as a Latin-1 character, which
 * lower-casing keeps one byte long and non-ASCII if it was, so offsets stay exact and an ASCII
 * match is neither made nor lost. Not for free text (see lowerBytes): the query's own bytes are
 * lowered as ASCII only. A JavaScript loop over a 1 MB bucket cost more than the search.
 */
function lowerForAscii(buf: Buffer): Buffer {
  return Buffer.from(buf.toString('latin1').toLowerCase(), 'latin1');
}

/** Whether a bucket can hold a match, from its counts alone. */
function bucketMayMatch(
  bucket: IndexBucket,
  c: Compiled,
  serviceNames: Readonly<Record<string, string>>,
): boolean {
  if (bucket.records === 0) return false;
  if (c.outcomes && ![...c.outcomes].some((o) => (bucket.outcomes[o] ?? 0) > 0)) return false;
  if (c.kinds && ![...c.kinds].some((k) => (bucket.kinds[k] ?? 0) > 0)) return false;
  if (c.hresult !== null && (bucket.hresults[c.hresult] ?? 0) === 0) return false;
  if (c.requestId !== null && !inRange(bucket.requestIds, c.requestId)) return false;
  if (c.refNo !== null && !inRange(bucket.refs, c.refNo)) return false;
  if (c.service !== null) {
    const any = Object.keys(bucket.services).some((id) =>
      serviceMatches(c, id, serviceName(serviceNames, id) ?? ''),
    );
    if (!any) return false;
  }
  return true;
}

function inRange(range: [number, number] | null, value: number): boolean {
  return range !== null && value >= range[0] && value <= range[1];
}

function serviceMatches(c: Compiled, id: string, name: string): boolean {
  if (c.service === null) return true;
  return (
    name.toLowerCase().includes(c.service) ||
    (c.serviceIdPrefix !== null &&
      c.serviceIdPrefix !== '' &&
      id.replace(/[{}]/g, '').startsWith(c.serviceIdPrefix))
  );
}

/** The exact test, on a parsed record; `line` (lower-cased bytes) for free text. */
function recordMatches(record: JournalRecord, c: Compiled, lowerLine: Buffer | null): boolean {
  const fields = record as unknown as Partial<Record<string, unknown>>;
  if (c.kinds && !c.kinds.has(record.kind)) return false;
  if (c.outcomes) {
    const outcome = recordOutcome(record);
    if (outcome === null || !c.outcomes.has(outcome)) return false;
  }
  if (c.hresult !== null && recordHresult(record) !== c.hresult) return false;
  if (c.ref !== null && (typeof fields.ref !== 'string' || fields.ref.toLowerCase() !== c.ref))
    return false;
  if (c.requestId !== null && fields.requestId !== c.requestId) return false;
  if (c.service !== null) {
    if (typeof fields.serviceId !== 'string') return false;
    const name = typeof fields.serviceName === 'string' ? fields.serviceName : '';
    if (!serviceMatches(c, normalizeServiceId(fields.serviceId), name)) return false;
  }
  if (c.text !== null) {
    const haystack = lowerLine ?? lowerBytes(Buffer.from(JSON.stringify(record), 'utf8'));
    if (!haystack.includes(c.text)) return false;
  }
  return true;
}

export interface SearchSummary extends SearchProgress {
  /** Hits handed out (at most maxHits); `matches` is how many there are in all. */
  delivered: number;
  /** Indexes that had to be built or extended on the way (files). */
  indexed: number;
}

const YIELD_EVERY_BUCKETS = 8;

/** Searches the log at `path` (journal folder or JSON Lines file). */
export async function searchLog(
  path: string,
  query: SearchQuery,
  options: SearchOptions,
): Promise<SearchSummary> {
  const c = compileQuery(query);
  const { files, runDir } = await logFiles(path);
  const save = (options.save ?? true) && (runDir === undefined || runEnd(runDir) !== 'live');
  const stats = await Promise.all(files.map((f) => stat(f)));
  const sizes = stats.map((s) => s.size);
  const progress: SearchProgress = {
    doneBytes: 0,
    totalBytes: sizes.reduce((a, b) => a + b, 0),
    matches: 0,
    bucketsRead: 0,
    bucketsSkipped: 0,
  };
  const maxHits = options.maxHits ?? 10_000;
  let delivered = 0;
  let indexed = 0;
  let pending: SearchHit[] = [];
  const hit = (record: JournalRecord, position: number): void => {
    progress.matches += 1;
    if (delivered >= maxHits) return;
    delivered += 1;
    pending.push({ row: options.numbering === 'seq' ? record.seq : position + 1, record });
  };
  const emit = (): void => {
    if (pending.length > 0) options.onHits?.(pending, { ...progress });
    else options.onProgress?.({ ...progress });
    pending = [];
  };

  let position = 0;
  // A rotated run begins with its run-start from run.json, as the saved log shows it.
  const runStart = runDir ? readRunStart(runDir) : undefined;
  let prefixChecked = runStart === undefined;

  // What each file's index says already, and what it still needs built (on both cores, below).
  const known = await Promise.all(
    files.map(async (file, i) => {
      const stamp = stats[i];
      const cached = stamp ? cachedIndex(file, stamp) : undefined;
      const saved = cached ?? (await readSidecar(file));
      const complete =
        cached !== undefined || (saved !== undefined && (await coversFile(file, saved)));
      if (complete && saved && stamp && !cached) rememberIndex(file, stamp, saved);
      const searchable = saved ? (complete ? saved.buckets : fullBuckets(saved)) : [];
      // The extension keeps the same buckets (it drops a short last one itself): handed
      // `searchable`, it dropped a short one before it too (where a two-core build's halves met),
      // and the buckets already searched were searched again.
      const base = saved ?? emptyFileIndex(basename(file));
      return { saved, searchable, job: complete ? undefined : { file, base } };
    }),
  );
  const builds = new IndexBuilds(
    known.map((k) => k.job),
    options.signal,
  );
  // Files share the two cores among themselves; one file to build shares its own halves.
  const build = known.filter((k) => k.job).length === 1 ? extendIndexSplit : extendIndex;
  try {
    for (const [i, file] of files.entries()) {
      const size = sizes[i] ?? 0;
      const partStart = progress.doneBytes;
      const stamp = stats[i];
      const { saved, searchable, job } = known[i] ?? { searchable: [] };
      if (!prefixChecked) {
        prefixChecked = true;
        const first = searchable[0] ?? saved?.buckets[0];
        if (runStart && needsPrefix(runStart, first, await firstRecord(file))) {
          if (recordMatches(runStart, c, null)) hit(runStart, position);
          position += 1;
        }
      }
      const handle = await open(file, 'r');
      try {
        let sinceYield = 0;
        let searched = 0;
        /** The bucket before the next one, in this file (see searchBucket's `before`). */
        let before: IndexBucket | undefined;
        /** Searches buckets in order (those the counts cannot rule out are read). */
        const searchBuckets = async (
          buckets: readonly IndexBucket[],
          serviceNames: Readonly<Record<string, string>>,
        ) => {
          for (const bucket of buckets) {
            options.signal?.throwIfAborted();
            if (bucketMayMatch(bucket, c, serviceNames)) {
              progress.bucketsRead += 1;
              await searchBucket(handle, bucket, c, position, hit, before);
            } else progress.bucketsSkipped += 1;
            before = bucket;
            searched += 1;
            position += bucket.records;
            progress.doneBytes = partStart + bucket.offset + bucket.bytes;
            if (pending.length > 0 || ++sinceYield >= YIELD_EVERY_BUCKETS) {
              sinceYield = 0;
              emit();
            }
          }
        };
        await searchBuckets(searchable, saved?.serviceNames ?? {});
        if (job) {
          // No index, or lines after it: built once (here, each bucket searched as soon as it is
          // indexed, its bytes still in the page cache; or by the helper thread, ahead).
          indexed += 1;
          const index = await builds.index(i, (here) =>
            build(file, here.base, { signal: options.signal, onBuckets: searchBuckets }),
          );
          await searchBuckets(index.buckets.slice(searched), index.serviceNames);
          if (save) await saveIndex(file, index);
          if (stamp) rememberIndex(file, stamp, index);
        }
      } finally {
        await handle.close();
      }
      progress.doneBytes = partStart + size;
      emit();
    }
  } finally {
    builds.close();
  }
  emit();
  return { ...progress, delivered, indexed };
}

function needsPrefix(
  runStart: JournalRecord,
  firstBucket: IndexBucket | undefined,
  first: JournalRecord | undefined,
): boolean {
  if (first) return first.kind !== 'run-start' && first.seq > runStart.seq;
  if (firstBucket)
    return firstBucket.kinds['run-start'] === undefined && firstBucket.firstSeq > runStart.seq;
  return false;
}

async function firstRecord(file: string): Promise<JournalRecord | undefined> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const nl = buf.subarray(0, bytesRead).indexOf(10);
    const parsed = parseJournalLine(buf, 0, nl === -1 ? bytesRead : nl, {});
    return parsed?.record ?? undefined;
  } finally {
    await handle.close();
  }
}

/**
 * Searches one bucket read whole. A clean bucket (every line a record) skips straight to the
 * lines holding the query's literal and counts the rest without parsing them; a bucket with a
 * damaged line is parsed line by line, so positions stay exact.
 */
async function searchBucket(
  handle: FileHandle,
  bucket: IndexBucket,
  c: Compiled,
  firstPosition: number,
  hit: (record: JournalRecord, position: number) => void,
  /** The bucket before this one in its file, if any. */
  before: IndexBucket | undefined,
): Promise<void> {
  const bytes = await bucketBytes(handle, bucket);
  // An HRESULT is looked for in the lower-cased bytes (a log may write it in either case); like
  // the outcome's word, not in lines upgraded from v1.
  const hresultDriver =
    c.text === null && c.literals.length === 0 && bucket.upgraded === 0 ? c.hresultLiteral : null;
  const lower = c.text ? lowerBytes(bytes) : hresultDriver ? lowerForAscii(bytes) : null;
  const driver =
    c.text ??
    c.literals[0] ??
    hresultDriver ??
    (bucket.upgraded === 0 ? c.outcomeLiteral : null) ??
    null;
  const driverIn = c.text || hresultDriver ? lower : bytes;
  if (driver && driverIn && !driverIn.includes(driver)) return;
  const state = {};
  // A v1 call that threw takes its service from its request, written just before it: when that
  // request is the last of the bucket before, its lines are read first (as IndexedLog.recordsAfter
  // starts a bucket early), or the call's hit came back without its service.
  if (bucket.upgraded > 0 && before) {
    const earlier = await bucketBytes(handle, before);
    forEachLine(earlier, (at, nl) => parseJournalLine(earlier, at, nl, state));
  }
  const clean = bucket.records === bucket.lines;
  let position = firstPosition;
  let nextLiteral = driver && driverIn && clean ? driverIn.indexOf(driver) : 0;
  let at = 0;
  while (at < bytes.length) {
    let nl = bytes.indexOf(10, at);
    if (nl === -1) nl = bytes.length;
    if (nextLiteral === -1 && clean) break;
    if (clean && nextLiteral >= nl) {
      // No candidate on this line: count it (a blank line is not a record) and go on.
      if (!isBlank(bytes, at, nl)) position += 1;
      at = nl + 1;
      continue;
    }
    const parsed = parseJournalLine(bytes, at, nl, state);
    if (parsed?.record) {
      if (recordMatches(parsed.record, c, lower ? lower.subarray(at, nl) : null))
        hit(parsed.record, position);
      position += 1;
    }
    at = nl + 1;
    if (clean && driver && driverIn && nextLiteral < at) nextLiteral = driverIn.indexOf(driver, at);
  }
}

async function bucketBytes(handle: FileHandle, bucket: IndexBucket): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(bucket.bytes);
  const { bytesRead } = await handle.read(buf, 0, bucket.bytes, bucket.offset);
  return buf.subarray(0, bytesRead);
}

function forEachLine(bytes: Buffer, line: (from: number, to: number) => void): void {
  for (let at = 0; at < bytes.length;) {
    let nl = bytes.indexOf(10, at);
    if (nl === -1) nl = bytes.length;
    line(at, nl);
    at = nl + 1;
  }
}

function isBlank(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const b = buf[i];
    if (b !== 32 && b !== 9 && b !== 13) return false;
  }
  return true;
}
