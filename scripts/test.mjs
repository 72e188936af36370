// `npm test`: every suite in scripts/test/, in name order. A suite whose prerequisites are missing
// (Chromium, Wine, mingw-w64) is reported LOUDLY as not run; under CI=true that is a failure,
// because CI must run every suite. Ends with one summary line of test counts.
//
// Suites that mostly wait on other programs name a `lane`: next to each other in the order, each
// lane's suites run one after another in a child process of their own while the other lanes run
// theirs, each child's output held and printed in one piece when it ends. The browser's suite
// and the MBIM suite (mbimcli through ptys) each use about two thirds of one core. The checks
// and unit tests keep the machine to themselves: they use both cores (run beside the unit tests,
// the checks made them slower, not the run shorter); so does Wine: beside the browser, a node.exe
// done with its checks spun at exit until killed, and a counters' file was read still empty.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { killBelow } from './test/watchdog.mjs';

const here = join(dirname(fileURLToPath(import.meta.url)), 'test');
const ci = process.env.CI === 'true' || process.env.CI === '1';
// A lane's child: `--lane <result file> <suite>…` runs those suites here and writes its counts.
const laneAt = process.argv.indexOf('--lane');
const laneResult = laneAt === -1 ? null : process.argv[laneAt + 1];
const only = laneAt === -1 ? process.argv.slice(2) : process.argv.slice(laneAt + 2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const notRun = [];
const failedSuites = [];
const failures = [];
/** The suites running now, and each lane's output held so far (printed if the run is stopped). */
const running = new Set();
const heldOutput = new Map();

// The whole run's limit. CI stops a run at 90 minutes and keeps only the end of its log, which
// then says nothing of what hung; a run that reaches this limit says which suites were still
// running, prints what their lanes held, and stops itself. A run takes 10 to 20 minutes.
const RUN_LIMIT_MIN = Number(process.env.MBN_DIAG_TEST_RUN_LIMIT_MIN ?? 60);
if (laneResult === null)
  setTimeout(() => {
    for (const [lane, output] of heldOutput) {
      console.log(`\n=== what the lane ${lane} printed so far ===`);
      process.stdout.write(Buffer.concat(output));
    }
    console.log(
      `\n!!! The run has gone on for ${RUN_LIMIT_MIN} minutes; still running: ${[...running].join(', ')}. Stopped.`,
    );
    killBelow(process.pid);
    process.exit(1);
  }, RUN_LIMIT_MIN * 60_000).unref();

const suites = [];
for (const file of readdirSync(here)
  .filter((f) => /^\d+-.*\.mjs$/.test(f))
  .sort()) {
  const suite = (await import(pathToFileURL(join(here, file)).href)).default;
  if (!only.length || only.includes(suite.name)) suites.push(suite);
}

/** Runs one suite in this process, its output as it comes. */
async function runHere(suite) {
  console.log(`\n=== ${suite.name} ===`);
  const missing = suite.missing ? await suite.missing() : null;
  if (missing) {
    notRun.push(`${suite.name}: ${missing}`);
    console.log(`!!! NOT RUN: ${suite.name} — ${missing}`);
    return;
  }
  const started = Date.now();
  running.add(suite.name);
  // A suite that throws fails, and the next runs: Wine's once ended its whole lane this way.
  const result = await suite.run().catch((error) => {
    console.log(error instanceof Error ? error.stack : String(error));
    return { ok: false, passed: 0, failed: 1, failures: [`stopped: ${String(error)}`] };
  });
  running.delete(suite.name);
  totals.passed += result.passed;
  totals.failed += result.failed;
  totals.skipped += result.skipped ?? 0;
  if (!result.ok) failedSuites.push(suite.name);
  for (const line of result.failures ?? []) failures.push(`${suite.name}: ${line}`);
  console.log(
    `--- ${suite.name}: ${result.ok ? 'ok' : 'FAILED'} (${result.passed} passed, ${result.failed} failed) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** Seconds a lane's output may stay open after its process exits. */
const LATE_S = 10;

/** Runs one lane's suites in a child process; prints its output when it ends, and counts it. */
function runLane(names) {
  const file = join(tmpdir(), `mbn-diag-lane-${process.pid}-${names[0]}.json`);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [fileURLToPath(import.meta.url), '--lane', file, ...names],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const output = [];
    const lane = names.join(', ');
    running.add(lane);
    heldOutput.set(lane, output);
    // Each suite's end line is said as it comes, so a run at a terminal is not silent for minutes.
    let partial = '';
    child.stdout.on('data', (chunk) => {
      output.push(chunk);
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines)
        if (line.startsWith('--- ')) console.log(`${line}; its output follows when its lane ends`);
    });
    child.stderr.on('data', (chunk) => output.push(chunk));
    // Its end is when it exits, not when its output closes: a process a test left behind that
    // holds the lane's output open would otherwise hold the whole run. What is still in the pipe
    // is read for a few seconds more.
    const streamsEnded = Promise.all(
      [child.stdout, child.stderr].map((stream) => new Promise((end) => stream.on('close', end))),
    );
    child.on('exit', async (code) => {
      const late = setTimeout(() => {
        output.push(
          Buffer.from(`(the lane's output was still open ${LATE_S} s after it exited)\n`),
        );
        child.stdout.destroy();
        child.stderr.destroy();
      }, LATE_S * 1000);
      await streamsEnded;
      clearTimeout(late);
      running.delete(lane);
      heldOutput.delete(lane);
      process.stdout.write(Buffer.concat(output));
      try {
        const counted = JSON.parse(readFileSync(file, 'utf8'));
        for (const key of Object.keys(totals)) totals[key] += counted.totals[key];
        notRun.push(...counted.notRun);
        failedSuites.push(...counted.failedSuites);
        failures.push(...counted.failures);
      } catch {
        // A child that ended before it could count (killed, crashed) fails its lane.
        failedSuites.push(...names);
        failures.push(`${names.join(', ')}: the lane ended with code ${code} before counting`);
      }
      rmSync(file, { force: true });
      resolve();
    });
  });
}

/** Runs the suites in order; a stretch of suites that name a lane runs its lanes at once. */
for (let i = 0; i < suites.length;) {
  let end = i;
  while (suites[end]?.lane) end++;
  if (end === i) {
    await runHere(suites[i++]);
    continue;
  }
  const lanes = new Map();
  for (const suite of suites.slice(i, end))
    lanes.set(suite.lane, [...(lanes.get(suite.lane) ?? []), suite]);
  if (laneResult !== null || lanes.size === 1)
    for (const suite of suites.slice(i, end)) await runHere(suite);
  else {
    const all = [...lanes.values()].map((group) => group.map((s) => s.name).join(', '));
    console.log(`\n=== at once: ${all.join(' | ')} (each lane's output follows when it ends) ===`);
    await Promise.all([...lanes.values()].map((group) => runLane(group.map((s) => s.name))));
  }
  i = end;
}

if (laneResult !== null) {
  writeFileSync(laneResult, JSON.stringify({ totals, notRun, failedSuites, failures }));
  process.exit(0);
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
// Exits now, whatever a suite left running: standard output is a pipe or a file here, and both
// are written synchronously on Linux, so nothing said above is lost.
process.exit(failedSuites.length || totals.failed || (ci && notRun.length) ? 1 : 0);
