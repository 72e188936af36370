// A watchdog for a vitest run: when its progress file (vitest-progress.mjs) has not moved for
// STALL_MS, it names the test files and tests still running, shows their processes (a worker
// spinning is in state R; one blocked on a read or a child is in S, its kernel wait beside it),
// and kills the run, so that a test that blocks its worker fails the suite in minutes and says
// which it was, where CI would otherwise wait out its 90 minutes and show nothing useful. When
// every file has ended and vitest still does not exit, it is killed after EXIT_MS.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';

// Longer than any one test may take (the longest timeout in the suites is 5 minutes), with room.
const STALL_MS = Number(process.env.MBN_DIAG_TEST_STALL_MS ?? 8 * 60_000);
// Vitest's own close waits up to 10 s for its workers (teardownTimeout), and the reports are
// written before it.
const EXIT_MS = Math.min(STALL_MS, 60_000);
const CHECK_MS = Math.min(10_000, EXIT_MS / 4);

/**
 * Watches `child` (a vitest run writing to `progressFile`). `onStall` is called once, after the
 * run's processes have been killed, with `{ why, running, processes, exitOnly, outcomes }`:
 * `exitOnly` when every file that started had ended (vitest itself did not exit), and `outcomes`
 * the tests' as the progress file has them.
 * Returns a function that stops watching.
 */
export function watchProgress(child, progressFile, onStall) {
  let size = -1;
  let moved = Date.now();
  const timer = setInterval(() => {
    let now = 0;
    try {
      now = statSync(progressFile).size;
    } catch {
      // Not written yet: vitest is still starting (its global setup builds the CLI).
    }
    if (now !== size) {
      size = now;
      moved = Date.now();
      return;
    }
    const quiet = Date.now() - moved;
    if (quiet < EXIT_MS) return;
    const { running, ended, outcomes } = progressOf(progressFile);
    const exitOnly = running.length === 0 && ended > 0;
    if (!exitOnly && quiet < STALL_MS) return;
    clearInterval(timer);
    const processes = processesOf(child.pid);
    killTree(child.pid);
    const why = exitOnly
      ? `every test file ended, and vitest had not exited ${Math.round(quiet / 1000)} s later`
      : `nothing started or ended for ${Math.round(quiet / 1000)} s`;
    onStall({ why, running, processes, exitOnly, outcomes });
  }, CHECK_MS);
  return () => clearInterval(timer);
}

/**
 * The files and tests that started and did not end, oldest first, with how long ago; how many
 * files ended; and the tests' outcomes as vitest told them (vitest-progress.mjs): counts, and the
 * names of those that failed.
 */
function progressOf(progressFile) {
  /** What started and has not ended: name → when. */
  const files = new Map();
  const tests = new Map();
  let ended = 0;
  const outcomes = { passed: 0, failed: 0, skipped: 0, failedNames: [] };
  let text = '';
  try {
    text = readFileSync(progressFile, 'utf8');
  } catch {
    return {
      running: ['(no progress was written: vitest did not start its first file)'],
      ended,
      outcomes,
    };
  }
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [at, event, name] = JSON.parse(line);
    if (event === 'start') files.set(name, at);
    else if (event === 'test') tests.set(name, at);
    else if (event === 'end') {
      files.delete(name);
      ended++;
    } else if (event === 'done') tests.delete(name);
    else if (event === 'passed' || event === 'skipped') outcomes[event]++;
    else if (event === 'failed') {
      outcomes.failed++;
      outcomes.failedNames.push(name);
    }
  }
  const since = (what, [name, at]) =>
    `${what} ${relative(process.cwd(), name)} (started ${Math.round((Date.now() - at) / 1000)} s ago)`;
  const running = [
    ...[...files].map((file) => since('file', file)),
    ...[...tests].map((test) => since('test', test)),
  ];
  return { running, ended, outcomes };
}

/** Each process under `pid`, as ps sees it: state, kernel wait, CPU time, command. */
function processesOf(pid) {
  const tree = descendants(pid);
  try {
    const listed = execFileSync(
      'ps',
      ['-o', 'pid,ppid,stat,wchan:22,time,args', '-p', [pid, ...tree].join(',')],
      { encoding: 'utf8' },
    );
    return listed
      .trimEnd()
      .split('\n')
      .map((line) => line.slice(0, 200));
  } catch {
    return [];
  }
}

/** Every process below `pid` (children, their children, …), from ps. */
function descendants(pid) {
  let table = '';
  try {
    table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const children = new Map();
  for (const row of table.trim().split('\n')) {
    const [child, parent] = row.trim().split(/\s+/).map(Number);
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found = [];
  for (let queue = [pid]; queue.length;) {
    const next = children.get(queue.shift()) ?? [];
    found.push(...next);
    queue.push(...next);
  }
  return found;
}

/** Kills `pid` and everything below it. */
function killTree(pid) {
  killBelow(pid);
  kill(pid);
}

/** Kills every process below `pid` (found first, then killed, so none is missed as it is reparented). */
export function killBelow(pid) {
  for (const each of descendants(pid)) kill(each);
}

function kill(pid) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Gone already.
  }
}
