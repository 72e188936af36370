/**
 * Lines written to stdout at the pace its reader takes them, as `grep`'s are. Node queues in
 * memory whatever a pipe cannot take yet: `search … --json | less` (a reader paging slowly, or a
 * `(sleep 75; wc -c)`) held every match found meanwhile, 130 MB grown to 3.3 GB at ten million
 * events, and Ctrl+C then said millions of matches "were shown" when the reader had none. Each
 * write here waits until the stream can take more (its 'drain'), so the search waits with it and
 * memory stays flat; and only lines the stream has taken are counted as written, in pieces of
 * at most CHUNK_BYTES (a whole batch counted at its end said "0 written" of the 500 lines a
 * paused pipe had taken of it).
 */

/** Lines are handed to the stream in pieces of about this many bytes (Node's own buffer size). */
const CHUNK_BYTES = 16 * 1024;

/** What of stdout the writer needs (a stand-in in tests). */
export interface PacedStream {
  write(text: string, done: (error?: Error | null) => void): boolean;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
}

export interface PacedOutput {
  /**
   * Writes `lines` (each ending in its newline); resolves when the stream can take more, at once
   * while it can. Rejects with the signal's reason when it is aborted meanwhile (Ctrl+C, the
   * reader gone).
   */
  write(lines: readonly string[], signal: AbortSignal): Promise<void>;
  /** Lines the stream has taken (handed to the pipe, the file or the terminal), not queued. */
  written(): number;
}

export function pacedOutput(stream: PacedStream = process.stdout): PacedOutput {
  let written = 0;
  return {
    written: () => written,
    write: async (lines, signal) => {
      for (let i = 0; i < lines.length;) {
        let text = '';
        let n = 0;
        while (i < lines.length && (n === 0 || text.length < CHUNK_BYTES)) {
          text += lines[i++] ?? '';
          n += 1;
        }
        await writeOne(text, n, signal);
      }
    },
  };

  /** One piece of `lines` lines; waits while the stream can take no more. */
  async function writeOne(text: string, lines: number, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    const more = stream.write(text, (error) => {
      if (!error) written += lines;
    });
    if (more) return;
    await new Promise<void>((resolve, reject) => {
      const settle = (): void => {
        stream.off('drain', drained);
        stream.off('close', drained);
        signal.removeEventListener('abort', aborted);
      };
      const drained = (): void => {
        settle();
        resolve();
      };
      const aborted = (): void => {
        settle();
        reject(signal.reason as Error);
      };
      stream.once('drain', drained);
      // Closed under the write (its reader gone): nothing to wait for; the command hears why.
      stream.once('close', drained);
      signal.addEventListener('abort', aborted, { once: true });
    });
  }
}
