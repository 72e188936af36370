/**
 * `mbn-diag search` with a search that matches a huge share of the log (a review at one and ten
 * million events): written at the pace of the pipe's reader rather than queued in memory (3.3 GB
 * held for a reader that slept), stopped by one Ctrl+C while the reader does not read, counted as
 * written rather than queued; every match written when piped or redirected, not 1,000 of them
 * silently; and stopped once a reader that wanted only the first lines has gone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../../support/run-cli.js';
import { writeSessionStateLog } from '../../support/session-state-log.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mbn-many-hits-'));
  made.push(dir);
  return dir;
}

/** A saved log of `count` lines, every one a match for `--text SMS`. */
function logOf(count: number): string {
  const log = join(temp(), 'saved.jsonl');
  writeSessionStateLog(log, count);
  return log;
}

const lines = (text: string): number => text.split('\n').length - 1;

describe('mbn-diag search with a great many matches', () => {
  it('waits for a reader that does not read, and one Ctrl+C stops it there, counting what was written', async () => {
    const log = logOf(200_000);
    const child = spawnCli(
      ['search', log, '--text', 'SMS', '--json', '--limit', '1000000'],
      temp(),
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let received = 0;
    let pausedAt = 0;
    // The reader takes the first lines, then stops reading: the pipe fills.
    child.stdout.on('data', (c: Buffer) => {
      received += lines(c.toString());
      if (pausedAt === 0) {
        pausedAt = received;
        child.stdout.pause();
        // Long enough for the search to have queued every match, had it not waited.
        setTimeout(() => child.kill('SIGINT'), 2_000);
      }
    });
    // One Ctrl+C, the reader still not reading: the process ends (before, it stayed until the
    // reader read, or a second Ctrl+C). Resumed only so that a failing run ends.
    const exit = await new Promise<{ code: number | null; whilePaused: boolean }>((resolve) => {
      const unstick = setTimeout(() => child.stdout.resume(), 30_000);
      child.on('exit', (code) => {
        clearTimeout(unstick);
        resolve({ code, whilePaused: child.stdout.isPaused() });
      });
    });
    expect(exit.whilePaused).toBe(true);
    expect(exit.code).toBe(130);
    // What the reader then gets is what the words say was written: the pipe's worth, no more.
    child.stdout.resume();
    await new Promise((resolve) => child.stdout.on('end', resolve));
    const words = stderr.match(
      /^mbn-diag: The search was cancelled with (\d+)% of the log searched: ([\d,]+) matches found so far, ([\d,]+) written\.\n$/,
    );
    expect(words, stderr).not.toBe(null);
    const [, share, found, written] = words ?? [];
    expect(Number(written?.replaceAll(',', ''))).toBe(received);
    expect(received).toBeLessThan(20_000);
    expect(Number(found?.replaceAll(',', ''))).toBeGreaterThanOrEqual(received);
    expect(Number(share)).toBeLessThan(100);
  }, 90_000);

  it('writes every match when redirected, not the first 1,000, and says so when a limit cuts them', async () => {
    const log = logOf(3_000);
    const all = await runCli(['search', log, '--text', 'SMS', '--json']);
    expect(all.code).toBe(0);
    expect(lines(all.stdout)).toBe(3_000);
    expect(all.stderr).toMatch(/^mbn-diag: 3,000 matches in /);
    expect(all.stderr).not.toMatch(/shown|Only /);
    const cut = await runCli(['search', log, '--text', 'SMS', '--json', '--limit', '5']);
    expect(cut.code).toBe(0);
    expect(lines(cut.stdout)).toBe(5);
    expect(cut.stderr).toContain('mbn-diag: Only the first 5 matches were printed (--limit 5).\n');
    // One is no "first": "Only the first 1 match was printed" read oddly.
    const one = await runCli(['search', log, '--text', 'SMS', '--json', '--limit', '1']);
    expect(lines(one.stdout)).toBe(1);
    expect(one.stderr).toContain('mbn-diag: Only 1 match was printed (--limit 1).\n');
    // --limit 0 asks for the count alone: nothing was cut short.
    const count = await runCli(['search', log, '--text', 'SMS', '--limit', '0']);
    expect(count.stdout).toBe('');
    expect(count.stderr).toMatch(/^mbn-diag: 3,000 matches \(0 shown\) in /);
    expect(count.stderr).not.toMatch(/Only /);
  });

  it('stops quietly once a reader that wanted the first 1,000 lines has gone (| head -n 1000)', async () => {
    const log = logOf(200_000);
    const child = spawnCli(['search', log, '--text', 'SMS'], temp());
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let received = 0;
    child.stdout.on('data', (c: Buffer) => {
      received += lines(c.toString());
      if (received >= 1_000) child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    // Before, the first 1,000 were all it wrote: the reader's going went unnoticed, and the whole
    // log was searched and counted ("200,000 matches (1000 shown)").
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 90_000);
});
