import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../electron/ipc/contract';
import { toLogRow } from '../../electron/ipc/log-row';
import type { JournalRecord } from '../../shared/journal/record';
import type { RequestOutcome } from '../../shared/request/outcome';
import { TimelineModel, type TimelineSpan } from '../../renderer/src/timeline/timeline-model';
import { firstVisible, type TimelineLane } from '../../renderer/src/timeline/timeline-lanes';
import { fitAll, panBy, zoomAt } from '../../renderer/src/timeline/viewport';
import { AXIS_HEIGHT, LABEL_WIDTH, LANE_HEIGHT } from '../../renderer/src/timeline/geometry';
import { hitTest } from '../../renderer/src/timeline/hit-test';
import { openingRange } from '../../renderer/src/timeline/opening-view';

const DEV = '{DEV}';
const T0 = Date.UTC(2026, 0, 1, 8);
let seq = 0;

/** A log row as main makes it, from a real journal record of the kind given. */
function row(
  kind: 'request' | 'request-returned' | 'completion' | 'overdue' | 'abandoned',
  ms: number,
  ref: string,
  outcome: RequestOutcome = 'sending',
  service = 'svc-a',
): LogRow {
  seq += 1;
  const base = {
    v: 2 as const,
    seq,
    time: new Date(T0 + ms).toISOString(),
    mono: ms,
    interfaceId: DEV,
    serviceId: service,
    serviceName: service === 'svc-a' ? 'SMS' : 'STK',
    ref,
    op: 'close' as const,
  };
  const requestId = 1000 + Number(ref.replace(/\D/g, ''));
  const ok = outcome !== 'failed';
  const record: JournalRecord =
    kind === 'request'
      ? { ...base, kind, outcome: 'sending', sessionOpenBefore: true }
      : kind === 'request-returned'
        ? {
            ...base,
            kind,
            outcome,
            requestId: outcome === 'refused' ? null : requestId,
            hresult: outcome === 'refused' ? '0x80070005' : '0x00000000',
            hresultName: outcome === 'refused' ? 'E_ACCESSDENIED' : 'S_OK',
            callMs: 1,
          }
        : kind === 'completion'
          ? {
              ...base,
              kind,
              outcome,
              requestId,
              status: ok ? '0x00000000' : '0x80004005',
              statusName: ok ? 'S_OK' : 'E_FAIL',
              match: outcome === 'late' ? 'late' : 'matched',
              latencyMs: 10,
            }
          : kind === 'overdue'
            ? { ...base, kind, outcome: 'overdue', requestId, timeoutMs: 1000 }
            : { ...base, kind, outcome: 'abandoned', requestId, reason: 'device-removed' };
  return toLogRow(record);
}

/** Every span of a lane, as the model makes them for tips and selection. */
function spansOf(model: TimelineModel, lane: TimelineLane | undefined): TimelineSpan[] {
  if (!lane) return [];
  return Array.from({ length: lane.columns.length }, (_, i) => model.spanAt(lane, i)).filter(
    (s): s is TimelineSpan => s !== null,
  );
}

/** Where the log is read: the row selected, the row at the top of its screen once scrolled. */
const reading = (selectedSeq: number | null, scrolledSeq: number | null) => ({
  selectedSeq,
  scrolledSeq,
});

/**
 * A large saved log's window: a first page (a request completed, one still waiting), then 750,000
 * rows in the file and not in the window, then the newest six hours on. `read`: a first-page row.
 */
function firstPageAndNewest() {
  const firstPage = [row('request', 0, 'r1'), row('completion', 10, 'r1', 'succeeded')];
  const read = firstPage[0]?.seq ?? 0;
  const waiting = row('request', 20, 'r2');
  seq += 750_000; // the rows between are in the file, not in the window
  const hour = 3600_000;
  const newest = [
    row('request', 6 * hour, 'r3'),
    row('completion', 6 * hour + 10, 'r3', 'succeeded'),
    row('request', 6 * hour + 60_000, 'r4'),
    row('completion', 6 * hour + 60_010, 'r4', 'succeeded'),
  ];
  const model = new TimelineModel();
  model.sync([...firstPage, waiting, ...newest]);
  return { model, read, hour, newestSeq: newest[0]?.seq ?? 0 };
}

