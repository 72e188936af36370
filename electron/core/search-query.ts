/**
 * A whole-log search's query (log-search.ts): checked and compiled once into what a bucket's
 * counts are tested with (bucketMayMatch), the literal bytes candidate lines must hold, and the
 * exact test of a parsed record (recordMatches). Every condition must hold.
 */
import { searchHresult } from '../../shared/hresult.js';
import { normalizeServiceId } from '../../shared/model.js';
import type { JournalRecord } from '../../shared/journal/record.js';
import { isProblemRecord, recordOutcome, type RecordOutcome } from '../../shared/request/story.js';
import {
  problemsIn,
  recordHresult,
  refNumber,
  serviceName,
  type IndexBucket,
} from './journal-index.js';
import { lowerBytes } from './lower-bytes.js';
import { isoTimeMs } from '../../shared/typed-time.js';

export interface SearchQuery {
  outcomes?: readonly RecordOutcome[];
  /** Any problem (shared isProblemRecord): a problem outcome, an error, the backend unavailable. */
  problems?: true;
  kinds?: readonly string[];
  /** A service's name (its words, anywhere in it, any case) or ID (its start, braces or not). */
  service?: string;
  /** An HRESULT as hex, `0x80070005` or `80070005`. */
  hresult?: string;
  /** A request reference, `r12`. */
  ref?: string;
  /** An MBN request ID. */
  requestId?: number;
  text?: string;
  /**
   * Only records whose `time` is at or after this (ISO 8601 with its offset or Z, as the contract
   * checks it): "it failed on Tuesday afternoon" of a week-long log.
   */
  since?: string;
  /** Only records whose `time` is before this (exclusive; the same form as `since`). */
  until?: string;
}

export interface Compiled {
  query: SearchQuery;
  outcomes: ReadonlySet<string> | null;
  problems: boolean;
  kinds: ReadonlySet<string> | null;
  service: string | null;
  /** `service`'s words, each of which a service's name must hold. */
  serviceWords: readonly string[];
  serviceIdPrefix: string | null;
  hresult: string | null;
  ref: string | null;
  refNo: number | null;
  requestId: number | null;
  /**
   * The time range, epoch ms: from `sinceMs` (included) to `untilMs` (left out); null, open on
   * that side. A record is tested by its `time`, a bucket by its index's time range.
   */
  sinceMs: number | null;
  untilMs: number | null;
  /**
   * What a line matching the free text holds in its bytes lower-cased (see lowerBytes): the text
   * itself, when it is all ASCII; else its longest part that a line holds as written whatever
   * its case (textNeedle), or null when it has none. Found in the candidate lines by every path.
   */
  text: Buffer | null;
  /**
   * Free text holding a character beyond ASCII, or one JSON escapes (asWritten), lower-cased by
   * Unicode's rules (foldText): what the line's text, lower-cased so, must hold one of (`text`
   * only finds the candidates): the text as typed, and as JSON writes it. Null for the rest of
   * ASCII text, which the line's bytes lower-cased are tested for as they are: the common query
   * stays a byte search.
   */
  textFolded: readonly string[] | null;
  /** A literal every matching line holds, to find candidate lines without parsing the rest. */
  literals: Buffer[];
  /**
   * The HRESULT as a JSON string (`"0x80070005"`), which every matching line written in the
   * current format holds once lower-cased: a record matches only when its code, lower-cased, is
   * exactly this (recordHresult), so short or unpadded spellings never match either way.
   */
  hresultLiteral: Buffer | null;
  /**
   * What the candidate lines of a bucket not upgraded from v1 hold, lower-cased, if anything:
   * free text; else a ref (`"r12"`); else the HRESULT's longest run of decimal digits
   * (`80070005`: no spelling's case changes digits), or, when it has fewer than MIN_DIGIT_RUN,
   * hresultLiteral; else a single outcome's word and the quote that ends it (`failed"`; without
   * the opening quote, which every key of every line has, the search stopped at each key); else a
   * single kind's word so (`run-start"`: the command line's time-zone pass parsed every line of
   * a run-start's bucket for its one run-start). Found
   * in any case in WebAssembly (text-finder.ts): for all but free text, a few more lines than the
   * bytes as written hold, which the exact test (recordMatches) turns away.
   */
  scanNeedle: Buffer | null;
  /**
   * The services one file names the query's service by, by any name they went by there
   * (forFileServices): a record of one of them matches, whatever name it was logged under.
   */
  serviceIds?: ReadonlySet<string>;
  /**
   * For a query of a service alone (no other needle): the one service ID the searched buckets of
   * a file name the query's service by, as a line writes it lowered (forFileServices), which is
   * then the file's scanNeedle. Looked for in the lower-cased bytes, as free text is: a log may
   * write an ID in either case.
   */
  serviceNeedle?: Buffer;
  /**
   * For one bucket of a query no one needle finds (several outcomes, several kinds, any problem):
   * two or more byte strings, of which each line the query may match there holds one as written
   * (bucket-needles.ts). Undefined for every other query and bucket.
   */
  anyNeedle?: readonly Buffer[];
}

