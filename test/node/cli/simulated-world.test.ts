/**
 * Item 14 of issue 9: the simulator keeps one world across commands (a close, then `services`,
 * shows the session closed), per scenario and seed, and `--reset-simulator` starts afresh.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIERRA, SIERRA_DIAG, runCli } from '../../support/run-cli.js';

interface ServicesJson {
  backend: { simulatedStateSince?: string };
  services: { serviceId: string; sessionState: string }[];
}
const diagState = (stdout: string): string | undefined =>
  (JSON.parse(stdout) as ServicesJson).services.find((s) => s.serviceId === SIERRA_DIAG)
    ?.sessionState;

describe('one simulated world across commands', () => {
  it('a session closed by one command stays closed for the next; request IDs go on', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'mbn-world-'));
    const cli = (...args: string[]): ReturnType<typeof runCli> => runCli(args, { journalDir });

    expect(diagState((await cli('services', '1', '--json')).stdout)).toBe('open');
    const closed = await cli('close', '1', 'diag', '--json');
    expect(JSON.parse(closed.stdout)).toMatchObject({ outcome: 'completed', requestId: 1001 });

    const after = await cli('services', '1', '--json');
    expect(diagState(after.stdout)).toBe('closed');
    expect((JSON.parse(after.stdout) as ServicesJson).backend.simulatedStateSince).toEqual(
      expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    );
    const text = await cli('services', '1');
    expect(text.stderr).toMatch(/Data sessions as earlier commands left them/);

    // Closing again is refused the way a closed session refuses it; opening gets the next ID.
    expect(JSON.parse((await cli('close', '1', 'diag', '--json')).stdout)).toMatchObject({
      precondition: 'session-not-open',
      outcome: 'rejected',
    });
    expect(JSON.parse((await cli('open', SIERRA, 'diag', '--json')).stdout)).toMatchObject({
      outcome: 'completed',
      requestId: 1002,
    });
    expect(diagState((await cli('services', '1', '--json')).stdout)).toBe('open');
  });

  it('another seed is another world, and --reset-simulator starts from the scenario', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'mbn-world-'));
    const cli = (...args: string[]): ReturnType<typeof runCli> => runCli(args, { journalDir });
    await cli('close', '1', 'diag', '--json');
    const [otherSeed, reset, same] = await Promise.all([
      cli('--seed', '7', 'services', '1', '--json'),
      cli('--reset-simulator', 'services', '1', '--json'),
      cli('services', '1', '--json'),
    ]);
    expect(diagState(otherSeed.stdout)).toBe('open');
    expect(diagState(reset.stdout)).toBe('open');
    expect(diagState(same.stdout)).toBe('closed');
  });

  it('latencies go on from one command to the next instead of repeating', async () => {
    // A technician closed the diagnostics stream's session three times and read the same latency
    // each time: every command drew from the scenario's seed. The world now goes on with its own.
    // The draws are fixed by the seeds (194 ms, then 63 ms, here); the rest is timer jitter, a few
    // ms, which was all that told two closes apart. Jitter only adds (a timer fires late, never
    // early), so each latency is held to its draw from below: on a loaded machine two closes'
    // jitter differed by more than a tolerance around each other.
    const journalDir = mkdtempSync(join(tmpdir(), 'mbn-world-'));
    const latency = async (...args: string[]): Promise<number> => {
      const run = await runCli([...args, '1', 'diag', '--json'], { journalDir });
      return (JSON.parse(run.stdout) as { completion: { latencyMs: number } }).completion.latencyMs;
    };
    const FIRST_DRAW = 194;
    const first = await latency('close');
    await latency('open');
    const second = await latency('close');
    expect(first).toBeGreaterThan(FIRST_DRAW - 10);
    expect(second).toBeLessThan(FIRST_DRAW - 40);
    // From a reset, the same sequence again: a run can still be repeated.
    expect(await latency('--reset-simulator', 'close')).toBeGreaterThan(FIRST_DRAW - 10);
  });

  it('a damaged state file is ignored: the world starts from the scenario and is saved anew', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'mbn-world-'));
    writeFileSync(
      join(journalDir, 'simulator-state.json'),
      '{"format":"mbn-diag-simulator-state","worlds":[',
    );
    const cli = (...args: string[]): ReturnType<typeof runCli> => runCli(args, { journalDir });
    const before = await cli('services', '1', '--json');
    expect(before.code).toBe(0);
    expect(diagState(before.stdout)).toBe('open');
    expect((await cli('close', '1', 'diag', '--json')).code).toBe(0);
    expect(diagState((await cli('services', '1', '--json')).stdout)).toBe('closed');
  });
});
