// Runs Windows programs under Wine in a private prefix (.wine-cache/prefix), with a persistent
// wineserver so each start costs ~0.2 s instead of ~1.2 s. Output of Wine programs always goes
// to files, never pipes: node.exe's console.log throws EBADF on a Unix pipe, and the first Wine
// program of a session starts Wine's background services, which inherit its stdio and would hold
// a pipe (and us, waiting on it) open until the wineserver exits.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_EXE, PREFIX, RUNS, winPath } from './paths.mjs';

export function wineEnv(extra = {}) {
  return {
    ...process.env,
    WINEPREFIX: PREFIX,
    WINEDEBUG: '-all',
    // No Mono/Gecko install prompts: nothing here needs them.
    WINEDLLOVERRIDES: 'mscoree,mshtml=',
    NODE_SKIP_PLATFORM_CHECK: '1',
    ...extra,
  };
}

function sync(command, args, timeout = 120_000) {
  mkdirSync(RUNS, { recursive: true });
  const path = join(RUNS, `wine-${process.pid}.out.txt`);
  const fd = openSync(path, 'w');
  const r = spawnSync(command, args, { env: wineEnv(), stdio: ['ignore', fd, fd], timeout });
  closeSync(fd);
  const output = readFileSync(path, 'utf8');
  rmSync(path, { force: true });
  return { status: r.status, signal: r.signal, output };
}

function wine(args) {
  const r = sync('wine', args);
  if (r.status !== 0) {
    throw new Error(`wine ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.output}`);
  }
  return r.output;
}

export function ensurePrefix(log) {
  if (existsSync(join(PREFIX, 'system.reg'))) return;
  log('  creating the Wine prefix (once, ~10 s)');
  const r = sync('wineboot', ['-i'], 180_000);
  if (r.status !== 0) throw new Error(`wineboot -i failed: ${r.output}`);
  // Node 20 refuses Wine's default "Windows 7".
  wine(['reg', 'add', 'HKCU\\Software\\Wine', '/v', 'Version', '/d', 'win10', '/f']);
  // Waits for the wineserver the boot started to write the prefix and exit. Left to exit by
  // itself, it was still going when startServer's persistent one came (and so left at once), and
  // a Wine program started as it went was refused: in one fresh-clone CI run, `wine reg query`
  // failed with "Application could not be started" straight after the prefix was made.
  const waited = sync('wineserver', ['-w'], 60_000);
  if (waited.status !== 0) throw new Error(`wineserver -w failed: ${waited.output}`);
}

/** Keeps one wineserver alive for the run; it exits by itself 30 s after the last client. */
export function startServer() {
  // Detached: it daemonizes when none is running, and exits at once when one already is.
  spawn('wineserver', ['-p30'], { env: wineEnv(), stdio: 'ignore', detached: true }).unref();
}

/** Registers the fake under the real MBN CLSIDs, through its own DllRegisterServer. */
export function registerFake(dllPath) {
  wine(['regsvr32', '/s', winPath(dllPath)]);
  const out = wine([
    'reg',
    'query',
    'HKCR\\CLSID\\{2269DAA3-2A9F-4165-A501-CE00A6F7A75B}\\InprocServer32',
  ]);
  if (!out.includes(winPath(dllPath))) throw new Error(`the fake was not registered:\n${out}`);
}

/**
 * Runs `node.exe <script>` under Wine. Resolves with the exit code, outputs and time; a run past
 * its time limit is killed (its whole process group) and reported as timed out.
 */
export function runNodeExe(script, { args = [], ...options }) {
  return runWindowsProgram(NODE_EXE, { ...options, args: [script, ...args] });
}

/** Runs a Windows program under Wine, as runNodeExe does node.exe. */
export function runWindowsProgram(exe, { env = {}, outBase, timeoutMs = 120_000, args = [] }) {
  const stdoutPath = `${outBase}.stdout.txt`;
  const stderrPath = `${outBase}.stderr.txt`;
  const out = openSync(stdoutPath, 'w');
  const err = openSync(stderrPath, 'w');
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('wine', [exe, ...args], {
      env: wineEnv(env),
      stdio: ['ignore', out, err],
      detached: true,
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    const done = (code) => {
      clearTimeout(timer);
      closeSync(out);
      closeSync(err);
      resolve({
        code,
        timedOut,
        ms: Date.now() - started,
        stdout: readFileSync(stdoutPath, 'utf8'),
        stderr: readFileSync(stderrPath, 'utf8'),
      });
    };
    child.on('error', () => done(127));
    child.on('close', (code, signal) => done(code ?? (signal ? 128 : 0)));
  });
}
