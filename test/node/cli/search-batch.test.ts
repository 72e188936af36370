/**
 * A batch of matches printed on a terminal (search-batch.ts): naming a match's modem may wait for
 * the names pass, which draws the progress line meanwhile. Seen on a week-long log: the first match
 * printed on the end of "Reading the log for the modems’ names … · 14% of 326.9 MB".
 */
import { describe, expect, it } from 'vitest';
import { printBatch } from '../../../electron/cli/search-batch.js';
import { searchProgressLine } from '../../../electron/cli/search-progress.js';

const ERASE = '\r\u001b[K';
const MB = 1024 * 1024;

/** stderr and stdout on one terminal, as a technician sees them. */
function terminal() {
  const writes: string[] = [];
  return { isTTY: true, columns: 200, writes, write: (text: string) => writes.push(text) };
}

/** What stays on the screen: each line as its last redraw left it. */
function screen(writes: readonly string[]): string[] {
  return writes
    .join('')
    .split('\n')
    .map((line) => line.split(ERASE).at(-1) ?? '')
    .filter((line) => line !== '');
}

describe('a batch of matches on a terminal', () => {
  it('prints each match on a line of its own when naming its modem waited for the names pass', async () => {
    const tty = terminal();
    let t = 0;
    const progress = searchProgressLine(tty, tty, () => t);
    progress.update({ indexing: false, matches: 0, doneBytes: 0, totalBytes: 300 * MB }, 'matches');
    await printBatch(
      ['#8  first match', '#9  second match'],
      async (hit) => {
        // The names pass reports while the match waits for its modem's name.
        t += 200;
        progress.update(
          { indexing: false, matches: 0, doneBytes: 42 * MB, totalBytes: 300 * MB },
          'names-awaited',
        );
        await Promise.resolve();
        return `${hit}\n`;
      },
      progress,
      (lines) => {
        tty.write(lines.join(''));
        return Promise.resolve();
      },
    );
    expect(screen(tty.writes)).toEqual(['#8  first match', '#9  second match']);
  });
});
