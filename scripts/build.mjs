// Builds everything that runs from dist/: each file in scripts/build/ is one independent step
// (CLI bundle, Electron main and preload, renderer), run in name order.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), 'build');
const only = process.argv.slice(2);
for (const file of readdirSync(here)
  .filter((f) => /^\d+-.*\.mjs$/.test(f))
  .sort()) {
  const name = file.replace(/^\d+-/, '').replace(/\.mjs$/, '');
  if (only.length && !only.includes(name)) continue;
  const started = Date.now();
  const step = await import(pathToFileURL(join(here, file)).href);
  await step.default();
  console.log(`built ${name} in ${Date.now() - started} ms`);
}
