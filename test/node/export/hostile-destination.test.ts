/**
 * Where an export lands: never over a device, pipe or socket (an export onto a copy of /dev/null
 * replaced it with a file, exit 0), and never leaving a killed export's hidden partial files
 * (which may hold raw IMEIs after --no-redact) for ever: the next export cleans them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT } from '../../../electron/cli/exit-codes.js';
import { runCli } from '../../../electron/cli/main.js';
import { AtomicFile } from '../../../electron/core/export/atomic-file.js';
import { ExportError } from '../../../electron/core/export/export-error.js';
import { HOST_TAG } from '../../../electron/core/export/stale-partials.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';
import { makeSampleRun } from './support/sample-log.js';

afterAll(removeTempDirs);
afterEach(() => {
  vi.restoreAllMocks();
});

const RECORD = {
  v: 2 as const,
  seq: 1,
  time: '2026-11-24T08:30:00.000Z',
  mono: 0,
  kind: 'error' as const,
  message: 'm',
  context: 'c',
};

/** The PID of a process that has certainly ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('an export destination that is not a regular file', () => {
  it('is refused, and stays what it was', async () => {
    const fifo = join(tempDir(), 'pipe');
    execFileSync('mkfifo', [fifo]);
    const failure = await exportRecords([RECORD], 'jsonl', fifo).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ExportError);
    expect((failure as ExportError).code).toBe('bad-destination');
    expect((failure as ExportError).message).toMatch(/not a regular file.*Nothing was saved/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('ends `mbn-diag export --out` with exit 2 and a plain message', async () => {
    const dir = tempDir();
    const run = await makeSampleRun(dir);
    const fifo = join(tempDir(), 'pipe');
    execFileSync('mkfifo', [fifo]);
    let err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      err += String(chunk);
      return true;
    });
    const code = await runCli(['export', run, '--format', 'csv', '--out', fifo]);
    vi.restoreAllMocks();
    expect(code).toBe(EXIT.usage);
    expect(err).toMatch(/^mbn-diag: .*pipe is not a regular file/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});

describe('partial files of an export that was killed', () => {
  it('are removed when the next export into the folder starts; others are left alone', async () => {
    const dir = tempDir();
    const dead = deadPid();
    const killed = join(dir, `.log.jsonl.${dead}-0123abcd.partial`);
    const killedPart = join(dir, `.bundle.zip.${dead}-89abcdef.csv.part`);
    const legacy = join(dir, '.old.jsonl.deadbeef.partial');
    const recentLegacy = join(dir, '.new.jsonl.feedface.partial');
    const otherLive = join(dir, `.x.jsonl.${process.ppid}-00000000.partial`);
    const unrelated = join(dir, '.notes.partial');
    // On a network share: another machine's exports, whose PIDs mean nothing here. One is being
    // written; the other was left an hour ago.
    const otherHost = HOST_TAG === 'abcdef12' ? '12abcdef' : 'abcdef12';
    const remoteRunning = join(dir, `.r.jsonl.${otherHost}-${dead}-11111111.partial`);
    const remoteKilled = join(dir, `.k.jsonl.${otherHost}-${dead}-22222222.partial`);
    const files = [killed, killedPart, legacy, recentLegacy, otherLive, unrelated];
    for (const f of [...files, remoteRunning, remoteKilled]) writeFileSync(f, '359072061234567');
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(legacy, hourAgo, hourAgo);
    utimesSync(remoteKilled, hourAgo, hourAgo);

    // An export of this process still under way keeps its own temporary file.
    const running = await AtomicFile.create(join(dir, 'running.csv'));
    await exportRecords([RECORD], 'zip', join(dir, 'next.zip'));
    expect(existsSync(running.tempPath)).toBe(true);
    await running.abort();

    expect(existsSync(killed)).toBe(false);
    expect(existsSync(killedPart)).toBe(false);
    expect(existsSync(legacy)).toBe(false);
    for (const kept of [recentLegacy, otherLive, unrelated]) expect(existsSync(kept)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(
      [
        '.new.jsonl.feedface.partial',
        '.notes.partial',
        `.x.jsonl.${process.ppid}-00000000.partial`,
        `.r.jsonl.${otherHost}-${dead}-11111111.partial`,
        'next.zip',
      ].sort(),
    );
  });
});
