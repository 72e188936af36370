#!/usr/bin/env node
/**
 * `npm run package:win`: the Windows package, with the native addon it ships built first.
 *
 * 1. Refuses to run anywhere but Windows: the addon is built with MSVC and the Windows SDK's
 *    mbnapi.h / mbnapi_uuid.lib, which only exist there.
 * 2. Builds native/ with node-gyp for the Electron version this project pins (its headers, its
 *    delay-load hook for electron.exe), using the MSVC flags in native/binding.gyp.
 * 3. Fails unless native/build/Release/mbn_diag.node is a fresh Windows DLL, so a package that
 *    could only ever run the simulator is never made by accident.
 * 4. Builds the app bundles, runs electron-builder for Windows x64, and checks the addon landed
 *    outside the asar archive (electron-builder.yml: asarUnpack).
 *
 * Options: --skip-builder (stop after step 3), --arch=x64|arm64 (default x64).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, openSync, readFileSync, readSync, closeSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ADDON = join(ROOT, 'native', 'build', 'Release', 'mbn_diag.node');
const args = new Set(process.argv.slice(2));
const arch = [...args].find((a) => a.startsWith('--arch='))?.slice('--arch='.length) ?? 'x64';

function fail(message) {
  console.error(`package-win: ${message}`);
  process.exit(1);
}

function run(command, commandArgs) {
  console.log(`package-win: ${command} ${commandArgs.join(' ')}`);
  const r = spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit', shell: true });
  if (r.status !== 0)
    fail(`${command} ${commandArgs[0] ?? ''} failed (exit ${r.status ?? r.signal}).`);
}

/** The Electron version the app ships with: the installed one, else the exact pin. */
export function electronVersion(root = ROOT) {
  const installed = join(root, 'node_modules', 'electron', 'package.json');
  if (existsSync(installed)) return JSON.parse(readFileSync(installed, 'utf8')).version;
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const pinned = pkg.devDependencies?.electron;
  if (typeof pinned !== 'string' || !/^\d+\.\d+\.\d+$/.test(pinned)) {
    throw new Error(`package.json must pin an exact electron version (found ${String(pinned)})`);
  }
  return pinned;
}

/** A PE image ("MZ" header): what MSVC's link.exe makes, not a stale text file or an ELF. */
function isWindowsDll(path) {
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(2);
  readSync(fd, head, 0, 2, 0);
  closeSync(fd);
  return head.toString('latin1') === 'MZ';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.platform !== 'win32') {
    fail(
      `must run on Windows with MSVC (Visual Studio Build Tools, "Desktop development with C++", ` +
        `Spectre-mitigated libraries and a Windows SDK): the addon cannot be built on ${process.platform}, ` +
        'and a package without it could only run the simulator.',
    );
  }
  const version = electronVersion();
  const started = Date.now();
  run('npx', [
    'node-gyp',
    'rebuild',
    '--directory',
    'native',
    '--runtime=electron',
    `--target=${version}`,
    '--dist-url=https://electronjs.org/headers',
    `--arch=${arch}`,
  ]);
  if (!existsSync(ADDON)) fail(`the MSVC build made no ${ADDON}.`);
  if (statSync(ADDON).mtimeMs < started) fail(`${ADDON} is older than this build: not rebuilt.`);
  if (!isWindowsDll(ADDON)) fail(`${ADDON} is not a Windows DLL.`);
  console.log(`package-win: addon built for Electron ${version} (${arch}): ${ADDON}`);
  if (args.has('--skip-builder')) process.exit(0);

  run('npm', ['run', 'build']);
  run('npx', ['electron-builder', '--win', `--${arch}`, '--publish', 'never']);
  const unpacked = join(
    ROOT,
    'release',
    arch === 'x64' ? 'win-unpacked' : `win-${arch}-unpacked`,
    'resources',
    'app.asar.unpacked',
    'native',
    'build',
    'Release',
    'mbn_diag.node',
  );
  if (!existsSync(unpacked)) fail(`the package has no addon at ${unpacked}.`);
  console.log('package-win: done; the package carries the MSVC-built addon.');
}
