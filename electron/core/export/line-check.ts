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
 *   (no escapes, no other script's digits, none of the characters of no width or other forms of
 *   separators the redactor reads as inside a number: identifier-gaps.ts); `time`, `hresult` and
 *   `status` have the fixed shapes the redactor leaves alone; every other string is a whole GUID
 *   (which the redactor keeps) or holds no run of 7 or more digits, however separated (the
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
  LINE_HEAD,
  type FieldShape,
  isKeyOrderOf,
  keyOrderPairs,
  kindShapes,
  lineKeys,
  type KindShape,
} from '../journal-line-shapes.js';
import { previewIdentifier } from '../../../shared/identifiers.js';
import { LineScan } from '../line-scan.js';
import { csvRowSteps } from './csv-row-steps.js';
import { rowProgram } from './csv-row-program.js';
import { csvField } from './format-csv.js';
import type { AheadState } from './format-writer.js';
import { LineCheckPool } from './line-check-pool.js';
import { LINE_FIELDS } from './raw-line.js';

const GUID = `${HEX}{8}(?:-${HEX}{4}){3}-${HEX}{12}`;
/** A printable ASCII character but `"`, `\\` and a digit. */
const PLAIN_NOT_DIGIT = '[ !#-/:-\\[\\]-~]';
/** Six more digits, each after up to two of the ASCII separators (identifier-gaps.ts) or `+`. */
const DIGIT_RUN = '(?:[ ()./+-]{0,2}\\d){6}';
/**
 * Free text when redacting (inside its quotes): a GUID, text without 7 digits in a row (7 digits
 * with up to two separators between each), or a ref's `r` and 7 to 9 digits (the redactor needs
 * 10 digits, or a `+`). Said as four ways no text can take two of: no digit at all; digits, none
 * of which starts such a run (read once from left to right, each digit its own step); a GUID
 * holding such a run; `r` and 7 to 9 digits. Each way ends at the closing quote. A text taken one
 * way only is never read again when something later in the line fails; with ways that overlap, a
 * line failing near its end was read again for every choice of ways before it. Exported for the
 * test that no text is taken two ways.
 */
export const SAFE_TEXT_WAYS = [
  `${PLAIN_NOT_DIGIT}*(?=")`,
  `${PLAIN_NOT_DIGIT}*\\d(?!${DIGIT_RUN})${PLAIN_NOT_DIGIT}*(?:\\d(?!${DIGIT_RUN})${PLAIN_NOT_DIGIT}*)*(?=")`,
  `(?=[^"]*?\\d${DIGIT_RUN})(?:\\{${GUID}\\}|${GUID})(?=")`,
  // A request's ref (`r` and its number) past a million requests: under 10 digits and no `+`,
  // which the redactor leaves alone; without this way half a week-long log took the full path.
  'r\\d{7,9}(?=")',
];
const SAFE_TEXT = `(?:${SAFE_TEXT_WAYS.join('|')})`;
const GUID_FIELDS = new Set(['interfaceId', 'serviceId']);
const GUID_KEYS = ['"interfaceId":"', '"serviceId":"'];
const IS_GUID = new RegExp(`^(?:\\{${GUID}\\}|${GUID})$`);
/** GUIDs the run's expression tries as literals: a hostile log of many GUIDs must not grow it. */
const MAX_GUIDS = 32;
/** A GUID as a literal in an expression: its braces and hyphens escaped. */
const escapeGuid = (guid: string): string => guid.replace(/[{}-]/g, '\\$&');

/** Key orders remembered per kind: the journal uses one or two; a hostile log must not grow this. */
const MAX_ORDERS = 8;
const PREVIEW_MEMO = 4096;
const PREVIEW_KEY = '"preview":"';
const KIND_KEY = '"kind":"';
const kindSignature = (first: number, length: number): number => first * 256 + length;
const QUOTE = 0x22;
const isHexDigit = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
// A preview that decodes to an identifier is still taken: the redactor's token replaces its hex
// (RawLine.replacement), which is all the full path would change in the line.

interface KindRule extends KindShape {
  /** Its index in kindShapes(): how the WebAssembly reader names it. */
  index: number;
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

  /** passRun's expression, made again when an order or a GUID is learned. */
  private run: RegExp | undefined;
  /** GUIDs met in passing lines (noteGuids). */
  private readonly guids = new Set<string>();
  private readonly readData: KindRule | undefined;
  /** Each kind's rule by its first letter and length, when no two kinds share those (orderOf). */
  private readonly kindBySignature: Map<number, KindRule> | undefined;