describe('timeline model', () => {
  it('makes one span per request with the outcome that ended it', () => {
    const rows = [
      row('request', 0, 'r1'),
      row('completion', 50, 'r1', 'succeeded'),
      row('request', 100, 'r2'),
      row('overdue', 1100, 'r2', 'overdue'),
      row('completion', 1500, 'r2', 'late'),
      row('request', 200, 'r3', 'sending', 'svc-b'),
      row('abandoned', 300, 'r3', 'abandoned', 'svc-b'),
      row('request', 400, 'r4'),
      row('request-returned', 401, 'r4', 'refused'),
      row('request', 2000, 'r5'),
      row('overdue', 3000, 'r5', 'overdue'),
    ];
    const model = new TimelineModel();
    model.sync(rows);
    const sms = model.orderedLanes().find((l) => l.label === 'SMS');
    expect(spansOf(model, sms).map((s) => s.cls)).toEqual(['ok', 'late', 'refused', 'overdue']);
    // A refusal promises no request ID; the story says why there is none.
    expect(spansOf(model, sms)[2]?.request).toMatchObject({ outcome: 'refused', requestId: null });
    // The late one's story, told again from its rows: overdue first, then its late completion.
    expect(spansOf(model, sms)[1]?.request).toMatchObject({
      outcome: 'late',
      wentOverdue: true,
      latencyMs: 10,
    });
    const stk = model.orderedLanes().find((l) => l.label === 'STK');
    expect(spansOf(model, stk).map((s) => s.cls)).toEqual(['abandoned']);
    expect([...model.waiting()].map((s) => s.ref)).toEqual(['r5']);
    // Every row of a request leads back to the request's own row.
    expect(model.spanForSeq(rows[4]?.seq ?? 0)?.seq).toBe(rows[2]?.seq);
    expect(model.spanForSeq(rows[2]?.seq ?? 0)?.seq).toBe(rows[2]?.seq);
    // Lanes: the device, then its services.
    expect(model.orderedLanes().map((l) => l.kind)).toEqual(['device', 'service', 'service']);
  });

  it('ends what still waits as "no outcome in log" once a saved log has been read to its end', () => {
    const rows = [
      row('request', 0, 'r9'),
      row('overdue', 1000, 'r9', 'overdue'),
      row('request', 1200, 'r10'),
    ];
    const model = new TimelineModel();
    model.sync(rows, false);
    expect([...model.waiting()]).toHaveLength(2);
    model.sync(rows, true);
    expect([...model.waiting()]).toHaveLength(0);
    const spans = spansOf(model, model.orderedLanes()[1]);
    expect(spans.map((s) => s.request?.outcome)).toEqual(['overdue', 'unfinished']);
    // Ended where the log did, as the exports say.
    expect(spans[1]?.request?.endTime).toBe(rows[2]?.time);
  });

  // A review: after a jump into a week-long log, Fit all drew the jumped-to minute, 38 empty
  // minutes, then the newest rows: read as 38 minutes without traffic; and a request whose
  // completion lay in those minutes was drawn waiting across them all.
  it('marks the stretch between rows that do not follow on as not loaded, and stops what waited there', () => {
    const jumped = [row('request', 0, 'r1'), row('completion', 10, 'r1', 'succeeded')];
    const waiting = row('request', 20, 'r2');
    seq += 5000; // the rows between are in the file, not in the window
    const newest = [row('request', 60_000, 'r3'), row('completion', 60_010, 'r3', 'succeeded')];
    const model = new TimelineModel();
    model.sync([...jumped, waiting, ...newest]);
    expect(model.notLoaded).toEqual([
      { from: T0 + 20, to: T0 + 60_000, fromSeq: seq - 5002, toSeq: seq - 1 },
    ]);
    const [open] = [...model.waiting()];
    expect(open?.ref).toBe('r2');
    expect(open?.cutAt).toBe(T0 + 20);
    // The log ends with no outcome for it: it ends where the rows loaded stopped, not where the
    // log did (drawn across the stretch not loaded), and says so when selected.
    model.sync([...jumped, waiting, ...newest], true);
    const cut = model.spanForSeq(waiting.seq);
    expect(cut?.end).toBe(T0 + 20);
    expect(cut?.cutAt).toBe(T0 + 20);
    // Its completion among the rows after the stretch: it is not cut, it completed there.
    const late = new TimelineModel();
    const completed = row('completion', 60_020, 'r2', 'succeeded');
    late.sync([...jumped, waiting, ...newest, completed], true);
    expect(late.spanForSeq(waiting.seq)?.end).toBe(T0 + 60_020);
    expect(late.spanForSeq(waiting.seq)?.cutAt).toBeUndefined();
    // Rows that follow on: nothing is said to be missing.
    const whole = new TimelineModel();
    whole.sync([row('request', 0, 'r4'), row('completion', 10, 'r4', 'succeeded')]);
    expect(whole.notLoaded).toEqual([]);
  });

  // A technician's review: a live session's notifications came every 30 s after its last
  // request, and the timeline, "Following live", sat on the requests four and a half minutes back.
  it('opens on the requests, and following live, on to the newest event after them', () => {
    const live = new TimelineModel();
    const requests = [row('request', 0, 'r7'), row('completion', 50, 'r7', 'succeeded')];
    const later = toLogRow({
      v: 2,
      seq: (seq += 1),
      time: new Date(T0 + 270_000).toISOString(),
      mono: 270_000,
      kind: 'error',
      context: 'modem',
      message: 'a notification came',
    });
    live.sync([...requests, later]);
    expect(live.notLoaded).toEqual([]);
    const opening = openingRange(live, reading(null, null));
    expect(opening.t1).toBeLessThan(T0 + 1000);
    const following = openingRange(live, reading(null, null), true);
    expect(following.t0).toBeLessThanOrEqual(T0);
    expect(following.t1).toBeGreaterThanOrEqual(T0 + 270_000);
  });

  // A review: of a large saved log the window holds its first page and its newest rows; the
  // timeline opened on both, the first page a sliver at one end of hatching, the newest at the
  // other, and the technician reading the first page lost its requests to the newest's.
  it('opens on the stretch with the row selected, else the newest, not on the hatching between', () => {
    const { model, read, hour } = firstPageAndNewest();
    // Nothing selected: the newest rows' requests, not the six hours not loaded before them.
    const opening = openingRange(model, reading(null, null));
    expect(opening.t0).toBeGreaterThan(T0 + 6 * hour - 60_000);
    expect(opening.t1).toBeLessThan(T0 + 6 * hour + 2 * 60_000);
    // A row of the first page selected: its requests, the one still waiting there cut where the
    // rows loaded stop.
    const selected = openingRange(model, reading(read, null));
    expect(selected.t0).toBeLessThanOrEqual(T0);
    expect(selected.t1).toBeGreaterThanOrEqual(T0 + 20);
    expect(selected.t1).toBeLessThan(T0 + 1000);
    // A row selected that is not loaded (the row went with another log): the newest.
    expect(openingRange(model, reading(read + 100, null))).toEqual(opening);
    // A log the window holds whole opens on all its requests, as it always did.
    const whole = new TimelineModel();
    whole.sync([row('request', 0, 'r5'), row('completion', 5000, 'r5', 'succeeded')]);
    const all = openingRange(whole, reading(null, null));
    expect(all.t0).toBeLessThanOrEqual(T0);
    expect(all.t1).toBeGreaterThanOrEqual(T0 + 5000);
  });

  // A technician scrolled the first page to #300 and selected nothing: the log showed #300, the
  // timeline the newest requests, hours later.
  it('opens on the stretch the log is scrolled to when nothing is selected, the selection first', () => {
    const { model, read, newestSeq, hour } = firstPageAndNewest();
    const firstPage = openingRange(model, reading(read, null));
    const newest = openingRange(model, reading(null, null));
    // Scrolled to a row of the first page: its requests, as if it were selected.
    const scrolled = openingRange(model, reading(null, read));
    expect(scrolled.t0).toBeLessThanOrEqual(T0);
    expect(scrolled.t1).toBeLessThan(T0 + 1000);
    expect(scrolled).toEqual(firstPage);
    // Scrolled to the newest: those, as when nothing is read.
    const below = openingRange(model, reading(null, newestSeq));
    expect(below.t0).toBeGreaterThan(T0 + 6 * hour - 60_000);
    expect(below).toEqual(newest);
    // A row selected speaks first: the log may be scrolled away from it.
    expect(openingRange(model, reading(newestSeq, read))).toEqual(newest);
    expect(openingRange(model, reading(read, newestSeq))).toEqual(firstPage);
  });

  it('costs only new rows when the same array grows, and rebuilds for a new one', () => {
    const rows = [row('request', 0, 'r1')];
    const model = new TimelineModel();
    model.sync(rows);
    rows.push(row('completion', 20, 'r1', 'succeeded'));
    model.sync(rows);
    expect(model.spanCount).toBe(1);
    expect(spansOf(model, model.orderedLanes()[1])[0]?.cls).toBe('ok');
    model.sync([...rows]);
    expect(model.spanCount).toBe(1);
  });

  it('finds the first span that can be visible, whatever the lane length', () => {
    const rows: LogRow[] = [];
    for (let i = 0; i < 1000; i++) {
      rows.push(row('request', i * 10, `q${i}`));
      rows.push(row('completion', i * 10 + 5, `q${i}`, 'succeeded'));
    }
    const model = new TimelineModel();
    model.sync(rows);
    const lane = model.orderedLanes()[1];
    if (!lane) throw new Error('no lane');
    const k = firstVisible(lane, T0 + 5003);
    expect(lane.columns.end(k - 1)).toBeLessThan(T0 + 5003);
    expect(lane.columns.end(k)).toBeGreaterThanOrEqual(T0 + 5003);
  });
});

