/**
 * The canvas timeline's data, built from the same `LogRow`s the log shows, so a span and its log
 * rows can never disagree. Requests are folded from the rows' records by the shared fold
 * (`shared/request/fold.ts`), the one the report and the trace use, so the window's timeline
 * tells each request's outcome exactly as they do. Built incrementally: live rows cost only
 * themselves. Which lane a row goes in is `timeline-lanes.ts`'s; how an ended request is told
 * again from its rows is `retell-request.ts`'s. Here: keeping the lanes' spans up to date with the
 * rows, and making the span a view asks for.
 */
import type { LogRow } from '../../../electron/ipc/contract';
import { deviceName } from '../../../shared/device-name';
import { serviceKey } from '../../../shared/model';
import { RequestFold, type FoldedRequest } from '../../../shared/request/fold';
import { spanMark, type SpanMark } from '../../../shared/request/marks';
import type { RequestOutcome } from '../../../shared/request/outcome';
import { holeBetween } from '../store/row-holes';
import { indexOfSeq, type Rows } from '../store/row-list';
import { retellRequest } from './retell-request';
import { outcomeRowSeq } from './outcome-row';
import { putInEnd } from './rows-put-in';
import { OUTCOME_INDEX, outcomeAt } from './span-columns';
import { Lanes, RowMark, type MarkKind, type TimelineLane } from './timeline-lanes';

/**
 * One request as the timeline shows it when it is hovered, selected or still waiting: made from
 * the lane's columns when asked for (the model keeps no object per span), with its story told
 * again by the shared fold from its own log rows.
 */
export interface TimelineSpan {
  /** Its ref in its run, or null for a span loaded straight into columns. */
  ref: string | null;
  lane: TimelineLane;
  /** Wall-clock ms. */
  start: number;
  /** Wall-clock ms, or NaN while it is still waiting (drawn up to the newest time). */
  end: number;
  /** How it is drawn: the shared mark of its outcome. */
  cls: SpanMark;
  outcome: RequestOutcome;
  /**
   * The request as the shared fold tells it: outcome, IDs, codes, latency. Null for a span loaded
   * straight into columns (no log rows behind it): then only its outcome and times are known.
   */
  request: FoldedRequest | null;
  /** Seq of the request row: what selecting the span selects in the log. */
  seq: number;
  /** Its place in the lane's columns. */
  index: number;
  /**
   * Wall-clock ms where the rows loaded stop short of the log (a stretch not in the window comes
   * next) while it was still waiting: its outcome may be in that stretch, so it is drawn to here,
   * not on to the newest time.
   */
  cutAt?: number;
}

/**
 * A stretch of the log between two rows the window holds that are not one after the other: the
 * window holds a saved log's newest rows and the rows a jump brought in, not what lies between.
 * Drawn as "not loaded", so it never reads as a stretch with no traffic.
 */
export interface NotLoaded {
  /** Wall-clock ms of the last row before it and of the first row after it. */
  from: number;
  to: number;
  /** Seqs of those two rows. */
  fromSeq: number;
  toSeq: number;
}

/**
 * Rows the window holds one after another, between stretches not loaded: seqs from `firstSeq`
 * to `lastSeq`, wall-clock ms from `from` to `to` (infinite at the log's ends).
 */
export interface Loaded {
  firstSeq: number;
  lastSeq: number;
  from: number;
  to: number;
}

/** Where a request's span is, while the fold still knows the request. */
interface SpanPlace {
  lane: TimelineLane;
  index: number;
}

/** Spans made for hover and selection, kept while the model does not change. */
const MADE_LIMIT = 64;

