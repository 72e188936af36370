/**
 * `mbn-diag search` on a terminal (issue 14: a progress indicator while it runs): a log's first
 * search says it is indexing the log, redrawn in place on stderr; every match line still reaches
 * the terminal whole, and the line is gone before the count is printed. Piped, nothing of it. A
 * real pseudo-terminal comes from util-linux `script`; without it this suite says so and fails
 * under CI.
 */
/* eslint-disable no-control-regex -- the output's escape sequences are what is tested */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';
import { hasScript, runOnTerminal } from '../../support/run-on-terminal.js';
import { RARE_HRESULT, kioskLogLines } from '../../support/journal-traffic.js';

if (!hasScript)
  process.stderr.write(
    'NOT RUN: the terminal tests need util-linux `script` (a pseudo-terminal)\n',
  );

/** A log no search has indexed yet (each test its own): 3000 requests, 3 refused at once. */
function freshLog(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'mbn-search-tty-')), 'kiosk.jsonl');
  writeFileSync(file, kioskLogLines(3000, () => ({ rareEvery: 1000 })).join('\n') + '\n');
  return file;
}

const ERASE = '\r\u001b[K';

describe('mbn-diag search on a terminal', () => {
  it.skipIf(!hasScript)(
    'says it is indexing the log, keeps each match line whole, and erases the line before the count',
    async () => {
      const run = await runOnTerminal(['search', freshLog(), '--hresult', RARE_HRESULT]);
      expect(run.code).toBe(0);
      expect(run.output).toContain(`${ERASE}Indexing the log to search it (once per log) · 0% of `);
      // What stays on the screen once every redraw is done: the matches and the count alone.
      const screen = run.output
        .split('\r\n')
        .map((line) => line.split(ERASE).at(-1) ?? '')
        .filter((line) => line !== '');
      expect(screen).toEqual([
        expect.stringMatching(/^#\d+ +2026-01-05 08:.*E_ACCESSDENIED/),
        expect.stringMatching(/^#\d+ +2026-01-05 08:.*E_ACCESSDENIED/),
        expect.stringMatching(/^#\d+ +2026-01-05 08:.*E_ACCESSDENIED/),
        expect.stringMatching(/^mbn-diag: 3 matches in 2\.9 MB;/),
        "mbn-diag: Recording machine's time zone not recorded. Times above are UTC.",
      ]);
    },
  );

  // A screenful is read and the rest scrolls away: at most 1,000 on a terminal, and said so (piped
  // or redirected, every match is written: search-many-matches.test.ts).
  it.skipIf(!hasScript)(
    'prints at most 1,000 matches on a terminal, and says how to see more',
    async () => {
      const run = await runOnTerminal(['search', freshLog(), '--service', 'SMS']);
      expect(run.code).toBe(0);
      const screen = run.output.split('\r\n').map((line) => line.split(ERASE).at(-1) ?? '');
      expect(screen.filter((line) => line.startsWith('#'))).toHaveLength(1000);
      expect(screen).toContain(
        'mbn-diag: Only the first 1,000 matches were printed: at most 1,000 on a terminal; --limit <n> prints more, and piped or redirected every match is written.',
      );
    },
  );

  it('piped: no progress line at all', async () => {
    const run = await runCli(['search', freshLog(), '--hresult', RARE_HRESULT]);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/Indexing|so far|\u001b\[K/);
  });

  it('the terminal suite ran (required under CI)', () => {
    if (process.env.CI === 'true') expect(hasScript, 'util-linux `script` is missing').toBe(true);
  });
});
