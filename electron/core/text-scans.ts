/**
 * A search of a large log on both cores. A search reads every bucket its index cannot rule out
 * (free text, every one), and finds the lines that may match in each. So a helper thread reads and
 * scans some of the buckets ahead of the search's own thread (text-scan-worker.ts,
 * text-scan-reader.ts) and hands back only their candidate lines; the search takes every bucket's
 * hits in order, parsing and testing each candidate itself (bucket-search.ts), so the hits, their
 * rows and their order are what one thread finds. At ten million events (3.3 GB) this took free
 * text from about 1.7 s to 1.2 s; below SHARE_SCAN_FROM_BYTES the helper's start costs about what
 * it saves.
 *
 * The search's thread searches a bucket itself when it comes to it and the helper has not taken
 * it. While the helper is still on the one it comes to, it reads a later one ahead rather than
 * wait (kept until its turn), never more than a few buckets ahead, so what waits is small.
 *
 * The helper is a speed-up, never a requirement: until it is ready, if it cannot start, or if it
 * fails, the search's thread searches everything itself. It stops when the scans are closed, and
 * never keeps the process alive.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Candidates } from './candidate-lines.js';
import { HelperChannel } from './helper-channel.js';
import { helperScript, type HelperScript } from './helper-script.js';
import { ScanReaders } from './scan-readers.js';
import type { BucketAt, TextScan } from './text-scan-reader.js';
import type { ScanAnswer, ScanTask } from './text-scan-worker.js';

/** Below this, starting a thread costs about what sharing the work saves. */
const SHARE_SCAN_FROM_BYTES = 32 * 1024 * 1024;
/** How far ahead of the search's turn a bucket is read (each about 1 MB of candidates at most). */
const AHEAD = 8;
/** Buckets the helper holds at once: one to search, one to start on as soon as it is done. */
const IN_FLIGHT = 2;
/** A bucket's read and lower-cased copy at a time: a small heap is plenty. */
const LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 64 };

type BucketState =
  | { state: 'queued' }
  | { state: 'helper'; answer: Promise<Candidates> }
  | { state: 'done'; found: Candidates }
  | { state: 'taken' };

/** The helper's code, bundled beside the CLI and Electron main or built from source. */
function textScanScript(): Promise<HelperScript> {
  return helperScript('text-scan-worker', () =>
    join(dirname(fileURLToPath(import.meta.url)), 'text-scan-worker.ts'),
  );
}

/** Finds (from source: builds) the helper's script now: a benchmark calls it before its clock. */
export async function prepareTextScanHelper(): Promise<void> {
  await textScanScript();
}

/**
 * A bucket to scan, and its own needles when the search looks for others in it than in the rest:
 * a service's ID in its file (Compiled.serviceNeedle, search-query.ts), or the words of the
 * values its counts hold, one or several (bucketQueries); else the scan's needle.
 */
export interface SharedBucket extends BucketAt {
  needles?: readonly Buffer[];
}

/** What the scans look for: a needle for the buckets that bring none of their own. */
export type SharedScan = Omit<TextScan, 'needle'> & { needle?: Buffer };

export class TextScans {
  private readonly states: BucketState[];
  /** This thread's readers of buckets ahead of their turn: made when first needed (4 MiB each). */
  private readers: ScanReaders | undefined;
  private readonly helper: HelperChannel<ScanTask, ScanAnswer> | undefined;
  /** The bucket the search comes to next. */
  private turn = 0;
  /** Buckets the helper searched (for the tests and the curious). */
  byHelper = 0;
  /** Where each bucket is, as sent (its needles apart). */
  private readonly buckets: readonly BucketAt[];
  /** Each bucket's needles. */
  private readonly needles: readonly (readonly Buffer[])[];
  /**
   * Each bucket's needles as sent to the helper (by their bytes): each in memory of its own, as a
   * view of a shared pool would send the whole pool; made once for the buckets that share them.
   */
  private readonly sent: readonly Uint8Array[][];