export class TimelineModel {
  readonly lanes = new Lanes();
  spanCount = 0;
  minTime = Number.POSITIVE_INFINITY;
  maxTime = Number.NEGATIVE_INFINITY;
  /** Bumped on every change, so views know when to redraw. */
  revision = 0;
  /** Spans of requests still waiting, by ref: drawn to the newest time, and few. */
  private open = new Map<string, TimelineSpan>();
  /** The span of each request the fold still holds (it forgets ended ones after a while). */
  private places = new WeakMap<FoldedRequest, SpanPlace>();
  private fold = this.newFold();
  private ended = false;
  private source: Rows | null = null;
  private consumed = 0;
  /** Lanes by the descriptor object `appendSpan` was given, so a load builds no key per span. */
  private appendLanes = new WeakMap<object, TimelineLane>();
  private made = new Map<string, TimelineSpan>();
  private madeRevision = -1;
  /** Where the rows loaded stopped for requests that ended there with no outcome, by seq. */
  private cut = new Map<number, number>();
  /** Stretches not loaded, in time order (see NotLoaded); few: one per jump at most. */
  notLoaded: NotLoaded[] = [];
  /** The last row added: a row whose seq does not follow it starts a stretch not loaded. */
  private lastSeq = 0;
  private lastTime = Number.NaN;
  /** The rows put in being folded in slices (`sync`), by a model of its own. */
  private next: TimelineModel | null = null;
  /** How many of its lanes' summaries a model folding in slices has built (`rebuildIn`). */
  private prepared = 0;
  /** The model that took this one's fold (`adopt`): what the fold's listener updates. */
  private adoptedBy: TimelineModel | null = null;
  /**
   * While rows put in are folded in slices: the rows up to the last put in (`upTo`), folded by a
   * model of its own first and shown with this model's spans after them (`showPutIn`).
   */
  private putIn: { model: TimelineModel; upTo: number; prepared: number } | null = null;
  /** The first row folded (its seq; NaN before one). */
  private firstSeq = Number.NaN;

  /**
   * Brings the model up to date with `rows` (ordered by seq). The same array grown at its end
   * costs only the new rows; any other array (history merged in, old rows evicted) is rebuilt.
   * The lanes' summaries are brought up to date here too, so no frame has to build them.
   */
  sync(rows: Rows, logEnded = false, sliceMs = Number.POSITIVE_INFINITY): void {
    if (this.next !== null || rows !== this.source || rows.length < this.consumed) {
      // The same log's rows made again (a jump's page put in among those folded, the oldest
      // dropped by a full window): folded again from the start in slices of `sliceMs`, the spans
      // folded before drawn meanwhile (`rebuilding`). Folded at once, a jump in a 250,000-row
      // window froze it for seconds, and so did a busy live log each time its full window
      // dropped its oldest rows (every few seconds). Another log's are folded at once: its first
      // page is never drawn with the spans of the log before.
      if (Number.isFinite(sliceMs) && this.consumed > 0 && this.sameLog(rows)) {
        if (!this.rebuildIn(rows, logEnded, sliceMs)) return;
      } else {
        this.next = null;
        this.putIn = null;
        this.reset(rows);
      }
    }
    if (logEnded && !this.ended && rows.length === this.consumed) {
      // The log ends here: what still waits has no outcome in it (the exports say the same).
      this.ended = true;
      this.fold.finish();
      this.revision++;
      this.prepare();
    }
    if (rows.length === this.consumed) return;
    for (let i = this.consumed; i < rows.length; i++) {
      const row = rows.at(i);
      if (row) this.add(row);
    }
    this.consumed = rows.length;
    this.revision++;
    if (logEnded) this.sync(rows, logEnded);
    else this.prepare();
  }

  /**
   * Whether `rows` are of the log folded last, made again: by the log the rows say they are of
   * (../store/row-columns.ts), else (rows that do not say) when they are more than it held.
   */
  private sameLog(rows: Rows): boolean {
    if (rows.length === 0) return false;
    // Being folded in slices already (the stretch put in shown meanwhile).
    if (this.next?.source === rows) return true;
    const log = rows.log;
    return log === undefined ? rows.length > this.consumed : log === this.source?.log;
  }

  /** Whether rows put in are being folded in slices (`sync`): until then the spans before show. */
  get rebuilding(): boolean {
    return this.next !== null;
  }

