import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogRow } from '../../../electron/ipc/contract.js';
import { EventBatcher } from '../../../electron/ipc/event-batcher.js';

function row(seq: number): LogRow {
  return {
    seq,
    time: '',
    kind: 'read-data',
    interfaceId: null,
    serviceId: null,
    serviceName: null,
    ref: null,
    requestId: null,
    outcome: null,
    hresult: null,
    latencyMs: null,
    sessionState: null,
    text: '',
    record: {
      v: 2,
      seq,
      time: '',
      mono: 0,
      kind: 'backend-status',
      backend: 'simulator',
      available: true,
      message: '',
    },
  };
}

describe('event batcher', () => {
  let now = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    now = 0;
  });
  afterEach(() => vi.useRealTimers());

  function setup() {
    const sent: { channel: string; size: number; at: number; seqs: number[] }[] = [];
    const batcher = new EventBatcher(
      (channel, batch) =>
        sent.push({
          channel,
          size: batch.length,
          at: now,
          seqs: channel === 'mbn:log-rows' ? (batch as LogRow[]).map((r) => r.seq) : [],
        }),
      { now: () => now },
    );
    const tick = (ms: number) => {
      now += ms;
      vi.advanceTimersByTime(ms);
    };
    return { batcher, sent, tick };
  }

  it('sends a lone event on the next tick, not a frame later', () => {
    const { batcher, sent, tick } = setup();
    batcher.push('mbn:log-rows', row(1));
    expect(sent).toHaveLength(0);
    tick(0);
    expect(sent).toEqual([{ channel: 'mbn:log-rows', size: 1, at: 0, seqs: [1] }]);
  });

  it('coalesces 10,000 events a second into at most one batch per channel per frame, dropping none', () => {
    const { batcher, sent, tick } = setup();
    let seq = 0;
    for (let ms = 0; ms < 1000; ms++) {
      for (let i = 0; i < 10; i++) batcher.push('mbn:log-rows', row(++seq));
      tick(1);
    }
    tick(20);
    expect(sent.flatMap((s) => s.seqs)).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1));
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(1000 / 16) + 1);
    for (let i = 1; i < sent.length; i++) {
      expect((sent[i]?.at ?? 0) - (sent[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(16);
    }
  });

  it('flushes what is pending on demand (before quitting)', () => {
    const { batcher, sent } = setup();
    batcher.push('mbn:device-changes', { type: 'removal', interfaceId: 'x', seq: 3 });
    batcher.push('mbn:log-rows', row(3));
    batcher.flush();
    expect(sent.map((s) => s.channel)).toEqual(['mbn:log-rows', 'mbn:device-changes']);
  });
});