describe('spans loaded straight into columns', () => {
  const sms = { interfaceId: DEV, serviceId: 'svc-a', serviceName: 'SMS' };
  const stk = { interfaceId: DEV, serviceId: 'svc-b', serviceName: 'STK' };

  /** Requests 100 ms apart, alternating lanes, each with the seq its request record had. */
  function loaded(withSeq: boolean): TimelineModel {
    const model = new TimelineModel();
    for (let i = 0; i < 20; i++)
      model.appendSpan(
        i % 2 === 0 ? sms : stk,
        T0 + i * 100,
        T0 + i * 100 + 30,
        i === 6 ? 'failed' : 'succeeded',
        withSeq ? 10 + i * 3 : 0,
      );
    model.prepare();
    return model;
  }

  /** Where the pointer is over the middle of request i (a 2-second view, 1000 px of plot). */
  function pointAt(model: TimelineModel, i: number) {
    const view = { t0: T0, t1: T0 + 2_000, width: LABEL_WIDTH + 1000, height: 200 };
    const lane = model.orderedLanes().findIndex((l) => l.label === (i % 2 === 0 ? 'SMS' : 'STK'));
    const x = LABEL_WIDTH + (i * 100 + 15) / 2;
    const y = AXIS_HEIGHT + lane * LANE_HEIGHT + LANE_HEIGHT / 2;
    return hitTest(model, view, x, y);
  }

  it('selects one by a click, by its seq from the log, and steps from it with [ and ]', () => {
    const model = loaded(true);
    const hit = pointAt(model, 6);
    if (!hit || !('span' in hit)) throw new Error(`not a span: ${JSON.stringify(hit)}`);
    // What the tip and the selection show: no log rows behind it, but its outcome and times.
    expect(hit.span).toMatchObject({
      seq: 28,
      outcome: 'failed',
      cls: 'failed',
      start: T0 + 600,
      end: T0 + 630,
      request: null,
    });
    expect(hit.span.lane.label).toBe('SMS');
    // Selecting it selects seq 28; the timeline finds the same span again from that seq.
    expect(model.spanForSeq(28)).toBe(hit.span);
    // ] goes to the next request in time, on the other lane; [ comes back.
    const next = model.neighbour(28, 1);
    expect(next).toMatchObject({ seq: 31, start: T0 + 700 });
    expect(next?.lane.label).toBe('STK');
    expect(model.neighbour(31, -1)).toBe(hit.span);
    expect(model.neighbour(null, 1)?.seq).toBe(10);
  });

  it('without a seq is described, never selected', () => {
    const model = loaded(false);
    const hit = pointAt(model, 6);
    expect(hit && 'dense' in hit ? hit.dense.summary.counts : null).toEqual({ failed: 1 });
    expect(model.neighbour(null, 1)).toBeNull();
  });
});