  /**
   * Folds `rows` into a model of its own for up to `sliceMs`; once it holds them all, takes its
   * spans as this model's (true). Started again when the rows change under it otherwise than by
   * rows added at the end.
   */
  private rebuildIn(rows: Rows, logEnded: boolean, sliceMs: number): boolean {
    let next = this.next;
    if (next?.source !== rows || rows.length < next.consumed) {
      next = this.next = new TimelineModel();
      next.reset(rows);
      // Rows put in among those folded: the rows up to them folded first, the stretch jumped to
      // shown with the spans after it as they were, while all are folded again. Worth it where
      // those rows are few (the kept rows before a window's newest, where jumps land).
      const upTo = putInEnd(rows, this.firstSeq, this.notLoaded);
      if (upTo > 0 && upTo <= rows.length / 2) {
        const model = new TimelineModel();
        model.reset(rows);
        this.putIn = { model, upTo, prepared: 0 };
      } else this.putIn = null;
    }
    const deadline = performance.now() + sliceMs;
    if (this.putIn && !this.showPutIn(rows, deadline)) return false;
    for (let i = next.consumed; i < rows.length;) {
      const to = Math.min(rows.length, i + 256);
      for (; i < to; i++) {
        const row = rows.at(i);
        if (row) next.add(row);
      }
      next.consumed = i;
      if (i < rows.length && performance.now() >= deadline) return false;
    }
    // The lanes' summaries too, a lane at a time (at least one a slice), so the model it takes
    // has them.
    const lanes = [...next.lanes.values()];
    while (next.prepared < lanes.length) {
      lanes[next.prepared++]?.summary.prepare();
      if (next.prepared < lanes.length && performance.now() >= deadline) return false;
    }
    this.next = null;
    this.adopt(next);
    if (logEnded) this.sync(rows, logEnded);
    else this.prepare();
    return true;
  }

  /**
   * Folds the rows up to the last put in (`putIn`) for up to `deadline`, then shows them with the
   * spans this model had after them (false until then). Folding all the window's 250,000 rows
   * again first, the timeline after Go to time showed the stretch jumped to only seconds later.
   * The spans after them are as they were until the fold of every row is taken (exactly as a fold
   * at once tells them), which rows put in before them change only where a request's rows are
   * on both sides of a stretch not loaded.
   */
  private showPutIn(rows: Rows, deadline: number): boolean {
    const putIn = this.putIn;
    if (!putIn) return true;
    const { model, upTo } = putIn;
    for (let i = model.consumed; i < upTo;) {
      const to = Math.min(upTo, i + 256);
      for (; i < to; i++) {
        const row = rows.at(i);
        if (row) model.add(row);
      }
      model.consumed = i;
      if (performance.now() >= deadline) return false;
    }
    if (putIn.prepared === 0) this.spliceAfter(model, rows, upTo);
    const lanes = [...model.lanes.values()];
    while (putIn.prepared < lanes.length) {
      lanes[putIn.prepared++]?.summary.prepare();
      if (performance.now() >= deadline) return false;
    }
    this.putIn = null;
    this.adopt(model);
    // It folds nothing itself: the fold of every row (`next`) goes on, and is taken when done.
    this.consumed = rows.length;
    return false;
  }

  /**
   * Adds to `model` (the rows before `upTo` folded) this model's spans, marks and stretches not
   * loaded after them, and what this model told of the requests `model` has still waiting.
   */
  private spliceAfter(model: TimelineModel, rows: Rows, upTo: number): void {
    const last = rows.at(upTo - 1);
    const next = rows.at(upTo);
    const lastSeq = last?.seq ?? 0;
    const lastTime = last ? Date.parse(last.time) : Number.NaN;
    // Requests still waiting where the rows folded end: as this model told them.
    for (const [ref, span] of model.open) {
      const here = this.lanes.get(span.lane.key)?.columns;
      const at = here ? here.indexOfSeq(span.seq) : -1;
      if (!here || at < 0) continue;
      const waiting = this.open.get(ref);
      if (waiting?.seq === span.seq) {
        if (waiting.cutAt === undefined) delete span.cutAt;
        continue;
      }
      model.open.delete(ref);
      span.lane.columns.update(span.index, here.end(at), outcomeAt(here.outcome[at] ?? 0));
      const cutAt = this.cut.get(span.seq);
      if (cutAt !== undefined) model.cut.set(span.seq, cutAt);
    }
    // The stretch not loaded after them, as folding the next row would note it.
    if (next && holeBetween(lastSeq, next.seq) && !Number.isNaN(lastTime)) {
      model.notLoaded.push({
        from: lastTime,
        to: Date.parse(next.time),
        fromSeq: lastSeq,
        toSeq: next.seq,
      });
      for (const span of model.open.values()) span.cutAt ??= lastTime;
    }
    for (const gap of this.notLoaded) if (gap.fromSeq > lastSeq) model.notLoaded.push(gap);
    for (const [key, lane] of this.lanes) {
      const into =
        model.lanes.get(key) ?? model.lanes.lane(key, lane.kind, lane.interfaceId, lane.label);
      into.label = lane.label;
      if (lane.device) into.device = model.lanes.get(lane.device.key);
      const c = lane.columns;
      for (let i = c.firstSeqAtLeast(lastSeq + 1); i < c.length; i++) {
        const seq = c.seqAt(i);
        into.columns.push(c.startAt(i), c.end(i), outcomeAt(c.outcome[i] ?? 0), seq);
        model.spanCount++;
        const cutAt = this.cut.get(seq);
        if (cutAt !== undefined) model.cut.set(seq, cutAt);
      }
      for (const mark of lane.marks)
        if (mark.seq > lastSeq) into.marks.push(new RowMark(mark.kind, mark.t, mark.seq, rows));
    }
    for (const [ref, span] of this.open) {
      if (span.seq <= lastSeq) continue;
      const into = model.lanes.get(span.lane.key);
      const index = into ? into.columns.indexOfSeq(span.seq) : -1;
      if (into && index >= 0) model.open.set(ref, { ...span, lane: into, index });
    }
    model.minTime = Math.min(model.minTime, this.minTime);
    model.maxTime = Math.max(model.maxTime, this.maxTime);
    model.ended = this.ended;
    model.lastSeq = this.lastSeq;
    model.lastTime = this.lastTime;
  }

