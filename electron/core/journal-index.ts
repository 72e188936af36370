/**
 * The journal index: for each journal file, a small sidecar (`journal-000001.jsonl.mbnidx`) that
 * cuts the file into buckets of about BUCKET_RECORDS records and keeps, per bucket, where it
 * starts (byte offset and line), its seq, time and mono ranges, and how many of its records have
 * each outcome, kind, service and HRESULT. Jumping to a time or to the end reads one bucket, not
 * the file from its start; a search skips every bucket whose counts say it cannot match; an
 * overview of a whole week draws from the counts, reading again only the few buckets the counts
 * cannot place (one spread over an idle night or a clock jump: ../core/log-overview.ts).
 *
 * The sidecar is a cache, never the truth: it is versioned, checked on read (schema, contiguous
 * buckets, a spot check of its first and last bucket against the file), and anything wrong with
 * it (missing, stale, damaged, another version) means it is rebuilt from the file.
 */
import { normalizeServiceId } from '../../shared/model.js';
import { isTroubleRecord, type JournalRecord } from '../../shared/journal/record.js';
import type { FileIndex, IndexBucket } from './journal-index-format.js';
import { PROBLEM_RECORD_OUTCOMES, kindOutcome, recordOutcome } from '../../shared/request/story.js';
import { REQUEST_OUTCOMES } from '../../shared/request/outcome.js';
import { KeyCounts } from './key-counts.js';

export const INDEX_FORMAT = 'mbn-diag-journal-index';
/**
 * 2: buckets count export headers apart from damaged lines (a search says how many it could not
 * read). 3: buckets count trouble (errors, the backend unavailable), which "Any problem" finds.
 * 4: the file's size and modification time when saved (`stamp`), so an edit in place is seen.
 */
export const INDEX_VERSION = 4;
export const INDEX_SUFFIX = '.mbnidx';
/** A bucket's size: ~1.2 MB of journal, read in one go when a search cannot skip it. */
export const BUCKET_RECORDS = 4096;
/**
 * Lines of a bucket certified for exports that the check did not pass as they are (an identifier
 * in an error's text, a device's ID), which the export checks again: at most this many a bucket,
 * else the bucket is not certified (export/line-certificate.ts). Everyday lines pass; these are a
 * log's rare ones.
 */
export const MAX_RECHECK = 32;

export type { FileIndex, IndexBucket } from './journal-index-format.js';

/** The bucket's lines no reader could take a record from: damaged, cut short, far too long. */
export function damagedLines(bucket: IndexBucket): number {
  return bucket.lines - bucket.records - bucket.headers;
}

/**
 * The bucket's problems, as isProblemRecord counts them: its problem outcomes and its trouble.
 * What "Any problem" skips a bucket by, and the overview's problem band draws.
 */
export function problemsIn(bucket: IndexBucket): number {
  let n = bucket.trouble;
  for (const outcome of PROBLEM_RECORD_OUTCOMES) n += bucket.outcomes[outcome] ?? 0;
  return n;
}

/** Bytes of the file the index covers (from its start); what lies beyond is read as a tail. */
export function coveredBytes(index: FileIndex): number {
  const last = index.buckets[index.buckets.length - 1];
  return last ? last.offset + last.bytes : 0;
}

export function emptyFileIndex(fileName: string): FileIndex {
  return {
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    file: fileName,
    buckets: [],
    serviceNames: {},
  };
}

/**
 * What an index keeps of one record. `outcome` is recordOutcome's answer; `hresult` the code as
 * written (recordHresult before lower-casing); `ref` the reference's number (refNumber).
 */
export interface IndexFields {
  seq: number;
  time: string;
  /** `time` as epoch ms where a reader has it so (the line reader); NaN: read `time`. */
  timeMs: number;
  mono: number;
  kind: string;
  outcome: string | null;
  serviceId: string | null;
  serviceName: string | null;
  hresult: string | null;
  requestId: number | null;
  ref: number | null;
  /** An error, or the backend unavailable (shared isTroubleRecord): a problem with no outcome. */
  trouble: boolean;
}

export function emptyIndexFields(): IndexFields {
  return {
    seq: 0,
    time: '',
    timeMs: Number.NaN,
    mono: 0,
    kind: '',
    outcome: null,
    serviceId: null,
    serviceName: null,
    hresult: null,
    requestId: null,
    ref: null,
    trouble: false,
  };
}

