/**
 * Coalesces events into at most one message per channel per frame (~16 ms), so a burst of ten
 * thousand events a second arrives as ~60 batches instead of flooding the renderer. Nothing is
 * dropped: a batch holds every event since the previous one.
 *
 * The first event after a quiet frame goes out on the next tick rather than waiting a whole frame
 * (what a technician waiting for one completion notices); during a burst, flushes are spaced one
 * frame apart.
 */
import { EVENT_CHANNELS, type EventChannel } from './channels.js';
import type { EventMap } from './contract.js';

export type BatchSink = <E extends EventChannel>(channel: E, batch: EventMap[E]) => void;

export interface BatcherOptions {
  frameMs?: number;
  now?: () => number;
}

type Pending = { [E in EventChannel]: EventMap[E] };

export class EventBatcher {
  private pending: Pending = emptyBatches();
  private count = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = -Infinity;
  private readonly frameMs: number;
  private readonly now: () => number;

  constructor(
    private readonly sink: BatchSink,
    options: BatcherOptions = {},
  ) {
    this.frameMs = options.frameMs ?? 16;
    this.now = options.now ?? (() => performance.now());
  }

  push<E extends EventChannel>(channel: E, item: EventMap[E][number]): void {
    (this.pending[channel] as EventMap[E][number][]).push(item);
    this.count += 1;
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.lastFlush + this.frameMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  /** Sends everything pending now, one message per channel, in contract order. */
  flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.count === 0) return;
    const batches = this.pending;
    this.pending = emptyBatches();
    this.count = 0;
    this.lastFlush = this.now();
    for (const channel of EVENT_CHANNELS) {
      const batch = batches[channel];
      if (batch.length > 0) this.sink(channel, batch);
    }
  }

  dispose(): void {
    this.flush();
  }
}

function emptyBatches(): Pending {
  return {
    'mbn:service-lists': [],
    'mbn:log-rows': [],
    'mbn:journal-start': [],
    'mbn:request-changes': [],
    'mbn:device-changes': [],
    'mbn:backend-status': [],
    'mbn:export-progress': [],
    'mbn:search-progress': [],
  };
}