  /** Takes `next`'s spans and fold as this model's own (the fold's listener goes on to this). */
  private adopt(next: TimelineModel): void {
    next.adoptedBy = this;
    this.lanes.clear();
    for (const [key, lane] of next.lanes) this.lanes.set(key, lane);
    this.spanCount = next.spanCount;
    this.minTime = next.minTime;
    this.maxTime = next.maxTime;
    this.open = next.open;
    this.places = next.places;
    this.fold = next.fold;
    this.ended = next.ended;
    this.source = next.source;
    this.consumed = next.consumed;
    this.appendLanes = next.appendLanes;
    this.made.clear();
    this.cut = next.cut;
    this.notLoaded = next.notLoaded;
    this.lastSeq = next.lastSeq;
    this.lastTime = next.lastTime;
    this.firstSeq = next.firstSeq;
    this.revision++;
  }

  /**
   * Builds what drawing dense lanes needs (their summaries) for the spans added so far: called by
   * `sync`, and by a loader that used `appendSpan`, once it is done.
   */
  prepare(): void {
    for (const lane of this.lanes.values()) lane.summary.prepare();
  }

  /** Requests still waiting: drawn up to the newest time, whatever the culling says. */
  waiting(): Iterable<TimelineSpan> {
    return this.open.values();
  }

  /** Backend first, then each device followed by its services, in the order they appeared. */
  orderedLanes(): TimelineLane[] {
    return this.lanes.inOrder();
  }

  /**
   * From each lane's first start to its last end: where the requests are, in one pass per lane.
   * Within `within` (a stretch loaded), its requests': a lane's first there, and its last end up
   * to where the stretch stops.
   */
  extents(within?: Loaded): { start: number; end: number }[] {
    const out: { start: number; end: number }[] = [];
    const firstSeq = within?.firstSeq ?? Number.NEGATIVE_INFINITY;
    const lastSeq = within?.lastSeq ?? Number.POSITIVE_INFINITY;
    const to = within?.to ?? Number.POSITIVE_INFINITY;
    for (const lane of this.lanes.values()) {
      const c = lane.columns;
      const first = within ? c.firstSeqAtLeast(firstSeq) : 0;
      if (first >= c.length || c.seqAt(first) > lastSeq) continue;
      // The earliest start, not the first span's: after the clock was set back, a later one.
      const next = within ? c.firstSeqAtLeast(lastSeq + 1) : c.length;
      out.push({ start: c.earliestStart(first, next), end: Math.min(c.lastEnd, to) });
    }
    for (const span of this.open.values())
      if (span.seq >= firstSeq && span.seq <= lastSeq) out.push(span);
    return out;
  }

