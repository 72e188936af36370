/**
 * Words of the device-service commands and of a device not found, from a technician's review of
 * the CLI at 80 columns: "Sent: 1 bytes"; an unreadable --data of 120,001 characters quoted back
 * whole, scrolling the terminal away; the devices offered when a name matched none, their IDs
 * starting in different columns.
 */
import { describe, expect, it } from 'vitest';
import { cliInProcess } from '../../support/cli-in-process.js';
import { EXIT } from '../../../electron/cli/exit-codes.js';

describe('the CLI’s words', () => {
  it('says one byte sent in the singular', async () => {
    const run = await cliInProcess(['--reset-simulator', 'set', '1', 'diag', '2', '--data', '01']);
    expect(run.out).toMatch(/\n {2}Sent: +1 byte\n/);
  });

  it('quotes an unreadable --data shortened, with its length', async () => {
    const data = 'g'.repeat(120_001);
    const run = await cliInProcess(['--reset-simulator', 'set', '1', 'diag', '2', '--data', data]);
    expect(run.code).toBe(EXIT.usage);
    expect(run.err).toContain('(120001 characters)');
    expect(run.err.length).toBeLessThan(600);
  });

  it('lists the devices a name matched none of with their IDs in one column', async () => {
    const run = await cliInProcess(['--reset-simulator', 'services', 'foo']);
    expect(run.code).toBe(EXIT.usage);
    const lines = run.err.split('\n').filter((l) => /^ +\d+ {2}/.test(l));
    expect(lines).toHaveLength(2);
    const columns = lines.map((l) => l.indexOf('{'));
    expect(new Set(columns).size).toBe(1);
  });

  // "No device matches" listed the simulator's modems as if real: the SIMULATOR line came only
  // once a device was picked.
  it('says it runs on the simulator when a name matches no device or service', async () => {
    for (const args of [
      ['services', 'foo'],
      ['close', '1', 'nothing-like-it'],
      ['query', 'foo', 'diag', '1'],
    ]) {
      const run = await cliInProcess(['--reset-simulator', ...args]);
      expect(run.code, args.join(' ')).toBe(EXIT.usage);
      const simulator = run.err.indexOf('SIMULATOR, no real modem is used');
      expect(simulator, args.join(' ')).toBeGreaterThanOrEqual(0);
      expect(simulator).toBeLessThan(run.err.search(/No device matches|has no device service/));
    }
  });

  it('says a name with spaces goes in quotes when there are too many arguments', async () => {
    const run = await cliInProcess(['close', '1', 'sierra', 'diagnostics', 'stream']);
    expect(run.code).toBe(EXIT.usage);
    expect(run.err).toContain(
      'Expected 2 arguments but got 4. A name with spaces goes in quotes: "sierra diagnostics stream".',
    );
  });

  it('refuses an empty --data, which an unset shell variable gives, before sending', async () => {
    const run = await cliInProcess(['--reset-simulator', 'set', '1', 'diag', '2', '--data', '']);
    expect(run.code).toBe(EXIT.usage);
    expect(run.err).toContain('--data is empty');
    expect(run.out).toBe('');
  });
});
