// `npm test`: every suite in scripts/test/, in name order. A suite whose prerequisites are missing
// (Chromium, Wine, mingw-w64) is reported LOUDLY as not run; under CI=true that is a failure,
// because CI must run every suite. Ends with one summary line of test counts.
//
// Suites that only read the sources (`alongside`: format, lint, type-check, Electronegativity)
// run one after another in a child process beside the build and the unit tests, whose one test
// worker leaves the second core mostly idle: two minutes of a CI run. Their output is held and
// printed in one piece before the first suite that must run `alone` (a browser, Wine, ptys: they
// time what they see, and a busy machine made them fail). Named suites (`npm test -- lint`) run
// one after another in this process.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), 'test');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const notRun = [];
const failedSuites = [];

const suites = [];
for (const file of readdirSync(here)
  .filter((f) => /^\d+-.*\.mjs$/.test(f))
  .sort())
  suites.push((await import(pathToFileURL(join(here, file)).href)).default);

let beside = null;
if (only.length === 0) {
  const names = suites.filter((suite) => suite.alongside).map((suite) => suite.name);
  if (names.length > 0) beside = runBeside(names);
}

for (const suite of suites) {
  if (only.length ? !only.includes(suite.name) : suite.alongside) continue;
  if (suite.alone && beside) await joinBeside();
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
  console.log(
    `--- ${suite.name}: ${result.ok ? 'ok' : 'FAILED'} (${result.passed} passed, ${result.failed} failed) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
if (beside) await joinBeside();

if (notRun.length) {
  const bar = '!'.repeat(78);
  console.log(`\n${bar}\n!!! ${notRun.length} suite(s) DID NOT RUN on this machine:`);
  for (const line of notRun) console.log(`!!!   ${line}`);
  console.log(
    `!!! ${ci ? 'CI=true: every suite must run, so this run FAILS.' : 'Install what is missing (see .ci/run) to run them.'}\n${bar}`,
  );
}
if (failedSuites.length) console.log(`\nFailed suites: ${failedSuites.join(', ')}`);
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = failedSuites.length || totals.failed || (ci && notRun.length) ? 1 : 0;

/** Runs the named suites in a child (this script, named), holding its output until it ends. */
function runBeside(names) {
  const started = Date.now();
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), ...names], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  child.stdout.on('data', (chunk) => output.push(chunk));
  child.stderr.on('data', (chunk) => output.push(chunk));
  const ended = new Promise((resolve) => {
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      output.push(Buffer.from(`cannot start the suites beside: ${error.message}\n`));
      resolve(127);
    });
  });
  return { names, started, output, ended };
}

/** Waits for the suites beside, prints what they printed, and counts them in. */
async function joinBeside() {
  const { names, started, output, ended } = beside;
  beside = null;
  const code = await ended;
  const text = Buffer.concat(output).toString();
  console.log(
    `\n=== ${names.join(', ')}: run beside the suites before, in ${((Date.now() - started) / 1000).toFixed(1)} s ===`,
  );
  process.stdout.write(text);
  const counts = /^tests: (\d+) passed, (\d+) failed, (\d+) skipped$/m.exec(text);
  const failed = /^Failed suites: (.+)$/m.exec(text)?.[1]?.split(', ') ?? [];
  const missing = [...text.matchAll(/^!!! NOT RUN: (.+)$/gm)].map((m) => m[1]);
  if (counts) {
    totals.passed += Number(counts[1]);
    totals.failed += Number(counts[2]);
    totals.skipped += Number(counts[3]);
  }
  failedSuites.push(...failed);
  notRun.push(...missing.map((line) => line.replace(' — ', ': ')));
  // Ended badly without saying which suite (killed, or it could not start): all of them.
  if (code !== 0 && failed.length === 0 && missing.length === 0) failedSuites.push(...names);
  if (!counts && code === 0) failedSuites.push(...names);
}