  /**
   * The stretch loaded that holds row `seq`; the newest when `seq` is null or in none. The whole
   * log when the window holds it in one stretch.
   */
  loadedAround(seq: number | null): Loaded {
    const gaps = this.notLoaded;
    let at = gaps.length;
    if (seq !== null) {
      const before = gaps.findIndex((gap) => seq <= gap.fromSeq);
      const found = before < 0 ? gaps.length : before;
      const after = gaps[found - 1];
      if (after === undefined || seq >= after.toSeq) at = found;
    }
    const after = gaps[at - 1];
    const before = gaps[at];
    return {
      firstSeq: after?.toSeq ?? Number.NEGATIVE_INFINITY,
      lastSeq: before?.fromSeq ?? Number.POSITIVE_INFINITY,
      from: after?.to ?? Number.NEGATIVE_INFINITY,
      to: before?.from ?? Number.POSITIVE_INFINITY,
    };
  }

  /**
   * The span at `index` of `lane`, made now (and kept while the model does not change), or null
   * when it has no request seq (loaded without one: it can be described, not selected).
   */
  spanAt(lane: TimelineLane, index: number): TimelineSpan | null {
    const columns = lane.columns;
    const seq = index >= 0 && index < columns.length ? columns.seqAt(index) : 0;
    if (seq === 0) return null;
    if (this.madeRevision !== this.revision || this.made.size > MADE_LIMIT) {
      this.made.clear();
      this.madeRevision = this.revision;
    }
    const key = `${lane.key}#${String(index)}`;
    const cached = this.made.get(key);
    if (cached) return cached;
    const outcome = outcomeAt(columns.outcome[index] ?? 0);
    const request = this.requestOf(seq);
    const waiting = request ? this.open.get(request.ref) : undefined;
    if (waiting?.seq === seq) return waiting;
    const span: TimelineSpan = {
      ref: request?.ref ?? null,
      lane,
      start: columns.startAt(index),
      end: columns.end(index),
      cls: spanMark(outcome),
      outcome,
      request,
      seq,
      index,
    };
    const cutAt = this.cut.get(seq);
    if (cutAt !== undefined) span.cutAt = cutAt;
    this.made.set(key, span);
    return span;
  }

  /**
   * The span a log row belongs to: the request's own row, or any later row of the same request
   * (its return, overdue, completion), so a row selected in the log selects its span.
   */
  spanForSeq(seq: number): TimelineSpan | null {
    const direct = this.spanOfRequestSeq(seq);
    if (direct) return direct;
    const rows = this.source;
    const at = rows ? indexOfSeq(rows, seq) : -1;
    const row = rows?.at(at);
    if (!rows || !row || row.ref === null || row.kind === 'request') return null;
    // Back to the request's own row: the nearest earlier request row with its ref, in its run.
    for (let i = at - 1; i >= 0; i--) {
      const earlier = rows.at(i);
      if (!earlier || earlier.kind === 'run-start') return null;
      if (earlier.kind === 'request' && earlier.ref === row.ref)
        return this.spanOfRequestSeq(earlier.seq);
    }
    return null;
  }

  /** The log row that says how the request whose row is `seq` ended (./outcome-row.ts). */
  outcomeRowSeq(seq: number): number {
    return outcomeRowSeq(this.source, seq);
  }

  /**
   * The stretch not loaded that a step from row `from` to row `to` (null: no request that way)
   * would pass over unseen, the nearest first: [ and ] step into it instead (Timeline.tsx).
   */
  gapCrossed(from: number | null, to: number | null, direction: 1 | -1): NotLoaded | null {
    if (direction > 0) {
      const start = from ?? Number.NEGATIVE_INFINITY;
      const end = to ?? Number.POSITIVE_INFINITY;
      return this.notLoaded.find((g) => g.fromSeq >= start && g.toSeq <= end) ?? null;
    }
    const start = from ?? Number.POSITIVE_INFINITY;
    const end = to ?? Number.NEGATIVE_INFINITY;
    return this.notLoaded.findLast((g) => g.toSeq <= start && g.fromSeq >= end) ?? null;
  }

