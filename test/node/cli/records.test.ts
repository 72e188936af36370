/**
 * Issue 13 item 9: commands that only look (devices, services, export) start no journal run, so
 * they cannot push a crashed run out of the kept ones; commands that act or watch do record.
 * Issue 9 item 14: watch ends with a one-line summary; export with nothing names the journal.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIERRA, SMS, runCli } from '../../support/run-cli.js';

const runs = (dir: string): string[] => readdirSync(dir).filter((n) => n.startsWith('run-'));

describe('what records a journal run', () => {
  it('devices and services record nothing; close and watch each start one run', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'mbn-runs-'));
    await runCli(['devices'], { journalDir });
    await runCli(['devices', '--json'], { journalDir });
    await runCli(['services', '1'], { journalDir });
    await runCli(['export'], { journalDir });
    expect(runs(journalDir)).toEqual([]);
    await runCli(['close', SIERRA, SMS], { journalDir });
    expect(runs(journalDir)).toHaveLength(1);
    await runCli(['watch', '--duration', '50'], { journalDir });
    expect(runs(journalDir)).toHaveLength(2);
  });
});

describe('watch and export, start and end', () => {
  it('watch ends with one summary line: on stdout for text, on stderr with --json', async () => {
    const [text, json] = await Promise.all([
      runCli(['watch', '--duration', '200']),
      runCli(['watch', '--json', '--duration', '200']),
    ]);
    const summary =
      /Watched \d+\.\d s on the SIMULATOR: \d+ records; 0 requests, 0 completions, 0 reads \(0 bytes\), 0 device arrivals\/removals\. Journal: .*run-/;
    const lastLine = text.stdout.trimEnd().split('\n').at(-1);
    expect(lastLine).toMatch(summary);
    expect(json.stderr).toMatch(summary);
    // JSON Lines stay JSON Lines to the end.
    for (const line of json.stdout.trimEnd().split('\n'))
      expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it('export with no arguments first names the missing journal', async () => {
    const run = await runCli(['export']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mbn-diag: missing required argument 'journal'/);
    const noFormat = await runCli(['export', 'somewhere']);
    expect(noFormat.code).toBe(2);
    expect(noFormat.stderr).toMatch(/required option '--format <format>' not specified/);
  });
});
