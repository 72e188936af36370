/**
 * The reader of stdout went away: `mbn-diag search log | head`, or `watch` piped into a pager
 * that was quit. Node reports it as an EPIPE error on stdout, and unhandled that ended the
 * process with a stack trace, in the middle of whatever it was doing: saving a log's index (a
 * `.tmp` file left beside the user's log) or writing a journal (a run left as if crashed). As
 * `grep` and `cat` do, the command stops quietly instead: what is running hears it and ends
 * the way Ctrl+C ends it, cleaning up after itself.
 */
const listeners = new Set<() => void>();
let closed = false;
let failure: string | null = null;

/**
 * Installed once by the bin: EPIPE on stdout becomes "stop". Any other write error (a full disk
 * under `search … > hits`) stops the command too, and is said in one line when it ends
 * (`outputFailure`): thrown, it ended the process with a stack trace and exit 1, which a search
 * means as "no matches", so a script read a full disk as "no failures".
 */
export function stopWhenOutputCloses(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // Once closed, later writes fail too (the stream is destroyed): nobody is there to read them.
    if (closed) return;
    if (error.code !== 'EPIPE') failure = error.message;
    closed = true;
    for (const stop of [...listeners]) stop();
  });
}

/** Why the output could not be written (other than its reader going away), or null. */
export function outputFailure(): string | null {
  return failure;
}

/** Calls `stop` when stdout's reader goes away (at once if it already has); returns the removal. */
export function onOutputClosed(stop: () => void): () => void {
  if (closed) {
    stop();
    return () => undefined;
  }
  listeners.add(stop);
  return () => listeners.delete(stop);
}
