/**
 * The helper threads' scripts are bundled beside the CLI and Electron main. In a packaged app that
 * is inside app.asar; electron-builder also unpacks them beside the archive, and that copy must be
 * the one a helper thread loads (a plain file, whatever Electron's archive support in workers).
 */
import { describe, expect, it } from 'vitest';
import { bundledHelper } from '../../../electron/core/helper-script.js';

const existing =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

describe('a bundled helper script', () => {
  it('is taken unpacked beside the archive in a packaged app', () => {
    const dir = '/opt/MBN Diagnostics/resources/app.asar/dist/electron';
    const inArchive = `${dir}/report-worker.cjs`;
    const unpacked =
      '/opt/MBN Diagnostics/resources/app.asar.unpacked/dist/electron/report-worker.cjs';
    expect(bundledHelper(dir, 'report-worker', existing(inArchive, unpacked))).toBe(unpacked);
    // An archive packed without it unpacked: the copy inside is still found.
    expect(bundledHelper(dir, 'report-worker', existing(inArchive))).toBe(inArchive);
  });

  it('is found on Windows paths too', () => {
    const dir = 'C:\\Program Files\\MBN Diagnostics\\resources\\app.asar\\dist\\electron';
    const found = bundledHelper(dir, 'line-check-worker', (path) =>
      path.includes('.asar.unpacked\\'),
    );
    expect(found).toContain('\\app.asar.unpacked\\dist\\electron');
  });

  it('is taken beside the bundle when not packaged, and is missing when not built', () => {
    const dir = '/home/tech/mbn-diag/dist/cli';
    expect(bundledHelper(dir, 'line-check-worker', existing(`${dir}/line-check-worker.cjs`))).toBe(
      `${dir}/line-check-worker.cjs`,
    );
    expect(bundledHelper(dir, 'line-check-worker', existing())).toBeUndefined();
  });
});
