/**
 * One batch of `mbn-diag search`'s matches printed. Each match's line is made first: naming its
 * modem may wait for the pass that learns the modems' names, and that pass draws the progress line
 * meanwhile ("Reading the log for the modems’ names…"). Only then is the line erased and the batch
 * written: erased before the waiting, the line was drawn again and the first match printed on its
 * end, on a terminal.
 */
import type { SearchProgressLine } from './search-progress.js';

export async function printBatch<Hit>(
  hits: readonly Hit[],
  lineOf: (hit: Hit) => Promise<string>,
  progress: Pick<SearchProgressLine, 'output'>,
  write: (lines: readonly string[]) => Promise<void>,
): Promise<void> {
  const lines: string[] = [];
  for (const hit of hits) lines.push(await lineOf(hit));
  await progress.output(() => write(lines));
}
