/**
 * The exact shapes of the lines the journal itself writes, for the readers that take such a line
 * without JSON.parse: the export's LineCheck (export/line-check.ts), which proves a line may go out
 * as it is, and the index's line reader (journal-index-line.ts), which reads the few fields an
 * index keeps. Both build one regular expression per kind and key order from these tables, so a
 * line one of them takes is a line the other would too, and a field or kind added to the journal
 * is added here once.
 *
 * A line of these shapes is a flat JSON object of a kind listed in LINE_KINDS, format v2, the
 * journal's head first (LINE_HEAD), every field one that kind has, of the type and value set
 * journal-check.ts requires, each once, nothing missing; every string printable ASCII with no
 * escape, numbers in their shortest form. Such a line parses to exactly the record checkRecord
 * accepts, and JSON.stringify of it gives the same bytes back.
 */
import { ABANDON_REASONS, PRECONDITIONS } from '../../shared/journal/record.js';
import { REQUEST_OPS, SESSION_STATES } from '../../shared/model.js';
import { COMPLETION_MATCHES, REQUEST_OUTCOMES } from '../../shared/request/outcome.js';

/** One printable ASCII character but `"` and `\`. */
const PLAIN = '[ !#-\\[\\]-~]';
export const HEX = '[0-9a-fA-F]';
/**
 * Numbers as JSON.stringify writes them back unchanged (no exponent, no `-0`, no trailing zero in
 * the fraction), in the ranges journal-check.ts holds them to. A count (a record's `seq`, a
 * payload's length) is under a billion; a request ID is a uint32 (MBN's are ULONGs, MBIM's
 * transaction IDs uint32), of which the rare 10-digit one is checked on the full path. A time in
 * milliseconds is under 10^12: up to 9 digits with a fraction, or an integer of up to 12.
 */
const COUNT = '(?:0|[1-9]\\d{0,8})';
const REQUEST_ID = COUNT;
const NUM = '(?:(?:0|-?[1-9]\\d{0,8})(?:\\.\\d{0,5}[1-9])?|-?[1-9]\\d{9,11})';
/** ISO 8601 UTC with milliseconds, in the ranges Date.parse accepts. */
const TIME =
  '\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d\\.\\d{3}Z';
const words = (list: readonly string[]): string => `(?:${list.join('|')})`;

/**
 * How a field's value is read by the index's WebAssembly reader (wasm/line-scan.ts), which takes
 * the same values its expression does: each kind of pattern above is one of these.
 */
export type FieldScan =
  | { op: 'count' | 'num' | 'time' | 'text' | 'hex8' | 'hexpairs' | 'bool' }
  | { op: 'words'; words: readonly string[] }
  | { op: 'literal'; text: string };

/**
 * A field's value: `text` for free text (each reader decides what text it takes), else the
 * pattern of its JSON text, inside its quotes when `quoted`; `scan`, the same as the WebAssembly
 * reader reads it.
 */
export interface FieldShape {
  value: string;
  quoted: boolean;
  text?: true;
  scan: FieldScan;
}

const bare = (value: string, scan: FieldScan): FieldShape => ({ value, quoted: false, scan });
const quoted = (value: string, scan: FieldScan): FieldShape => ({ value, quoted: true, scan });
const TEXT: FieldShape = { value: `${PLAIN}*`, quoted: true, text: true, scan: { op: 'text' } };
const oneOf = (list: readonly string[]): FieldShape =>
  quoted(words(list), { op: 'words', words: list });
const COUNTED = bare(COUNT, { op: 'count' });
const NUMBER = bare(NUM, { op: 'num' });
const HRESULT = quoted(`0x${HEX}{8}`, { op: 'hex8' });

const FIELD_SHAPES: Readonly<Record<string, FieldShape>> = {
  v: bare('2', { op: 'literal', text: '2' }),
  seq: COUNTED,
  time: quoted(TIME, { op: 'time' }),
  mono: NUMBER,
  interfaceId: TEXT,
  serviceId: TEXT,
  serviceName: TEXT,
  ref: TEXT,
  op: oneOf(REQUEST_OPS),
  outcome: oneOf(REQUEST_OUTCOMES),
  sessionOpenBefore: bare('(?:true|false)', { op: 'bool' }),
  precondition: oneOf(PRECONDITIONS),
  byteLength: COUNTED,
  requestId: bare(REQUEST_ID, { op: 'count' }),
  hresult: HRESULT,
  hresultName: TEXT,
  callMs: NUMBER,
  status: HRESULT,
  statusName: TEXT,
  match: oneOf(COMPLETION_MATCHES),
  latencyMs: NUMBER,
  timeoutMs: NUMBER,
  reason: oneOf(ABANDON_REASONS),
  waitedMs: NUMBER,
  from: oneOf(SESSION_STATES),
  to: oneOf(SESSION_STATES),
  /** The payload's first bytes in hex (the export checks it further when redacting). */
  preview: quoted(`(?:${HEX}{2})*`, { op: 'hexpairs' }),
};

/**
 * Every field some kind's line may hold, in a fixed order: the WebAssembly reader numbers the
 * values it keeps for a CSV row by their place here, from 1.
 */
