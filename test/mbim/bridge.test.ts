/**
 * The Python bridge refuses what is not a character device before writing a byte to it: a wrong
 * --device (a regular file, a typo'd path) must never be written into.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { MbimBackend } from '../../electron/backends/mbim/mbim-backend.js';

it('refuses a regular file, in words, and leaves it untouched', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'mbim-bridge-')), 'not-a-modem');
  writeFileSync(file, 'hello\n');
  await expect(MbimBackend.connect({ devicePath: file, proxy: false })).rejects.toThrow(
    /not a character device/,
  );
  expect(readFileSync(file, 'utf8')).toBe('hello\n');
});

it('names a missing device', async () => {
  await expect(
    MbimBackend.connect({ devicePath: '/dev/no-such-cdc-wdm', proxy: false }),
  ).rejects.toThrow(/Cannot talk MBIM to \/dev\/no-such-cdc-wdm: No such file or directory/);
});
