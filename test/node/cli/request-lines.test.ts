/**
 * What `close` and `open` print about a completion: its latency as every view writes it, and the
 * exact milliseconds beside it when those say more (the JSON keeps the number as it is).
 */
import { describe, expect, it } from 'vitest';
import { requestLines, type RequestResultJson } from '../../../electron/cli/request-result.js';

const result = (latencyMs: number): RequestResultJson => ({
  interfaceId: '{DEV-1}',
  serviceId: 'svc-1',
  serviceName: 'SMS',
  op: 'close',
  requestId: 1004,
  hresult: '0x00000000',
  hresultName: 'S_OK',
  hresultMeaning: 'The operation completed successfully.',
  backendReason: null,
  completion: {
    status: '0x00000000',
    statusName: 'S_OK',
    statusMeaning: 'The operation completed successfully.',
    latencyMs,
    late: true,
  },
  outcome: 'completed',
  state: 'late',
  precondition: null,
  journal: '/tmp/journal',
  details: [],
  nextStep: null,
});

describe('the lines of a request result', () => {
  it('say a latency in seconds, with the exact milliseconds beside it', () => {
    expect(requestLines(result(30012.418))).toContain('  Latency:       30.0 s (30012.418 ms)');
  });

  it('say a whole number of milliseconds once', () => {
    expect(requestLines(result(40))).toContain('  Latency:       40 ms');
  });
});