/**
 * A record the line reader (line-scan.ts) took, as BucketBuilder.addScanned reads it: its values,
 * and its reader's numbers for the kind, service ID, name and HRESULT (−1 for none; an outcome is
 * its index in REQUEST_OUTCOMES).
 */
export interface ScannedRow {
  readonly kind: number;
  readonly seq: number;
  readonly timeMs: number;
  readonly mono: number;
  readonly outcome: number;
  readonly serviceIdNo: number;
  readonly serviceNameNo: number;
  readonly hresultNo: number;
  readonly statusNo: number;
  readonly serviceId: string | null;
  readonly serviceName: string | null;
  readonly hresult: string | null;
  readonly status: string | null;
  readonly requestId: number | null;
  readonly ref: number | null;
}

/**
 * A run of rows the line reader took, added up (LineScan.tally, wasm/tally.ts): each table's
 * numbers as [number, count] pairs in the order first met, the reader's numbers as ScannedRow has
 * them, and the services whose name changed as [service, name] pairs, in order.
 */
export interface TalliedRows {
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly time: readonly [number, number];
  readonly mono: readonly [number, number];
  readonly ref: readonly [number, number] | null;
  readonly requestId: readonly [number, number] | null;
  readonly kinds: readonly number[];
  readonly outcomes: readonly number[];
  readonly services: readonly number[];
  readonly hresults: readonly number[];
  readonly renames: readonly number[];
}

/** What a TalliedRows' numbers stand for (the reader that numbered them says). */
export interface TallyNames {
  kindOf(no: number): string;
  /** The outcome the index counts (kindOutcome's: "unmatched" for a completion with none). */
  outcomeOf(no: number): string;
  serviceIdOf(no: number): string | null;
  serviceNameOf(no: number): string | null;
  hresultOf(no: number): string | null;
}

/** Filled by `add` for every record (one object reused: this runs for every record written). */
const scratch = emptyIndexFields();

/** A bucket being filled, record by record, by the live writer or a build from the file. */
export class BucketBuilder {
  records = 0;
  lines = 0;
  private firstSeq = 0;
  private lastSeq = 0;
  /** Earliest and latest `time` as written, while every one is canonical ISO UTC (see add). */
  private minTime = '';
  private maxTime = '';
  /** Earliest and latest times read as epoch ms (IndexFields.timeMs). */
  private minMs = Infinity;
  private maxMs = -Infinity;
  /** Times in any other form, as epoch ms. */
  private otherTime: [number, number] | null = null;
  private mono: [number, number] | null = null;
  // Maps, not objects: counting by keys only known at run time is the hot path here.
  private readonly outcomes: Counts = new Map();
  private readonly kinds: Counts = new Map();
  private readonly services: Counts = new Map();
  private readonly hresults: Counts = new Map();
  private requestIds: [number, number] | null = null;
  private refs: [number, number] | null = null;
  private upgraded = 0;
  private headers = 0;
  private trouble = 0;
  /** The name each service went by in its latest record (see nameService). */
  private readonly lastNamed = new Map<string, string>();
  /** Counts of the records the line reader took, by its numbers, until they join the maps. */
  private byNumber: ScannedCounts | undefined;

  constructor(private serviceNames: Record<string, string>) {}

  /** Names the services it meets into this table (a file's), from now on and already met. */
  adoptServiceNames(table: Record<string, string>): void {
    for (const [id, name] of Object.entries(this.serviceNames))
      if (serviceName(table, id) === undefined) setOwn(table, id, name);
    this.serviceNames = table;
    this.lastNamed.clear();
    if (this.byNumber) this.byNumber.lastName.length = 0;
  }

  /**
   * Every name a service went by in this file, one per line (a service is named "Vendor service"
   * until it is listed, then by its listing): a search by name must find it under any of them.
   * Capped, as the sidecar's schema caps it.
   */
  private nameService(id: string, name: string): void {
    // Nearly every record repeats the name the previous one of its service had: checked first,
    // without splitting the names met so far (that split cost more than the rest of add).
    if (this.lastNamed.get(id) === name) return;
    this.lastNamed.set(id, name);
    const known = serviceName(this.serviceNames, id);
    if (known === undefined) {
      setOwn(this.serviceNames, id, name.slice(0, 500));
      return;
    }
    if (known.split('\n').includes(name)) return;
    const joined = `${known}\n${name}`;
    if (joined.length <= 500) setOwn(this.serviceNames, id, joined);
  }

