/** Entry point of the `mbn-diag` bin (bundled to dist/cli/mbn-diag.cjs). */
import { runCli } from './main.js';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mbn-diag: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
