/**
 * `mbn-diag search log --outcome problems` after a day of vendor commands listed failed
 * completions as "query #1003 completed: …ERROR_NOT_SUPPORTED": which command failed took a
 * second search for each one's request. Each line of a QUERY's or SET's life names the command
 * its request sent, as the window's log does.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';

describe('the CLI’s lines of a command request', () => {
  it('name the command a failed completion answered, found by its outcome alone', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'mbn-cli-command-lines-'));
    // CID 9 is not in the vendor service's list: the simulated modem answers ERROR_NOT_SUPPORTED.
    const sent = await runCli(['query', '1', 'diag', '9', '--force'], { journalDir });
    expect(sent.code, sent.stderr).toBe(1);
    const run = await runCli(['search', journalDir, '--outcome', 'problems'], { journalDir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^#\d+ +\S+ \S+ Z +Failed +EM7565 \(…8E47\) · Sierra diagnostics stream · query CID 9 #\d+ completed: HRESULT_FROM_WIN32\(ERROR_NOT_SUPPORTED\)/,
      ),
    ]);
    // A script reading JSON gets the command beside the completion's record, which has none.
    const json = await runCli(['search', journalDir, '--outcome', 'problems', '--json'], {
      journalDir,
    });
    const hits = json.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { record: { kind: string }; commandId?: number });
    expect(hits.map((h) => [h.record.kind, h.commandId])).toEqual([['completion', 9]]);
  });

  it('name it by its well-known name, on the return and completion, and only on its own', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'mbn-cli-command-lines-'));
    const sent = await runCli(['query', '1', 'basic connect', 'radio_state'], { journalDir });
    expect(sent.code, sent.stderr).toBe(0);
    const run = await runCli(['search', journalDir, '--service', 'basic connect'], { journalDir });
    expect(run.code, run.stderr).toBe(0);
    const words = run.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(' · ').slice(2).join(' · '));
    expect(words).toEqual(
      expect.arrayContaining([
        'query RADIO_STATE (CID 3), 0 bytes sent to Basic Connect',
        expect.stringMatching(/^query RADIO_STATE \(CID 3\) accepted, request #\d+ /),
        expect.stringMatching(/^query RADIO_STATE \(CID 3\) #\d+ completed: S_OK .*8 bytes$/),
      ]),
    );
    // The steps around it (the command list, the command session) sent no command.
    const others = words.filter((w) => !w.startsWith('query '));
    expect(others.length).toBeGreaterThan(6);
    for (const w of others) expect(w).not.toMatch(/CID|RADIO_STATE/);
  });
});
