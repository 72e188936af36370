/**
 * Which journal lines an export may take as they are, without JSON.parse, the redactor's walk or
 * JSON.stringify: the lines that let exports run near the speed of the disk (a JSON Lines export
 * copies them byte for byte; the other formats skip the shape check and redaction for them).
 *
 * A line passes only when one regular expression, built for its kind and key order from the
 * tables below, matches it whole. That proves, for its bytes, all the slow path would establish:
 *
 * - the reader would accept it as it is: a flat JSON object of a kind listed in KINDS, format v2
 *   (v1 lines need upgrading), every field one that kind has, of the type and value set
 *   journal-check.ts requires, nothing missing, nothing twice;
 * - JSON.stringify of the parsed line gives the same bytes back (no spaces, no escapes, numbers in
 *   their shortest form), so copying it writes exactly what the slow path would have written;
 * - when redacting, the redactor would change nothing in it: every string is printable ASCII
 *   (no escapes, no other script's digits); `time`, `hresult` and `status` have the fixed shapes
 *   the redactor leaves alone; every other string is a whole
 *   GUID (which the redactor keeps) or holds no run of 7 or more digits, however separated (the
 *   redactor needs 10, or 7 after a `+`). Device IDs the redactor learns as the export goes are
 *   checked later, in order (`Redactor.mentionsKnownId`).
 *
 * Anything else (an unknown kind or field, such as a kind added to the journal after this was
 * written, or a field that can carry an identifier: `deviceId`, message text, MBIM bytes, data
 * payloads) does not match and takes the full path, which stays the reference: the tests check
 * that the two agree on generated and hostile lines.
 *
 * Why regular expressions: V8 compiles them to machine code that walks a one-byte string several
 * times faster than a JavaScript loop over the same bytes, and one match covers the whole line.
 */
import { ABANDON_REASONS, PRECONDITIONS } from '../../../shared/journal/record.js';
import { REQUEST_OPS, SESSION_STATES } from '../../../shared/model.js';
import { COMPLETION_MATCHES, REQUEST_OUTCOMES } from '../../../shared/request/outcome.js';
import { previewIdentifier } from './identifiers.js';
import type { AheadState } from './format-writer.js';
import { LineCheckPool } from './line-check-pool.js';

/** Printable ASCII but `"` and `\`. */
const PLAIN = '[ !#-\\[\\]-~]';
const HEX = '[0-9a-fA-F]';
const GUID = `${HEX}{8}(?:-${HEX}{4}){3}-${HEX}{12}`;
/**
 * Numbers as JSON.stringify writes them back unchanged: at most 15 significant digits (so the
 * double holds them exactly), no exponent, no `-0`, no trailing zero in the fraction.
 */
const INT = '(?:0|-?[1-9]\\d{0,14})';
const NUM = '(?:(?:0|-?[1-9]\\d{0,8})(?:\\.\\d{0,5}[1-9])?|-?[1-9]\\d{9,14})';
/** The shape the redactor leaves alone, with the ranges Date.parse accepts. */
const TIME =
  '"\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d\\.\\d{3}Z"';
const words = (list: readonly string[]): string => `"(?:${list.join('|')})"`;

/** Free text, and when redacting: a GUID, or text without 7 digits in a row (7 digits with up to two separators between each). */
const TEXT = `"${PLAIN}*"`;
const SAFE_TEXT = `"(?:\\{${GUID}\\}|${GUID}|(?![^"]*?\\d(?:[ ()./+-]{0,2}\\d){6})${PLAIN}*)"`;

/** Value patterns by field; `text` fields take TEXT or SAFE_TEXT. */
const FIELDS: Record<string, string> = {
  v: '2',
  seq: INT,
  time: TIME,
  mono: NUM,
  interfaceId: 'text',
  serviceId: 'text',
  serviceName: 'text',
  ref: 'text',
  op: words(REQUEST_OPS),
  outcome: words(REQUEST_OUTCOMES),
  sessionOpenBefore: '(?:true|false)',
  precondition: words(PRECONDITIONS),
  byteLength: NUM,
  requestId: INT,
  hresult: `"0x${HEX}{8}"`,
  hresultName: 'text',
  callMs: NUM,
  status: `"0x${HEX}{8}"`,
  statusName: 'text',
  match: words(COMPLETION_MATCHES),
  latencyMs: NUM,
  timeoutMs: NUM,
  reason: words(ABANDON_REASONS),
  waitedMs: NUM,
  from: words(SESSION_STATES),
  to: words(SESSION_STATES),
  /** Checked further after the match (previewIdentifier), when redacting. */
  preview: `"(?:${HEX}{2})*"`,
};

/**
 * The kinds that may pass, as [required fields, optional fields, fields that may be null], as
 * journal-check.ts has them. Kinds whose fields carry identifiers or free text (device-info,
 * error, call-failed, mbim-message, run-start with its nested objects) are left out: they are
 * rare, and the full path handles them.
 */
