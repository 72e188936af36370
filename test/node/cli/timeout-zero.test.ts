/**
 * `--timeout 0`. A technician's review ran `close 1 diag --timeout 0`: it was taken, the close was
 * sent and declared overdue at once (exit 3); `query … --timeout 0` sent two requests and gave up
 * on both. A technician may mean "no limit" by 0. It is refused before anything is sent.
 */
import { describe, expect, it } from 'vitest';
import { cliInProcess } from '../../support/cli-in-process.js';
import { EXIT } from '../../../electron/cli/exit-codes.js';

describe('mbn-diag --timeout 0', () => {
  it('is refused before anything is sent, for a session call and a command', async () => {
    for (const args of [
      ['close', '1', 'diag', '--timeout', '0'],
      ['query', '1', 'diag', '1', '--timeout', '0'],
    ]) {
      const run = await cliInProcess(['--reset-simulator', ...args]);
      expect(run.code, run.err).toBe(EXIT.usage);
      expect(run.err).toContain('--timeout must be at least 1 ms');
      expect(run.out).toBe('');
    }
  });
});
