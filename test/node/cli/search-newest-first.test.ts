/**
 * `mbn-diag search --newest-first`: "when did it last fail?" on a terminal printed the log's first
 * 1,000 matches, the newest of them hours before the failure asked about (and piped, all of them
 * to `tail`). The newest come first, as many as --limit says, and the count is of all of them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';
import { writeSessionStateLog } from '../../support/session-state-log.js';

const dir = mkdtempSync(join(tmpdir(), 'mbn-newest-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const log = join(dir, 'saved.jsonl');
// 3,000 lines, each a match for --text SMS: row n is seq n.
writeSessionStateLog(log, 3000);

const rows = (stdout: string): number[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('#'))
    .map((l) => Number(/^#(\d+)/.exec(l)?.[1]));

describe('mbn-diag search --newest-first', () => {
  it('prints the newest matches first, as many as --limit says, counting them all', async () => {
    const run = await runCli(['search', log, '--text', 'SMS', '--newest-first', '--limit', '5']);
    expect(run.code).toBe(0);
    expect(rows(run.stdout)).toEqual([3000, 2999, 2998, 2997, 2996]);
    expect(run.stderr).toContain('mbn-diag: 3,000 matches (5 shown, the newest) in ');
    expect(run.stderr).toContain('mbn-diag: Only the newest 5 matches were printed (--limit 5).');
  });

  it('prints the newest 1,000 when piped and no limit is given, and says how to see more', async () => {
    const run = await runCli(['search', log, '--text', 'SMS', '--newest-first']);
    const printed = rows(run.stdout);
    expect(printed.length).toBe(1000);
    expect(printed[0]).toBe(3000);
    expect(printed[999]).toBe(2001);
    expect(run.stderr).toContain(
      'mbn-diag: Only the newest 1,000 matches were printed: --limit <n> prints more (up to 50,000).',
    );
  });

  it('refuses a limit it would have to hold past its bound, in words', async () => {
    const run = await runCli([
      'search',
      log,
      '--text',
      'SMS',
      '--newest-first',
      '--limit',
      '200000',
    ]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--limit 50,000 at most, not 200000');
  });
});
