/**
 * Which journal lines an export may take as they are, without JSON.parse, the redactor's walk or
 * JSON.stringify: the lines that make exports run at the speed of the disk (a JSON Lines export
 * copies them byte for byte; the other formats skip the shape check and redaction for them).
 *
 * A line passes only when this scan proves, for its bytes, all that the slow path would establish:
 *
 * - the reader would accept it as it is: a flat JSON object of a kind listed in KINDS, format v2
 *   (v1 lines need upgrading), every field one that kind has, of the type and value set
 *   journal-check.ts requires, nothing missing, nothing twice;
 * - JSON.stringify of the parsed line gives the same bytes back (no spaces, no escapes, numbers in
 *   their shortest form), so copying it writes exactly what the slow path would have written;
 * - when redacting, the redactor would change nothing in it: every string is printable ASCII
 *   (no escapes, no other script's digits), `time`, `hresult` and `status` have the fixed shapes
 *   the redactor leaves alone, `preview` decodes to no identifier, and no other string holds a run
 *   of 7 or more digits, however separated (the redactor needs 10, or 7 after a `+`). Device IDs
 *   the redactor learns as the export goes are checked later, in order (`Redactor.mentionsKnownId`).
 *
 * Anything else (an unknown kind or field, such as a kind added to the journal after this was
 * written, or a field that can carry an identifier: `deviceId`, message text, MBIM bytes, data
 * payloads) fails the scan and takes the full path, which stays the reference. The tests check
 * the two agree on generated and hostile lines.
 */
import { SESSION_OPS, SESSION_STATES } from '../../../shared/model.js';
import { COMPLETION_MATCHES, REQUEST_OUTCOMES } from '../../../shared/request/outcome.js';
import { previewIdentifier } from './identifiers.js';

/** What a field's value must be. */
const T = {
  /** The literal 2. */
  V2: 0,
  Int: 1,
  Num: 2,
  Bool: 3,
  Time: 4,
  /** `0x` and 8 hex digits: an HRESULT as the journal writes it. */
  Hex: 5,
  /** Free text: scanned for identifiers when redacting. */
  Str: 6,
  Enum: 7,
  Preview: 8,
} as const;
type ValueType = (typeof T)[keyof typeof T];

interface Field {
  name: string;
  type: ValueType;
  /** May be null (whether null is allowed in a given kind is checked per kind). */
  nullable: boolean;
  values?: ReadonlySet<string>;
  bit: number;
}

const FIELD_LIST: [string, ValueType, boolean, (readonly string[])?][] = [
  ['v', T.V2, false],
  ['seq', T.Int, false],
  ['time', T.Time, false],
  ['mono', T.Num, false],
  ['kind', T.Enum, false, []],
  ['interfaceId', T.Str, false],
  ['serviceId', T.Str, false],
  ['serviceName', T.Str, false],
  ['ref', T.Str, true],
  ['op', T.Enum, false, SESSION_OPS],
  ['outcome', T.Enum, true, REQUEST_OUTCOMES],
  ['sessionOpenBefore', T.Bool, true],
  ['precondition', T.Enum, false, ['session-not-open', 'session-already-open']],
  ['byteLength', T.Num, false],
  ['requestId', T.Int, true],
  ['hresult', T.Hex, false],
  ['hresultName', T.Str, false],
  ['callMs', T.Num, false],
  ['status', T.Hex, false],
  ['statusName', T.Str, false],
  ['match', T.Enum, false, COMPLETION_MATCHES],
  ['latencyMs', T.Num, true],
  ['timeoutMs', T.Num, false],
  ['reason', T.Enum, false, ['device-removed', 'backend-closed']],
  ['waitedMs', T.Num, false],
  ['from', T.Enum, false, SESSION_STATES],
  ['to', T.Enum, false, SESSION_STATES],
  ['preview', T.Preview, false],
];

/**
 * The kinds that may pass, each as [required fields, optional fields, fields that may be null],
 * as journal-check.ts has them. Kinds whose fields carry identifiers or free text (device-info,
 * error, call-failed, mbim-message, run-start with its nested objects) are left out: they are
 * rare, and the full path handles them.
 */