  /**
   * `buckets`: those the search will come to in this order, each clean and read whole. No helper
   * for fewer than `minBytes` in all.
   */
  constructor(
    buckets: readonly SharedBucket[],
    private readonly scan: SharedScan,
    private readonly signal?: AbortSignal,
    minBytes = SHARE_SCAN_FROM_BYTES,
  ) {
    this.states = buckets.map(() => ({ state: 'queued' }));
    this.buckets = buckets.map(({ file, offset, bytes, runStart }) => ({
      file,
      offset,
      bytes,
      runStart,
    }));
    this.needles = buckets.map((b) => {
      const needles = b.needles ?? (scan.needle ? [scan.needle] : []);
      if (needles.length === 0) throw new Error('a bucket to scan without a needle');
      return needles;
    });
    const sent = new Map<string, Uint8Array[]>();
    this.sent = this.needles.map((needles) => {
      const key = needles.map((n) => n.toString('hex')).join(' ');
      let copies = sent.get(key);
      if (!copies) sent.set(key, (copies = needles.map((n) => Uint8Array.from(n))));
      return copies;
    });
    const total = buckets.reduce((sum, b) => sum + b.bytes, 0);
    this.helper =
      buckets.length >= 2 && total >= minBytes
        ? new HelperChannel('text-scan', textScanScript(), LIMITS, () => this.feed())
        : undefined;
  }

  /** Whether the helper started (false when it could not, or was not needed). */
  whenReady(): Promise<boolean> {
    return this.helper?.whenReady() ?? Promise.resolve(false);
  }

  /**
   * Bucket k's candidate lines, when the helper or a read ahead found them; undefined when the
   * search is to search it itself, now. Asked of each bucket once, in order.
   */
  async take(k: number): Promise<Candidates | undefined> {
    this.turn = k;
    for (;;) {
      this.signal?.throwIfAborted();
      const state = this.states[k];
      if (!state || state.state === 'taken') throw new Error(`bucket ${String(k)} was taken`);
      if (state.state === 'queued') {
        this.states[k] = { state: 'taken' };
        this.turn = k + 1;
        this.feed();
        return undefined;
      }
      if (state.state === 'done') {
        this.states[k] = { state: 'taken' };
        this.turn = k + 1;
        this.feed();
        return state.found;
      }
      const ahead = this.nextQueued(k + 1);
      const at = this.buckets[ahead];
      if (ahead === -1 || !at) {
        try {
          await state.answer;
        } catch {
          // The helper failed: this thread searches it.
          this.states[k] = { state: 'queued' };
        }
      } else {
        this.readers ??= new ScanReaders(this.scan.telling, this.scan.byValue);
        const found = this.readers.candidates(at, this.needles[ahead] ?? []);
        this.states[ahead] = { state: 'done', found };
        // The helper's answers come in through the event loop.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  /** Stops the helper. */
  close(): void {
    this.helper?.close();
  }

  private nextQueued(from: number): number {
    const end = Math.min(this.states.length, this.turn + AHEAD);
    for (let i = from; i < end; i++) if (this.states[i]?.state === 'queued') return i;
    return -1;
  }

  /** Hands the helper the next buckets nobody has started, up to IN_FLIGHT at once. */
  private feed(): void {
    const helper = this.helper;
    while (helper?.open && helper.pending < IN_FLIGHT) {
      const k = this.nextQueued(this.turn);
      const at = this.buckets[k];
      if (k === -1 || !at) return;
      const task = {
        at,
        needles: this.sent[k] ?? [],
        telling: this.scan.telling,
        byValue: this.scan.byValue,
      };
      const answer = helper
        .request((id) => ({ id, ...task }) satisfies ScanTask)
        .then((scanned) => {
          if ('error' in scanned) throw new Error(scanned.error);
          this.byHelper += 1;
          this.states[k] = { state: 'done', found: scanned.found };
          return scanned.found;
        });
      // Handled where it is awaited; never an unhandled rejection when nobody is.
      answer.catch(() => undefined);
      this.states[k] = { state: 'helper', answer };
    }
  }
}
