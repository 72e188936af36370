import { describe, expect, it } from 'vitest';
import type { LogOutcome, LogRow } from '../../electron/ipc/contract';
import { TimelineModel, firstVisible } from '../../renderer/src/timeline/timeline-model';
import { fitAll, panBy, zoomAt } from '../../renderer/src/timeline/viewport';

const DEV = '{DEV}';
const T0 = Date.UTC(2026, 0, 1, 8);
let seq = 0;

function row(
  kind: LogRow['kind'],
  ms: number,
  ref: string | null,
  outcome: LogOutcome | null = null,
  service = 'svc-a',
): LogRow {
  seq += 1;
  return {
    seq,
    time: new Date(T0 + ms).toISOString(),
    kind,
    interfaceId: DEV,
    serviceId: service,
    serviceName: service === 'svc-a' ? 'SMS' : 'STK',
    ref,
    requestId: ref ? 1000 + seq : null,
    outcome,
    hresult: null,
    latencyMs: kind === 'completion' ? 10 : null,
    sessionState: null,
    text: kind === 'request' ? 'close data session sent to SMS' : kind,
  };
}

describe('timeline model', () => {
  it('makes one span per request with the outcome that ended it', () => {
    const rows = [
      row('request', 0, 'r1', 'pending'),
      row('completion', 50, 'r1', 'succeeded'),
      row('request', 100, 'r2', 'pending'),
      row('overdue', 1100, 'r2', 'overdue'),
      row('completion', 1500, 'r2', 'late'),
      row('request', 200, 'r3', 'pending', 'svc-b'),
      row('abandoned', 300, 'r3', 'abandoned', 'svc-b'),
      row('request', 400, 'r4', 'pending'),
      row('request-returned', 401, 'r4', 'rejected'),
      row('request', 2000, 'r5', 'pending'),
      row('overdue', 3000, 'r5', 'overdue'),
    ];
    const model = new TimelineModel();
    model.sync(rows);
    const sms = model.orderedLanes().find((l) => l.label === 'SMS');
    expect(sms?.spans.map((s) => s.cls)).toEqual(['ok', 'late', 'failed', 'overdue']);
    const stk = model.orderedLanes().find((l) => l.label === 'STK');
    expect(stk?.spans.map((s) => s.cls)).toEqual(['abandoned']);
    expect([...model.waiting()].map((s) => s.ref)).toEqual(['r5']);
    // Every row of a request leads back to the request's own row.
    expect(model.spanBySeq.get(rows[4]?.seq ?? 0)?.seq).toBe(rows[2]?.seq);
    // Lanes: the device, then its services.
    expect(model.orderedLanes().map((l) => l.kind)).toEqual(['device', 'service', 'service']);
  });

  it('costs only new rows when the same array grows, and rebuilds for a new one', () => {
    const rows = [row('request', 0, 'r1', 'pending')];
    const model = new TimelineModel();
    model.sync(rows);
    rows.push(row('completion', 20, 'r1', 'succeeded'));
    model.sync(rows);
    expect(model.spanCount).toBe(1);
    expect(model.orderedLanes()[1]?.spans[0]?.cls).toBe('ok');
    model.sync([...rows]);
    expect(model.spanCount).toBe(1);
  });

  it('finds the first span that can be visible, whatever the lane length', () => {
    const rows: LogRow[] = [];
    for (let i = 0; i < 1000; i++) {
      rows.push(row('request', i * 10, `q${i}`, 'pending'));
      rows.push(row('completion', i * 10 + 5, `q${i}`, 'succeeded'));
    }
    const model = new TimelineModel();
    model.sync(rows);
    const lane = model.orderedLanes()[1];
    if (!lane) throw new Error('no lane');
    const k = firstVisible(lane, T0 + 5003);
    expect(lane.spans[k - 1]?.end).toBeLessThan(T0 + 5003);
    expect(lane.spans[k]?.end).toBeGreaterThanOrEqual(T0 + 5003);
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