  private helpers: LineCheckPool | undefined;
  /** Set by an export whose format lets helper threads make its text ahead (CSV rows). */
  ahead: (() => AheadState) | undefined;

  /** How many helper threads the pool may start; undefined for its default (line-check-pool.ts). */
  helperThreads: number | undefined;

  /** The helper threads that run this check over blocks of lines (started on first use). */
  pool(): LineCheckPool {
    return (this.helpers ??= new LineCheckPool(this, this.redacting, this.helperThreads));
  }

  /** Stops the helper threads, if any (they also stop on their own once idle). */
  close(): void {
    this.helpers?.close();
  }

  /**
   * `redacting`: also require that the redactor would change nothing but a preview. `scan: false`:
   * the expressions check every line, no WebAssembly (the tests compare both ways).
   */
  constructor(
    private readonly redacting: boolean,
    options: { scan?: boolean } = {},
  ) {
    for (const [index, shape] of kindShapes().entries())
      this.rules.set(shape.kind, { ...shape, index, orders: new Map() });
    if (options.scan === false) this.scanner = null;
    this.readData = this.rules.get('read-data');
    const bySignature = new Map<number, KindRule>();
    for (const [kind, rule] of this.rules)
      bySignature.set(kindSignature(kind.charCodeAt(0), kind.length), rule);
    this.kindBySignature = bySignature.size === this.rules.size ? bySignature : undefined;
  }

  /**
   * The same check in WebAssembly, for runs of lines (scanLines): each key order the expressions
   * learn is written to it as a program. Made on first use (a check asked line by line never
   * needs it); null where WebAssembly is not available, or after it failed: the expressions then
   * check every line.
   */
  private scanner: LineScan | null | undefined;

  /** Whether scanLines can be asked. */
  get scans(): boolean {
    return this.reader() !== null;
  }

  /** The WebAssembly reader, made now if not yet, told every key order learned so far. */
  private reader(): LineScan | null {
    if (this.scanner !== undefined) return this.scanner;
    this.scanner = null;
    try {
      const scanner = new LineScan(kindShapes());
      scanner.check(this.redacting);
      for (const rule of this.rules.values())
        for (const order of rule.orders.values()) scanner.addPlan(rule.index, rule, order.keys);
      this.scanner = scanner;
    } catch {
      // No WebAssembly here: the expressions check every line.
    }
    return this.scanner;
  }

  /**
   * How many whole lines of `buf[from, to)`, from `from` on, `test` would pass in a row, as the
   * WebAssembly reader proves them (a line of a key order not learned yet ends the run, as in
   * passRun), none longer than `maxLine`; `scanStopped` is where the first it did not take
   * starts. When redacting, the lines with a preview not yet known clean are its marks
   * (`scanMark` says which decode to an identifier). Reading lines' bytes with no
   * string made of them, this costs a fraction of passRun, which first copies them into one.
   */
  scanLines(buf: Buffer, from: number, to: number, maxLine: number): number {
    const scanner = this.reader();
    if (!scanner) return 0;
    try {
      const lines = scanner.passLines(buf, from, to, maxLine);
      this.scanStopped = scanner.stopped;
      this.scanMarks = scanner.marked;
      return lines;
    } catch {
      // A trap is the module's fault, never the line's: the expressions check from here on.
      this.scanner = null;
      this.scanStopped = from;
      this.scanMarks = 0;
      return 0;
    }
  }

  scanStopped = 0;
  scanMarks = 0;

  /** Whether the WebAssembly reader was given the row programs (csvLines). */
  private rowPrograms = false;
  /** The device models last given to it, as the writer's snapshot had them. */
  private rowModels: readonly (readonly [string, string])[] | undefined;

  /**
   * Gives the WebAssembly reader the device models a CSV row names (DeviceModels' snapshot):
   * false when it cannot make rows with them (no reader, or more than it holds), and csvLines
   * must not be asked.
   */
  csvModels(models: readonly (readonly [string, string])[]): boolean {
    const scanner = this.reader();
    if (!scanner) return false;
    if (!this.rowPrograms) {
      this.rowPrograms = true;
      for (const rule of this.rules.values()) {
        const steps = csvRowSteps(rule.kind);
        const program = steps && rowProgram(steps, scanner.placeBytes);
        if (program) scanner.addRowPlan(rule.index, program);
      }
    }
    const last = this.rowModels;
    if (
      last?.length === models.length &&
      last.every(([id, model], i) => {
        const now = models[i];
        return now !== undefined && now[0] === id && now[1] === model;
      })
    )
      return true;
    this.rowModels = undefined;
    const ok = scanner.setModels(
      models.map(([id, model]) => [Buffer.from(id, 'utf8'), Buffer.from(csvField(model), 'utf8')]),
    );
    if (ok) this.rowModels = models;
    return ok;
  }

