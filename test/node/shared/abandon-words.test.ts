/**
 * A request abandoned because the app closed its own backend (the CLI at its --timeout or on
 * Ctrl+C) read "abandoned: the backend closed", which a support engineer took for the Windows
 * service or the modem going away. The words say whose doing it was, in every view alike.
 */
import { describe, expect, it } from 'vitest';
import { describeRecord } from '../../../shared/journal/record-text.js';
import type { JournalRecord } from '../../../shared/journal/record.js';

const abandoned = (reason: 'backend-closed' | 'device-removed'): JournalRecord => ({
  v: 2,
  seq: 9,
  time: '2026-11-29T13:00:00.000Z',
  mono: 9,
  interfaceId: '{DEV-1}',
  serviceId: 'svc-1',
  serviceName: 'SMS',
  kind: 'abandoned',
  ref: 'r3',
  op: 'query',
  outcome: 'abandoned',
  requestId: 1012,
  reason,
});

describe('the words of an abandoned request', () => {
  it('say the app closed its backend, or the device was removed', () => {
    expect(describeRecord(abandoned('backend-closed'))).toBe(
      'query #1012 abandoned: the app stopped waiting and closed its backend',
    );
    expect(describeRecord(abandoned('device-removed'))).toBe(
      'query #1012 abandoned: the device was removed',
    );
  });
});
