/**
 * Builds the missing indexes of a log's files on both cores: the calling thread (which searches
 * the files in order, each as soon as its index is there) and one helper thread, which takes the
 * next file nobody has started. While the caller waits for a file the helper is still building, it
 * builds a later one itself, so neither waits while there is work.
 *
 * The helper is a speed-up, never a requirement: until it is ready, if it cannot start, or if it
 * fails, the calling thread builds everything itself. It stops when the builds are closed, and
 * never keeps the process alive.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HelperChannel } from './helper-channel.js';
import { helperScript as findHelperScript, type HelperScript } from './helper-script.js';
import type { BuildAnswer, BuildTask } from './index-build-worker.js';
import { extendIndex } from './journal-index-scan.js';
import type { FileIndex } from './journal-index.js';

/** A build holds a 1 MB chunk and a file's index at a time: a small heap is plenty. */
export const INDEX_HELPER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 96 };

export interface BuildJob {
  file: string;
  /** The index to extend (empty when there is none). */
  base: FileIndex;
}

type JobState =
  | { state: 'queued' }
  | { state: 'here' }
  | { state: 'helper'; answer: Promise<FileIndex> }
  | { state: 'done'; index: FileIndex };

/**
 * The helper's code, bundled beside the CLI and Electron main or built from source
 * (helper-script.ts). One large file's two-core build (index-split.ts) starts it too.
 */
export function indexHelperScript(): Promise<HelperScript> {
  return findHelperScript('index-build-worker', () =>
    join(dirname(fileURLToPath(import.meta.url)), 'index-build-worker.ts'),
  );
}

/** Finds (from source: builds) the helper's script now: a benchmark calls it before its clock. */
export async function prepareIndexHelper(): Promise<void> {
  await indexHelperScript();
}

export class IndexBuilds {
  private readonly states: (JobState | undefined)[];
  private readonly helper: HelperChannel<BuildTask, BuildAnswer> | undefined;
  /** Files the helper built (for the tests and the curious). */
  byHelper = 0;

  /**
   * `jobs[i]`: what file i needs built, or undefined when its index is already complete.
   * `onBuilt`: told as each file's index is done, whichever thread built it, in any order.
   */
  constructor(
    private readonly jobs: readonly (BuildJob | undefined)[],
    private readonly signal?: AbortSignal,
    private readonly onBuilt?: (i: number) => void,
  ) {
    this.states = jobs.map((job) => (job ? { state: 'queued' } : undefined));
    // One file has nothing to share: no helper for it.
    this.helper =
      jobs.filter(Boolean).length >= 2
        ? new HelperChannel('index', indexHelperScript(), INDEX_HELPER_LIMITS, () => this.feed())
        : undefined;
  }

  /**
   * File i's index: the helper's when it has taken it, else built here by `here` (which may
   * search the file as it goes). While the helper is still on it, later files are built here.
   */
  async index(i: number, here: (job: BuildJob) => Promise<FileIndex>): Promise<FileIndex> {
    const job = this.jobs[i];
    if (!job) throw new Error(`file ${String(i)} needs no index built`);
    for (;;) {
      this.signal?.throwIfAborted();
      const state = this.states[i];
      if (!state || state.state === 'queued') return this.buildHere(i, () => here(job));
      if (state.state === 'done') return state.index;
      if (state.state === 'here') throw new Error(`file ${String(i)} is already being indexed`);
      const later = this.states.findIndex((s, k) => k > i && s?.state === 'queued');
      const laterJob = this.jobs[later];
      if (later === -1 || !laterJob) {
        try {
          return await state.answer;
        } catch {
          // The helper failed: this thread builds it.
          this.states[i] = { state: 'queued' };
        }
      } else {
        await this.buildHere(later, () =>
          extendIndex(laterJob.file, laterJob.base, { signal: this.signal }),
        );
      }
    }
  }

  /** Builds file i on this thread, marked as taken meanwhile so the helper never builds it too. */
  private async buildHere(i: number, build: () => Promise<FileIndex>): Promise<FileIndex> {
    this.states[i] = { state: 'here' };
    try {
      const index = await build();
      this.states[i] = { state: 'done', index };
      this.onBuilt?.(i);
      return index;
    } catch (error) {
      this.states[i] = { state: 'queued' };
      throw error;
    }
  }

  /** Whether the helper started (false when it could not, or was not needed). */
  whenReady(): Promise<boolean> {
    return this.helper?.whenReady() ?? Promise.resolve(false);
  }

  /** Stops the helper. */
  close(): void {
    this.helper?.close();
  }

  /** Hands the helper the first file nobody has started, when it is idle. */
  private feed(): void {
    const helper = this.helper;
    if (!helper?.open || helper.pending > 0) return;
    const i = this.states.findIndex((s) => s?.state === 'queued');
    const job = this.jobs[i];
    if (i === -1 || !job) return;
    const answer = helper
      .request((id) => ({ id, file: job.file, base: job.base }) satisfies BuildTask)
      .then((built) => {
        if ('error' in built) throw new Error(built.error);
        this.byHelper += 1;
        this.onBuilt?.(i);
        return built.index;
      });
    // Handled where it is awaited; never an unhandled rejection when nobody is.
    answer.catch(() => undefined);
    this.states[i] = { state: 'helper', answer };
  }
}