  /**
   * Adds one record (called for every record the journal writes: kept to a few comparisons and
   * map updates). Reads fields generically, so a kind this build does not know is counted too.
   */
  add(record: JournalRecord, upgraded = false): void {
    const fields = record as unknown as Partial<Record<string, unknown>>;
    const f = scratch;
    f.seq = record.seq;
    f.time = record.time;
    f.mono = record.mono;
    f.kind = record.kind;
    f.outcome = recordOutcome(record);
    f.serviceId = typeof fields.serviceId === 'string' ? fields.serviceId : null;
    f.serviceName = typeof fields.serviceName === 'string' ? fields.serviceName : null;
    f.hresult = rawHresult(record);
    f.requestId = typeof fields.requestId === 'number' ? fields.requestId : null;
    f.ref = refNumber(fields.ref);
    f.trouble = isTroubleRecord(record);
    this.addFields(f, upgraded);
  }

  /**
   * Adds one record by the few fields an index keeps: what `add` reads from a parsed record, or
   * what the line reader (journal-index-line.ts) reads straight from a line's bytes.
   */
  addFields(f: Readonly<IndexFields>, upgraded = false): void {
    // Counts by number first, so every map keeps its keys in the order the records met them.
    if (this.byNumber) this.drainNumbers(this.byNumber);
    if (upgraded) this.upgraded += 1;
    if (this.records === 0) this.firstSeq = f.seq;
    this.records += 1;
    this.lines += 1;
    this.lastSeq = f.seq;
    const time = f.time;
    const ms = f.timeMs;
    if (ms === ms) {
      if (ms < this.minMs) this.minMs = ms;
      if (ms > this.maxMs) this.maxMs = ms;
    }
    // ISO 8601 UTC with milliseconds (what the journal writes) sorts as text: no parsing here.
    else if (time.length === 24 && time.charCodeAt(23) === 90 /* Z */) {
      if (this.minTime === '' || time < this.minTime) this.minTime = time;
      if (time > this.maxTime) this.maxTime = time;
    } else {
      const ms = Date.parse(time);
      if (!Number.isNaN(ms)) this.otherTime = widen(this.otherTime, ms);
    }
    this.mono = widen(this.mono, f.mono);
    bump(this.kinds, f.kind);
    if (f.outcome !== null) bump(this.outcomes, f.outcome);
    if (f.serviceId !== null) {
      const id = serviceKey(f.serviceId);
      bump(this.services, id);
      if (f.serviceName !== null) this.nameService(id, f.serviceName);
    }
    if (f.hresult !== null) bump(this.hresults, hresultKey(f.hresult));
    if (f.requestId !== null) this.requestIds = widen(this.requestIds, f.requestId);
    if (f.ref !== null) this.refs = widen(this.refs, f.ref);
    if (f.trouble) this.trouble += 1;
  }

  /**
   * Adds the record of the row the line reader points at (LineScan.row), of kind `kind`: what
   * `addFields` adds of the fields journal-index-line.ts fills from it, counted by the reader's
   * numbers (key-counts.ts). Never a trouble record, never upgraded: the reader takes neither.
   */
  addScanned(scan: ScannedRow, kind: string): void {
    const c = (this.byNumber ??= new ScannedCounts());
    const seq = scan.seq;
    if (this.records === 0) this.firstSeq = seq;
    this.records += 1;
    this.lines += 1;
    this.lastSeq = seq;
    const ms = scan.timeMs;
    if (ms < this.minMs) this.minMs = ms;
    if (ms > this.maxMs) this.maxMs = ms;
    this.mono = widen(this.mono, scan.mono);
    if (c.kinds.add(scan.kind)) c.kinds.name(kind);
    const outcomeNo = scan.outcome;
    const outcome = kindOutcome(kind, REQUEST_OUTCOMES[outcomeNo] ?? null);
    // Numbered as the reader numbers outcomes; "unmatched", which it never reads, after them.
    if (outcome !== null && c.outcomes.add(outcomeNo >= 0 ? outcomeNo : REQUEST_OUTCOMES.length))
      c.outcomes.name(outcome);
    const service = scan.serviceIdNo;
    if (service >= 0) {
      if (c.services.add(service)) c.services.name(serviceKey(scan.serviceId ?? ''));
      const name = scan.serviceNameNo;
      // Named again only when its name changed (nameService keeps each name once).
      if (name >= 0 && c.lastName[service] !== name) {
        c.lastName[service] = name;
        this.nameService(serviceKey(scan.serviceId ?? ''), scan.serviceName ?? '');
      }
    }
    const field = hresultField(kind);
    const hresult = field === 'hresult' ? scan.hresultNo : field === 'status' ? scan.statusNo : -1;
    if (field && hresult >= 0 && c.hresults.add(hresult))
      c.hresults.name(hresultKey(scan[field] ?? ''));
    const requestId = scan.requestId;
    if (requestId !== null) this.requestIds = widen(this.requestIds, requestId);
    const ref = scan.ref;
    if (ref !== null) this.refs = widen(this.refs, ref);
  }