const BASE = ['v', 'seq', 'time', 'mono', 'kind'];
const SERVICE = ['interfaceId', 'serviceId', 'serviceName'];
const REQUEST = [...SERVICE, 'ref', 'op', 'outcome'];
const KINDS: Record<string, [string[], string[], string[]]> = {
  request: [[...REQUEST, 'sessionOpenBefore'], ['precondition', 'byteLength'], ['sessionOpenBefore']],
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

interface KindRule {
  required: number;
  allowed: number;
  nullable: number;
}

const FIELDS: Field[] = FIELD_LIST.map(([name, type, nullable, values], i) => ({
  name,
  type,
  nullable,
  bit: 2 ** i,
  ...(values ? { values: new Set(values) } : {}),
}));
const KIND_FIELD = FIELDS[4];
if (KIND_FIELD) KIND_FIELD.values = new Set(Object.keys(KINDS));

const maskOf = (names: readonly string[]): number => {
  let mask = 0;
  for (const name of names) {
    const field = FIELDS.find((f) => f.name === name);
    if (!field) throw new Error(`line-check: no field ${name}`);
    mask |= field.bit;
  }
  return mask;
};

const RULES = new Map<string, KindRule>(
  Object.entries(KINDS).map(([kind, [required, optional, nullable]]) => {
    const req = maskOf([...BASE, ...required]);
    return [kind, { required: req, allowed: req | maskOf(optional), nullable: maskOf(nullable) }];
  }),
);

/** Fields by key length and first letter, then compared byte by byte (no string is made). */
const BY_KEY = new Map<number, { field: Field; bytes: Buffer }[]>();
for (const field of FIELDS) {
  const bytes = Buffer.from(field.name, 'latin1');
  const key = bytes.length * 256 + (bytes[0] ?? 0);
  const list = BY_KEY.get(key) ?? [];
  list.push({ field, bytes });
  BY_KEY.set(key, list);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ZERO = 0x30;
const NINE = 0x39;
/** The redactor's own threshold is 10 digits (7 after a `+`): 7 leaves a margin. */
const DIGIT_RUN_LIMIT = 7;
/** Characters the redactor lets separate the digits of one number (and `+`, which starts one). */
const SEPARATOR = new Uint8Array(128);
for (const c of ' ()./-+') SEPARATOR[c.charCodeAt(0)] = 1;
/** Most significant digits a number may have and still be written back exactly by JSON.stringify. */
const MAX_NUMBER_DIGITS = 15;
const PREVIEW_MEMO = 4096;

const isDigit = (c: number): boolean => c >= ZERO && c <= NINE;
const isHexDigit = (c: number): boolean => isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);

export class LineCheck {
  private readonly previews = new Map<string, boolean>();
  /** The last date (YYYY-MM-DD) Date.parse accepted: dates repeat for a whole day of records. */
  private goodDate = '';
  /** Set by `test`: the kind of the line that passed. */
  kind = '';
  private pos = 0;
  private seen = 0;
  private nulls = 0;

  /** `redacting`: also require that the redactor would change nothing. */
  constructor(private readonly redacting: boolean) {}

  /** Whether `buf[from, to)` (one line, LF excluded) may be taken as it is. */
  test(buf: Buffer, from: number, to: number): boolean {
    if (to - from < 2 || buf[from] !== 0x7b || buf[to - 1] !== 0x7d) return false;
    this.pos = from + 1;
    this.seen = 0;
    this.nulls = 0;
    this.kind = '';
    const end = to - 1;
    for (;;) {
      const field = this.key(buf, end);
      if (!field || (this.seen & field.bit) !== 0) return false;
      this.seen |= field.bit;
      if (!this.value(buf, end, field)) return false;
      if (this.pos === end) break;
      if (buf[this.pos] !== 0x2c) return false;
      this.pos += 1;
    }
    const rule = RULES.get(this.kind);
    if (!rule) return false;
    return (
      (this.seen & rule.required) === rule.required &&
      (this.seen & ~rule.allowed) === 0 &&
      (this.nulls & ~rule.nullable) === 0
    );
  }

  /** `"name":` at pos, as one of FIELDS. */
  private key(buf: Buffer, end: number): Field | undefined {
    if (buf[this.pos] !== QUOTE) return undefined;
    const start = this.pos + 1;
    const close = buf.indexOf(QUOTE, start);
    if (close === -1 || close + 1 >= end || buf[close + 1] !== 0x3a) return undefined;
    const candidates = BY_KEY.get((close - start) * 256 + (buf[start] ?? 0));
    if (!candidates) return undefined;
    for (const { field, bytes } of candidates) {
      let same = true;
      for (let i = 1; i < bytes.length; i++)
        if (buf[start + i] !== bytes[i]) {
          same = false;
          break;
        }
      if (same) {
        this.pos = close + 2;
        return field;
      }
    }
    return undefined;
  }

  private value(buf: Buffer, end: number, field: Field): boolean {
    const at = this.pos;
    if (field.nullable && buf[at] === 0x6e) {
      if (!this.literal(buf, end, 'null')) return false;
      this.nulls |= field.bit;
      return true;
    }
    switch (field.type) {
      case T.V2:
        this.pos = at + 1;
        return buf[at] === 0x32;
      case T.Int:
        return this.number(buf, end, false);
      case T.Num:
        return this.number(buf, end, true);
      case T.Bool:
        return buf[at] === 0x74 ? this.literal(buf, end, 'true') : this.literal(buf, end, 'false');
      case T.Time:
        return this.time(buf, end);
      case T.Hex:
        return this.hex(buf, end);
      case T.Str:
        return this.text(buf, end);
      case T.Enum: {
        const close = this.stringEnd(buf, end);
        if (close === -1) return false;
        const word = buf.toString('latin1', at + 1, close);
        if (!field.values?.has(word)) return false;
        if (field === KIND_FIELD) this.kind = word;
        this.pos = close + 1;
        return true;
      }
      case T.Preview: {
        const close = this.stringEnd(buf, end);
        if (close === -1) return false;
        this.pos = close + 1;
        return !this.redacting || this.previewClean(buf.toString('latin1', at + 1, close));
      }
    }
  }

  /** The closing quote of a string of printable ASCII without escapes starting at pos, or -1. */
  private stringEnd(buf: Buffer, end: number): number {
    if (buf[this.pos] !== QUOTE) return -1;
    for (let i = this.pos + 1; i < end; i++) {
      const c = buf[i] ?? 0;
      if (c === QUOTE) return i;
      if (c < 0x20 || c > 0x7e || c === BACKSLASH) return -1;
    }
    return -1;
  }

  /** Free text: printable ASCII, and when redacting no run of digits long enough to matter. */
  private text(buf: Buffer, end: number): boolean {
    if (buf[this.pos] !== QUOTE) return false;
    if (this.redacting && this.guid(buf, end)) return true;
    let digits = 0;
    let gap = 0;
    for (let i = this.pos + 1; i < end; i++) {
      const c = buf[i] ?? 0;
      if (c === QUOTE) {
        this.pos = i + 1;
        return true;
      }
      if (c < 0x20 || c > 0x7e || c === BACKSLASH) return false;
      if (!this.redacting) continue;
      if (isDigit(c)) {
        digits += 1;
        gap = 0;
        if (digits >= DIGIT_RUN_LIMIT) return false;
      } else if (SEPARATOR[c] === 1 && gap < 2) {
        gap += 1;
      } else {
        digits = 0;
        gap = 0;
      }
    }
    return false;
  }

  /**
   * A whole GUID (interface and service IDs): the redactor keeps GUIDs as they are, though their
   * hex can hold 7 digits in a row.
   */
  private guid(buf: Buffer, end: number): boolean {
    const braced = buf[this.pos + 1] === 0x7b;
    const s = this.pos + (braced ? 2 : 1);
    const close = s + 36 + (braced ? 1 : 0);
    if (close >= end || buf[close] !== QUOTE || (braced && buf[close - 1] !== 0x7d)) return false;
    for (let i = 0; i < 36; i++) {
      const c = buf[s + i] ?? 0;
      if (i === 8 || i === 13 || i === 18 || i === 23) {
        if (c !== 0x2d) return false;
      } else if (!isHexDigit(c)) return false;
    }
    this.pos = close + 1;
    return true;
  }

  /** A JSON number written as JSON.stringify writes it: no exponent, `-0`, or trailing zero. */
  private number(buf: Buffer, end: number, fraction: boolean): boolean {
    let i = this.pos;
    if (buf[i] === 0x2d) i += 1;
    const first = i;
    let c = buf[i] ?? 0;
    if (c === ZERO) {
      i += 1;
      if (isDigit(buf[i] ?? 0)) return false;
    } else {
      while (i < end && isDigit(buf[i] ?? 0)) i += 1;
    }
    if (i === first) return false;
    let significant = i - first;
    if (buf[i] === 0x2e) {
      if (!fraction) return false;
      const dot = i;
      i += 1;
      while (i < end && isDigit(buf[i] ?? 0)) i += 1;
      // 0.000001 and below are written with an exponent; 1.50 as 1.5.
      if (i === dot + 1 || i - dot - 1 > 6 || buf[i - 1] === ZERO) return false;
      significant += i - dot - 1;
    } else if (buf[first] === ZERO && first > this.pos) {
      return false; // -0 is written back as 0
    }
    if (significant > MAX_NUMBER_DIGITS) return false;
    c = buf[i] ?? 0;
    if (i !== end && c !== 0x2c) return false;
    this.pos = i;
    return true;
  }

  private literal(buf: Buffer, end: number, word: string): boolean {
    const stop = this.pos + word.length;
    if (stop > end) return false;
    for (let i = 0; i < word.length; i++)
      if (buf[this.pos + i] !== word.charCodeAt(i)) return false;
    this.pos = stop;
    return true;
  }

  /** `"YYYY-MM-DDThh:mm:ss.sssZ"`, a time Date.parse accepts (the shape the redactor skips). */
  private time(buf: Buffer, end: number): boolean {
    const s = this.pos + 1;
    if (s + 25 > end || buf[this.pos] !== QUOTE || buf[s + 24] !== QUOTE) return false;
    for (let i = 0; i < 24; i++) {
      const c = buf[s + i] ?? 0;
      const want = TIME_SHAPE.charCodeAt(i);
      if (want === 0x64 ? !isDigit(c) : c !== want) return false;
    }
    const two = (i: number): number => ((buf[s + i] ?? 0) - ZERO) * 10 + (buf[s + i + 1] ?? 0) - ZERO;
    if (two(11) > 23 || two(14) > 59 || two(17) > 59) return false;
    const date = buf.toString('latin1', s, s + 10);
    if (date !== this.goodDate) {
      if (Number.isNaN(Date.parse(`${date}T00:00:00.000Z`))) return false;
      this.goodDate = date;
    }
    this.pos = s + 25;
    return true;
  }

  private hex(buf: Buffer, end: number): boolean {
    const s = this.pos + 1;
    if (s + 11 > end || buf[this.pos] !== QUOTE || buf[s + 10] !== QUOTE) return false;
    if (buf[s] !== ZERO || buf[s + 1] !== 0x78) return false;
    for (let i = 2; i < 10; i++) if (!isHexDigit(buf[i + s] ?? 0)) return false;
    this.pos = s + 11;
    return true;
  }

  private previewClean(hex: string): boolean {
    let clean = this.previews.get(hex);
    if (clean === undefined) {
      clean = previewIdentifier(hex) === undefined;
      if (this.previews.size >= PREVIEW_MEMO) this.previews.clear();
      this.previews.set(hex, clean);
    }
    return clean;
  }
}

const TIME_SHAPE = 'dddd-dd-ddTdd:dd:dd.dddZ';
