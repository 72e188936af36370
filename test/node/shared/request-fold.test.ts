/**
 * RequestFold's memory of ended requests: a completion that comes after its request ended (a
 * duplicate, or one after abandoning) is counted on that request while it is among the last
 * 10,000 ended, and forgotten after that, in the order the requests ended.
 */
import { describe, expect, it } from 'vitest';
import { JOURNAL_FORMAT, type JournalRecord } from '../../../shared/journal/record.js';
import { RequestFold, type FoldedRequest } from '../../../shared/request/fold.js';

const SERVICE = {
  interfaceId: '{DEV-A}',
  serviceId: 'c08a26dd-7718-4382-8482-6e0d583c4d0e',
  serviceName: 'DSS',
} as const;

let seq = 0;
function stamp(): { v: 2; seq: number; time: string; mono: number } {
  seq += 1;
  return { v: 2, seq, time: new Date(Date.UTC(2026, 0, 1) + seq).toISOString(), mono: seq };
}

function request(ref: string): JournalRecord {
  return {
    ...stamp(),
    kind: 'request',
    ref,
    op: 'query',
    outcome: 'sending',
    ...SERVICE,
    sessionOpenBefore: null,
  };
}

function completion(ref: string, requestId: number, stray: boolean): JournalRecord {
  return {
    ...stamp(),
    kind: 'completion',
    op: 'query',
    ...SERVICE,
    requestId,
    status: '0x00000000',
    statusName: 'S_OK',
    match: stray ? 'duplicate' : 'matched',
    ref,
    outcome: stray ? null : 'succeeded',
    latencyMs: 1,
  };
}

describe('RequestFold', () => {
  it('counts a stray completion on the last 10,000 ended requests only, oldest forgotten first', () => {
    const ended: FoldedRequest[] = [];
    const fold = new RequestFold({ ended: (r) => ended.push(r) });
    const total = 10_050;
    for (let i = 1; i <= total; i++) {
      fold.observe(request(`r${i}`));
      fold.observe(completion(`r${i}`, i, false));
    }
    expect(ended).toHaveLength(total);
    expect(ended.every((r) => r.outcome === 'succeeded')).toBe(true);

    // r51 is the oldest of the last 10,000 to end; r50 was forgotten just before it.
    expect(fold.observe(completion(`r${total}`, total, true))?.strayCompletions).toBe(1);
    expect(fold.observe(completion('r51', 51, true))?.strayCompletions).toBe(1);
    expect(fold.observe(completion('r50', 50, true))).toBeUndefined();
    expect(fold.observe(completion('r1', 1, true))).toBeUndefined();

    // A new run starts from nothing: no request of the old one is remembered.
    fold.observe({
      ...stamp(),
      kind: 'run-start',
      format: JOURNAL_FORMAT,
      runId: 'second-run',
      app: { name: 'mbn-diag', version: 'test' },
      os: { platform: 'win32', release: '10.0.22631', arch: 'x64' },
      backend: { kind: 'simulator', label: 'Simulator', reason: 'test' },
    });
    expect(fold.observe(completion(`r${total}`, total, true))).toBeUndefined();
  });
});
