// `npm run typecheck`: every TypeScript program the project has, as many at once as there are
// cores, and every failure shown (not just the first). Four programs cover every file:
// test/renderer/tsconfig.json and test/electron/tsconfig.json (kept for editors) extend
// renderer/tsconfig.json and test/e2e/tsconfig.json without changing an option, and those two
// already include their files, so checking them again would find nothing new.
// shared/ is checked on its own too: with no Node and no DOM types, as both runtimes need it.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

// Longest first, so two cores finish together.
const PROJECTS = [
  'tsconfig.json',
  'test/e2e/tsconfig.json',
  'renderer/tsconfig.json',
  'shared/tsconfig.json',
];

/** Runs tsc on one project; its output is printed in one piece when it ends. */
function check(project) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npx', ['tsc', '-p', project, '--noEmit', '--pretty', 'false'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`cannot start tsc: ${error.message}\n`)));
    child.on('close', (code) => {
      const ok = code === 0;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(Buffer.concat(output));
      console.log(`tsc -p ${project}: ${ok ? 'ok' : 'FAILED'} in ${seconds} s`);
      resolve(ok);
    });
  });
}

const queue = [...PROJECTS];
const results = [];
const worker = async () => {
  for (let project = queue.shift(); project; project = queue.shift()) {
    results.push(await check(project));
  }
};
const workers = Math.max(1, Math.min(availableParallelism(), PROJECTS.length));
await Promise.all(Array.from({ length: workers }, worker));
process.exitCode = results.every(Boolean) ? 0 : 1;
