/**
 * Checks a parsed line against its kind's shape before anyone reads it. A log is input from
 * outside (a saved file, a bundle from a customer), so a record that does not fit is reported as
 * damaged, with the field that is wrong, and never reaches an exporter or the window, where a
 * missing field would otherwise surface as "Cannot read properties of undefined".
 *
 * The shapes are written as small field tables rather than with a schema library: this runs on
 * every record of a million-record log, and a table lookup per field is what that can afford.
 */
import {
  ABANDON_REASONS,
  JOURNAL_VERSION,
  PRECONDITIONS,
  type JournalRecord,
} from '../../shared/journal/record.js';
import { READY_STATES, REQUEST_OPS, SESSION_STATES } from '../../shared/model.js';
import { COMPLETION_MATCHES, REQUEST_OUTCOMES } from '../../shared/request/outcome.js';
import { recordedText } from '../../shared/recorded-cut.js';
import { isTimeZone, timeZoneProblem } from '../../shared/journal/time-zone.js';
import { V1Upgrader } from './journal-upgrade.js';

export { V1Upgrader };

type Check = (value: unknown) => boolean;

const str: Check = (v) => typeof v === 'string';
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const bool: Check = (v) => typeof v === 'boolean';
/**
 * An HRESULT or status as the journal writes it, `0x` first: every view reads these with
 * parseHresult, which takes bare digits as a decimal number (as a person types one), so a bare
 * `80004005` would have been shown as 0x04C4C3A5, a success code.
 */
