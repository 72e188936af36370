// Round trip of a close request through the native addon under Wine (call → completion event in
// JS), p50 and p99, next to the same round trip through the simulator in this run; and the
// completion and read-data events per second each delivers to JS. Without mingw-w64 or Wine it
// says so and exits 0.
//
// Run: node --import tsx bench/native-roundtrip.mjs   (npm run bench runs it)
import { join } from 'node:path';
import { systemClock } from '../electron/core/clock.ts';
import { loadScenarioFile } from '../electron/backends/simulator/scenario-loader.ts';
import { SimulatorBackend } from '../electron/backends/simulator/simulator-backend.ts';
import { measure } from './native-roundtrip/measure.ts';
import { bundle } from '../test/wine/lib/bundle.mjs';
import { ROOT, RUNS, winPath } from '../test/wine/lib/paths.mjs';
import { missingTools } from '../test/wine/lib/tools.mjs';
import { prepare } from '../test/wine/suite.mjs';
import { runNodeExe } from '../test/wine/lib/wine.mjs';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const ROUND_TRIPS = 2000;
const WRITES = 100_000;
const CLOSE_RUNS = 5;
const SCENARIO = join(ROOT, 'bench', 'native-roundtrip', 'scenario.json');

console.log('# Native addon round trip (issue 4)');
const missing = missingTools();
if (missing) {
  console.log(`!!! NOT RUN: the addon can only be measured under Wine here. ${missing}`);
  process.exit(0);
}

// The simulator, in this process, on real timers (a zero delay is one timer turn).
const sim = new SimulatorBackend(loadScenarioFile(SCENARIO), { clock: systemClock });
const simFigures = await measure(sim, ROUND_TRIPS, WRITES);
await sim.close();

// The addon, in node.exe under Wine, against the fake MBN service.
const env = await prepare(() => undefined);
const script = await bundle(join(ROOT, 'bench', 'native-roundtrip', 'child.ts'));
const base = join(RUNS, 'bench-native-roundtrip');
// The third service's close hangs for 3 s (a fake-only line), to time close() against it.
writeFileSync(
  `${base}.cfg`,
  `${env.hostTools.fakeConfigFor(SCENARIO)}hang\tbe000003-0000-4000-8000-000000000003\tclose\t3000\n`,
);
rmSync(`${base}.result.json`, { force: true });
const run = await runNodeExe(script, {
  outBase: base,
  timeoutMs: 300_000,
  env: {
    MBN_DIAG_ADDON: winPath(env.addon),
    MBN_FAKE_CONFIG: winPath(`${base}.cfg`),
    MBN_CASE_RESULT: winPath(`${base}.result.json`),
    BENCH_ROUND_TRIPS: String(ROUND_TRIPS),
    BENCH_WRITES: String(WRITES),
    BENCH_CLOSE_RUNS: String(CLOSE_RUNS),
  },
});
if (run.code !== 0) {
  console.log(`the addon run failed (exit ${run.code}):\n${run.stderr}`);
  process.exit(1);
}
const addon = JSON.parse(readFileSync(`${base}.result.json`, 'utf8'));

const ms = (v) => `${v.toFixed(3)} ms`.padStart(10);
const rate = (v) => `${Math.round(v).toLocaleString('en')}/s`.padStart(12);
console.log(`close round trip, call → completion event in JS (${ROUND_TRIPS} each):`);
console.log(
  `  p50  addon under Wine ${ms(addon.p50Ms)}   baseline: simulator ${ms(simFigures.p50Ms)}`,
);
console.log(
  `  p99  addon under Wine ${ms(addon.p99Ms)}   baseline: simulator ${ms(simFigures.p99Ms)}`,
);
console.log(`completion events delivered to JS (${WRITES.toLocaleString('en')} writes):`);
console.log(
  `       addon under Wine ${rate(addon.completionsPerS)}   baseline: simulator ${rate(simFigures.completionsPerS)}`,
);
console.log('read-data events delivered to JS (one 100,000-event burst):');
console.log(
  `       addon under Wine ${rate(addon.readsPerS)}   baseline: simulator ${rate(simFigures.readsPerS)}`,
);
console.log(
  `close(), until it returns control to JS / until the MBN objects are released (${CLOSE_RUNS} each):`,
);
for (const [label, f] of [
  ['with a call hung in the fake', addon.closeHung],
  ['baseline: idle backend      ', addon.closeIdle],
]) {
  console.log(
    `  ${label}  returns p50 ${ms(f.returnedP50Ms)} max ${ms(f.returnedMaxMs)}   released p50 ${ms(f.releasedP50Ms)} max ${ms(f.releasedMaxMs)}`,
  );
}
console.log(
  '(the simulator runs in Linux Node where a zero delay is one timer turn; the addon crosses ' +
    "its COM thread, the fake's completion thread, the sink and a ThreadSafeFunction, in " +
    'node.exe under Wine)',
);
