/**
 * The measurements, identical for both backends: close round trips (call → completion event in
 * JS), completion events per second, read-data events per second. Runs in host Node on the
 * simulator and in node.exe under Wine on the addon.
 */
import type { MbnBackend } from '../../electron/backends/contract.js';
import type { BackendEvent } from '../../shared/model.js';

export const DEVICE = '{BE000000-0000-4000-8000-0000000000BE}';
export const WRITER = 'be000001-0000-4000-8000-000000000001';
export const READER = 'be000002-0000-4000-8000-000000000002';

export interface Figures {
  roundTrips: number;
  p50Ms: number;
  p99Ms: number;
  completionsPerS: number;
  readsPerS: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/**
 * Resolves with the first event that matches, registered before the call that causes it. The
 * timer also keeps the process alive: the addon holds the event loop open only while a call is
 * outstanding, not while JS waits for an event (a lost completion would otherwise hang it).
 */
function next(
  backend: MbnBackend,
  match: (e: BackendEvent) => boolean,
): { promise: Promise<BackendEvent> } {
  let off: () => void = () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<BackendEvent>((resolve, reject) => {
    timer = setTimeout(() => {
      off();
      reject(new Error('no completion within 10 s'));
    }, 10_000);
    off = backend.onEvent((e) => {
      if (match(e)) {
        off();
        clearTimeout(timer);
        resolve(e);
      }
    });
  });
  return { promise };
}

export async function measure(
  backend: MbnBackend,
  roundTrips: number,
  writes: number,
): Promise<Figures> {
  const samples: number[] = [];
  for (let i = 0; i < roundTrips; i++) {
    const opened = next(backend, (e) => e.type === 'completion' && e.op === 'open');
    await backend.openDataSession(DEVICE, WRITER);
    await opened.promise;
    // Any close completion of this service: its request ID is only known once the call returns,
    // and the completion may come before that.
    const closed = next(backend, (e) => e.type === 'completion' && e.op === 'close');
    const t0 = performance.now();
    const result = await backend.closeDataSession(DEVICE, WRITER);
    const done = await closed.promise;
    samples.push(performance.now() - t0);
    if (
      result.hresult !== 0 ||
      (done.type === 'completion' && done.requestId !== result.requestId)
    ) {
      throw new Error('round trip went wrong');
    }
  }
  samples.sort((a, b) => a - b);

  // Completion events per second: writes in windows of 1,000, all completions counted.
  const reopened = next(backend, (e) => e.type === 'completion' && e.op === 'open');
  await backend.openDataSession(DEVICE, WRITER);
  await reopened.promise;
  let completions = 0;
  const offWrites = backend.onEvent((e) => {
    if (e.type === 'completion' && e.op === 'write') completions++;
  });
  const payload = new Uint8Array(16);
  const w0 = performance.now();
  for (let sent = 0; sent < writes; sent += 1000) {
    await Promise.all(
      Array.from({ length: 1000 }, () => backend.writeData(DEVICE, WRITER, payload)),
    );
  }
  while (completions < writes) await new Promise((r) => setTimeout(r, 1));
  const writeSeconds = (performance.now() - w0) / 1000;
  offWrites();

  // Read-data events per second: one 100,000-event burst once the reader's session opens.
  let reads = 0;
  let r0 = 0;
  const offReads = backend.onEvent((e) => {
    if (e.type === 'read-data') reads++;
    if (e.type === 'completion' && e.op === 'open') r0 = performance.now();
  });
  await backend.openDataSession(DEVICE, READER);
  while (reads < 100_000) await new Promise((r) => setTimeout(r, 1));
  const readSeconds = (performance.now() - r0) / 1000;
  offReads();

  return {
    roundTrips,
    p50Ms: percentile(samples, 50),
    p99Ms: percentile(samples, 99),
    completionsPerS: writes / writeSeconds,
    readsPerS: reads / readSeconds,
  };
}
