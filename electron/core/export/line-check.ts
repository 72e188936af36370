/**
 * Which journal lines an export may take as they are, without JSON.parse, the redactor's walk or
 * JSON.stringify: the lines that let exports run near the speed of the disk (a JSON Lines export
 * copies them byte for byte; the other formats skip the shape check and redaction for them).
 *
 * A line passes only when one regular expression, built for its kind and key order from the
 * journal's line shapes (journal-line-shapes.ts, which the index's line reader builds from too),
 * matches it whole. That proves, for its bytes, all the slow path would establish:
 *
 * - the reader would accept it as it is: a flat JSON object of a kind the shapes list, format v2
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
import {
  HEX,
  PLAIN,
  isKeyOrderOf,
  keyOrderPattern,
  kindShapes,
  lineKeys,
  type KindShape,
} from '../journal-line-shapes.js';
import { previewIdentifier } from './identifiers.js';
import type { AheadState } from './format-writer.js';
import { LineCheckPool } from './line-check-pool.js';

const GUID = `${HEX}{8}(?:-${HEX}{4}){3}-${HEX}{12}`;
/**
 * Free text when redacting (inside its quotes): a GUID, or text without 7 digits in a row (7
 * digits with up to two separators between each).
 */
const SAFE_TEXT = `(?:\\{${GUID}\\}|${GUID}|(?![^"]*?\\d(?:[ ()./+-]{0,2}\\d){6})${PLAIN}*)`;

/** Key orders remembered per kind: the journal uses one or two; a hostile log must not grow this. */
const MAX_ORDERS = 8;
const PREVIEW_MEMO = 4096;
// A preview that decodes to an identifier is still taken: the redactor's token replaces its hex
// (RawLine.replacement), which is all the full path would change in the line.

interface KindRule extends KindShape {
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
    for (const shape of kindShapes()) this.rules.set(shape.kind, { ...shape, orders: new Map() });
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
    const keys = lineKeys(this.text, from, to);
    const signature = keys.join(',');
    if (rule.orders.has(signature) || !isKeyOrderOf(rule, keys)) return undefined;
    const order: KeyOrder = {
      kind: rule.kind,
      keys,
      pattern: keyOrderPattern(rule, keys, (_key, field) =>
        field.text && this.redacting ? SAFE_TEXT : field.value,
      ),
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
