/**
 * Under a saturated event loop the flush timer cannot fire: a kill -9 lost 110.8 ms of events,
 * more than the ~100 ms the README promises. Appending now flushes when the interval has passed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAll } from '../../../electron/core/journal-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'journal-busy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a journal written by a process whose event loop never yields', () => {
  it('loses at most the last ~100 ms to kill -9', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, '../../support/journal-busy-child.ts'), dir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const runDir = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
      child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
    });
    await new Promise((r) => setTimeout(r, 500));
    const killedAt = Date.now();
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const { records } = await readAll(runDir);
    expect(records.length).toBeGreaterThan(3);
    const lastWritten = Date.parse(records.at(-1)?.time ?? '');
    // 50 ms interval + 20 ms between appends; slack for a loaded 2-core machine.
    expect(killedAt - lastWritten).toBeLessThan(250);
  });
});
