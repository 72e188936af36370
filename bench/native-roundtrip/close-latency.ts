/**
 * How long close() keeps JS waiting (issue 12): until it returns control, and until its promise
 * says the MBN objects are released, with a call hung in the fake (its close blocks, a fake-only
 * "hang" line) next to an idle backend in the same run.
 */
import { NativeBackend } from '../../electron/backends/native/native-backend.js';
import type { MbnBackend } from '../../electron/backends/contract.js';
import { DEVICE } from './measure.js';

export const HANGER = 'be000003-0000-4000-8000-000000000003';

export interface CloseFigures {
  returnedP50Ms: number;
  returnedMaxMs: number;
  releasedP50Ms: number;
  releasedMaxMs: number;
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

function summary(values: number[]): { p50: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted.at(-1) ?? 0 };
}

export async function closeLatency(
  create: () => Promise<MbnBackend>,
  hung: boolean,
  runs: number,
): Promise<CloseFigures> {
  const returned: number[] = [];
  const released: number[] = [];
  for (let i = 0; i < runs; i++) {
    const backend = await create();
    if (!(backend instanceof NativeBackend)) throw new Error('not the native backend');
    if (hung) {
      void backend.closeDataSession(DEVICE, HANGER).catch(() => undefined);
      await sleep(100); // the COM thread is inside the hung call now
    }
    const t0 = performance.now();
    const closing = backend.closeOutcome();
    returned.push(performance.now() - t0);
    await closing;
    released.push(performance.now() - t0);
  }
  const r = summary(returned);
  const s = summary(released);
  return { returnedP50Ms: r.p50, returnedMaxMs: r.max, releasedP50Ms: s.p50, releasedMaxMs: s.max };
}