/** Shorter runs would find too many lines that merely hold such digits (a seq, a time). */
const MIN_DIGIT_RUN = 5;

export class SearchQueryError extends Error {}

export function compileQuery(query: SearchQuery): Compiled {
  const hresult = query.hresult?.trim() ? normalizeHresult(query.hresult) : null;
  const ref = query.ref?.trim() ? query.ref.trim().toLowerCase() : null;
  const refNo = ref === null ? null : refNumber(ref);
  if (ref !== null && refNo === null)
    throw new SearchQueryError(`"${ref}" is not a request reference such as r12.`);
  const service = query.service?.trim().toLowerCase() ?? '';
  const text = query.text?.trim() ?? '';
  const literals: Buffer[] = [];
  if (ref !== null) literals.push(Buffer.from(`"${ref}"`));
  // Unicode's lower case for text beyond ASCII ("Ü" is "ü"): lowerBytes lowers only A-Z, so a
  // query typed as the log shows it ("Überwachung") was lowered where the line was not, and
  // found nothing. Text JSON escapes is looked for both as typed and as written (asWritten).
  const written = asWritten(text);
  const plain = written === text && Buffer.byteLength(text) === text.length;
  const textFolded =
    text === '' || plain ? null : [...new Set([foldText(text), foldText(written)])];
  const lowerText =
    text === ''
      ? null
      : textFolded === null
        ? lowerBytes(Buffer.from(text))
        : textNeedle(foldText(text));
  const outcomeLiteral =
    query.outcomes?.length === 1 && query.outcomes[0] !== 'unmatched'
      ? Buffer.from(`${query.outcomes[0]}"`)
      : null;
  const kind = query.kinds?.length === 1 ? query.kinds[0] : undefined;
  // Every kind is such a word; another would be written otherwise in JSON.
  const kindLiteral = kind && /^[a-z][a-z-]*$/.test(kind) ? Buffer.from(`${kind}"`) : null;
  const hresultLiteral = hresult === null ? null : Buffer.from(`"${hresult}"`);
  const hresultDigits = hresult === null ? null : longestDigitRun(hresult);
  const sinceMs = rangeMs(query.since, 'start');
  const untilMs = rangeMs(query.until, 'end');
  if (sinceMs !== null && untilMs !== null && sinceMs >= untilMs)
    throw new SearchQueryError(
      `The search's start (${query.since ?? ''}) must be before its end (${query.until ?? ''}).`,
    );
  return {
    query,
    outcomes: query.outcomes?.length ? new Set(query.outcomes) : null,
    problems: query.problems === true,
    kinds: query.kinds?.length ? new Set(query.kinds) : null,
    service: service === '' ? null : service,
    serviceWords: service === '' ? [] : service.split(/\s+/),
    serviceIdPrefix: service === '' ? null : normalizeServiceId(service).replace(/[{}]/g, ''),
    hresult,
    ref,
    refNo,
    requestId: query.requestId ?? null,
    sinceMs,
    untilMs,
    text: lowerText,
    textFolded,
    literals,
    hresultLiteral,
    scanNeedle:
      lowerText ??
      literals[0] ??
      hresultDigits ??
      hresultLiteral ??
      outcomeLiteral ??
      kindLiteral ??
      null,
  };
}

