/**
 * Checks blocks of journal lines on helper threads, so an export uses every core: on a saved log
 * most of an export's time is LineCheck's pass over every byte. What comes back is only each
 * line's bounds and verdict; everything that depends on the order of the lines (the redactor's
 * numbered tokens and the device IDs it learns, the CSV model column) stays on the calling
 * thread, which takes the answers in file order.
 *
 * Blocks queue up as they are read; helpers take the oldest as they have room, and the calling
 * thread, while it waits for the oldest one's answer, checks the newest no helper has taken (the
 * same function), so neither waits while there is work. Until the helpers are ready, or if one
 * fails, the calling thread checks everything itself: a missing helper costs speed, never a line.
 * Helpers stop once idle, and never keep the process alive.
 */
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import {
  helperScript as findHelperScript,
  startHelper,
  type HelperScript,
} from '../helper-script.js';
import { checkBlock, type BlockResult } from './line-block-check.js';
import type { AheadState } from './format-writer.js';
import type { LineCheck } from './line-check.js';
import type { BlockAnswer, BlockTask } from './line-check-worker.js';
import { KeptBuffers, releaseKept } from './kept-buffers.js';

/**
 * Blocks a helper may hold at once: enough to never wait for the next, few enough to stay small.
 * With two, a CSV export's helper sat idle for a second of its two while this thread made rows of
 * a block it had taken itself and could send none (1M events, alternated: 2.17-2.22 s with two,
 * 1.81-2.01 s with four, same bytes out).
 */
const PER_HELPER = 4;
const IDLE_MS = 1000;
/** Buffers kept for reuse, and their least size (a read chunk). */
const MAX_SPARE = 8;
const SPARE_BYTES = 1 << 20;
/** A helper holds a few blocks (a few MB): its heap is kept small, as the export's memory is. */
const LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 };

/** A block submitted for checking: answered by a helper, or checked here when its turn comes first. */
export class BlockTicket {
  result: BlockResult | undefined;
  /** Sent to a helper; its answer settles `answered`. */
  sent = false;
  answered: Promise<BlockResult> | undefined;
  resolve: (result: BlockResult) => void = () => undefined;

  constructor(
    readonly buf: Buffer,
    readonly from: number,
    readonly to: number,
    readonly ahead: AheadState | undefined,
  ) {}
}

interface Helper {
  worker: Worker;
  ready: boolean;
  pending: Map<number, BlockTicket>;
}

/** The helper's code (built from source when not bundled: helper-script.ts). */
function helperScript(): Promise<HelperScript> {
  return findHelperScript('line-check-worker', () =>
    join(dirname(fileURLToPath(import.meta.url)), 'line-check-worker.ts'),
  );
}

/** Finds (from source: builds) the helper's script now (see prepareExportHelpers). */
export async function prepareLineCheckHelper(): Promise<void> {
  await helperScript();
}

export class LineCheckPool {
  private helpers: Helper[] = [];
  /** Submitted, not yet taken by a helper, oldest first. */
  private readonly queued: BlockTicket[] = [];
  private readonly spare: ArrayBuffer[] = [];
  /**
   * The memory CSV rows are made in, here or by a helper (handed over and back), used again once
   * written (kept-buffers.ts): a new MiB for every block meant every page of it faulted in, and
   * the collector ran a full collection every few blocks for the memory outside its heap.
   */
  private readonly madeMemory = new KeptBuffers();
  private started = false;
  private generation = 0;
  private nextId = 0;
  private idle: NodeJS.Timeout | undefined;

  constructor(
    private readonly check: LineCheck,
    private readonly redacting: boolean,
    /** With the calling thread, which checks blocks too when the helpers are busy: every core. */
    private readonly size = Math.max(1, Math.min(2, availableParallelism() - 1)),
  ) {}

  /**
   * Queues a block: helpers take the oldest queued blocks as they have room; `result` takes them
   * back in order.
   */
  submit(buf: Buffer, from: number, to: number): BlockTicket {
    this.start();
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    const ticket = new BlockTicket(buf, from, to, this.check.ahead?.());
    this.queued.push(ticket);
    this.pump();
    return ticket;
  }

  /**
   * The block's lines checked. While a helper still works on it, this thread checks the newest
   * blocks no helper took yet (so it never waits while there is work); if the block was not
   * taken, it checks it itself.
   */
  async result(ticket: BlockTicket): Promise<BlockResult> {
    while (ticket.result === undefined) {
      if (!ticket.sent) {
        this.queued.splice(this.queued.indexOf(ticket), 1);
        ticket.result = this.checkHere(ticket);
        break;
      }
      const newest = this.queued.pop();
      if (newest) {
        newest.result = this.checkHere(newest);
        // Lets the helpers' answers in, so a helper that finished gets its next block now.
        await new Promise((resolve) => setImmediate(resolve));
      } else ticket.result = await ticket.answered;
    }
    return ticket.result;
  }

