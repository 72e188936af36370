/**
 * The log said "open command session sent to SMS" in one row and "open-command-session accepted"
 * in the next: a request's operation reads in words in every row it has, as in the row that sent it.
 */
import { describe, expect, it } from 'vitest';
import { describeRecord } from '../../../shared/journal/record-text.js';
import type { JournalRecord } from '../../../shared/journal/record.js';

const base = {
  v: 2,
  seq: 9,
  time: '2026-11-29T13:00:00.000Z',
  mono: 9,
  interfaceId: '{DEV-1}',
  serviceId: 'svc-1',
  serviceName: 'SMS',
  ref: 'r3',
} as const;

describe('a request operation in the log', () => {
  it('reads in words when it returns, completes, waits too long or fails', () => {
    const returned: JournalRecord = {
      ...base,
      kind: 'request-returned',
      op: 'open-command-session',
      outcome: 'waiting',
      requestId: 1004,
      hresult: '0x00000000',
      hresultName: 'S_OK',
      callMs: 2,
    };
    expect(describeRecord(returned)).toBe(
      'open command session accepted, request #1004 (2 ms to return)',
    );
    const completed: JournalRecord = {
      ...base,
      kind: 'completion',
      op: 'supported-commands',
      requestId: 1005,
      status: '0x00000000',
      statusName: 'S_OK',
      match: 'matched',
      outcome: 'succeeded',
      latencyMs: 40,
      commandIds: [1, 2],
    };
    expect(describeRecord(completed)).toMatch(/^supported commands #1005 completed: S_OK/);
    const overdue: JournalRecord = {
      ...base,
      kind: 'overdue',
      op: 'close-command-session',
      outcome: 'overdue',
      requestId: 1006,
      timeoutMs: 10_000,
    };
    expect(describeRecord(overdue)).toMatch(/^close command session #1006 overdue/);
  });
});