const hex: Check = (v) => typeof v === 'string' && /^0x[0-9a-fA-F]{1,8}$/.test(v);
const u32: Check = (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffffffff;
/**
 * Numbers an identifier written as one cannot pass for (the leak hunt found IMEIs and phone
 * numbers as JSON numbers going out of redacted exports: no rule looks for them in numbers).
 * A record's sequence number and a payload's length in bytes stay under a billion: a run holds
 * millions of records, a payload thousands of bytes, and a phone number without its `+` has 10
 * digits or more. A time in milliseconds stays under 10^12 (31 years): a run's monotonic time
 * reaches 10 digits after 11 days, so those stay valid; an IMEI, IMSI or ICCID has 14 or more.
 */
const MAX_COUNT = 999_999_999;
const MAX_MS = 1e12;
const count: Check = (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_COUNT;
const ms: Check = (v) => num(v) && Math.abs(v as number) < MAX_MS;
/** Payload bytes as hex: whole bytes only. */
const bytes: Check = (v) => typeof v === 'string' && v.length % 2 === 0 && /^[0-9a-f]*$/.test(v);
const arrayOf =
  (check: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(check);
const oneOf = (values: readonly string[]): Check => {
  const known = new Set(values);
  return (v) => typeof v === 'string' && known.has(v);
};
const orNull =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);
const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);
const object =
  (fields: Record<string, Check>): Check =>
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    Object.entries(fields).every(([name, check]) => check((v as Record<string, unknown>)[name]));

const op = oneOf(REQUEST_OPS);
const outcome = oneOf(REQUEST_OUTCOMES);
const service = { interfaceId: str, serviceId: str, serviceName: str };
const request = { ...service, ref: str, op, outcome };

const SHAPES: Record<JournalRecord['kind'], Record<string, Check>> = {
  'run-start': {
    runId: str,
    app: object({ name: str, version: str }),
    os: object({ platform: str, release: str, arch: str }),
    backend: object({ kind: str, label: str, reason: str }),
    timeZone: optional(isTimeZone),
  },
  request: {
    ...request,
    sessionOpenBefore: orNull(bool),
    precondition: optional(oneOf(PRECONDITIONS)),
    byteLength: optional(count),
    commandId: optional(u32),
    commandListed: optional(bool),
    data: optional(bytes),
  },
  'request-returned': {
    ...request,
    requestId: orNull(u32),
    hresult: hex,
    hresultName: str,
    callMs: ms,
    message: optional(str),
  },
  completion: {
    ...service,
    op,
    requestId: u32,
    status: hex,
    statusName: str,
    match: oneOf(COMPLETION_MATCHES),
    ref: orNull(str),
    outcome: orNull(outcome),
    latencyMs: orNull(ms),
    commandIds: optional(arrayOf(u32)),
    responseId: optional(u32),
    byteLength: optional(count),
    data: optional(bytes),
  },
  overdue: { ...request, requestId: orNull(u32), timeoutMs: ms },
  abandoned: {
    ...request,
    requestId: orNull(u32),
    reason: oneOf(ABANDON_REASONS),
  },
  'given-up': { ...request, requestId: orNull(u32), waitedMs: ms },
  'call-failed': { ...request, message: str },
  'session-state': { ...service, from: oneOf(SESSION_STATES), to: oneOf(SESSION_STATES) },
  'command-session-state': {
    ...service,
    from: oneOf(SESSION_STATES),
    to: oneOf(SESSION_STATES),
  },
  'event-notification': { ...service, eventId: u32, byteLength: count, data: bytes },
  'read-data': { ...service, byteLength: count, preview: str },
  'device-arrival': deviceEvent(),
  'device-removal': deviceEvent(),
  'device-info': {
    interfaceId: str,
    manufacturer: str,
    model: str,
    firmware: str,
    deviceId: str,
    readyState: oneOf(READY_STATES),
  },
  'backend-status': { backend: str, available: bool, message: str },
  error: { message: str, context: str },
  'mbim-message': {
    interfaceId: str,
    direction: oneOf(['sent', 'received']),
    transactionId: u32,
    type: str,
    service: orNull(str),
    serviceName: orNull(str),
    cid: orNull(u32),
    cidName: orNull(str),
    status: orNull(str),
    statusName: orNull(str),
    requestId: orNull(u32),
    fragments: u32,
    bytes: (v) => typeof v === 'string' && /^(?:[0-9a-f]{2})*$/i.test(v),
    byteLength: optional(count),
    error: optional(str),
  },
};

/**
 * Why a field's value is wrong, where the field's name alone would not tell a support engineer
 * (a time zone's offset out of range reads as a plain mistake otherwise).
 */
const WHY: Readonly<Record<string, (value: unknown) => string | undefined>> = {
  timeZone: timeZoneProblem,
};

/**
 * Each kind's fields as a list, made once: listing them from the table for every record
 * (Object.entries) allocated an array per field per record, the costliest step of a check.
 */
const FIELDS = new Map<string, readonly (readonly [string, Check])[]>(
  Object.entries(SHAPES).map(([kind, shape]) => [kind, Object.entries(shape)]),
);

/** Each kind's fields, and the head every record has: the fields the check holds to a shape. */
const CHECKED = new Map<string, ReadonlySet<string>>(
  Object.entries(SHAPES).map(([kind, shape]) => [
    kind,
    new Set(['v', 'seq', 'time', 'mono', 'kind', ...Object.keys(shape)]),
  ]),
);

/**
 * Whether a record of this kind that passed the check has field `name` held to a shape: its
 * numbers are then in their field's range, and the redactor leaves them as they are. Any other
 * number (a field no kind has, a field of another kind) is free-form, and looked at as text.
 */
export function isCheckedField(kind: unknown, name: string): boolean {
  return typeof kind === 'string' && (CHECKED.get(kind)?.has(name) ?? false);
}

/**
 * The last time text found valid: records come in bursts that share a millisecond, and the
 * pattern and Date.parse cost more than the rest of a record's check.
 */
let lastGoodTime = '';

/**
 * Date and hour (`2026-11-23T09`) of the last time Date.parse took, when its hour is 00–23: a
 * time of the same hour whose minutes, seconds and zone are in range is then taken too, without
 * Date.parse (every record has a time of its own to the millisecond, and Date.parse was a tenth
 * of reading a saved log). Hour 24 is left to Date.parse, which takes it only as 24:00:00.
 */
let lastGoodHour = '';
const HOUR_IN_RANGE = /T(?:[01]\d|2[0-3])$/;
/** After a known-good date and hour: what Date.parse takes whatever the date (tests hold it). */
const REST_IN_RANGE = /^:[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

function isIsoTime(time: string): boolean {
  if (time === lastGoodTime) return true;
  const hour = time.slice(0, 13);
  if (hour === lastGoodHour && REST_IN_RANGE.test(time.slice(13))) {
    lastGoodTime = time;
    return true;
  }
  // An ISO 8601 date and time, as the journal writes it: Date.parse alone accepts free text in
  // parentheses, which a terminal or a page would then be handed.
  if (!ISO_TIME.test(time) || Number.isNaN(Date.parse(time))) return false;
  lastGoodTime = time;
  if (HOUR_IN_RANGE.test(hour)) lastGoodHour = hour;
  return true;
}

function deviceEvent(): Record<string, Check> {
  return {
    interfaceId: str,
    model: optional(str),
    manufacturer: optional(str),
    firmware: optional(str),
    deviceId: optional(str),
    readyState: optional(oneOf(READY_STATES)),
  };
}

/**
 * How deep objects and lists may nest in a record. The journal's own records nest two deep
 * (run-start's `app`), but a field no kind has is kept as it is, and a hostile line of a few
 * kilobytes (`"x":[[[[…]]]]`) passed the check and then overflowed the stack of whatever walked it
 * (the redactor, JSON.stringify, the copy sent to the window): the whole export failed instead of
 * that one line being listed as damaged.
 */
const MAX_DEPTH = 32;

/** Whether anything in `value` (at `depth`) nests deeper than MAX_DEPTH; never recurses past it. */
function nestedTooDeep(value: object, depth: number): boolean {
  if (depth > MAX_DEPTH) return true;
  if (Array.isArray(value)) {
    for (const item of value as unknown[])
      if (typeof item === 'object' && item !== null && nestedTooDeep(item, depth + 1)) return true;
    return false;
  }
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (typeof field === 'object' && field !== null && nestedTooDeep(field, depth + 1)) return true;
  }
  return false;
}

const upgraders = new WeakMap<object, V1Upgrader>();

/** The v1 upgrader of one read (keyed by the reader's state object, which lives as long as it). */
export function upgraderFor(read: object): V1Upgrader {
  let upgrader = upgraders.get(read);
  if (!upgrader) upgraders.set(read, (upgrader = new V1Upgrader()));
  return upgrader;
}

export type CheckedLine = { record: JournalRecord } | { problem: string };

/**
 * An unknown kind as a problem says it: a string cut to 40 characters, as the time is, anything
 * else by its type. A damaged line's "kind" may be 1 MiB of text (quoted whole, 200 such lines
 * made a report of hundreds of MB and a bundle ran out of memory) or arrays nested 100,000 deep
 * (JSON.stringify overflowed the stack, and everything after that line was lost). The cut never
 * splits a number (recorded-cut.ts): the 7 digits an IMEI kept there were too few to redact.
 */
function shownKind(kind: unknown): string {
  if (typeof kind === 'string')
    return JSON.stringify(kind.length > 40 ? `${recordedText(kind, 40)}…` : kind);
  if (kind === null || kind === undefined) return String(kind);
  return `(${Array.isArray(kind) ? 'an array' : `a ${typeof kind}`}, not a word)`;
}

/**
 * The record a parsed line holds, in the current format (v1 lines are upgraded by `v1`, one per
 * log read), or what is wrong with it in words a support engineer can act on.
 */
export function checkRecord(value: unknown, v1: V1Upgrader): CheckedLine {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { problem: 'not a JSON object' };
  let r = value as Record<string, unknown>;
  if (typeof r.v !== 'number') return { problem: 'no format version ("v")' };
  if (r.v > JOURNAL_VERSION)
    return {
      problem: `written by a newer version of the format (v${r.v}); this app reads v${JOURNAL_VERSION}`,
    };
  // Format 1 is upgraded as it is read; any other number is none the journal has written.
  if (r.v !== 1 && r.v !== JOURNAL_VERSION) return { problem: 'no format version ("v")' };
  if (typeof r.seq !== 'number' || !Number.isInteger(r.seq))
    return { problem: 'no sequence number ("seq")' };
  if (!count(r.seq)) return { problem: 'a sequence number ("seq") no journal writes' };
  if (typeof r.time !== 'string') return { problem: 'no wall-clock time ("time")' };
  if (!isIsoTime(r.time))
    return { problem: `"time" is not a date (${JSON.stringify(recordedText(r.time, 40))})` };
  if (!num(r.mono)) return { problem: 'no monotonic time ("mono")' };
  if (!ms(r.mono)) return { problem: 'a monotonic time ("mono") no run reaches' };
  const known = typeof r.kind === 'string' ? FIELDS.get(r.kind) : undefined;
  if (!known) return { problem: `unknown record kind ${shownKind(r.kind)}` };
  let fields = known;
  if (r.v !== JOURNAL_VERSION) {
    r = v1.upgrade(r) ?? r;
    fields = FIELDS.get(String(r.kind)) ?? [];
  }
  for (const [name, check] of fields)
    if (!check(r[name])) {
      const why = WHY[name]?.(r[name]);
      return {
        problem: `a "${String(r.kind)}" record with a missing or wrong "${name}"${why === undefined ? '' : `: ${why}`}`,
      };
    }
  if (nestedTooDeep(r, 1))
    return { problem: `a "${String(r.kind)}" record nested more than ${MAX_DEPTH} levels deep` };
  return { record: r as unknown as JournalRecord };
}