describe('timeline viewport', () => {
  it('zooms around the anchor and pans by a share of the width', () => {
    const r = { t0: 0, t1: 1000 };
    const z = zoomAt(r, 0.5, 0.25);
    expect(z.t1 - z.t0).toBe(500);
    expect(z.t0 + (z.t1 - z.t0) * 0.25).toBe(250);
    expect(panBy(r, 0.1)).toEqual({ t0: 100, t1: 1100 });
    const all = fitAll(100, 200);
    expect(all.t0).toBeLessThan(100);
    expect(all.t1).toBeGreaterThan(200);
  });
});

/** The fields every record has, for one written `ms` into the run (the next seq). */
function stamped(ms: number): { v: 2; seq: number; time: string; mono: number } {
  seq += 1;
  return { v: 2, seq, time: new Date(T0 + ms).toISOString(), mono: ms };
}

describe('notifications on the timeline', () => {
  function notification(ms: number, serviceName: string): LogRow {
    return toLogRow({
      ...stamped(ms),
      kind: 'event-notification',
      interfaceId: DEV,
      serviceId: 'svc-a',
      serviceName,
      eventId: 1,
      byteLength: 4,
      data: '29000000',
    });
  }

  it('marks the service’s lane, named by its requests even when it notified before it was listed', () => {
    const model = new TimelineModel();
    const rows = [notification(0, 'Vendor service'), row('request', 10, 'r1')];
    model.sync(rows);
    const lane = model.orderedLanes().find((l) => l.kind === 'service');
    expect(lane?.marks).toMatchObject([
      { kind: 'notification', text: 'notification event 1 from Vendor service, 4 bytes' },
    ]);
    expect(lane?.label).toBe('SMS');
  });

  it('is what the pointer finds on it, though a request’s bar lies beneath it', () => {
    const model = new TimelineModel();
    model.sync([
      row('request', 0, 'r1'),
      row('request-returned', 1, 'r1', 'waiting'),
      notification(20, 'SMS'),
      row('completion', 50, 'r1', 'succeeded'),
    ]);
    const lane = model.orderedLanes().findIndex((l) => l.kind === 'service');
    const view = { t0: T0 - 50, t1: T0 + 150, width: LABEL_WIDTH + 1000, height: 200 };
    const y = AXIS_HEIGHT + lane * LANE_HEIGHT + LANE_HEIGHT / 2;
    const at = (ms: number) => hitTest(model, view, LABEL_WIDTH + (ms + 50) * 5, y);
    expect(at(20)).toMatchObject({ mark: { kind: 'notification' } });
    // Elsewhere on the bar, the request.
    expect(at(40)).toMatchObject({ span: { start: T0, end: T0 + 50 } });
  });
});