/**
 * Free text as a line writes it: free text is matched in the line's JSON, where a backslash, a
 * double quote and a control character are escaped, so `C:\Windows\System32` copied from a match
 * as shown (or `said "hello"`) found nothing there, exit 1: "not in the log". The text as typed
 * is looked for too: a query in JSON's own words (`"seq":`) finds what it always found.
 */
function asWritten(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/**
 * Text lower-cased by Unicode's rules, for the exact test of free text beyond ASCII; a final
 * sigma as any other ("ΟΔΟΣ" is "οδος" whole, so its "Σ" alone, "σ", was not in it).
 */
export function foldText(text: string): string {
  return text.toLowerCase().replaceAll('ς', 'σ');
}

/**
 * Whether every line whose text, folded (foldText), holds `ch` (one character of folded text)
 * holds it in its bytes lowered by lowerBytes: an ASCII character other than a capital, `k` and
 * `i` (which the Kelvin sign and the dotted capital I fold to); a character beyond ASCII that no
 * case changes and that is no combining mark (the dotted I folds to an `i` and a combining dot),
 * nor the replacement character, which a line's text holds for each byte that is no UTF-8. No
 * other character folds to such a one; a test checks every character.
 */
export function foldsOnlyFromItself(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80) return ch !== 'k' && ch !== 'i' && !(code >= 0x41 && code <= 0x5a);
  return (
    ch !== '\ufffd' && ch.toLowerCase() === ch && ch.toUpperCase() === ch && !/\p{M}/u.test(ch)
  );
}

/**
 * The bytes that find the candidate lines for folded free text: its longest run (in bytes) of
 * characters that fold only from themselves and JSON writes as they are ("berwachung" of
 * "überwachung", "system32" of `c:\windows\system32`), which a matching line holds as written
 * but for the case of A-Z; null when it has none ("служба"), and every line is a candidate.
 */
function textNeedle(folded: string): Buffer | null {
  let best = '';
  let run = '';
  for (const ch of folded) {
    // A character JSON escapes is written otherwise in the line's bytes (asWritten).
    if (foldsOnlyFromItself(ch) && asWritten(ch) === ch) run += ch;
    else run = '';
    if (Buffer.byteLength(run) > Buffer.byteLength(best)) best = run;
  }
  return best === '' ? null : Buffer.from(best);
}

/** A range's end as epoch ms; null when not given. */
function rangeMs(value: string | undefined, end: 'start' | 'end'): number | null {
  if (value === undefined) return null;
  const ms = isoTimeMs(value);
  if (ms === null)
    throw new SearchQueryError(
      `"${value.slice(0, 60)}" is not a time for the search's ${end}: give it as ISO 8601 with its zone, such as 2026-01-06T13:00:00Z.`,
    );
  return ms;
}

/** Whether the query asks for a time range. */
function hasTimeRange(c: Compiled): boolean {
  return c.sinceMs !== null || c.untilMs !== null;
}

/**
 * Whether a record's time (as written: ISO 8601, which every record's is, journal-check.ts) is in
 * the range; a time that cannot be read is in none.
 */
function timeInRange(time: unknown, c: Compiled): boolean {
  if (!hasTimeRange(c)) return true;
  const ms = typeof time === 'string' ? Date.parse(time) : Number.NaN;
  if (Number.isNaN(ms)) return false;
  return (c.sinceMs === null || ms >= c.sinceMs) && (c.untilMs === null || ms < c.untilMs);
}

/**
 * Whether the index says none of the bucket's records is in the query's time range: its times
 * (min and max: the clock may step back) wholly before the start or at or after the end. A
 * bucket with no readable time (damage alone) is not said to be outside: when it is is unknown.
 */
export function bucketOutsideRange(bucket: IndexBucket, c: Compiled): boolean {
  const time = bucket.time;
  if (!hasTimeRange(c) || time === null) return false;
  return (
    (c.sinceMs !== null && time[1] < c.sinceMs) || (c.untilMs !== null && time[0] >= c.untilMs)
  );
}

