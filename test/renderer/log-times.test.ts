import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../electron/ipc/contract';
import { toLogRow } from '../../electron/ipc/log-row';
import type { JournalRecord } from '../../shared/journal/record';
import { SentTimes, formatRelative, timeCell } from '../../renderer/src/components/log-times';
import { activityRange, zoomTo } from '../../renderer/src/timeline/viewport';

const T0 = Date.UTC(2026, 10, 29, 13, 0, 5, 123);
let seq = 0;

function row(kind: 'request' | 'completion' | 'backend-status', mono: number, ref = 'r1'): LogRow {
  seq += 1;
  const base = { v: 2 as const, seq, time: new Date(T0 + mono).toISOString(), mono };
  const record: JournalRecord =
    kind === 'backend-status'
      ? { ...base, kind, backend: 'simulator', available: true, message: 'up' }
      : kind === 'request'
        ? {
            ...base,
            kind,
            interfaceId: '{DEV}',
            serviceId: 'svc',
            serviceName: 'SMS',
            ref,
            op: 'close',
            outcome: 'sending',
            sessionOpenBefore: true,
          }
        : {
            ...base,
            kind,
            interfaceId: '{DEV}',
            serviceId: 'svc',
            serviceName: 'SMS',
            ref,
            op: 'close',
            outcome: 'succeeded',
            requestId: 1001,
            status: '0x00000000',
            statusName: 'S_OK',
            match: 'matched',
            latencyMs: mono,
          };
  return toLogRow(record);
}

describe("the log's Time column", () => {
  it('writes deltas as Wireshark does, in seconds to the millisecond', () => {
    expect(formatRelative(0)).toBe('+0.000 s');
    expect(formatRelative(234.4)).toBe('+0.234 s');
    expect(formatRelative(-1500)).toBe('-1.500 s');
    expect(formatRelative(62_345)).toBe('+1 min 02.345 s');
  });

  it('shows wall-clock time with its date and zone, or the time since the previous entry', () => {
    const rows = [row('backend-status', 0), row('request', 100), row('completion', 350)];
    const sent = new SentTimes();
    expect(timeCell('utc', rows, 0, sent)).toBe('2026-11-29 13:00:05.123 Z');
    expect(timeCell('since-previous', rows, 0, sent)).toBe('+0.000 s');
    expect(timeCell('since-previous', rows, 2, sent)).toBe('+0.250 s');
  });

  it('shows the time since the request was sent, and a dash for an entry of no request', () => {
    const rows = [
      row('backend-status', 0),
      row('request', 100, 'r7'),
      row('completion', 350, 'r7'),
    ];
    const sent = new SentTimes();
    sent.update(rows);
    expect(timeCell('since-sent', rows, 1, sent)).toBe('+0.000 s');
    expect(timeCell('since-sent', rows, 2, sent)).toBe('+0.250 s');
    expect(timeCell('since-sent', rows, 0, sent)).toBe('—');
    // Earlier entries paged in at the front: the sent times are found again.
    const earlier = [row('request', 50, 'r6'), ...rows];
    sent.update(earlier);
    expect(sent.of('r6')).toBe(50);
    expect(sent.of('r7')).toBe(100);
  });
});

describe('the time since a request was sent, across runs', () => {
  it("measures each entry from its own run's request, though every run numbers from r1", () => {
    const first = [row('request', 100, 'r1'), row('completion', 300, 'r1')];
    const start: LogRow = toLogRow({
      v: 2,
      seq: (seq += 1),
      time: new Date(T0 + 10).toISOString(),
      mono: 10,
      kind: 'run-start',
      format: 'mbn-diag-journal',
      runId: 'second',
      app: { name: 'mbn-diag', version: '0.1.0' },
      os: { platform: 'linux', release: '6', arch: 'x64' },
      backend: { kind: 'simulator', label: 'sim', reason: 'test' },
    });
    const second = [row('request', 20, 'r1'), row('completion', 70, 'r1')];
    const rows = [...first, start, ...second];
    const sent = new SentTimes();
    sent.update(rows);
    expect(timeCell('since-sent', rows, 1, sent)).toBe('+0.200 s');
    expect(timeCell('since-sent', rows, 4, sent)).toBe('+0.050 s');
  });
});

describe('where the timeline opens', () => {
  it('on the requests, not on every event, with a little room', () => {
    const r = activityRange(
      [
        { start: 1000, end: 1100 },
        { start: 1200, end: NaN },
      ],
      0,
      1800,
    );
    // From the first request sent to the newest time (one is still waiting), across 80%.
    expect(r.t0).toBeLessThan(1000);
    expect(r.t1).toBeGreaterThan(1800);
    expect((1800 - 1000) / (r.t1 - r.t0)).toBeCloseTo(0.8, 5);
  });

  it('zooms to a single request no narrower than 2 ms', () => {
    const r = zoomTo(500, 500);
    expect(r.t1 - r.t0).toBe(2);
    expect((r.t0 + r.t1) / 2).toBe(500);
  });
});