  /**
   * Adds `rows` records the line reader took, as `t` adds them up: what addScanned adds of each,
   * in one go (a row at a time, that was a third of an index's build). Never trouble, never
   * upgraded.
   */
  addTally(t: TalliedRows, rows: number, names: TallyNames): void {
    if (rows <= 0) return;
    const c = (this.byNumber ??= new ScannedCounts());
    if (this.records === 0) this.firstSeq = t.firstSeq;
    this.records += rows;
    this.lines += rows;
    this.lastSeq = t.lastSeq;
    if (t.time[0] < this.minMs) this.minMs = t.time[0];
    if (t.time[1] > this.maxMs) this.maxMs = t.time[1];
    this.mono = widenBoth(this.mono, t.mono);
    countPairs(t.kinds, c.kinds, (no) => names.kindOf(no));
    countPairs(t.outcomes, c.outcomes, (no) => names.outcomeOf(no));
    countPairs(t.services, c.services, (no) => serviceKey(names.serviceIdOf(no) ?? ''));
    for (let k = 0; k < t.renames.length; k += 2)
      this.nameService(
        serviceKey(names.serviceIdOf(t.renames[k] ?? 0) ?? ''),
        names.serviceNameOf(t.renames[k + 1] ?? 0) ?? '',
      );
    countPairs(t.hresults, c.hresults, (no) => hresultKey(names.hresultOf(no) ?? ''));
    if (t.requestId) this.requestIds = widenBoth(this.requestIds, t.requestId);
    if (t.ref) this.refs = widenBoth(this.refs, t.ref);
  }

  private drainNumbers(c: ScannedCounts): void {
    if (!c.pending) return;
    c.kinds.drainInto(this.kinds);
    c.outcomes.drainInto(this.outcomes);
    c.services.drainInto(this.services);
    c.hresults.drainInto(this.hresults);
  }

  /** A line with no readable record in it (still part of the bucket's bytes). */
  addDamaged(): void {
    this.lines += 1;
  }

  /** An export's header line: no record, and not damaged either (every reader skips it). */
  addHeader(): void {
    this.lines += 1;
    this.headers += 1;
  }

  finish(offset: number, line: number, bytes: number): IndexBucket {
    if (this.byNumber) this.drainNumbers(this.byNumber);
    let time = this.otherTime;
    if (this.minTime !== '') {
      time = widen(time, Date.parse(this.minTime));
      time = widen(time, Date.parse(this.maxTime));
    }
    if (this.minMs <= this.maxMs) {
      time = widen(time, this.minMs);
      time = widen(time, this.maxMs);
    }
    return {
      offset,
      line,
      bytes,
      records: this.records,
      lines: this.lines,
      firstSeq: this.firstSeq,
      lastSeq: this.lastSeq,
      time,
      mono: this.mono,
      outcomes: counted(this.outcomes),
      kinds: counted(this.kinds),
      services: counted(this.services),
      hresults: counted(this.hresults),
      requestIds: this.requestIds,
      refs: this.refs,
      upgraded: this.upgraded,
      headers: this.headers,
      trouble: this.trouble,
    };
  }
}

/**
 * A service's names from a file's table, own properties only: a log is input from outside, and a
 * service ID such as "__proto__" must be a name like any other, never the object's prototype.
 */
export function serviceName(
  table: Readonly<Record<string, string>>,
  id: string,
): string | undefined {
  return Object.hasOwn(table, id) ? table[id] : undefined;
}

/**
 * `into`, with the names `from` knows added as a bucket builder adds them (each name once, up to
 * the sidecar's 500 characters): the table of one file whose two halves were indexed apart.
 */
export function mergeServiceNames(
  into: Readonly<Record<string, string>>,
  from: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, names] of Object.entries(into)) setOwn(out, id, names);
  for (const [id, names] of Object.entries(from))
    for (const name of names.split('\n')) {
      const known = serviceName(out, id);
      if (known === undefined) setOwn(out, id, name);
      else if (!known.split('\n').includes(name) && known.length + 1 + name.length <= 500)
        setOwn(out, id, `${known}\n${name}`);
    }
  return out;
}

