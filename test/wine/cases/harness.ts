/**
 * A minimal test harness for code that runs inside the Windows node.exe under Wine (vitest does
 * not run there). Each check is named, timed and recorded; at the end the results go to the file
 * named by MBN_CASE_RESULT (stdout of node.exe under Wine must be a file anyway, see run.mjs).
 */
import { writeFileSync } from 'node:fs';
import { isBackendError, type MbnBackend } from '../../../electron/backends/contract.js';
import { tryCreateNativeBackend } from '../../../electron/backends/native/index.js';
import type { BackendEvent } from '../../../shared/model.js';

export interface CheckResult {
  name: string;
  ok: boolean;
  ms: number;
  detail: string;
}

const results: CheckResult[] = [];
const extra: Record<string, unknown> = {};

export class CheckFailure extends Error {}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailure(message);
}

export function equal<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) {
    throw new CheckFailure(`${what}: expected ${String(expected)}, got ${String(actual)}`);
  }
}

export async function check(name: string, body: () => Promise<string | undefined>): Promise<void> {
  const started = performance.now();
  try {
    const detail = (await body()) ?? '';
    results.push({ name, ok: true, ms: performance.now() - started, detail });
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    results.push({ name, ok: false, ms: performance.now() - started, detail });
  }
}

/** Values the runner checks against the fake's own counters after the process has exited. */
export function report(key: string, value: unknown): void {
  extra[key] = value;
}

export function finish(): void {
  const path = process.env.MBN_CASE_RESULT;
  const body = JSON.stringify({ results, extra }, null, 1);
  if (path) writeFileSync(path, body);
  else process.stdout.write(`${body}\n`);
  process.exitCode = results.every((r) => r.ok) ? 0 : 1;
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/** The promise's value, or undefined if it takes longer than `ms` (the timer never outlives it). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      resolve(undefined);
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) return false;
    await sleep(5);
  }
  return true;
}

/** The production entry point, exactly as the app uses it (the addon path comes from MBN_DIAG_ADDON). */
export async function openNative(): Promise<MbnBackend> {
  const result = await tryCreateNativeBackend();
  if (!result.ok) throw new CheckFailure(`native backend unavailable: ${result.reason}`);
  return result.backend;
}

export interface Recorded {
  event: BackendEvent;
  at: number;
  /** Position in one sequence shared with `mark()`, to prove what came before what. */
  order: number;
}

/** Records every event a backend sends, with its arrival time and order. */
export class Recorder {
  readonly events: Recorded[] = [];
  private order = 0;
  readonly stop: () => void;

  constructor(backend: MbnBackend) {
    this.stop = backend.onEvent((event) => {
      this.events.push({ event, at: performance.now(), order: this.order++ });
    });
  }

  mark(): number {
    return this.order++;
  }

  completions(requestId: number): Recorded[] {
    return this.events.filter(
      (r) => r.event.type === 'completion' && r.event.requestId === requestId,
    );
  }

  ofType<T extends BackendEvent['type']>(type: T): Extract<BackendEvent, { type: T }>[] {
    return this.events
      .map((r) => r.event)
      .filter((e): e is Extract<BackendEvent, { type: T }> => e.type === type);
  }
}

/**
 * Opens the data session of a service whose scenario bursts reads once it is open, and keeps the
 * JS thread busy for `busyMs` (no event can be delivered meanwhile), so the reads pile up in the
 * addon; then collects what comes, settled once nothing new came for 500 ms. The read-budget
 * cases' common start.
 */
export async function readBurstWhileBusy(
  interfaceId: string,
  serviceId: string,
  busyMs: number,
): Promise<{ backend: MbnBackend; rec: Recorder }> {
  const backend = await openNative();
  const rec = new Recorder(backend);
  const opened = await backend.openDataSession(interfaceId, serviceId);
  equal(opened.hresult, 0, 'open hresult');
  assert(await waitFor(() => rec.completions(opened.requestId).length > 0, 3000), 'open done');
  await busyThenCollect(rec, busyMs);
  return { backend, rec };
}

/**
 * Keeps the JS thread busy for `busyMs` (no event can be delivered meanwhile, so what the fake
 * sends piles up in the addon), and on until `done` says so when given (at most a minute more:
 * a storm under a loaded machine's Wine can outlast the time it takes alone), then collects what
 * comes, settled once nothing new came for 500 ms.
 */
export async function busyThenCollect(
  rec: Recorder,
  busyMs: number,
  done?: () => boolean,
): Promise<void> {
  const end = performance.now() + busyMs;
  while (performance.now() < end);
  const limit = performance.now() + 60_000;
  if (done) while (!done() && performance.now() < limit);
  let last = -1;
  while (rec.events.length !== last) {
    last = rec.events.length;
    await waitFor(() => rec.events.length !== last, 500);
  }
}

export async function expectBackendError(promise: Promise<unknown>, code: string): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isBackendError(error) && error.code === code) return error.message;
    throw new CheckFailure(`expected BackendError ${code}, got ${String(error)}`);
  }
  throw new CheckFailure(`expected BackendError ${code}, but the call succeeded`);
}