  /** The selectable span after (1) or before (-1) the one with `seq`, across all lanes. */
  neighbour(seq: number | null, direction: 1 | -1): TimelineSpan | null {
    let best: { lane: TimelineLane; index: number; seq: number } | null = null;
    for (const lane of this.lanes.values()) {
      const c = lane.columns;
      if (c.length === 0) continue;
      const index =
        direction > 0
          ? seq === null
            ? c.firstSeqAtLeast(1)
            : c.firstSeqAtLeast(seq + 1)
          : (seq === null ? c.length : c.firstSeqAtLeast(seq)) - 1;
      const found = index >= 0 && index < c.length ? c.seqAt(index) : 0;
      if (index < 0 || index >= c.length || found === 0) continue;
      if (!best || (direction > 0 ? found < best.seq : found > best.seq))
        best = { lane, index, seq: found };
    }
    return best ? this.spanAt(best.lane, best.index) : null;
  }

  private spanOfRequestSeq(seq: number): TimelineSpan | null {
    for (const lane of this.lanes.values()) {
      const index = lane.columns.indexOfSeq(seq);
      if (index >= 0) return this.spanAt(lane, index);
    }
    return null;
  }

  /**
   * The story of the request sent in row `seq`: the fold's own object while it waits, else told
   * again from its own rows (`retell-request.ts`). Null without rows.
   */
  private requestOf(seq: number): FoldedRequest | null {
    const rows = this.source;
    const at = rows ? indexOfSeq(rows, seq) : -1;
    const first = rows?.at(at);
    if (!rows || !first || first.kind !== 'request' || first.ref === null) return null;
    const waiting = this.open.get(first.ref);
    if (waiting?.seq === seq && waiting.request) return waiting.request;
    return retellRequest(rows, at, this.ended);
  }

  private reset(rows: Rows): void {
    this.lanes.clear();
    this.open = new Map();
    this.places = new WeakMap();
    this.fold = this.newFold();
    this.ended = false;
    this.spanCount = 0;
    this.minTime = Number.POSITIVE_INFINITY;
    this.maxTime = Number.NEGATIVE_INFINITY;
    this.source = rows;
    this.consumed = 0;
    this.made.clear();
    this.notLoaded = [];
    this.cut = new Map();
    this.lastSeq = 0;
    this.lastTime = Number.NaN;
    this.firstSeq = Number.NaN;
    this.revision++;
  }

  /**
   * Notes a row's place: after rows it does not follow (a hole, by the rule the log finds its
   * own by: ../store/row-holes.ts), the stretch between is not loaded, and what was still waiting
   * before it stops there.
   */
  private follow(seq: number, t: number): void {
    const before = this.lastTime;
    if (Number.isNaN(this.firstSeq)) this.firstSeq = seq;
    if (this.lastSeq > 0 && holeBetween(this.lastSeq, seq) && !Number.isNaN(before)) {
      this.notLoaded.push({ from: before, to: t, fromSeq: this.lastSeq, toSeq: seq });
      for (const span of this.open.values()) span.cutAt ??= before;
    }
    this.lastSeq = seq;
    this.lastTime = t;
  }

  private newFold(): RequestFold {
    return new RequestFold({
      ended: (request) => {
        // Folded in slices by a model of its own, then taken as this one's (`adopt`).
        const model = this.adoptedBy ?? this;
        const span = model.open.get(request.ref);
        if (span?.request === request) model.finish(span, request);
      },
    });
  }

  private add(row: LogRow): void {
    const t = Date.parse(row.time);
    if (Number.isNaN(t)) return;
    this.follow(row.seq, t);
    if (t < this.minTime) this.minTime = t;
    if (t > this.maxTime) this.maxTime = t;
    // A row of a request cut where the rows loaded stopped: its story goes on in rows loaded.
    if (this.notLoaded.length > 0 && row.ref !== null && row.kind !== 'request') {
      const cut = this.open.get(row.ref);
      if (cut) delete cut.cutAt;
    }
    const request = this.fold.observe(row.record);
    // A completion that changed no request (a duplicate, an unknown request, one after
    // abandoning): its own mark, as the report draws it, whether or not the fold knows its ref.
    if (row.record.kind === 'completion' && row.record.outcome === null)
      this.mark(this.lanes.serviceLane(row), 'unmatched', row, t);
    if (request) {
      const place =
        row.kind === 'request' ? this.startSpan(row, request, t) : this.places.get(request);
      if (!place) return;
      const columns = place.lane.columns;
      const open = this.open.get(request.ref);
      if (open?.request === request) {
        open.cls = spanMark(request.outcome);
        open.outcome = request.outcome;
      }
      if (columns.outcome[place.index] !== OUTCOME_INDEX.get(request.outcome))
        columns.update(place.index, columns.end(place.index), request.outcome);
      return;
    }
    const record = row.record;
    switch (record.kind) {
      case 'read-data':
        this.mark(this.lanes.serviceLane(row), 'read', row, t);
        return;
      case 'event-notification':
        this.mark(this.lanes.serviceLane(row), 'notification', row, t);
        return;
      case 'device-arrival':
      case 'device-removal':
        this.mark(
          this.lanes.deviceLane(record.interfaceId),
          record.kind === 'device-arrival' ? 'arrival' : 'removal',
          row,
          t,
        );
        return;
      case 'device-info':
        // The lane reads as every view names the modem, not as its interface GUID; the window
        // names it among the devices it knows (Timeline.tsx), this for a model on its own.
        this.lanes.deviceLane(record.interfaceId).label = deviceName(record);
        return;
      case 'backend-status':
        this.mark(this.lanes.backendLane(), record.available ? 'backend' : 'backend-down', row, t);
        return;
      case 'error':
        // In the backend's lane, the report's "Backend and errors" row: what explains a gap.
        this.mark(this.lanes.backendLane(), 'error', row, t);
        return;
      default:
        return;
    }
  }