  /** Blocks checked so far by helpers (for the tests: that they do). */
  helped = 0;

  /** Helpers started and ready for blocks. */
  get readyHelpers(): number {
    return this.helpers.filter((h) => h.ready).length;
  }

  private checkHere(ticket: BlockTicket): BlockResult {
    const memory = ticket.ahead && this.madeMemory.take(ticket.to - ticket.from);
    const result = checkBlock(
      this.check,
      ticket.buf,
      ticket.from,
      ticket.to,
      undefined,
      ticket.ahead,
      memory?.buffer,
    );
    // Rows that outgrew it were made elsewhere: it is free again.
    if (memory && result.made?.buffer !== memory.buffer) releaseKept(memory);
    return result;
  }

  /** Hands the oldest queued blocks to helpers with room. */
  private pump(): void {
    for (;;) {
      const ticket = this.queued[0];
      if (!ticket) return;
      let helper: Helper | undefined;
      for (const h of this.helpers)
        if (
          h.ready &&
          h.pending.size < PER_HELPER &&
          (!helper || h.pending.size < helper.pending.size)
        )
          helper = h;
      if (!helper) return;
      this.queued.shift();
      this.send(helper, ticket);
    }
  }

  private send(helper: Helper, ticket: BlockTicket): void {
    const id = this.nextId++;
    // A copy of just these bytes, handed over (not copied again) to the helper and back.
    const bytes = this.spareBytes(ticket.to - ticket.from);
    bytes.set(ticket.buf.subarray(ticket.from, ticket.to));
    ticket.sent = true;
    ticket.answered = new Promise<BlockResult>((resolve) => {
      ticket.resolve = resolve;
    });
    helper.pending.set(id, ticket);
    const made = ticket.ahead && this.madeMemory.take(ticket.to - ticket.from).buffer;
    const task: BlockTask = { id, redacting: this.redacting, ahead: ticket.ahead, bytes, made };
    helper.worker.postMessage(task, made ? [bytes.buffer, made] : [bytes.buffer]);
  }

  close(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    for (const helper of this.helpers) this.retire(helper);
    this.helpers = [];
    this.started = false;
    this.generation += 1;
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    if (this.size < 1) return;
    const generation = ++this.generation;
    helperScript().then(
      (found) => {
        // Closed (or closed and started again) while the helper was being found.
        if (generation !== this.generation) return;
        for (let i = 0; i < this.size; i++) this.spawn(found);
      },
      () => undefined,
    );
  }

  private spawn(found: HelperScript): void {
    let worker: Worker;
    try {
      worker = startHelper(found, LIMITS);
    } catch {
      return;
    }
    worker.unref();
    const helper: Helper = { worker, ready: false, pending: new Map() };
    worker.on('message', (message: BlockAnswer | 'ready') => {
      if (message === 'ready') {
        helper.ready = true;
        // An export cancelled before this helper got a block still lets it go.
        this.pump();
        this.maybeIdle();
        return;
      }
      const ticket = helper.pending.get(message.id);
      if (!ticket) return;
      helper.pending.delete(message.id);
      if (this.spare.length < MAX_SPARE) this.spare.push(message.bytes.buffer);
      // Held once, as the rows made here are: released when the block's lines are taken.
      if (message.made) this.madeMemory.adopt(message.made.buffer);
      this.helped += 1;
      ticket.resolve({
        lines: message.lines,
        count: message.count,
        made: message.made,
        madeVersion: ticket.ahead?.version,
      });
      this.pump();
      this.maybeIdle();
    });
    // A helper that cannot start or dies: its blocks are checked here instead.
    const fail = (): void => {
      this.helpers = this.helpers.filter((h) => h !== helper);
      this.retire(helper);
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    this.helpers.push(helper);
  }

  /** Room for `length` bytes, in a buffer a helper handed back when one is big enough. */
  private spareBytes(length: number): Uint8Array<ArrayBuffer> {
    const at = this.spare.findIndex((buffer) => buffer.byteLength >= length);
    if (at === -1) return new Uint8Array(new ArrayBuffer(Math.max(length, SPARE_BYTES)), 0, length);
    const [buffer] = this.spare.splice(at, 1);
    return new Uint8Array(buffer ?? new ArrayBuffer(length), 0, length);
  }

  private retire(helper: Helper): void {
    helper.ready = false;
    for (const ticket of helper.pending.values()) ticket.resolve(this.checkHere(ticket));
    helper.pending.clear();
    void helper.worker.terminate();
  }

  private maybeIdle(): void {
    if (this.queued.length > 0 || this.helpers.some((h) => h.pending.size > 0)) return;
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      this.close();
    }, IDLE_MS);
    this.idle.unref();
  }
}
