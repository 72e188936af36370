/**
 * The tools a technician or support engineer would reach for on the same file, run by the export
 * benchmark beside our own figures: `jq` re-serialising the log, Miller converting it to CSV, `zip`
 * compressing the bundle's entries, `lnav` opening it. Each runs under GNU time (wall seconds and
 * peak memory) and coreutils `timeout`, so a slow peer is stopped and reported as such rather than
 * holding the benchmark up. A missing tool is reported with the Debian package that provides it.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface PeerResult {
  name: string;
  /** Why there is no figure (tool missing, failed), or undefined when it ran. */
  missing?: string;
  seconds: number;
  /** Bytes it wrote (its output file), for MB/s. */
  bytes: number;
  peakMb: number | undefined;
  /** Stopped after the time limit: `seconds` is then a lower bound. */
  timedOut: boolean;
}

const PACKAGES: Record<string, string> = { jq: 'jq', mlr: 'miller', zip: 'zip', lnav: 'lnav' };

function which(tool: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const path = join(dir, tool);
    if (dir && existsSync(path)) return path;
  }
  return undefined;
}

/**
 * Runs `tool args`, stdout to `out` (or discarded), within `limitS` seconds. `cwd` for zip, whose
 * entry names are the paths given.
 */
export function runPeer(
  name: string,
  tool: string,
  args: string[],
  out: string | undefined,
  limitS: number,
  cwd?: string,
): PeerResult {
  const none = { name, seconds: 0, bytes: 0, peakMb: undefined, timedOut: false };
  if (!which(tool))
    return {
      ...none,
      missing: `${tool} is not installed: apt-get install ${PACKAGES[tool] ?? tool}`,
    };
  const timeFile = `${out ?? join(cwd ?? '/tmp', name)}.time`;
  const hasTime = which('time') !== undefined && existsSync('/usr/bin/time');
  const fd = openSync(out ?? '/dev/null', 'w');
  const started = performance.now();
  const command = hasTime
    ? [
        '/usr/bin/time',
        '-f',
        '%e %M',
        '-o',
        timeFile,
        'timeout',
        '-s',
        'KILL',
        String(limitS),
        tool,
      ]
    : ['timeout', '-s', 'KILL', String(limitS), tool];
  const child = spawnSync(command[0] ?? 'timeout', [...command.slice(1), ...args], {
    stdio: ['ignore', fd, 'pipe'],
    cwd,
    timeout: (limitS + 30) * 1000,
    killSignal: 'SIGKILL',
  });
  const wall = (performance.now() - started) / 1000;
  closeSync(fd);
  let seconds = wall;
  let peakMb: number | undefined;
  if (hasTime && existsSync(timeFile)) {
    const [e, m] = (readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '').split(' ');
    if (e && !Number.isNaN(Number(e))) seconds = Number(e);
    if (m && !Number.isNaN(Number(m))) peakMb = Number(m) / 1024;
    rmSync(timeFile, { force: true });
  }
  const timedOut = seconds >= limitS - 0.5;
  const bytes = out && existsSync(out) ? statSync(out).size : 0;
  if (!timedOut && child.status !== 0)
    return {
      ...none,
      missing: `${tool} failed (exit ${String(child.status)}): ${child.stderr.toString().trim().slice(0, 200)}`,
    };
  return { name, seconds, bytes, peakMb, timedOut };
}