const LINE_FIELD_KEYS: readonly string[] = Object.keys(FIELD_SHAPES);

/** How many fields LINE_FIELD_KEYS numbers: the highest number lineFieldNumber gives. */
export const LINE_FIELD_COUNT = LINE_FIELD_KEYS.length;

/** A field's number for the WebAssembly reader (LINE_FIELD_KEYS), 0 for none. */
export function lineFieldNumber(key: string): number {
  return LINE_FIELD_KEYS.indexOf(key) + 1;
}

/** A field's shape, for the WebAssembly reader's programs (undefined: no kind has it). */
export function fieldShape(key: string): FieldShape | undefined {
  return FIELD_SHAPES[key];
}

/**
 * The kinds of these shapes, as [required fields, optional fields, fields that may be null], as
 * journal-check.ts has them. Kinds whose fields carry identifiers, free text or nested objects
 * (device-info, error, call-failed, mbim-message, run-start) are left out: they are rare, and the
 * readers' full path (JSON.parse and the journal check) handles them. So is a request-returned
 * line with a refusal's `message`, free text, for the same reasons.
 */
const SERVICE = ['interfaceId', 'serviceId', 'serviceName'];
const REQUEST = [...SERVICE, 'ref', 'op', 'outcome'];
const LINE_KINDS: Readonly<Record<string, readonly [string[], string[], string[]]>> = {
  request: [
    [...REQUEST, 'sessionOpenBefore'],
    ['precondition', 'byteLength'],
    ['sessionOpenBefore'],
  ],
  'request-returned': [
    [...REQUEST, 'requestId', 'hresult', 'hresultName', 'callMs'],
    [],
    ['requestId'],
  ],
  completion: [
    [...SERVICE, 'op', 'requestId', 'status', 'statusName', 'match', 'ref', 'outcome', 'latencyMs'],
    [],
    ['ref', 'outcome', 'latencyMs'],
  ],
  overdue: [[...REQUEST, 'requestId', 'timeoutMs'], [], ['requestId']],
  abandoned: [[...REQUEST, 'requestId', 'reason'], [], ['requestId']],
  'given-up': [[...REQUEST, 'requestId', 'waitedMs'], [], ['requestId']],
  'session-state': [[...SERVICE, 'from', 'to'], [], []],
  'read-data': [[...SERVICE, 'byteLength', 'preview'], [], []],
};

/** The journal writes these first, in this order; then the entry's own fields, kind first. */
export const LINE_HEAD = ['v', 'seq', 'time', 'mono', 'kind'];

/** A line's keys, in order (matchAll copies it, so sharing it is safe). */
const KEY = /[{,]"([A-Za-z]+)":/g;

/** What a kind's line may hold. */
export interface KindShape {
  kind: string;
  required: ReadonlySet<string>;
  allowed: ReadonlySet<string>;
  nullable: ReadonlySet<string>;
}

export function kindShapes(): KindShape[] {
  return Object.entries(LINE_KINDS).map(([kind, [required, optional, nullable]]) => ({
    kind,
    required: new Set([...LINE_HEAD, ...required]),
    allowed: new Set([...LINE_HEAD, ...required, ...optional]),
    nullable: new Set(nullable),
  }));
}

/** The keys of `text[from, to)` in order, as a line of these shapes writes them. */
export function lineKeys(text: string, from: number, to: number): string[] {
  return [...text.slice(from, to).matchAll(KEY)].map((m) => m[1] ?? '');
}

/**
 * Whether `keys` may be a line of this kind: each once, none missing, the journal's head first,
 * every one the kind may have. Whether the values fit is left to the expression.
 */
export function isKeyOrderOf(shape: KindShape, keys: readonly string[]): boolean {
  const distinct = new Set(keys);
  return (
    distinct.size === keys.length &&
    LINE_HEAD.every((key, i) => keys[i] === key) &&
    keys.every((key) => shape.allowed.has(key)) &&
    [...shape.required].every((key) => distinct.has(key))
  );
}

/**
 * The expression of one key order: `"key":value` for each, in order, inside braces, sticky (it is
 * run at a line's start and must end at the line's end). `value(key, shape)` gives each field's
 * pattern inside its quotes (so a reader can capture it or choose its text), null allowed where
 * the kind allows it.
 */
export function keyOrderPattern(
  shape: KindShape,
  keys: readonly string[],
  value: (key: string, field: FieldShape) => string,
): RegExp {
  return new RegExp(`\\{${keyOrderPairs(shape, keys, value).join(',')}\\}`, 'y');
}

/**
 * The pattern of each `"key":value` of a key order, in order: what keyOrderPattern joins, and what
 * a reader that tests many lines at once (LineCheck.passRun) joins under one shared head.
 */
export function keyOrderPairs(
  shape: KindShape,
  keys: readonly string[],
  value: (key: string, field: FieldShape) => string,
): string[] {
  return keys.map((key) => {
    const field = key === 'kind' ? oneOf([shape.kind]) : FIELD_SHAPES[key];
    if (!field) return '(?!)';
    const inner = value(key, field);
    const json = field.quoted ? `"${inner}"` : inner;
    return `"${key}":${shape.nullable.has(key) ? `(?:null|${json})` : json}`;
  });
}
