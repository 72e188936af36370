// `npm start`: builds main, preload and renderer, then runs the app in Electron where its binary
// is installed. Where it is not (CI machines, this container), it says so in one line and runs the
// browser preview instead: the same renderer against the same main-process handlers.
// `npm run preview` (--preview) goes straight to the preview.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const previewOnly = process.argv.includes('--preview');
const passThrough = process.argv.slice(2).filter((a) => a !== '--preview');

export function electronBinary(root = process.cwd()) {
  const dir = join(root, 'node_modules', 'electron');
  try {
    const relative = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const binary = join(dir, 'dist', relative);
    return relative && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const build = spawn(process.execPath, ['scripts/build.mjs', 'electron', 'renderer'], {
  stdio: 'inherit',
});
build.on('exit', (code) => {
  if (code !== 0) process.exit(code ?? 1);
  const binary = previewOnly ? null : electronBinary();
  if (binary) return run(binary, ['.', ...passThrough]);
  if (!previewOnly)
    console.log(
      'Electron is not installed here (no node_modules/electron/dist binary): serving the browser preview instead.',
    );
  run(process.execPath, ['--import', 'tsx', 'electron/preview/cli.ts', ...passThrough]);
});