const SERVICE = ['interfaceId', 'serviceId', 'serviceName'];
const REQUEST = [...SERVICE, 'ref', 'op', 'outcome'];
const KINDS: Record<string, [string[], string[], string[]]> = {
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
const HEAD = ['v', 'seq', 'time', 'mono', 'kind'];
/** Key orders remembered per kind: the journal uses one or two; a hostile log must not grow this. */
const MAX_ORDERS = 8;
const PREVIEW_MEMO = 4096;
// A preview that decodes to an identifier is still taken: the redactor's token replaces its hex
// (RawLine.replacement), which is all the full path would change in the line.
const KEY = /[{,]"([A-Za-z]+)":/g;

interface KindRule {
  kind: string;
  required: ReadonlySet<string>;
  allowed: ReadonlySet<string>;
  nullable: ReadonlySet<string>;
  /** One sticky expression per key order met so far, with that order. */
  orders: Map<string, KeyOrder>;
}

/** A key order of one kind, and the expression that proves a line of it. */
export interface KeyOrder {
  kind: string;
  keys: readonly string[];
  pattern: RegExp;
}

export class LineCheck {
  private readonly rules = new Map<string, KindRule>();
  private readonly previews = new Map<string, boolean>();
  /** The bytes of the buffer last tested, as a one-byte string (made once per chunk). */
  private buf: Buffer | undefined;
  private text = '';

  /**
   * Set by a passing `test`: where the preview's hex is, when it decodes to an identifier (the
   * redactor's token then replaces it, and the rest of the line is still taken as it is); else -1.
   */
  previewFrom = -1;
  previewTo = -1;
  /** Set by a passing `test`: the kind and key order of the line (line-csv-row.ts reads it). */
  order: KeyOrder | undefined;

  private helpers: LineCheckPool | undefined;
  /** Set by an export whose format lets helper threads make its text ahead (CSV rows). */
  ahead: (() => AheadState) | undefined;

  /** The helper threads that run this check over blocks of lines (started on first use). */
  pool(): LineCheckPool {
    return (this.helpers ??= new LineCheckPool(this, this.redacting));
  }

  /** Stops the helper threads, if any (they also stop on their own once idle). */
  close(): void {
    this.helpers?.close();
  }

  /** `redacting`: also require that the redactor would change nothing but a preview. */
  constructor(private readonly redacting: boolean) {
    for (const [kind, [required, optional, nullable]] of Object.entries(KINDS)) {
      this.rules.set(kind, {
        kind,
        required: new Set([...HEAD, ...required]),
        allowed: new Set([...HEAD, ...required, ...optional]),
        nullable: new Set(nullable),
        orders: new Map(),
      });
    }
  }

  /** Whether `buf[from, to)` (one line, LF excluded) may be taken as it is. */
  test(buf: Buffer, from: number, to: number): boolean {
    if (buf !== this.buf) {
      this.buf = buf;
      // latin1: one character per byte, so offsets stay byte offsets; bytes over 0x7e fail PLAIN.
      this.text = buf.toString('latin1');
    }
    const text = this.text;
    this.previewFrom = -1;
    this.previewTo = -1;
    this.order = undefined;
    const at = text.indexOf('"kind":"', from);
    if (at === -1 || at >= to) return false;
    const end = text.indexOf('"', at + 8);
    const rule = this.rules.get(text.slice(at + 8, end));
    if (!rule) return false;
    for (const order of rule.orders.values())
      if (this.matches(order.pattern, from, to)) {
        this.order = order;
        return this.previewClean(rule, from, to);
      }
    const learned = this.learn(rule, from, to);
    if (learned === undefined || !this.matches(learned.pattern, from, to)) return false;
    this.order = learned;
    return this.previewClean(rule, from, to);
  }

  /** The one-byte string of the buffer last tested (offsets in it are the buffer's). */
  get tested(): string {
    return this.text;
  }

  private matches(pattern: RegExp, from: number, to: number): boolean {
    pattern.lastIndex = from;
    return pattern.test(this.text) && pattern.lastIndex === to;
  }

  /**
   * A new key order for this kind: its expression, if the keys are ones the kind may have, each
   * once, none missing. Whether the values fit is left to the expression.
   */
  private learn(rule: KindRule, from: number, to: number): KeyOrder | undefined {
    if (rule.orders.size >= MAX_ORDERS) return undefined;
    const keys = [...this.text.slice(from, to).matchAll(KEY)].map((m) => m[1] ?? '');
    const signature = keys.join(',');
    if (rule.orders.has(signature)) return undefined;
    const distinct = new Set(keys);
    if (
      distinct.size !== keys.length ||
      HEAD.some((key, i) => keys[i] !== key) ||
      keys.some((key) => !rule.allowed.has(key)) ||
      [...rule.required].some((key) => !distinct.has(key))
    )
      return undefined;
    const pairs = keys.map((key) => {
      let value = key === 'kind' ? words([rule.kind]) : (FIELDS[key] ?? '(?!)');
      if (value === 'text') value = this.redacting ? SAFE_TEXT : TEXT;
      if (rule.nullable.has(key)) value = `(?:null|${value})`;
      return `"${key}":${value}`;
    });
    const order: KeyOrder = {
      kind: rule.kind,
      keys,
      pattern: new RegExp(`\\{${pairs.join(',')}\\}`, 'y'),
    };
    rule.orders.set(signature, order);
    return order;
  }

  /**
   * A read-data line's preview (first bytes of the payload): notes where it is when it decodes to
   * an identifier, for the redactor's token to replace. Always true: the rest already passed.
   */
  private previewClean(rule: KindRule, from: number, to: number): boolean {
    if (!this.redacting || rule.kind !== 'read-data') return true;
    const at = this.text.indexOf('"preview":"', from) + 11;
    const end = this.text.indexOf('"', at);
    const hex = this.text.slice(at, end);
    let clean = this.previews.get(hex);
    if (clean === undefined) {
      clean = previewIdentifier(hex) === undefined;
      if (this.previews.size >= PREVIEW_MEMO) this.previews.clear();
      this.previews.set(hex, clean);
    }
    if (!clean && at > from && end < to) {
      this.previewFrom = at;
      this.previewTo = end;
    }
    return true;
  }
}
