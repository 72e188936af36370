/**
 * Builds each AssemblyScript module of wasm/ (scripts/wasm-module.mjs lists them) into its
 * TypeScript module in electron/core/, the module's bytes as base64: every bundle (main, the CLI,
 * the helper threads) and every test then loads it with no file of its own to ship or find. The
 * generated files are committed, so neither the app nor its tests need the compiler; a unit test
 * builds them again and fails when one is stale.
 *
 *   node scripts/build-wasm.mjs                 write the modules
 *   node scripts/build-wasm.mjs --print <out>   print one (what the freshness test compares)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WASM_MODULES, wasmModuleSource } from './wasm-module.mjs';

const print = process.argv.indexOf('--print');
for (const module of WASM_MODULES) {
  if (print !== -1 && process.argv[print + 1] !== module.out) continue;
  const source = await wasmModuleSource(module);
  if (print !== -1) process.stdout.write(source);
  else
    writeFileSync(
      fileURLToPath(new URL(`../electron/core/${module.out}`, import.meta.url)),
      source,
    );
}
