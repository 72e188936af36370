/**
 * A helper thread that answers requests, each by its id (index-builds.ts: a file's index;
 * text-scans.ts: a bucket's candidate lines). Started once its script is found, and unreferenced:
 * it never keeps the process alive. Whatever it has not answered when it fails, stops or is
 * closed is rejected, and its owner does that work itself.
 */
import type { ResourceLimits, Transferable, Worker } from 'node:worker_threads';
import { startHelper, type HelperScript } from './helper-script.js';

export class HelperChannel<Task extends { id: number }, Answer extends { id: number }> {
  private worker: Worker | undefined;
  private ready = false;
  private failed = false;
  private closed = false;
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (answer: Answer) => void; reject: (error: Error) => void }
  >();
  private onReady: (ready: boolean) => void = () => undefined;
  private readonly started = new Promise<boolean>((resolve) => (this.onReady = resolve));

  /**
   * Starts the helper `name` from `script`. `onTurn` is called when it is ready and after each
   * answer: its owner hands it more then.
   */
  constructor(
    name: string,
    script: Promise<HelperScript>,
    resourceLimits: ResourceLimits,
    private readonly onTurn: () => void,
  ) {
    script.then(
      (found) => {
        if (this.closed) return;
        let worker: Worker;
        try {
          worker = startHelper(found, resourceLimits);
        } catch (error) {
          this.fail(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        worker.unref();
        this.worker = worker;
        worker.on('message', (message: Answer | 'ready') => {
          if (message === 'ready') {
            this.ready = true;
            this.onReady(true);
          } else this.answered(message);
          this.onTurn();
        });
        worker.on('error', (error) => this.fail(error));
        worker.on('exit', () => this.fail(new Error(`${name} helper stopped`)));
      },
      () => this.fail(new Error(`${name} helper could not be built`)),
    );
  }

  /** Whether the helper started (false when it could not). */
  whenReady(): Promise<boolean> {
    return this.started;
  }

  /** Whether it takes requests now: started, ready, neither failed nor closed. */
  get open(): boolean {
    return this.worker !== undefined && this.ready && !this.failed && !this.closed;
  }

  /** Requests sent and not answered yet. */
  get pending(): number {
    return this.waiting.size;
  }

  /**
   * Sends the task `task(id)` (when `open`), with `transfer` moved rather than copied: its
   * answer, or a rejection when the helper fails, stops or is closed first. Never an unhandled
   * rejection when nobody awaits it.
   */
  request(task: (id: number) => Task, transfer: readonly Transferable[] = []): Promise<Answer> {
    const worker = this.worker;
    if (!worker || !this.open) return Promise.reject(new Error('the helper is not open'));
    const id = this.nextId++;
    const answer = new Promise<Answer>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
    });
    answer.catch(() => undefined);
    worker.postMessage(task(id), [...transfer]);
    return answer;
  }

  /** Stops the helper. */
  close(): void {
    this.closed = true;
    void this.worker?.terminate();
    this.worker = undefined;
    this.fail(new Error('closed'));
  }

  private answered(answer: Answer): void {
    const waiter = this.waiting.get(answer.id);
    this.waiting.delete(answer.id);
    waiter?.resolve(answer);
  }

  private fail(error: Error): void {
    this.failed = true;
    this.onReady(false);
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
