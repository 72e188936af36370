/**
 * The app as electron-builder really packs it (`electron-builder --linux dir`), not only its
 * configuration file: what goes into app.asar, what is unpacked beside it, and the fuses it
 * flips. Electron's binary cannot be downloaded on the build machines, so electron-builder is
 * given a stand-in (`electronDist`): a small file carrying the fuse wire that Electron's binary
 * carries, which electron-builder flips as it would flip the real one. Packing needs `dist/`
 * built first (`npm test` builds it before any suite).
 */
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledHelper } from '../../../electron/core/helper-script.js';

/** The marker @electron/fuses looks for in Electron's binary, then wire version 1 and 8 fuses. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const HELPERS = ['line-check-worker', 'report-worker', 'index-build-worker', 'text-scan-worker'];
/** A fuse's byte on the wire: ASCII '0' off, '1' on (@electron/fuses does not export its enum). */
const OFF = 0x30;
const ON = 0x31;

let work: string;
let resources: string;
let binary: string;

beforeAll(() => {
  if (!existsSync('dist/electron/main.cjs'))
    throw new Error('dist/ is not built: run `node scripts/build.mjs` (npm test does) first.');
  work = mkdtempSync(join(tmpdir(), 'mbn-pack-'));
  const stand = join(work, 'electron-dist');
  mkdirSync(stand);
  const fuses = Buffer.alloc(8, ON);
  writeFileSync(
    join(stand, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\nexit 0\n#'),
      Buffer.from(SENTINEL),
      Buffer.from([1, 8]),
      fuses,
    ]),
  );
  chmodSync(join(stand, 'electron'), 0o755);
  writeFileSync(join(stand, 'version'), 'v45.4.1');
  const out = join(work, 'release');
  const packed = spawnSync(
    process.execPath,
    [
      'node_modules/electron-builder/cli.js',
      '--linux',
      'dir',
      `-c.electronDist=${stand}`,
      `-c.directories.output=${out}`,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (packed.status !== 0)
    throw new Error(`electron-builder failed:\n${packed.stdout}\n${packed.stderr}`);
  resources = join(out, 'linux-unpacked', 'resources');
  binary = join(out, 'linux-unpacked', 'mbn-diag');
}, 150_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the packaged app', () => {
  it('holds the built app only: no preview, source maps, sources or node_modules', () => {
    const files = listPackage(join(resources, 'app.asar'), { isPack: false });
    for (const file of [
      '/package.json',
      '/dist/electron/main.cjs',
      '/dist/electron/preload.cjs',
      '/dist/renderer/index.html',
      '/dist/assets/scenarios/default.json',
    ])
      expect(files).toContain(file);
    // Every package the app uses is bundled into its scripts: copies would only weigh.
    expect(files.filter((f) => /node_modules|\.map$|\.tsx?$|preview/.test(f))).toEqual([]);
  });

  it('unpacks the helper scripts where the app looks for them', () => {
    const bundleDir = join(resources, 'app.asar', 'dist', 'electron');
    for (const name of HELPERS)
      expect(bundledHelper(bundleDir, name, existsSync)).toBe(
        join(resources, 'app.asar.unpacked', 'dist', 'electron', `${name}.cjs`),
      );
  });

  it('flips the fuses electron-builder.yml asks for in the binary', async () => {
    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON);
  });
});
