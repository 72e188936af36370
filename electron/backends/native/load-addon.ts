/**
 * Finds and loads `mbn_diag.node`. The path is computed at run time and loaded with a `require`
 * made by `createRequire`, so bundlers (esbuild for the CLI and the main process) leave the
 * native file alone instead of trying to inline it.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddonModule } from './addon-types.js';

const RELATIVE = join('native', 'build', 'Release', 'mbn_diag.node');

/** Where to look, in order: an explicit path, MBN_DIAG_ADDON, then the packaged and dev layouts. */
function addonCandidates(explicit?: string): string[] {
  if (explicit) return [resolve(explicit)];
  const fromEnv = process.env.MBN_DIAG_ADDON;
  if (fromEnv) return [resolve(fromEnv)];
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  const candidates: string[] = [];
  // Electron packages native files outside the asar archive.
  const resources = (process as { resourcesPath?: unknown }).resourcesPath;
  if (typeof resources === 'string')
    candidates.push(join(resources, 'app.asar.unpacked', RELATIVE));
  candidates.push(
    join(here, '..', '..', '..', RELATIVE), // electron/backends/native (development)
    join(here, '..', '..', RELATIVE), // dist/cli, dist/electron (bundles)
    join(here, '..', RELATIVE),
    join(process.cwd(), RELATIVE),
  );
  return candidates;
}

export type LoadResult =
  { ok: true; path: string; addon: AddonModule } | { ok: false; reason: string };

function isAddonModule(value: unknown): value is AddonModule {
  if (typeof value !== 'object' || value === null || !('platformSupported' in value)) return false;
  if (value.platformSupported === false) return true;
  return (
    value.platformSupported === true &&
    'MbnClient' in value &&
    typeof value.MbnClient === 'function' &&
    'counters' in value &&
    typeof value.counters === 'function'
  );
}

export function loadAddon(explicit?: string): LoadResult {
  const candidates = addonCandidates(explicit);
  const path = candidates.find((p) => existsSync(p));
  if (!path) {
    return {
      ok: false,
      reason: `The native MBN addon is not built (looked for ${candidates.join(', ')}).`,
    };
  }
  let loaded: unknown;
  try {
    loaded = createRequire(path)(path);
  } catch (error) {
    return {
      ok: false,
      reason: `The native MBN addon at ${path} could not be loaded: ${(error as Error).message}`,
    };
  }
  if (!isAddonModule(loaded)) {
    return { ok: false, reason: `${path} is not the mbn-diag addon (unexpected exports).` };
  }
  return { ok: true, path, addon: loaded };
}