  private startSpan(row: LogRow, request: FoldedRequest, t: number): SpanPlace | undefined {
    const lane = this.lanes.serviceLane(row);
    if (!lane) return undefined;
    const index = lane.columns.push(t, Number.NaN, request.outcome, row.seq);
    const place = { lane, index };
    this.places.set(request, place);
    this.open.set(request.ref, {
      ref: request.ref,
      lane,
      start: t,
      end: Number.NaN,
      cls: spanMark(request.outcome),
      outcome: request.outcome,
      request,
      seq: row.seq,
      index,
    });
    this.spanCount++;
    return place;
  }

  private finish(span: TimelineSpan, request: FoldedRequest): void {
    // Still waiting where the rows loaded stopped, none of its rows after, and then the log (or
    // its run) ended: it ends where they stopped. Ended where the log did, it was drawn waiting
    // across the hours not loaded after it, a bar through the hatching.
    const cutAt = span.cutAt;
    if (cutAt !== undefined) this.cut.set(span.seq, cutAt);
    const end = cutAt ?? (request.endTime === null ? Number.NaN : Date.parse(request.endTime));
    this.open.delete(span.ref ?? '');
    span.lane.columns.update(
      span.index,
      Number.isNaN(end) ? span.start : Math.max(end, span.start),
      request.outcome,
    );
  }

  /**
   * Makes room for `count` spans in the lane of `lane` at once, for a loader that knows how many
   * it will append: the columns then never regrow (each regrowth briefly holds both copies).
   */
  reserve(
    lane: { interfaceId: string; serviceId: string; serviceName: string },
    count: number,
  ): void {
    this.appendLane(lane).columns.reserve(count);
  }

  /**
   * Adds a span straight to its lane's columns, with no log row or request object behind it: the
   * load path for logs too large to hold an object per request (the benchmark's ten million).
   * With the seq of its request record it can be selected, found from that row and stepped to;
   * its tip and the selection give its outcome and times. Call `prepare()` when done.
   */
  appendSpan(
    lane: { interfaceId: string; serviceId: string; serviceName: string },
    start: number,
    end: number,
    outcome: RequestOutcome,
    seq = 0,
  ): void {
    this.appendLane(lane).columns.push(start, end, outcome, seq);
    this.spanCount++;
    if (start < this.minTime) this.minTime = start;
    const last = Number.isNaN(end) ? start : end;
    if (last > this.maxTime) this.maxTime = last;
    this.revision++;
  }

  private appendLane(lane: {
    interfaceId: string;
    serviceId: string;
    serviceName: string;
  }): TimelineLane {
    let target = this.appendLanes.get(lane);
    if (!target) {
      this.lanes.deviceLane(lane.interfaceId);
      const key = serviceKey(lane.interfaceId, lane.serviceId);
      target = this.lanes.lane(key, 'service', lane.interfaceId, lane.serviceName);
      this.appendLanes.set(lane, target);
    }
    return target;
  }

  private mark(lane: TimelineLane | null, kind: MarkKind, row: LogRow, t: number): void {
    lane?.marks.push(new RowMark(kind, t, row.seq, this.source ?? []));
  }
}
