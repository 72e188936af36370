/**
 * The sidecar's form on disk (journal-index.ts says what an index is): its shape, and reading a
 * sidecar's text back, believed only when it is valid and of this version.
 *
 * Checked by hand, not with the schema library the IPC contract uses: every search, jump and
 * overview reads every sidecar of the log, and the library took 64 µs a bucket warm (16 ms for
 * a million events' 249 buckets, 29 ms in a fresh process, after 18 ms loading it), most of an
 * indexed search's time at ten million events (2,500 buckets). This is one small format of our
 * own, checked field by field as strictly as the schema did: unknown fields refused, counts
 * whole and not negative, strings bounded. test/node/core/journal-index-format.test.ts holds it
 * to that, field by field.
 */
import { INDEX_FORMAT, INDEX_VERSION, MAX_RECHECK } from './journal-index.js';

/** [min, max], or null where the bucket has no such value. */
type IndexRange = [number, number] | null;

export interface IndexBucket {
  /** Byte offset of the bucket's first line, and the number of lines before it. */
  offset: number;
  line: number;
  /** Bytes of whole lines (newlines included) from `offset`. */
  bytes: number;
  /** Readable records, and non-blank lines (a damaged line is one without a record). */
  records: number;
  lines: number;
  firstSeq: number;
  lastSeq: number;
  /** Wall-clock range, epoch ms (the clock may step back, so min and max, not first and last). */
  time: IndexRange;
  mono: IndexRange;
  outcomes: Record<string, number>;
  kinds: Record<string, number>;
  /** By normalized service ID; `services` in the file index names them. */
  services: Record<string, number>;
  /** By HRESULT as written (0x80070005): what a call returned or a completion carried. */
  hresults: Record<string, number>;
  /** Smallest and largest MBN request ID and request reference number (r12 → 12). */
  requestIds: IndexRange;
  refs: IndexRange;
  /**
   * Records read from format v1 and upgraded: their lines may not hold the words (an outcome)
   * their records have, so a search cannot look for those words in their bytes.
   */
  upgraded: number;
  /** Export header lines: lines without a record that are not damaged (see damagedLines). */
  headers: number;
  /** Errors and the backend unavailable: problems that are no request's outcome. */
  trouble: number;
  /**
   * Set by the journal's writer only (export/line-certificate.ts): the CRC-32 of the bucket's
   * bytes when every line passed the export's redacting check as written, under `lineRules`,
   * but those in `recheck` ([byte offset in the bucket, line index in it], in order).
   */
  copyCrc?: number;
  recheck?: [number, number][];
}

export interface FileIndex {
  format: typeof INDEX_FORMAT;
  version: typeof INDEX_VERSION;
  /** The journal file's name: a sidecar copied beside another file is not believed. */
  file: string;
  /**
   * The file as it was when the index was saved by a reader (journal-index-file.ts); the
   * journal's writer saves none (stampFits says why).
   */
  stamp?: FileStamp;
  buckets: IndexBucket[];
  /** Service names by normalized ID, for a search by name. */
  serviceNames: Record<string, string>;
  /** The check's rules the buckets' `copyCrc` were made under (LINE_RULES). */
  lineRules?: string;
}

/**
 * What an export reads of a sidecar to copy certified buckets (export/certified-read.ts): where
 * each bucket is and its certificate, held to the same rules as in the whole index. The counts
 * are left unread (not refused: the whole index holds them): a bucket's CRC, not its counts, is
 * what lets it be copied.
 */
export type CertifiedBucket = Pick<
  IndexBucket,
  'offset' | 'line' | 'bytes' | 'records' | 'lines' | 'headers' | 'trouble' | 'copyCrc' | 'recheck'
>;
export interface Certificates {
  format: FileIndex['format'];
  version: FileIndex['version'];
  file: string;
  buckets: CertifiedBucket[];
  lineRules?: string;
}

/**
 * A file's size and modification time. The same size with another time is a file rewritten in
 * place (a status's digits changed to reproduce a case): its saved index no longer says what it
 * holds, and a search that skipped buckets by it answered 0 matches for what the file now held.
 */
export interface FileStamp {
  bytes: number;
  mtimeMs: number;
}

/** Parses a sidecar's text; undefined when it is not a valid index of this version. */
export function parseFileIndex(text: string, fileName: string): FileIndex | undefined {
  return parseWith(isFileIndex, text, fileName);
}

/** A sidecar's buckets and certificates alone (see Certificates); undefined as parseFileIndex. */
export function parseCertificates(text: string, fileName: string): Certificates | undefined {
  return parseWith(isCertificates, text, fileName);
}

