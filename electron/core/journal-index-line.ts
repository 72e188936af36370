/**
 * The few fields an index keeps of a line (IndexFields), read straight from the line's bytes
 * without JSON.parse, for the lines the journal itself writes: building the index of a saved log
 * was otherwise JSON.parse of every line, ~2 µs each, most of a first search's time.
 *
 * A line is read here only when one regular expression, built for its kind and key order, matches
 * it whole, and that expression both proves its shape and captures the values the index keeps,
 * but for the head's: seq, time and mono stand where the head puts them, and are read from their
 * character codes (a time as epoch ms, not a string): capturing and converting them cost a fifth
 * of the build. Services, outcomes and HRESULTs are kept as the few strings a log repeats, so
 * counting them by a map hashes each value once, not once a line. (Proving the shape with no
 * captures and then finding every value by walking the keys was tried: finding where each value
 * ends, with indexOf or a loop, cost more than the captures do.)
 *
 * The shapes are the journal's (journal-line-shapes.ts), the same the export's LineCheck takes in
 * its non-redacting form; such a line parses to exactly the record checkRecord accepts. LineCheck
 * answers only yes or no, and running it and then a second expression for the values cost more
 * than half of what skipping JSON.parse saved; so the expressions here are built from the same
 * shapes with captures.
 *
 * Anything else (a kind added later, v1, a CR, an escape, a key order past the eighth of a kind)
 * is left to the caller's full path: parse, check, count. The tests check that both give the same
 * index on generated and hostile lines.
 */
import { REQUEST_OUTCOMES } from '../../shared/request/outcome.js';
import { kindOutcome } from '../../shared/request/story.js';
import {
  emptyIndexFields,
  hresultField,
  refNumber,
  type IndexFields,
  type TalliedRows,
  type TallyNames,
} from './journal-index.js';
import {
  LineScan,
  NOT_TAKEN,
  TALLY_COMPLETION,
  TALLY_HRESULT,
  TALLY_STATUS,
  TALLY_UNMATCHED,
} from './line-scan.js';
import {
  isKeyOrderOf,
  keyOrderPattern,
  LINE_HEAD,
  kindShapes,
  lineKeys,
  type KindShape,
} from './journal-line-shapes.js';

/** The keys whose values an index keeps. */
const KEPT = [
  'seq',
  'time',
  'mono',
  'kind',
  'serviceId',
  'serviceName',
  'outcome',
  'hresult',
  'status',
  'requestId',
  'ref',
] as const;
type Kept = (typeof KEPT)[number];
/** The head's values are read where they stand (readHead), the rest captured. */
const CAPTURED: ReadonlySet<string> = new Set(KEPT.filter((key) => !LINE_HEAD.includes(key)));

/** Key orders learned per kind: the journal uses one or two; a hostile log must not grow this. */
const MAX_PLANS = 8;
const RECENT = 8;
/** From the comma after seq to the time's first digit: `,"time":"`. */
const TO_TIME = 9;
/** From the time's first digit to mono's first character: `2026-…Z","mono":`. */
const TIME_TO_MONO = 33;
const COMMA = 44;
/** `,"kind":"`. */
const TO_KIND = 9;
/** `{"v":2,"seq":`, where the kind's value starts 9 characters after the comma after mono. */
const SEQ_AT = 13;

/**
 * Which capture holds each kept value; 0 for a key the order lacks (never read past a match's end:
 * that took V8 off its fast path for every line).
 */
type Groups = Record<Kept, number>;

/** One key order's expression, and its captures. */
interface Plan {
  pattern: RegExp;
  groups: Groups;
}

interface KindRule extends KindShape {
  /** The kind's number for the WebAssembly reader. */
  index: number;
  plans: Plan[];
  /** Key orders already tried, learned or not. */
  tried: Set<string>;
}

export class IndexLineReader implements TallyNames {
  /**
   * `trouble` stays false: errors and backend statuses are not among the shapes read here
   * (journal-line-shapes.ts), so the full path counts every one of them.
   */
  private readonly fields = emptyIndexFields();
  /** By the kind's shape (see `shape`). */
  private readonly rules = new Map<number, KindRule>();
  /** The buffer last read, as a one-byte string (made once per chunk): offsets stay byte offsets. */
  private buf: Buffer | undefined;
  private text = '';
  private readonly serviceIds = new Recent();
  private readonly serviceNames = new Recent();
  /**
   * Outcomes and HRESULTs too: counted by a map, a value met before has its hash already, where
   * each line's own copy of it was hashed afresh.
   */
  private readonly outcomes = new Recent();
  private readonly hresults = new Recent();
  /**
   * The WebAssembly reader, asked first: it takes a line of a key order learned here (told to it
   * as a program) in a fraction of the expressions' time. Undefined when told not to (the tests
   * compare both ways).
   */
  private scan: LineScan | undefined;
  private readonly kinds: KindRule[] = [];