  /**
   * scanLines for a CSV export (after csvModels), each line taken given its row in the
   * WebAssembly reader: how many, from `from` on; `scanStopped` says where the first it did not
   * take starts. `csvEntries` then holds each line's numbers as a checked block's lines do
   * (offsets from `origin`, rows' ends from `madeBase`, a preview only where it decodes to an
   * identifier), and `csvMade` their rows, both valid until the next call.
   */
  csvLines(
    buf: Buffer,
    from: number,
    to: number,
    maxLine: number,
    origin: number,
    madeBase: number,
  ): number {
    const scanner = this.scanner;
    if (!scanner) return 0;
    try {
      const lines = scanner.csvLines(buf, from, to, maxLine, origin, madeBase);
      this.scanStopped = scanner.stopped;
      this.csvEntries = scanner.entries;
      this.csvMade = scanner.made;
      // As scanMark: a preview that decodes to no identifier is not the redactor's.
      const entries = scanner.entries;
      for (let m = 0; m < scanner.marked; m++) {
        const e = scanner.markedLine(m) * LINE_FIELDS;
        const hexFrom = entries[e + 3] ?? 0;
        const hexTo = entries[e + 4] ?? 0;
        if (!this.cleanPreview(buf.toString('latin1', origin + hexFrom, origin + hexTo))) continue;
        scanner.keepCleanEntry(hexFrom, hexTo);
        entries[e + 3] = -1;
        entries[e + 4] = -1;
      }
      return lines;
    } catch {
      // A trap is the module's fault, never the line's: the expressions check from here on.
      this.scanner = null;
      this.scanStopped = from;
      return 0;
    }
  }

  csvEntries: Int32Array = new Int32Array(0);
  csvMade: Uint8Array = new Uint8Array(0);

  /**
   * The `n`th mark of the last scanLines, when its preview decodes to an identifier (which the
   * redactor replaces): [ordinal, start, end, hex start, hex end] as LineScan.mark has them, in
   * an array the next call fills again. Undefined when it decodes to none: the reader is told,
   * and marks no line with that preview again.
   */
  scanMark(buf: Buffer, n: number): Int32Array | undefined {
    const scanner = this.scanner;
    if (!scanner) throw new Error('no marks without the WebAssembly reader');
    const mark = scanner.mark(n);
    if (!this.cleanPreview(buf.toString('latin1', mark[3], mark[4]))) return mark;
    scanner.keepClean(n);
    return undefined;
  }

  /** Whether `buf[from, to)` (one line, LF excluded) may be taken as it is. */
  test(buf: Buffer, from: number, to: number): boolean {
    this.use(buf);
    const text = this.text;
    this.previewFrom = -1;
    this.previewTo = -1;
    this.order = undefined;
    const at = text.indexOf('"kind":"', from);
    if (at === -1 || at >= to) return false;
    const end = text.indexOf('"', at + 8);
    const rule = this.rules.get(text.slice(at + 8, end));
    if (!rule) return false;
    let order: KeyOrder | undefined;
    for (const known of rule.orders.values())
      if (this.matches(known.pattern, from, to)) {
        order = known;
        break;
      }
    if (!order) {
      const learned = this.learn(rule, from, to);
      if (learned === undefined || !this.matches(learned.pattern, from, to)) return false;
      order = learned;
    }
    this.order = order;
    this.noteGuids(from, to);
    return this.previewClean(rule, from, to);
  }

  /**
   * Where the run of whole lines from `from` that `test` would each pass ends: just after the LF of
   * the last of them, or `from` when the first does not pass (or has no LF before `to`). One match
   * of one expression covers the run, so most of a journal's lines cost no JavaScript at all; the
   * first line of a kind or key order not met yet ends the run, `test` learns it, and the next run
   * takes it too. Read-data previews are not looked at: see `previewOf`.
   */
  passRun(buf: Buffer, from: number, to: number): number {
    this.use(buf);
    const run = (this.run ??= this.runPattern());
    if (!run) return from;
    run.lastIndex = from;
    if (!run.test(this.text)) return from;
    const end = run.lastIndex;
    return end <= to ? end : from;
  }

