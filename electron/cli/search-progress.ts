/**
 * `mbn-diag search` on a terminal: how far the search has got, on one line of stderr redrawn in
 * place ("Indexing the log to search it (once per log) · 41% of 2.9 GB", then "3 matches so far ·
 * 80% of 2.9 GB searched"), the window's words. A week-long log's first search builds its index
 * for seconds, and a search reads on past its last match: without this the terminal sat silent,
 * and a technician could not tell a slow search from a hung one (Ctrl+C stops either).
 *
 * Nothing is drawn when stderr is not a terminal. When the matches go to the same terminal, the
 * line is erased right before each batch of them is printed and not redrawn until the batch is
 * written, so no match line is ever mixed with it.
 */
import { fstatSync } from 'node:fs';
import {
  bundleUnpackingWords,
  searchPercent,
  searchProgressWords,
  type SearchProgressCounts,
} from '../../shared/search-words.js';
import { formatBytes } from '../../shared/format-bytes.js';
import { ThrottledLine, type LineOut } from './line-in-place.js';

/** Redrawn at most this often: a search reports every few buckets, far more often. */
const REDRAW_MS = 100;

/**
 * Which pass of the command reports: the search itself, or the pass beside it that learns the
 * modems' names (names-as-learnt.ts); `names-awaited` when a match waits for that pass to name its
 * modem, and nothing else moves meanwhile.
 */
type SearchPass = 'names' | 'names-awaited' | 'matches';

export interface SearchProgressLine {
  /**
   * The log is a bundle's, unpacked to a temporary copy first: said at once, and the copy's index
   * (gone with it at the end) is not called "once per log".
   */
  unpacking: () => void;
  update: (counts: SearchProgressCounts, pass: SearchPass) => void;
  /**
   * With --all-runs: the run being searched ("run 3 of 7"), said before the words, since the
   * percent is of that run (each has its own index and size).
   */
  inRun: (words: string) => void;
  /**
   * Prints matches through `write`: the line is erased first when they go to the same terminal,
   * and nothing is drawn until `write` is done. Called once the matches' words are ready: erased
   * before the matches waited for their modems' names, the line was drawn again meanwhile
   * ("Reading the log for the modems’ names…") and the first match printed on its end.
   */
  output: (write: () => Promise<void>) => Promise<void>;
  /** The search ended or was stopped: erased, before the summary or the error is printed. */
  clear: () => void;
}

/** A match waits for its modem's name: what the command reads meanwhile, and how far it is. */
function namesWords(counts: SearchProgressCounts): string {
  return `Reading the log for the modems’ names, to name the matches · ${String(searchPercent(counts))}% of ${formatBytes(counts.totalBytes)}`;
}

interface Terminal extends LineOut {
  isTTY?: boolean;
}

/**
 * Whether stdout is a pipe or socket (`| less`, `| grep`): its reader writes to the terminal the
 * progress line is drawn on, and the line landed in its output ("…% of 3.2 GB searched#2240258 …")
 * or over less's prompt. Redirected to a file, the line is the only sign of life, and stays.
 */
function isPipe(out: { fd?: number }): boolean {
  if (out.fd === undefined) return false;
  try {
    const stat = fstatSync(out.fd);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}

export function searchProgressLine(
  err: Terminal = process.stderr,
  out: Pick<Terminal, 'isTTY'> & { fd?: number } = process.stdout,
  now: () => number = () => performance.now(),
): SearchProgressLine {
  const silent = {
    unpacking: () => {},
    update: () => {},
    inRun: () => {},
    output: (write: () => Promise<void>) => write(),
    clear: () => {},
  };
  if (!err.isTTY || (!out.isTTY && isPipe(out))) return silent;
  const line = new ThrottledLine(err, REDRAW_MS, now);
  let indexKept = true;
  /** Matches are being written: a redraw now would land among them. */
  let writing = false;
  let run = '';
  return {
    unpacking: () => {
      indexKept = false;
      line.draw(bundleUnpackingWords(false));
    },
    update: (counts, pass) => {
      // The names pass runs unseen beside the search, unless it builds the log's index first (the
      // search waits for that) or a match waits for it to name the match's modem.
      if (pass === 'names' && !counts.indexing) return;
      if (writing || !line.due()) return;
      line.draw(
        run +
          (pass === 'names-awaited' && !counts.indexing
            ? namesWords(counts)
            : searchProgressWords(counts, indexKept)),
      );
    },
    inRun: (words) => {
      run = `${words[0]?.toUpperCase() ?? ''}${words.slice(1)} · `;
    },
    output: async (write) => {
      if (!out.isTTY) return write();
      line.erase();
      writing = true;
      try {
        await write();
      } finally {
        writing = false;
      }
    },
    clear: () => line.erase(),
  };
}
