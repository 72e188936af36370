/**
 * The few fields an index keeps of a line (IndexFields), read straight from the line's bytes
 * without JSON.parse, for the lines the journal itself writes: building the index of a saved log
 * was otherwise JSON.parse of every line, ~2 µs each, most of a first search's time.
 *
 * A line is read here only once the export's LineCheck (electron/core/export/line-check.ts) has
 * proved its shape, with one regular expression per kind and key order: a flat JSON object of a
 * kind it lists, format v2, every field of the type and value set journal-check.ts requires, each
 * once, every string printable ASCII with no escape, numbers in their shortest form. Such a line
 * parses to exactly the record checkRecord accepts, and in it a `"` only ever opens or closes a
 * string. So a second, loose expression per key order (a string is `"[^"]*"`, anything else runs
 * to the next `,` or `}`) finds the values the index needs in one more match, where looking for
 * each key with indexOf cost more than JSON.parse saved.
 *
 * Anything else (a kind added later, v1, a CR, an escape, a key order LineCheck has stopped
 * learning) is left to the caller's full path: parse, check, count. The tests check that both
 * give the same index on generated and hostile lines.
 */
import { LineCheck } from './export/line-check.js';
import { emptyIndexFields, refNumber, type IndexFields } from './journal-index.js';

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
/**
 * How each kept value is captured: without its quotes, and not at all when null (the only other
 * value LineCheck lets a nullable string or integer have). A kind that writes something else there
 * does not match, and goes down the full path.
 */
const CAPTURES: Readonly<Record<Kept, string>> = {
  seq: '([^,}]*)',
  time: '"([^"]*)"',
  mono: '([^,}]*)',
  kind: '"([^"]*)"',
  serviceId: '"([^"]*)"',
  serviceName: '"([^"]*)"',
  outcome: '(?:"([^"]*)"|null)',
  hresult: '"([^"]*)"',
  status: '"([^"]*)"',
  requestId: '(?:null|([^,}"]*))',
  ref: '(?:"([^"]*)"|null)',
};
const SKIP = '(?:"[^"]*"|[^,}]*)';
const KEY = /[{,]"([A-Za-z]+)":/g;
/**
 * LineCheck lets through at most 8 key orders per kind, so this many per kind always suffice; a
 * bound all the same, for a hostile log.
 */
const MAX_PLANS = 8;
const RECENT = 8;
/** `{"v":2,"seq":`: LineCheck requires the journal's head, in its order, at the line's start. */
const SEQ_AT = 13;
/** From the comma after seq to the first character of mono: `,"time":"…","mono":`. */
const TO_MONO = 42;
/** `,"kind":"`. */
const TO_KIND = 9;

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

export class IndexLineReader {
  private readonly check = new LineCheck(false);
  private readonly fields = emptyIndexFields();
  private readonly plans = new Map<string, Plan[]>();
  /** The buffer last read, as a one-byte string (made once per chunk): offsets stay byte offsets. */
  private buf: Buffer | undefined;
  private text = '';
  private readonly serviceIds = new Recent();
  private readonly serviceNames = new Recent();

  /**
   * The index fields of `buf[from, to)` (one line, LF excluded), or undefined when the line is
   * not one of the journal's own shapes. The object returned is reused by the next call.
   */
  read(buf: Buffer, from: number, to: number): Readonly<IndexFields> | undefined {
    if (!this.check.test(buf, from, to)) return undefined;
    if (buf !== this.buf) {
      this.buf = buf;
      this.text = buf.toString('latin1');
    }
    const t = this.text;
    const kindAt = t.indexOf(',', t.indexOf(',', from + SEQ_AT) + TO_MONO) + TO_KIND;
    const kind = t.slice(kindAt, t.indexOf('"', kindAt));
    let plans = this.plans.get(kind);
    if (!plans) this.plans.set(kind, (plans = []));
    for (const plan of plans) {
      const match = matchWhole(plan, t, from, to);
      if (match) return this.fill(match, plan.groups, kind);
    }
    if (plans.length >= MAX_PLANS) return undefined;
    const plan = learn(t, from, to);
    plans.push(plan);
    const match = matchWhole(plan, t, from, to);
    return match ? this.fill(match, plan.groups, kind) : undefined;
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

function matchWhole(plan: Plan, t: string, from: number, to: number): RegExpExecArray | null {
  plan.pattern.lastIndex = from;
  const match = plan.pattern.exec(t);
  return match && plan.pattern.lastIndex === to ? match : null;
}

/** The loose expression of this line's key order, capturing the values an index keeps. */
function learn(t: string, from: number, to: number): Plan {
  const groups = Object.fromEntries(KEPT.map((key) => [key, 0])) as Groups;
  let group = 0;
  const pairs = [...t.slice(from, to).matchAll(KEY)].map(([, key = '']) => {
    const kept = KEPT_SET.has(key);
    if (kept) groups[key as Kept] = ++group;
    return `"${key}":${kept ? CAPTURES[key as Kept] : SKIP}`;
  });
  return { pattern: new RegExp(`\\{${pairs.join(',')}\\}`, 'y'), groups };
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
    for (const value of this.values) if (value === text) return value;
    const copy = Buffer.from(text, 'latin1').toString('latin1');
    this.values[this.next] = copy;
    this.next = (this.next + 1) % RECENT;
    return copy;
  }
}
