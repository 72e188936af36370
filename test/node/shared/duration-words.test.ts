/**
 * Durations in the log's words read as a technician says them ("after 30.0 s", "412 ms"), in the
 * one form every view uses (shared/time.ts formatDuration); the records keep the exact number.
 */
import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { describeRecord } from '../../../shared/journal/record-text.js';
import { durationForm, formatDuration } from '../../../shared/time.js';

const at = { v: 2, seq: 1, time: '2026-11-29T13:00:00.000Z', mono: 1 } as const;
const service = { interfaceId: '{DEV-1}', serviceId: 'svc-1', serviceName: 'SMS' } as const;

describe('the words of a record with a duration', () => {
  it('say a latency in seconds or milliseconds, not raw milliseconds', () => {
    const completion = (latencyMs: number): JournalRecord => ({
      ...at,
      ...service,
      kind: 'completion',
      ref: 'r1',
      op: 'close',
      outcome: 'late',
      requestId: 1004,
      status: '0x00000000',
      statusName: 'S_OK',
      match: 'matched',
      latencyMs,
    });
    expect(describeRecord(completion(30012.418))).toBe(
      'close #1004 completed: S_OK (0x00000000) after 30.0 s',
    );
    expect(describeRecord(completion(412.2))).toBe(
      'close #1004 completed: S_OK (0x00000000) after 412 ms',
    );
  });

  it('say the call time, the timeout and the wait the same way', () => {
    expect(
      describeRecord({
        ...at,
        ...service,
        kind: 'request-returned',
        ref: 'r1',
        op: 'close',
        outcome: 'waiting',
        requestId: 1004,
        hresult: '0x00000000',
        hresultName: 'S_OK',
        callMs: 12.25,
      }),
    ).toBe('close accepted, request #1004 (12 ms to return)');
    expect(
      describeRecord({
        ...at,
        ...service,
        kind: 'overdue',
        ref: 'r1',
        op: 'close',
        outcome: 'overdue',
        requestId: 1004,
        timeoutMs: 30000,
      }),
    ).toBe('close #1004 overdue: no completion within 30.0 s');
    expect(
      describeRecord({
        ...at,
        ...service,
        kind: 'given-up',
        ref: 'r1',
        op: 'close',
        outcome: 'given-up',
        requestId: 1004,
        waitedMs: 45000.5,
      }),
    ).toContain('given up by the user after 45.0 s:');
  });
});

describe('formatDuration', () => {
  it('writes about three figures, in the unit that reads best', () => {
    expect(formatDuration(0)).toBe('0.0 ms');
    expect(formatDuration(0.42)).toBe('0.4 ms');
    expect(formatDuration(0.96)).toBe('1 ms');
    expect(formatDuration(12.25)).toBe('12 ms');
    expect(formatDuration(999.4)).toBe('999 ms');
    // Never "1000 ms" nor "10.00 s": a value rounds into the next form, not past its own.
    expect(formatDuration(999.6)).toBe('1.00 s');
    expect(formatDuration(2504.8)).toBe('2.50 s');
    expect(formatDuration(9999)).toBe('10.0 s');
    expect(formatDuration(119_999)).toBe('2.0 min');
    expect(formatDuration(150_000)).toBe('2.5 min');
    expect(formatDuration(5_996_000)).toBe('99.9 min');
    expect(formatDuration(5_997_000)).toBe('1.7 h');
    expect(formatDuration(172_619_000)).toBe('47.9 h');
    // A week-long kiosk log's span, which read "9912.0 min" in the report.
    expect(formatDuration(594_720_000)).toBe('6.9 d');
    expect(formatDuration(-1500)).toBe('-1.50 s');
  });

  it('writes durations of one form alike but for their digits', () => {
    const digitsApart = (ms: number): string =>
      formatDuration(ms)
        .split(/[0-9]+/)
        .join('|');
    const unlike: number[] = [];
    for (let ms = 0; ms < 1e9; ms += ms < 1000 ? 0.013 : ms < 200_000 ? 0.77 : 997.3)
      if (
        digitsApart(ms) !==
        digitsApart([0, 1, 1000, 10_000, 120_000, 6_000_000, 172_800_000][durationForm(ms)] ?? -1)
      )
        unlike.push(ms);
    expect(unlike).toEqual([]);
  });
});