  /**
   * `passRun`'s answer, read by the WebAssembly reader where there is one: where the run of whole
   * lines from `from` that `test` would each pass ends, or `from`; a line longer than `maxLine`
   * ends it too. The text of `buf` is made all the same, for what is read of the run's lines
   * after (`orderOf`, `previewOf`, a CSV row). For a CSV export, whose rows need that text, the
   * expression's run was a fifth of the export's time on each thread; the reader takes the same
   * lines (the tests compare both) at a fraction of that.
   */
  scanRun(buf: Buffer, from: number, to: number, maxLine: number): number {
    this.use(buf);
    this.runPreviews = undefined;
    if (this.reader() === null) return this.passRun(buf, from, to);
    if (this.scanLines(buf, from, to, maxLine) === 0) return from;
    // The reader takes a read-data line whatever its preview's place: the lines whose preview
    // decodes to an identifier are its marks (previewOf answers from them for this run).
    if (this.redacting) {
      const previews = new Map<number, [number, number]>();
      for (let m = 0; m < this.scanMarks; m++) {
        const mark = this.scanMark(buf, m);
        if (mark) previews.set(mark[1] ?? -1, [mark[3] ?? -1, mark[4] ?? -1]);
      }
      this.runPreviews = previews;
    }
    return this.scanStopped;
  }

  /** After a run the reader took (scanRun): its lines' previews to replace, by line start. */
  private runPreviews: Map<number, [number, number]> | undefined;

  /**
   * For a line `passRun` passed: sets `order` to its key order when its kind has only one learned
   * (the run's expression proved it is of one of them), as `test` would; false when the kind has
   * several, and `test` must tell.
   */
  orderOf(from: number, to: number): boolean {
    const text = this.text;
    const at = text.indexOf(KIND_KEY, from) + KIND_KEY.length;
    if (at < KIND_KEY.length || at >= to) return false;
    // The kind told by its first letter and length (no string cut out per line), when those tell
    // the kinds apart; else by its name.
    const end = text.indexOf('"', at);
    const rule = this.kindBySignature
      ? this.kindBySignature.get(kindSignature(text.charCodeAt(at), end - at))
      : this.rules.get(text.slice(at, end));
    if (rule?.orders.size !== 1) return false;
    for (const order of rule.orders.values()) this.order = order;
    return true;
  }

  /**
   * For a line `passRun` passed (`[from, to)` in the text last tested), when redacting: whether
   * it is a read-data line whose preview decodes to an identifier, as `test` would have set
   * `previewFrom` and `previewTo` (-1 when not). The preview is the last field of the only kind
   * that has one, and no passing text holds a quote, so a line ending in `"preview":"<hex>"}` is
   * such a line: read from the end, most lines are ruled out by their last few bytes.
   */
  previewOf(from: number, to: number): boolean {
    this.previewFrom = -1;
    this.previewTo = -1;
    if (!this.redacting || !this.readData) return false;
    if (this.runPreviews) {
      const preview = this.runPreviews.get(from);
      if (!preview) return false;
      [this.previewFrom, this.previewTo] = preview;
      return true;
    }
    const text = this.text;
    const end = to - 2;
    if (text.charCodeAt(end) !== QUOTE) return false;
    let at = end;
    while (at > from && isHexDigit(text.charCodeAt(at - 1))) at -= 1;
    if (!text.startsWith(PREVIEW_KEY, at - PREVIEW_KEY.length)) return false;
    this.previewClean(this.readData, from, to, at);
    return this.previewFrom >= 0;
  }

  /**
   * A field's pattern: its shape's, or when redacting, free text the redactor leaves alone; for a
   * field that holds a GUID, the GUIDs `seen` (a `|` list of literals) are tried first, and the
   * other ways only for a text that is none of them (so no text is taken two ways).
   */
  private valuePattern(key: string, field: FieldShape, seen: string): string {
    if (!field.text || !this.redacting) return field.value;
    if (!GUID_FIELDS.has(key) || seen === '') return SAFE_TEXT;
    return `(?:(?:${seen})(?=")|(?!(?:${seen})")${SAFE_TEXT})`;
  }

