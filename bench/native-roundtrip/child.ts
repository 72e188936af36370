/**
 * The addon's half of bench/native-roundtrip.mjs, run in node.exe under Wine against the fake MBN
 * service: prints the figures as one JSON line to the file named by MBN_CASE_RESULT.
 */
import { writeFileSync } from 'node:fs';
import { tryCreateNativeBackend } from '../../electron/backends/native/index.js';
import { closeLatency } from './close-latency.js';
import { measure } from './measure.js';

async function create() {
  const created = await tryCreateNativeBackend();
  if (!created.ok) throw new Error(created.reason);
  return created.backend;
}

const backend = await create();
const figures = await measure(
  backend,
  Number(process.env.BENCH_ROUND_TRIPS ?? 2000),
  Number(process.env.BENCH_WRITES ?? 100_000),
);
await backend.close();
const closeRuns = Number(process.env.BENCH_CLOSE_RUNS ?? 5);
const closeIdle = await closeLatency(create, false, closeRuns);
const closeHung = await closeLatency(create, true, closeRuns);
writeFileSync(
  process.env.MBN_CASE_RESULT ?? 'bench-result.json',
  JSON.stringify({ ...figures, closeIdle, closeHung }),
);