function parseWith<T extends Certificates>(
  valid: (value: unknown) => value is T,
  text: string,
  fileName: string,
): T | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!valid(value) || value.file !== fileName) return undefined;
  let at = 0;
  for (const bucket of value.buckets) {
    if (
      bucket.offset !== at ||
      bucket.bytes === 0 ||
      bucket.records + bucket.headers > bucket.lines ||
      bucket.trouble > bucket.records
    )
      return undefined;
    at += bucket.bytes;
  }
  return value;
}

type Fields = Record<string, unknown>;

const MAX_BUCKETS = 1_000_000;
/**
 * Each field a bucket and an index may hold, as a record of their keys: a field added to either
 * interface and not here fails to compile, so the check can never refuse what the writer writes.
 */
const BUCKET_FIELDS: Readonly<Record<keyof IndexBucket, true>> = {
  offset: true,
  line: true,
  bytes: true,
  records: true,
  lines: true,
  firstSeq: true,
  lastSeq: true,
  time: true,
  mono: true,
  outcomes: true,
  kinds: true,
  services: true,
  hresults: true,
  requestIds: true,
  refs: true,
  upgraded: true,
  headers: true,
  trouble: true,
  copyCrc: true,
  recheck: true,
};
const INDEX_FIELDS: Readonly<Record<keyof FileIndex, true>> = {
  format: true,
  version: true,
  file: true,
  buckets: true,
  serviceNames: true,
  lineRules: true,
  stamp: true,
};

function isFileIndex(value: unknown): value is FileIndex {
  return (
    isHeader(value) &&
    onlyFields(value, INDEX_FIELDS) &&
    (value.stamp === undefined || isStamp(value.stamp)) &&
    isRecordOf(value.serviceNames, (name) => isText(name, 500)) &&
    isListOf(value.buckets, MAX_BUCKETS, isBucket)
  );
}

function isCertificates(value: unknown): value is Certificates {
  return isHeader(value) && isListOf(value.buckets, MAX_BUCKETS, isCertified);
}

/** The fields both readings hold to the same rules. */
function isHeader(value: unknown): value is Fields {
  return (
    isFields(value) &&
    value.format === INDEX_FORMAT &&
    value.version === INDEX_VERSION &&
    isText(value.file, 255) &&
    (value.lineRules === undefined || isText(value.lineRules, 64))
  );
}

function isBucket(value: unknown): boolean {
  return (
    isCertified(value) &&
    onlyFields(value, BUCKET_FIELDS) &&
    Number.isSafeInteger(value.firstSeq) &&
    Number.isSafeInteger(value.lastSeq) &&
    isRange(value.time) &&
    isRange(value.mono) &&
    isCounts(value.outcomes) &&
    isCounts(value.kinds) &&
    isCounts(value.services) &&
    isCounts(value.hresults) &&
    isRange(value.requestIds) &&
    isRange(value.refs) &&
    isCount(value.upgraded)
  );
}

function isCertified(value: unknown): value is Fields {
  return (
    isFields(value) &&
    isCount(value.offset) &&
    isCount(value.line) &&
    isCount(value.bytes) &&
    isCount(value.records) &&
    isCount(value.lines) &&
    isCount(value.headers) &&
    isCount(value.trouble) &&
    (value.copyCrc === undefined || (isCount(value.copyCrc) && value.copyCrc <= 0xffffffff)) &&
    (value.recheck === undefined || isListOf(value.recheck, MAX_RECHECK, isCountPair))
  );
}

function isStamp(value: unknown): boolean {
  return (
    isFields(value) &&
    onlyFields(value, { bytes: true, mtimeMs: true }) &&
    isCount(value.bytes) &&
    typeof value.mtimeMs === 'number' &&
    Number.isFinite(value.mtimeMs)
  );
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyFields(value: Fields, allowed: Readonly<Record<string, true>>): boolean {
  for (const key in value) if (!Object.hasOwn(allowed, key)) return false;
  return true;
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

function isRange(value: unknown): boolean {
  return (
    value === null ||
    (Array.isArray(value) &&
      value.length === 2 &&
      Number.isFinite(value[0]) &&
      Number.isFinite(value[1]))
  );
}

function isCountPair(value: unknown): boolean {
  return Array.isArray(value) && value.length === 2 && isCount(value[0]) && isCount(value[1]);
}

function isCounts(value: unknown): boolean {
  return isRecordOf(value, isCount);
}

/** An object whose keys are at most 200 characters and whose values each pass `valid`. */
function isRecordOf(value: unknown, valid: (item: unknown) => boolean): boolean {
  if (!isFields(value)) return false;
  for (const key in value) if (key.length > 200 || !valid(value[key])) return false;
  return true;
}

function isListOf(value: unknown, max: number, valid: (item: unknown) => boolean): boolean {
  return Array.isArray(value) && value.length <= max && value.every(valid);
}