  /**
   * Remembers the GUIDs of a passing line's interface and service (up to MAX_GUIDS), for the
   * run's expression to try first: a journal has a few devices and services, met again on every
   * line. Lines tested one by one are spread over the log (each piece's first), so those met
   * most are met here first.
   */
  private noteGuids(from: number, to: number): void {
    if (!this.redacting || this.guids.size >= MAX_GUIDS) return;
    for (const key of GUID_KEYS) {
      const at = this.text.indexOf(key, from) + key.length;
      if (at < key.length || at >= to) continue;
      const value = this.text.slice(at, this.text.indexOf('"', at));
      if (this.guids.has(value) || !IS_GUID.test(value)) continue;
      this.guids.add(value);
      this.run = undefined;
    }
  }

  /**
   * One expression for every key order learned so far: lines, each ended by LF, as many as match.
   * Every order begins with the journal's head (v, seq, time, mono), then its kind; the head is
   * written once and each kind once under it, so a line is read once from left to right rather
   * than once for each order until one fits.
   */
  private runPattern(): RegExp | undefined {
    const heads = new Map<string, Map<string, string[]>>();
    const headLength = LINE_HEAD.length - 1;
    // GUIDs seen so far, each tried as it is before any GUID: the same texts pass, but a literal
    // is matched several times faster than a GUID's 32 hex digits one by one.
    const seen = [...this.guids].map(escapeGuid).join('|');
    for (const rule of this.rules.values())
      for (const order of rule.orders.values()) {
        // previewOf finds a run's previews to redact at the end of their lines: a read-data line
        // whose preview is elsewhere (valid, though not the journal's order) is tested alone.
        if (this.redacting && rule === this.readData && order.keys.at(-1) !== 'preview') continue;
        const pairs = keyOrderPairs(rule, order.keys, (key, field) =>
          this.valuePattern(key, field, seen),
        );
        const head = pairs.slice(0, headLength).join(',');
        const kinds = heads.get(head) ?? new Map<string, string[]>();
        heads.set(head, kinds);
        const rest = pairs.slice(headLength + 1);
        const tails = kinds.get(rule.kind) ?? [];
        kinds.set(rule.kind, tails);
        tails.push(rest.length > 0 ? `,${rest.join(',')}` : '');
      }
    if (heads.size === 0) return undefined;
    const lines = [...heads].map(([head, kinds]) => {
      const byKind = [...kinds].map(([kind, tails]) => `${kind}"(?:${tails.join('|')})`);
      return `\\{${head},"kind":"(?:${byKind.join('|')})\\}\\n`;
    });
    return new RegExp(`(?:${lines.join('|')})+`, 'y');
  }

  /** The one-byte string of the buffer last tested (offsets in it are the buffer's). */
  get tested(): string {
    return this.text;
  }

  private use(buf: Buffer): void {
    if (buf === this.buf) return;
    this.buf = buf;
    // latin1: one character per byte, so offsets stay byte offsets; bytes over 0x7e fail PLAIN.
    this.text = buf.toString('latin1');
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
    const pairs = keyOrderPairs(rule, keys, (key, field) => this.valuePattern(key, field, ''));
    const order: KeyOrder = {
      kind: rule.kind,
      keys,
      pattern: new RegExp(`\\{${pairs.join(',')}\\}`, 'y'),
    };
    rule.orders.set(signature, order);
    this.run = undefined;
    this.scanner?.addPlan(rule.index, rule, keys);
    return order;
  }

  /**
   * A read-data line's preview (first bytes of the payload): notes where it is when it decodes to
   * an identifier, for the redactor's token to replace. Always true: the rest already passed.
   * `valueAt`: where the preview's value starts, when the caller found it already (previewOf, from
   * the line's end: searching for the key from the line's start read the whole line again).
   */
  private previewClean(rule: KindRule, from: number, to: number, valueAt = -1): boolean {
    if (!this.redacting || rule.kind !== 'read-data') return true;
    const at = valueAt >= 0 ? valueAt : this.text.indexOf(PREVIEW_KEY, from) + PREVIEW_KEY.length;
    const end = this.text.indexOf('"', at);
    if (!this.cleanPreview(this.text.slice(at, end)) && at > from && end < to) {
      this.previewFrom = at;
      this.previewTo = end;
    }
    return true;
  }

  /** Whether a preview's hex decodes to no identifier (remembered: a log repeats its previews). */
  private cleanPreview(hex: string): boolean {
    let clean = this.previews.get(hex);
    if (clean === undefined) {
      clean = previewIdentifier(hex) === undefined;
      if (this.previews.size >= PREVIEW_MEMO) this.previews.clear();
      this.previews.set(hex, clean);
    }
    return clean;
  }
}
