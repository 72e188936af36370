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
/** `{"v":2,"seq":`: LineCheck requires the journal's head, in its order, at the line's start. */
const SEQ_AT = 13;
/** From the comma after seq to the first character of mono: `,"time":"…","mono":`. */
const TO_MONO = 42;
/** `,"kind":"`. */
const TO_KIND = 9;

/**
 * Which capture holds each kept value; a key the order lacks points past the last capture, where
 * the match has `undefined`.
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
  /**
   * The last service ID and name met, as strings of their own: consecutive records nearly always
   * repeat them, and a new one is copied out of the chunk rather than kept as a slice of it, so a
   * name the file's index keeps never holds a whole chunk in memory.
   */
  private serviceId = '';
  private serviceName = '';

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
    const outcome = m[g.outcome] ?? null;
    // recordOutcome: a completion without one is "unmatched".
    f.outcome = kind === 'completion' ? (outcome ?? 'unmatched') : outcome;
    const id = m[g.serviceId];
    if (id === undefined) f.serviceId = null;
    else f.serviceId = id === this.serviceId ? this.serviceId : (this.serviceId = ownCopy(id));
    const name = m[g.serviceName];
    if (name === undefined) f.serviceName = null;
    else
      f.serviceName =
        name === this.serviceName ? this.serviceName : (this.serviceName = ownCopy(name));
    // recordHresult: what a call returned, or a completion's status; no other kind's.
    const code =
      kind === 'request-returned' ? m[g.hresult] : kind === 'completion' ? m[g.status] : undefined;
    f.hresult = code ?? null;
    const requestId = m[g.requestId];
    f.requestId = requestId === undefined ? null : Number(requestId);
    const ref = m[g.ref];
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
  const absent = KEPT.length + 1;
  const groups = Object.fromEntries(KEPT.map((key) => [key, absent])) as Groups;
  let group = 0;
  const pairs = [...t.slice(from, to).matchAll(KEY)].map(([, key = '']) => {
    const kept = KEPT_SET.has(key);
    if (kept) groups[key as Kept] = ++group;
    return `"${key}":${kept ? CAPTURES[key as Kept] : SKIP}`;
  });
  return { pattern: new RegExp(`\\{${pairs.join(',')}\\}`, 'y'), groups };
}

/** A string of its own, not a slice that keeps its whole chunk alive. */
function ownCopy(text: string): string {
  return Buffer.from(text, 'latin1').toString('latin1');
}