  constructor(options: { scan?: boolean } = {}) {
    for (const [index, kind] of kindShapes().entries()) {
      const key = shape(kind.kind.length, kind.kind.charCodeAt(0));
      // A kind added to the shapes that another's length and letter would hide must be caught
      // here, not misread.
      if (this.rules.has(key)) throw new Error(`kinds of the same shape: ${kind.kind}`);
      const rule = { ...kind, index, plans: [], tried: new Set<string>() };
      this.rules.set(key, rule);
      this.kinds.push(rule);
    }
    this.scan = options.scan === false ? undefined : acquireScan(this.kinds);
    this.scan?.tallyKinds(this.kinds.map((rule) => tallyFlags(rule.kind)));
    this.scan?.tallyBucket();
    // What the shared model counts a row of such a kind under when it names no outcome.
    for (const rule of this.kinds) this.noOutcome ||= kindOutcome(rule.kind, null) ?? '';
  }

  /** The outcome TALLY_UNMATCHED stands for (kindOutcome's, for a TALLY_COMPLETION kind). */
  private noOutcome = '';

  /** A new bucket begins: `readTallied` tells each service's name again when it next meets it. */
  startBucket(): void {
    this.scan?.tallyBucket();
  }

  kindOf(no: number): string {
    return this.kinds[no]?.kind ?? '';
  }
  outcomeOf(no: number): string {
    return no === TALLY_UNMATCHED ? this.noOutcome : (REQUEST_OUTCOMES[no] ?? '');
  }
  serviceIdOf(no: number): string | null {
    return this.scan?.serviceIdOf(no) ?? null;
  }
  serviceNameOf(no: number): string | null {
    return this.scan?.serviceNameOf(no) ?? null;
  }
  hresultOf(no: number): string | null {
    return this.scan?.hresultOf(no) ?? null;
  }

  /** Done reading: the WebAssembly reader goes back for the next reader to use. */
  release(): void {
    this.scan?.release();
    this.scan = undefined;
  }

  /**
   * The index fields of `buf[from, to)` (one line, LF excluded), or undefined when the line is
   * not one of the journal's own shapes. The object returned is reused by the next call.
   */
  read(
    buf: Buffer,
    from: number,
    to: number,
    /** The WebAssembly reader declined this line already (readRun stopped at it). */
    declined = false,
  ): Readonly<IndexFields> | undefined {
    const scan = this.scan;
    if (scan && !declined) {
      let kind = NOT_TAKEN;
      try {
        kind = scan.read(buf, from, to);
      } catch {
        // A trap (a fault of the module's, never of the line: every line is a valid input) must
        // not fail the index: the expressions read this line and every later one.
        this.scan = undefined;
      }
      if (kind !== NOT_TAKEN) return this.fillScanned(scan, this.kinds[kind]?.kind ?? '');
    }
    if (buf !== this.buf) {
      this.buf = buf;
      // latin1: one character per byte, so offsets stay byte offsets; bytes over 0x7e fail PLAIN.
      this.text = buf.toString('latin1');
    }
    const t = this.text;
    // The head's values, and where the kind would be, if the line has the journal's head: read
    // before the expression checks it all (what is read of any other line is not used).
    const kindAt = readHead(t, from, to, this.fields);
    if (kindAt < 0) return undefined;
    // By the kind's length and first letter, which tell the kinds read here apart, so no string is
    // made or hashed for it; the expression checks the kind itself.
    const rule = this.rules.get(shape(t.indexOf('"', kindAt) - kindAt, t.charCodeAt(kindAt)));
    if (!rule) return undefined;
    for (const plan of rule.plans) {
      const match = matchWhole(plan, t, from, to);
      if (match) return this.fill(match, plan.groups, rule.kind);
    }
    const plan = learn(rule, t, from, to, this.scan);
    const match = plan && matchWhole(plan, t, from, to);
    return match ? this.fill(match, plan.groups, rule.kind) : undefined;
  }

