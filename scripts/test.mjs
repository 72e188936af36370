// `npm test`: every suite in scripts/test/, in name order. A suite whose prerequisites are missing
// (Chromium, Wine, mingw-w64) is reported LOUDLY as not run; under CI=true that is a failure,
// because CI must run every suite. Ends with one summary line of test counts.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), 'test');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const notRun = [];
const failedSuites = [];
const failures = [];

for (const file of readdirSync(here)
  .filter((f) => /^\d+-.*\.mjs$/.test(f))
  .sort()) {
  const suite = (await import(pathToFileURL(join(here, file)).href)).default;
  if (only.length && !only.includes(suite.name)) continue;
  console.log(`\n=== ${suite.name} ===`);
  const missing = suite.missing ? await suite.missing() : null;
  if (missing) {
    notRun.push(`${suite.name}: ${missing}`);
    console.log(`!!! NOT RUN: ${suite.name} — ${missing}`);
    continue;
  }
  const started = Date.now();
  const result = await suite.run();
  totals.passed += result.passed;
  totals.failed += result.failed;
  totals.skipped += result.skipped ?? 0;
  if (!result.ok) failedSuites.push(suite.name);
  for (const line of result.failures ?? []) failures.push(`${suite.name}: ${line}`);
  console.log(
    `--- ${suite.name}: ${result.ok ? 'ok' : 'FAILED'} (${result.passed} passed, ${result.failed} failed) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

if (notRun.length) {
  const bar = '!'.repeat(78);
  console.log(`\n${bar}\n!!! ${notRun.length} suite(s) DID NOT RUN on this machine:`);
  for (const line of notRun) console.log(`!!!   ${line}`);
  console.log(
    `!!! ${ci ? 'CI=true: every suite must run, so this run FAILS.' : 'Install what is missing (see .ci/run) to run them.'}\n${bar}`,
  );
}
if (failedSuites.length) console.log(`\nFailed suites: ${failedSuites.join(', ')}`);
// Repeated here because CI shows only the end of the log, and the failure itself is far above.
for (const line of failures) console.log(`  FAILED ${line}`);
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = failedSuites.length || totals.failed || (ci && notRun.length) ? 1 : 0;
