/**
 * Builds wasm/line-scan.ts (AssemblyScript) into electron/core/line-scan-wasm.ts, the module's bytes
 * as base64 in a TypeScript module: every bundle (main, CLI, the index helper thread) and every test
 * then loads it with no file of its own to ship or find. The generated file is committed, so neither
 * the app nor its tests need the compiler; a unit test builds it again and fails when it is stale.
 *
 *   node scripts/build-wasm.mjs           write the module
 *   node scripts/build-wasm.mjs --print   print the module (what the freshness test compares)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { wasmModuleSource } from './wasm-module.mjs';

const out = fileURLToPath(new URL('../electron/core/line-scan-wasm.ts', import.meta.url));
const source = await wasmModuleSource();
if (process.argv.includes('--print')) process.stdout.write(source);
else writeFileSync(out, source);
