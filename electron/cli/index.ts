/** Entry point of the `mbn-diag` bin (bundled to dist/cli/mbn-diag.cjs). */
import { runCli } from './main.js';
import { stopWhenOutputCloses } from './output-closed.js';
import { safeLines } from './terminal-text.js';

stopWhenOutputCloses();
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `mbn-diag: ${safeLines(error instanceof Error ? error.message : String(error))}\n`,
    );
    process.exitCode = 1;
  },
);