  /**
   * Reads the whole lines of `buf[from, to)` (each ended by its LF) in one go while the
   * WebAssembly reader takes each, handing `each` the reader pointed at the line's row (see
   * BucketBuilder.addScanned), its kind, and its [start, end); returns where the first line it did
   * not take starts (for `read`, and then a call after it), or `to`. Saves a call into the
   * module, and one from the line splitter, per line: a tenth of an index's build.
   */
  readRun(
    buf: Buffer,
    from: number,
    to: number,
    each: (scan: LineScan, kind: string, start: number, end: number) => void,
  ): number {
    const scan = this.scan;
    if (!scan) return from;
    let rows = 0;
    try {
      rows = scan.readLines(buf, from, to);
    } catch {
      this.scan = undefined; // as in `read`
      return from;
    }
    for (let n = 0; n < rows; n++) {
      scan.row(n);
      each(scan, this.kinds[scan.kind]?.kind ?? '', scan.lineStart, scan.lineEnd);
    }
    return scan.stopped;
  }

  /**
   * readRun for a build that needs no line's own values: the WebAssembly reader takes up to
   * `room()` whole lines of `buf[from, to)` at a time, and `take` is handed what they add up to
   * (BucketBuilder.addTally), how many, where the first starts and where the last ends (its LF);
   * again after each, while it took as many as it had room for. Returns where the first line it
   * did not take starts, or `to`.
   */
  readTallied(
    buf: Buffer,
    from: number,
    to: number,
    room: () => number,
    take: (tally: TalliedRows, rows: number, start: number, end: number) => void,
  ): number {
    let at = from;
    for (;;) {
      const scan = this.scan;
      if (!scan) return at;
      const most = room();
      let rows = 0;
      let start = 0;
      let end = 0;
      let tally: TalliedRows;
      try {
        rows = scan.readLines(buf, at, to, most);
        if (rows === 0) return scan.stopped;
        scan.row(0);
        start = scan.lineStart;
        scan.row(rows - 1);
        end = scan.lineEnd;
        tally = scan.tally(0, rows);
      } catch {
        this.scan = undefined; // as in `read`
        return at;
      }
      take(tally, rows, start, end);
      at = scan.stopped;
      if (rows < most || at >= to) return at;
    }
  }

  /** The fields as `fill` gives them, from what the WebAssembly reader found. */
  private fillScanned(scan: LineScan, kind: string): IndexFields {
    const f = this.fields;
    f.kind = kind;
    f.seq = scan.seq;
    f.time = '';
    f.timeMs = scan.timeMs;
    f.mono = scan.mono;
    f.outcome = kindOutcome(kind, REQUEST_OUTCOMES[scan.outcome] ?? null);
    f.serviceId = scan.serviceId;
    f.serviceName = scan.serviceName;
    const field = hresultField(kind);
    f.hresult = field && scan[field];
    f.requestId = scan.requestId;
    f.ref = scan.ref;
    return f;
  }

  private fill(m: RegExpExecArray, g: Groups, kind: string): IndexFields {
    const f = this.fields;
    f.kind = kind;
    const written = g.outcome > 0 ? m[g.outcome] : undefined;
    const outcome = written === undefined ? null : this.outcomes.own(written);
    f.outcome = kindOutcome(kind, outcome);
    const id = g.serviceId > 0 ? m[g.serviceId] : undefined;
    f.serviceId = id === undefined ? null : this.serviceIds.own(id);
    const name = g.serviceName > 0 ? m[g.serviceName] : undefined;
    f.serviceName = name === undefined ? null : this.serviceNames.own(name);
    const field = hresultField(kind);
    const code = field ? g[field] : 0;
    const hresult = code > 0 ? m[code] : undefined;
    f.hresult = hresult === undefined ? null : this.hresults.own(hresult);
    const requestId = g.requestId > 0 ? m[g.requestId] : undefined;
    f.requestId = requestId === undefined ? null : Number(requestId);
    const ref = g.ref > 0 ? m[g.ref] : undefined;
    f.ref = ref === undefined ? null : refNumber(ref);
    return f;
  }
}

/**
 * The WebAssembly reader, or none where WebAssembly (with SIMD) is not to be had (V8 run
 * `--jitless`, say): the expressions then read every line, as they did before it.
 */
function acquireScan(kinds: readonly KindShape[]): LineScan | undefined {
  try {
    return LineScan.acquire(kinds);
  } catch {
    return undefined;
  }
}

/** How the WebAssembly tally counts a kind's rows, as the index counts its records. */
function tallyFlags(kind: string): number {
  const field = hresultField(kind);
  return (
    (kindOutcome(kind, null) === null ? 0 : TALLY_COMPLETION) |
    (field === 'hresult' ? TALLY_HRESULT : field === 'status' ? TALLY_STATUS : 0)
  );
}

/** A kind's length and first letter as one number. */
function shape(length: number, first: number): number {
  return length * 128 + first;
}

