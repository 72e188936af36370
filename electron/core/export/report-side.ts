/**
 * Where a bundle's report and trace are made: on a helper thread when one can start, so the two
 * cores share a bundle's formatting (this thread reads, checks, redacts and writes the JSON Lines
 * and CSV while the helper makes the report and the trace from the JSON Lines entry); else here,
 * by the same code, with the same result. A helper that cannot start costs speed, never a byte.
 */
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { ReadProblem } from '../journal-reader.js';
import { helperScript, startHelper } from '../helper-script.js';
import {
  ReportFormats,
  type ManifestFacts,
  type ReportContext,
  type ReportOutput,
} from './report-formats.js';
import type { ReportAnswer, ReportTask } from './report-worker.js';

export interface ReportSide {
  /** Whether a helper thread makes them (else this thread does). */
  readonly onHelper: boolean;
  /** The next bytes of the bundle's JSON Lines entry, in order (copied: the caller reuses them). */
  lines(buffers: readonly Buffer[]): Promise<void>;
  /** The report's and the trace's text made so far, in order (the report's in two: ReportOutput). */
  take(): ReportOutput;
  /**
   * After the last line: the rest of the text, and what the manifest needs. `leftOut`: problems
   * beyond those listed, counted only.
   */
  finish(
    problems: readonly ReadProblem[],
    leftOut: number,
  ): Promise<{ out: ReportOutput; facts: ManifestFacts }>;
  close(): Promise<void>;
}

/** Pieces of the entry sent and not yet answered: enough to keep the helper busy, few MB. */
const AHEAD = 2;
/** The helper's young generation kept small, as the export's memory is. */
const LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 };

class ReportHere implements ReportSide {
  readonly onHelper = false;

  constructor(private readonly formats: ReportFormats) {}

  lines(buffers: readonly Buffer[]): Promise<void> {
    for (const buffer of buffers) this.formats.lines(buffer);
    return Promise.resolve();
  }

  take(): ReportOutput {
    return this.formats.drain();
  }

  finish(
    problems: readonly ReadProblem[],
    leftOut: number,
  ): Promise<{ out: ReportOutput; facts: ManifestFacts }> {
    const out = this.formats.finish(problems, leftOut);
    return Promise.resolve({ out, facts: this.formats.facts() });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

const asBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

class ReportOnHelper implements ReportSide {
  readonly onHelper = true;
  private html: Buffer[] = [];
  private later: Buffer[] = [];
  private trace: Buffer[] = [];
  private waiting = 0;
  private failed: Error | undefined;
  private wake: (() => void) | undefined;
  private done: ((answer: Extract<ReportAnswer, { type: 'done' }>) => void) | undefined;

  constructor(private readonly worker: Worker) {
    worker.on('message', (answer: ReportAnswer) => {
      if (answer.type === 'ready') return;
      this.html.push(...answer.html.map(asBuffer));
      this.later.push(...answer.later.map(asBuffer));
      this.trace.push(...answer.trace.map(asBuffer));
      if (answer.type === 'text') {
        this.waiting -= 1;
        this.wakeUp();
      } else this.done?.(answer);
    });
    const stop = (error: Error): void => {
      this.failed ??= new Error(`The helper thread making the report stopped: ${error.message}`);
      this.wakeUp();
    };
    worker.on('error', stop);
    worker.on('exit', (code) => {
      stop(new Error(`it exited with code ${code}`));
    });
  }

  async lines(buffers: readonly Buffer[]): Promise<void> {
    if (buffers.length === 0) return;
    // One piece, in memory of its own (never a slice of Node's shared pool), handed over.
    const bytes = new Uint8Array(Buffer.concat(buffers));
    this.send({ type: 'lines', bytes }, [bytes.buffer]);
    this.waiting += 1;
    while (this.waiting > AHEAD) await this.answer();
  }

  take(): ReportOutput {
    this.throwIfFailed();
    const out = { html: this.html, later: this.later, trace: this.trace };
    this.html = [];
    this.later = [];
    this.trace = [];
    return out;
  }

  async finish(
    problems: readonly ReadProblem[],
    leftOut: number,
  ): Promise<{ out: ReportOutput; facts: ManifestFacts }> {
    const done = new Promise<Extract<ReportAnswer, { type: 'done' }>>((resolve) => {
      this.done = resolve;
    });
    this.send({ type: 'finish', problems: [...problems], leftOut });
    for (;;) {
      const answer = await Promise.race([done, this.answer().then(() => undefined)]);
      if (answer) return { out: this.take(), facts: answer.facts };
    }
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private send(task: ReportTask, transfer: ArrayBuffer[] = []): void {
    this.throwIfFailed();
    this.worker.postMessage(task, transfer);
  }

  /** Until the next answer (or the helper's end). */
  private answer(): Promise<void> {
    this.throwIfFailed();
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private throwIfFailed(): void {
    if (this.failed) throw this.failed;
  }
}

const script = () =>
  helperScript('report-worker', () =>
    fileURLToPath(new URL('./report-worker.ts', import.meta.url)),
  );

/** Finds (from source: builds) the helper's script now (see prepareExportHelpers). */
export async function prepareReportHelper(): Promise<void> {
  await script();
}

/** Resolves once the helper said it is ready, or undefined if it cannot start. */
async function startedHelper(): Promise<Worker | undefined> {
  try {
    const worker = startHelper(await script(), LIMITS);
    const ready = await new Promise<boolean>((resolve) => {
      worker.once('message', () => {
        resolve(true);
      });
      worker.once('error', () => {
        resolve(false);
      });
      worker.once('exit', () => {
        resolve(false);
      });
    });
    if (ready) return worker;
    await worker.terminate();
    return undefined;
  } catch {
    return undefined;
  }
}

/** The report side for one bundle: on a helper thread when `helper` allows and one starts. */
export async function openReportSide(context: ReportContext, helper = true): Promise<ReportSide> {
  const worker = helper ? await startedHelper() : undefined;
  if (!worker) return new ReportHere(new ReportFormats(context));
  worker.postMessage({ type: 'start', context } satisfies ReportTask);
  return new ReportOnHelper(worker);
}
