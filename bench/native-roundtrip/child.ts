/**
 * The addon's half of bench/native-roundtrip.mjs, run in node.exe under Wine against the fake MBN
 * service: prints the figures as one JSON line to the file named by MBN_CASE_RESULT.
 */
import { writeFileSync } from 'node:fs';
import { tryCreateNativeBackend } from '../../electron/backends/native/index.js';
import { measure } from './measure.js';

const created = await tryCreateNativeBackend();
if (!created.ok) throw new Error(created.reason);
const figures = await measure(
  created.backend,
  Number(process.env.BENCH_ROUND_TRIPS ?? 2000),
  Number(process.env.BENCH_WRITES ?? 100_000),
);
await created.backend.close();
writeFileSync(process.env.MBN_CASE_RESULT ?? 'bench-result.json', JSON.stringify(figures));