/** Whether the bucket's times are all at or after the range's end (when it has one). */
export function afterRange(bucket: IndexBucket, c: Compiled): boolean {
  return c.untilMs !== null && bucket.time !== null && bucket.time[0] >= c.untilMs;
}

/** Whether every record of the bucket is in the query's time range, by its index alone. */
function bucketWithinRange(bucket: IndexBucket, c: Compiled): boolean {
  const time = bucket.time;
  if (time === null) return false;
  return (
    (c.sinceMs === null || time[0] >= c.sinceMs) && (c.untilMs === null || time[1] < c.untilMs)
  );
}

function longestDigitRun(hex: string): Buffer | null {
  const run = (hex.slice(2).match(/\d+/g) ?? []).reduce(
    (a, b) => (b.length > a.length ? b : a),
    '',
  );
  return run.length >= MIN_DIGIT_RUN ? Buffer.from(run) : null;
}

function normalizeHresult(text: string): string {
  const hex = searchHresult(text);
  if (hex === undefined)
    throw new SearchQueryError(
      `"${text.slice(0, 60)}" is not an HRESULT: give its name (E_ACCESSDENIED) or its hex (0x80070005).`,
    );
  return hex;
}

/** Whether a bucket can hold a match, from its counts alone. */
export function bucketMayMatch(
  bucket: IndexBucket,
  c: Compiled,
  serviceNames: Readonly<Record<string, string>>,
): boolean {
  if (bucket.records === 0) return false;
  // Only the range's buckets are read: a week-long log searched for an afternoon reads that.
  if (hasTimeRange(c) && (bucket.time === null || bucketOutsideRange(bucket, c))) return false;
  if (c.outcomes && ![...c.outcomes].some((o) => (bucket.outcomes[o] ?? 0) > 0)) return false;
  if (c.problems && problemsIn(bucket) === 0) return false;
  if (c.kinds && ![...c.kinds].some((k) => (bucket.kinds[k] ?? 0) > 0)) return false;
  if (c.hresult !== null && (bucket.hresults[c.hresult] ?? 0) === 0) return false;
  if (c.requestId !== null && !inRange(bucket.requestIds, c.requestId)) return false;
  if (c.refNo !== null && !inRange(bucket.refs, c.refNo)) return false;
  if (c.service !== null && !bucketHasService(bucket, c, serviceNames)) return false;
  return true;
}

/**
 * How many of the bucket's records match, from its index's counts alone, when they say it
 * exactly: a query of outcomes only, of problems only or of kinds only (the index counts each
 * record's outcome, problem and kind as recordMatches tests them), or of a service only
 * (indexedServiceMatches); or of a time range alone (every record). With a time range, only
 * for a bucket whose times lie wholly within it: the counts are of all its records. Undefined
 * for any other query (two conditions together, text, an HRESULT as written), whose matches only
 * reading tells. A search that has handed out all the hits it may only counts the rest: for these
 * queries it counts them without reading (a week of "succeeded": 1.4M matches counted by parsing
 * 1.4M lines). `c` is the file's query
 * (forFileServices) and `serviceNames` its table, for a service.
 */
export function indexedMatches(
  bucket: IndexBucket,
  c: Compiled,
  serviceNames: Readonly<Record<string, string>>,
): number | undefined {
  // Counts are of the whole bucket: exact for a range only when all of it lies within.
  const ranged = hasTimeRange(c);
  if (ranged && !bucketWithinRange(bucket, c)) return undefined;
  const others = c.hresult !== null || c.ref !== null || c.requestId !== null || hasFreeText(c);
  const conditions = [c.outcomes !== null, c.problems, c.kinds !== null, c.service !== null].filter(
    Boolean,
  ).length;
  if (others || conditions > 1) return undefined;
  // A range alone: every record of a bucket within it (each has a time, journal-check.ts).
  if (conditions === 0) return ranged ? bucket.records : undefined;
  const sum = (counts: Record<string, number>, keys: ReadonlySet<string>): number =>
    [...keys].reduce((n, key) => n + (Object.hasOwn(counts, key) ? (counts[key] ?? 0) : 0), 0);
  if (c.outcomes) return sum(bucket.outcomes, c.outcomes);
  if (c.kinds) return sum(bucket.kinds, c.kinds);
  if (c.service !== null) return indexedServiceMatches(bucket, c, serviceNames);
  return problemsIn(bucket);
}

