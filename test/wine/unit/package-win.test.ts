/**
 * scripts/package-win.mjs where it can be run here: it refuses, loudly and with a failing exit
 * code, anywhere but Windows (a package without the MSVC-built addon could only simulate), and it
 * builds for the Electron version the project pins. The build itself needs Windows and has never
 * run in this workplace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { electronVersion } from '../../../scripts/package-win.mjs';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('scripts/package-win.mjs', () => {
  it.skipIf(process.platform === 'win32')('refuses to package anywhere but Windows', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package-win.mjs')], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/must run on Windows with MSVC.*could only run the simulator/);
  });

  it('builds for the pinned Electron version, and demands an exact pin', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbn-pkg-'));
    try {
      writeFileSync(
        join(dir, 'package.json'),
        JSON.stringify({ devDependencies: { electron: '45.4.1' } }),
      );
      expect((electronVersion as (root: string) => string)(dir)).toBe('45.4.1');
      writeFileSync(
        join(dir, 'package.json'),
        JSON.stringify({ devDependencies: { electron: '^45' } }),
      );
      expect(() => (electronVersion as (root: string) => string)(dir)).toThrow(/exact electron/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
