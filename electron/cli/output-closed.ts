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

/** Installed once by the bin: EPIPE on stdout becomes "stop", any other error stays an error. */
export function stopWhenOutputCloses(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // Once closed, later writes fail too (the stream is destroyed): nobody is there to read them.
    if (closed) return;
    if (error.code !== 'EPIPE') throw error;
    closed = true;
    for (const stop of [...listeners]) stop();
  });
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