/**
 * A service query's matches in the bucket from its counts (`services`: its records with a
 * serviceId, by the ID normalized, as recordMatches takes a record's), when they say it: every
 * record of an ID the file's query takes (serviceIds) or whose start the query is matches,
 * whatever name it was logged under; a record of any other ID only by its own name, which the
 * file's table holds among its names (each name once, within its 500 characters: past them a
 * name is in no table, and bucketMayMatch passes over its buckets by the table too). So an ID none of whose names matches has
 * no match, and one with a name that matches outside serviceIds (an ID that normalizes again to
 * another, `{{…}}`) may have a few: undefined, read. Undefined too for a bucket upgraded from v1,
 * whose call that threw takes its service from its request, which the index's build met in any
 * bucket before and a search only in the one just before (bucket-search.ts).
 */
function indexedServiceMatches(
  bucket: IndexBucket,
  c: Compiled,
  serviceNames: Readonly<Record<string, string>>,
): number | undefined {
  if (bucket.upgraded > 0) return undefined;
  let n = 0;
  for (const [id, count] of Object.entries(bucket.services)) {
    // By ID alone (no name): what a record logged without a name matches by.
    if (c.serviceIds?.has(id) || serviceMatches(c, id, '')) n += count;
    else {
      const names = serviceName(serviceNames, id);
      if (names !== undefined && serviceMatches(c, id, names)) return undefined;
    }
  }
  return n;
}

/**
 * Whether the query's service is one of the bucket's: a query for a service the log never names
 * matches nothing, and is better told so than answered "0 matches" (see log-search.ts).
 */
export function bucketHasService(
  bucket: IndexBucket,
  c: Compiled,
  serviceNames: Readonly<Record<string, string>>,
): boolean {
  return c.service === null
    ? Object.keys(bucket.services).length > 0
    : bucketServicesMatched(bucket, c, serviceNames).length > 0;
}

/** The bucket's services the query's service matches, by ID (none when it asks for none). */
export function bucketServicesMatched(
  bucket: IndexBucket,
  c: Compiled,
  serviceNames: Readonly<Record<string, string>>,
): string[] {
  if (c.service === null) return [];
  return Object.keys(bucket.services).filter((id) =>
    serviceMatches(c, id, serviceName(serviceNames, id) ?? ''),
  );
}

function inRange(range: [number, number] | null, value: number): boolean {
  return range !== null && value >= range[0] && value <= range[1];
}

/**
 * A service by its name, word by word (each word of the query somewhere in one name: "diagnostic
 * stream" finds "Sierra Diagnostics Stream", which the whole phrase did not), or by its ID's start.
 * `names`: one name, or the names a service went by in a file, a line each (the index's table),
 * each tested alone: "vendor stream" is not a service once named Vendor service, then Stream.
 */
function serviceMatches(c: Compiled, id: string, names: string): boolean {
  if (c.service === null) return true;
  const lower = names.toLowerCase();
  const named = (name: string): boolean => c.serviceWords.every((word) => name.includes(word));
  return (
    // A record's one name (most calls, one per candidate line) is not split.
    (lower.includes('\n') ? lower.split('\n').some(named) : named(lower)) ||
    (c.serviceIdPrefix !== null &&
      c.serviceIdPrefix !== '' &&
      id.replace(/[{}]/g, '').startsWith(c.serviceIdPrefix))
  );
}

/**
 * The query for one file's records: a service asked for by name matches a record by any name
 * the service went by in the file (its index's table, `serviceNames`), as the file's buckets are
 * matched, not only the name the record was logged under. A vendor service's notifications that
 * came before it was listed were logged as "Vendor service": a search by the name the log and
 * the timeline show it by found its entries only from the listing on.
 */
