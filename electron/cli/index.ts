/** Entry point of the `mbn-diag` bin (bundled to dist/cli/mbn-diag.cjs). */
import { EXIT } from './exit-codes.js';
import { runCli } from './main.js';
import { outputFailure, stopWhenOutputCloses } from './output-closed.js';
import { safeLines } from './terminal-text.js';

const STOPPED_BY_SIGNAL = new Set<number>([EXIT.interrupted, EXIT.terminated, EXIT.hungUp]);

stopWhenOutputCloses();
// What was written is not all there: an error, as grep's 2, whatever the command found. Said at
// exit: a write fails after the command has ended as often as before (`devices > /dev/full`).
process.on('exit', () => {
  const failure = outputFailure();
  if (failure === null) return;
  process.stderr.write(`mbn-diag: the output could not be written: ${safeLines(failure)}\n`);
  process.exitCode = EXIT.usage;
});
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Stopped by Ctrl+C (a signal) with lines still queued for a reader that is not reading
    // (`search … | less` left paging): Node would wait for that reader before exiting, holding the
    // process until a second Ctrl+C. Nothing more is wanted of a stopped command: it ends now.
    if (STOPPED_BY_SIGNAL.has(code) && process.stdout.writableLength > 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(
      `mbn-diag: ${safeLines(error instanceof Error ? error.message : String(error))}\n`,
    );
    process.exitCode = 1;
  },
);