describe('the backend lane', () => {
  it('marks the backend going unavailable apart from its coming back', () => {
    const status = (ms: number, available: boolean): LogRow =>
      toLogRow({
        ...stamped(ms),
        kind: 'backend-status',
        backend: 'mbn',
        available,
        message: available ? 'back' : 'the MBN service stopped',
      });
    const model = new TimelineModel();
    model.sync([status(0, true), status(10, false), status(20, true)]);
    const lane = model.orderedLanes().find((l) => l.kind === 'backend');
    expect(lane?.marks.map((m) => m.kind)).toEqual(['backend', 'backend-down', 'backend']);
  });
});

// A vendor service's notifications came before the service list did, logged as "Vendor
// service"; the lane kept that name for good while the log's rows named the service as listed.
describe('a service lane first seen under the generic name', () => {
  it('takes the service’s listed name from any later record, a request or not', () => {
    const note = (name: string): LogRow => {
      seq += 1;
      return toLogRow({
        ...{ v: 2, seq, time: new Date(T0 + seq).toISOString(), mono: seq },
        ...{ kind: 'event-notification', interfaceId: DEV, serviceId: 'svc-v' },
        ...{ serviceName: name, eventId: 1, byteLength: 0, data: '' },
      });
    };
    const model = new TimelineModel();
    model.sync([note('Vendor service'), note('Vendor service')]);
    expect(model.orderedLanes().map((l) => l.label)).toContain('Vendor service');
    model.sync([note('Vendor service'), note('Vendor service'), note('Sierra Diagnostics Stream')]);
    const labels = model.orderedLanes().map((l) => l.label);
    expect(labels).toContain('Sierra Diagnostics Stream');
    expect(labels).not.toContain('Vendor service');
  });
});