function setOwn(table: Record<string, string>, id: string, name: string): void {
  Object.defineProperty(table, id, {
    value: name,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/** Normalized service IDs by ID as written: a log names a handful of services millions of times. */
const serviceKeys = new Map<string, string>();
/**
 * The last ID asked and its key: consecutive records nearly always name the same service, and
 * comparing two strings is cheaper than hashing a fresh one (every line read back is fresh).
 */
let lastServiceId = '';
let lastServiceKey = '';

function serviceKey(serviceId: string): string {
  if (serviceId === lastServiceId) return lastServiceKey;
  let key = serviceKeys.get(serviceId);
  if (key === undefined) {
    if (serviceKeys.size > 1024) serviceKeys.clear();
    key = normalizeServiceId(serviceId);
    serviceKeys.set(serviceId, key);
  }
  lastServiceId = serviceId;
  lastServiceKey = key;
  return key;
}

const hresultKeys = new Map<string, string>();

function hresultKey(hex: string): string {
  let key = hresultKeys.get(hex);
  if (key === undefined) {
    if (hresultKeys.size > 4096) hresultKeys.clear();
    key = hex.toLowerCase();
    hresultKeys.set(hex, key);
  }
  return key;
}

/** The HRESULT a record is about: what the call returned, or the completion's status. */
export function recordHresult(record: JournalRecord): string | null {
  const raw = rawHresult(record);
  return raw === null ? null : hresultKey(raw);
}

/** recordHresult as written (not yet lower-cased). */
function rawHresult(record: JournalRecord): string | null {
  const field = hresultField(record.kind);
  const value = field && (record as unknown as Partial<Record<string, unknown>>)[field];
  return typeof value === 'string' ? value : null;
}

/** The field recordHresult takes of a record of `kind`: a call's return, a completion's status. */
export function hresultField(kind: string): 'hresult' | 'status' | null {
  return kind === 'request-returned' ? 'hresult' : kind === 'completion' ? 'status' : null;
}

/** `r12` → 12; anything else → null. */
export function refNumber(ref: unknown): number | null {
  // By character codes: this runs for every record an index is built from.
  if (typeof ref !== 'string' || ref.length < 2 || ref.length > 16 || ref.charCodeAt(0) !== 114)
    return null;
  let n = 0;
  for (let i = 1; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    n = n * 10 + (c - 48);
  }
  return n;
}

/**
 * Counts by key, each a box bumped in place: one hash lookup per count where get-then-set took
 * two, for every record written or read.
 */
export type Counts = Map<string, { n: number }>;

function bump(map: Counts, key: string): void {
  const count = map.get(key);
  if (count) count.n += 1;
  else map.set(key, { n: 1 });
}

/**
 * As an object, in the order the keys were first met (what the sidecar has always held). Built by
 * fromEntries, which defines each key as its own: a key such as "__proto__" read from a log stays
 * a count.
 */
function counted(map: Counts): Record<string, number> {
  return Object.fromEntries(Array.from(map, ([key, count]) => [key, count.n]));
}

/** A tally's [number, count] pairs into `counts`, each number met first named by `name`. */
function countPairs(
  pairs: readonly number[],
  counts: KeyCounts,
  name: (no: number) => string,
): void {
  for (let k = 0; k < pairs.length; k += 2) {
    const no = pairs[k] ?? 0;
    if (counts.add(no, pairs[k + 1] ?? 0)) counts.name(name(no));
  }
}

function widenBoth(
  range: [number, number] | null,
  [min, max]: readonly [number, number],
): [number, number] {
  return widen(widen(range, min), max);
}

function widen(range: [number, number] | null, value: number): [number, number] {
  if (!range) return [value, value];
  if (value < range[0]) range[0] = value;
  if (value > range[1]) range[1] = value;
  return range;
}

/** What BucketBuilder.addScanned counts by the line reader's numbers. */
class ScannedCounts {
  readonly kinds = new KeyCounts();
  readonly outcomes = new KeyCounts();
  readonly services = new KeyCounts();
  readonly hresults = new KeyCounts();
  /** The number of the name each service (by its number) went by in its latest record. */
  readonly lastName: number[] = [];

  get pending(): boolean {
    return (
      this.kinds.pending || this.outcomes.pending || this.services.pending || this.hresults.pending
    );
  }
}
