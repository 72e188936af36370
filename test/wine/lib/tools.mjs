// Finds the cross toolchain and Wine. Missing pieces are reported in plain words, so the suite can
// say LOUDLY what it did not run.
import { spawnSync } from 'node:child_process';

export const MINGW_GXX = 'x86_64-w64-mingw32-g++';
export const MINGW_DLLTOOL = 'x86_64-w64-mingw32-dlltool';

function which(command) {
  const r = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** null when everything is there, else what is missing and how to get it. */
export function missingTools() {
  const missing = [MINGW_GXX, MINGW_DLLTOOL, 'wine', 'wineserver'].filter((c) => !which(c));
  if (!missing.length) return null;
  return (
    `${missing.join(', ')} not found. On Debian/Ubuntu: ` +
    'apt-get install -y g++-mingw-w64-x86-64-posix wine64 wine'
  );
}

export function compilerVersion() {
  const r = spawnSync(MINGW_GXX, ['--version'], { encoding: 'utf8' });
  return r.stdout.split('\n')[0] ?? '';
}