export function forFileServices(
  c: Compiled,
  serviceNames: Readonly<Record<string, string>>,
  buckets?: readonly IndexBucket[],
): Compiled {
  if (c.service === null) return c;
  const ids = Object.keys(serviceNames).filter((id) =>
    serviceMatches(c, id, serviceName(serviceNames, id) ?? ''),
  );
  const named = ids.length === 0 ? c : { ...c, serviceIds: new Set(ids.map(normalizeServiceId)) };
  const needle =
    buckets && c.scanNeedle === null ? serviceNeedle(named, serviceNames, buckets) : null;
  return needle ? { ...named, scanNeedle: needle, serviceNeedle: needle } : named;
}

/**
 * What every line of `buckets` a service query matches holds, lowered: the one service ID of
 * theirs that matches (by the file's names for it or by its start), as textNeedle takes text; or
 * null when two or more match (a single needle is looked for), or when none can be. A service
 * alone had no needle: every line of every bucket naming the service was parsed (103 s at ten
 * million events, where `--outcome failed` took seconds). A line of a matching record holds its
 * ID's bytes but for the case of A-Z: the index counts each record's ID (normalized) in its
 * bucket, and JSON escapes have every line of their bucket parsed (needsEveryLine). Buckets
 * upgraded from v1 are searched by other needles (bucket-search.ts): their IDs are not counted.
 */
function serviceNeedle(
  c: Compiled,
  serviceNames: Readonly<Record<string, string>>,
  buckets: readonly IndexBucket[],
): Buffer | null {
  const ids = new Set<string>();
  for (const bucket of buckets) {
    if (bucket.upgraded > 0) continue;
    for (const id of Object.keys(bucket.services)) {
      // As recordMatches tests a record: by its ID normalized.
      const key = normalizeServiceId(id);
      const names = serviceName(serviceNames, id) ?? serviceName(serviceNames, key) ?? '';
      if (c.serviceIds?.has(key) || serviceMatches(c, key, names)) ids.add(key);
    }
    if (ids.size > 1) return null;
  }
  const [id] = ids;
  return id === undefined ? null : textNeedle(id);
}

/** Whether the query has free text (which the exact test needs a record's line for). */
export function hasFreeText(c: Compiled): boolean {
  return c.text !== null || c.textFolded !== null;
}

/** The exact test, on a parsed record; `line` (lower-cased bytes) for free text. */
export function recordMatches(
  record: JournalRecord,
  c: Compiled,
  lowerLine: Buffer | null,
): boolean {
  const fields = record as unknown as Partial<Record<string, unknown>>;
  if (!timeInRange(record.time, c)) return false;
  if (c.kinds && !c.kinds.has(record.kind)) return false;
  if (c.outcomes) {
    const outcome = recordOutcome(record);
    if (outcome === null || !c.outcomes.has(outcome)) return false;
  }
  if (c.problems && !isProblemRecord(record)) return false;
  if (c.hresult !== null && recordHresult(record) !== c.hresult) return false;
  if (c.ref !== null && (typeof fields.ref !== 'string' || fields.ref.toLowerCase() !== c.ref))
    return false;
  if (c.requestId !== null && fields.requestId !== c.requestId) return false;
  if (c.service !== null) {
    if (typeof fields.serviceId !== 'string') return false;
    const id = normalizeServiceId(fields.serviceId);
    const name = typeof fields.serviceName === 'string' ? fields.serviceName : '';
    if (!c.serviceIds?.has(id) && !serviceMatches(c, id, name)) return false;
  }
  if (hasFreeText(c)) {
    const haystack = lowerLine ?? lowerBytes(Buffer.from(JSON.stringify(record), 'utf8'));
    // Beyond ASCII, the line's text folded as the query was: A-Z lowered already, no other byte
    // touched, it folds as the line itself would.
    if (c.textFolded !== null) {
      const folded = foldText(haystack.toString('utf8'));
      if (!c.textFolded.some((text) => folded.includes(text))) return false;
    } else if (c.text !== null && !haystack.includes(c.text)) return false;
  }
  return true;
}
