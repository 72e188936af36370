/**
 * The few fields an index keeps of a line (IndexFields), read straight from the line's bytes
 * without JSON.parse, for the lines the journal itself writes: building the index of a saved log
 * was otherwise JSON.parse of every line, ~2 µs each, most of a first search's time.
 *
 * A line is read here only when one regular expression, built for its kind and key order, matches
 * it whole, and that expression both proves its shape and captures the values the index keeps.
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
import { emptyIndexFields, refNumber, type IndexFields } from './journal-index.js';
import {
  isKeyOrderOf,
  keyOrderPattern,
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
const KEPT_SET: ReadonlySet<string> = new Set(KEPT);

/** Key orders learned per kind: the journal uses one or two; a hostile log must not grow this. */
const MAX_PLANS = 8;
const RECENT = 8;
/** From the comma after seq to the first character of mono: `,"time":"…","mono":`. */
const TO_MONO = 42;
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
  plans: Plan[];
  /** Key orders already tried, learned or not. */
  tried: Set<string>;
}

export class IndexLineReader {
  private readonly fields = emptyIndexFields();
  /** By the kind's shape (see `shape`). */
  private readonly rules = new Map<number, KindRule>();
  /** The buffer last read, as a one-byte string (made once per chunk): offsets stay byte offsets. */
  private buf: Buffer | undefined;
  private text = '';
  private readonly serviceIds = new Recent();
  private readonly serviceNames = new Recent();

  constructor() {
    for (const kind of kindShapes()) {
      const key = shape(kind.kind.length, kind.kind.charCodeAt(0));
      // A kind added to the shapes that another's length and letter would hide must be caught
      // here, not misread.
      if (this.rules.has(key)) throw new Error(`kinds of the same shape: ${kind.kind}`);
      this.rules.set(key, { ...kind, plans: [], tried: new Set() });
    }
  }

  /**
   * The index fields of `buf[from, to)` (one line, LF excluded), or undefined when the line is
   * not one of the journal's own shapes. The object returned is reused by the next call.
   */
  read(buf: Buffer, from: number, to: number): Readonly<IndexFields> | undefined {
    if (buf !== this.buf) {
      this.buf = buf;
      // latin1: one character per byte, so offsets stay byte offsets; bytes over 0x7e fail PLAIN.
      this.text = buf.toString('latin1');
    }
    const t = this.text;
    // Where the kind would be if the line has the journal's head; the expression checks it all.
    const kindAt = t.indexOf(',', t.indexOf(',', from + SEQ_AT) + TO_MONO) + TO_KIND;
    // By the kind's length and first letter, which tell the kinds read here apart, so no string is
    // made or hashed for it; the expression checks the kind itself.
    const rule = this.rules.get(shape(t.indexOf('"', kindAt) - kindAt, t.charCodeAt(kindAt)));
    if (!rule) return undefined;
    for (const plan of rule.plans) {
      const match = matchWhole(plan, t, from, to);
      if (match) return this.fill(match, plan.groups, rule.kind);
    }
    const plan = learn(rule, t, from, to);
    const match = plan && matchWhole(plan, t, from, to);
    return match ? this.fill(match, plan.groups, rule.kind) : undefined;
  }

  private fill(m: RegExpExecArray, g: Groups, kind: string): IndexFields {
    const f = this.fields;
    f.seq = Number(m[g.seq]);
    f.time = m[g.time] ?? '';
    f.mono = Number(m[g.mono]);
    f.kind = kind;
    const outcome = g.outcome > 0 ? (m[g.outcome] ?? null) : null;
    // recordOutcome: a completion without one is "unmatched".
    f.outcome = kind === 'completion' ? (outcome ?? 'unmatched') : outcome;
    const id = g.serviceId > 0 ? m[g.serviceId] : undefined;
    f.serviceId = id === undefined ? null : this.serviceIds.own(id);
    const name = g.serviceName > 0 ? m[g.serviceName] : undefined;
    f.serviceName = name === undefined ? null : this.serviceNames.own(name);
    // recordHresult: what a call returned, or a completion's status; no other kind's.
    const code = kind === 'request-returned' ? g.hresult : kind === 'completion' ? g.status : 0;
    f.hresult = code > 0 ? (m[code] ?? null) : null;
    const requestId = g.requestId > 0 ? m[g.requestId] : undefined;
    f.requestId = requestId === undefined ? null : Number(requestId);
    const ref = g.ref > 0 ? m[g.ref] : undefined;
    f.ref = ref === undefined ? null : refNumber(ref);
    return f;
  }
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
function learn(rule: KindRule, t: string, from: number, to: number): Plan | undefined {
  if (rule.plans.length >= MAX_PLANS || rule.tried.size >= 4 * MAX_PLANS) return undefined;
  const keys = lineKeys(t, from, to);
  const signature = keys.join(',');
  if (rule.tried.has(signature)) return undefined;
  rule.tried.add(signature);
  if (!isKeyOrderOf(rule, keys)) return undefined;
  const groups = Object.fromEntries(KEPT.map((key) => [key, 0])) as Groups;
  let group = 0;
  for (const key of keys) if (KEPT_SET.has(key)) groups[key as Kept] = ++group;
  // A kept value is captured; every text field takes any printable text (nothing is redacted).
  const pattern = keyOrderPattern(rule, keys, (key, field) =>
    KEPT_SET.has(key) ? `(${field.value})` : field.value,
  );
  const plan = { pattern, groups };
  rule.plans.push(plan);
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