function matchWhole(plan: Plan, t: string, from: number, to: number): RegExpExecArray | null {
  plan.pattern.lastIndex = from;
  const match = plan.pattern.exec(t);
  return match && plan.pattern.lastIndex === to ? match : null;
}

/**
 * A new key order for this kind: its expression, if the keys are ones the kind may have, each
 * once, none missing, the journal's head first. Whether the values fit is left to the expression.
 */
function learn(
  rule: KindRule,
  t: string,
  from: number,
  to: number,
  scan: LineScan | undefined,
): Plan | undefined {
  if (rule.plans.length >= MAX_PLANS || rule.tried.size >= 4 * MAX_PLANS) return undefined;
  const keys = lineKeys(t, from, to);
  const signature = keys.join(',');
  if (rule.tried.has(signature)) return undefined;
  rule.tried.add(signature);
  if (!isKeyOrderOf(rule, keys)) return undefined;
  const groups = Object.fromEntries(KEPT.map((key) => [key, 0])) as Groups;
  let group = 0;
  for (const key of keys) if (CAPTURED.has(key)) groups[key as Kept] = ++group;
  // A kept value is captured; every text field takes any printable text (nothing is redacted).
  const pattern = keyOrderPattern(rule, keys, (key, field) =>
    CAPTURED.has(key) ? `(${field.value})` : field.value,
  );
  const plan = { pattern, groups };
  rule.plans.push(plan);
  // The same key order for the WebAssembly reader (which, full, leaves its lines to this one).
  scan?.addPlan(rule.index, rule, keys);
  return plan;
}

/**
 * The last few distinct values of a field, as strings of their own: a log's records name a
 * handful of services over and over, and a new value is copied out of its chunk rather than kept
 * as a slice of it, so a name the file's index keeps never holds a whole chunk in memory.
 */
class Recent {
  private readonly values: string[] = [];
  private next = 0;

  own(text: string): string {
    const values = this.values;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value === text) return value;
    }
    const copy = Buffer.from(text, 'latin1').toString('latin1');
    this.values[this.next] = copy;
    this.next = (this.next + 1) % RECENT;
    return copy;
  }
}

/**
 * seq, time and mono of a line as the journal's head holds them: the digits after
 * `{"v":2,"seq":`, the time 9 characters after them, mono 9 after its 24. Returns where the
 * kind's value starts, or -1 when the line is too short for a head. Whether the line is of that
 * shape is for the expression to say: this only never reads past `to`.
 */
function readHead(t: string, from: number, to: number, f: IndexFields): number {
  let at = from + SEQ_AT;
  let seq = 0;
  for (let c = t.charCodeAt(at); c !== COMMA && at < to; c = t.charCodeAt(++at))
    seq = seq * 10 + (c - 48);
  const time = at + TO_TIME;
  at = time + TIME_TO_MONO;
  if (at >= to) return -1;
  const negative = t.charCodeAt(at) === 45;
  if (negative) at++;
  let n = 0;
  let scale = 1;
  let fraction = false;
  for (let c = t.charCodeAt(at); c !== COMMA && at < to; c = t.charCodeAt(++at)) {
    if (c === 46) fraction = true;
    else {
      n = n * 10 + (c - 48);
      if (fraction) scale *= 10;
    }
  }
  f.seq = seq;
  f.time = '';
  f.timeMs = isoMs(t, time);
  // The digits as an integer over the fraction's power of ten: both exact in a double, so the
  // quotient is the correctly rounded value of the same decimal, which is what Number() gives.
  f.mono = negative ? -(n / scale) : n / scale;
  return at + TO_KIND;
}

/**
 * Epoch ms of the ISO time at `t[at…]`, `YYYY-MM-DDThh:mm:ss.mmmZ` as the expression has proven
 * it, as Date.parse reads it: a day past its month's end (the 31st of February) runs on into the
 * next month, and a year under 100 is that year, not 19xx (as Date.UTC would have it).
 */
function isoMs(t: string, at: number): number {
  const year = digits(t, at, 4);
  const ms =
    digits(t, at + 11, 2) * 3_600_000 +
    digits(t, at + 14, 2) * 60_000 +
    digits(t, at + 17, 2) * 1000 +
    digits(t, at + 20, 3);
  return daysFromCivil(year, digits(t, at + 5, 2), digits(t, at + 8, 2)) * 86_400_000 + ms;
}

/** The `count` digits at `t[at…]` as a number. */
function digits(t: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) n = n * 10 + (t.charCodeAt(i) - 48);
  return n;
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
