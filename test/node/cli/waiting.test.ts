/**
 * Item 12 of issue 9: on a terminal, close/open show that they are waiting (request ID, elapsed,
 * timeout), updated in place; nothing extra when the output is piped or with --json. A real
 * pseudo-terminal comes from util-linux `script`; without it this suite cannot run, says so, and
 * fails under CI.
 */
/* eslint-disable no-control-regex -- the output's escape sequences are what is tested */
import { describe, expect, it } from 'vitest';
import { SIERRA, runCli } from '../../support/run-cli.js';
import { hasScript, runOnTerminal } from '../../support/run-on-terminal.js';

if (!hasScript) {
  process.stderr.write(
    'NOT RUN: the terminal tests need util-linux `script` (a pseudo-terminal)\n',
  );
}

describe('waiting for a completion', () => {
  it.skipIf(!hasScript)(
    'on a terminal: request ID, elapsed and timeout, redrawn in place, then cleared',
    async () => {
      const run = await runOnTerminal(['close', SIERRA, 'phonebook', '--timeout', '800']);
      expect(run.code).toBe(3);
      const frames =
        run.output.match(
          /\r\u001b\[Kwaiting for the completion of Close #1001: \d+\.\d s of 0\.8 s/g,
        ) ?? [];
      expect(frames.length).toBeGreaterThanOrEqual(3);
      // The last frame is erased before the outcome is printed.
      expect(run.output).toMatch(/\r\u001b\[K(\r\n)?Close data session — Phonebook/);
    },
  );

  it.skipIf(!hasScript)('on a terminal with --json: nothing but the JSON', async () => {
    const run = await runOnTerminal(['close', SIERRA, 'phonebook', '--timeout', '300', '--json']);
    expect(run.code).toBe(3);
    expect(run.output).not.toMatch(/waiting/);
    expect(JSON.parse(run.output)).toMatchObject({ outcome: 'timed-out' });
  });

  it('piped: no progress at all', async () => {
    const run = await runCli(['close', SIERRA, 'phonebook', '--timeout', '300']);
    expect(run.code).toBe(3);
    expect(run.stdout + run.stderr).not.toMatch(/waiting|\u001b\[K/);
  });

  it('the terminal suite ran (required under CI)', () => {
    if (process.env.CI === 'true') expect(hasScript, 'util-linux `script` is missing').toBe(true);
  });
});
