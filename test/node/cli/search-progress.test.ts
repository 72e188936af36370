/**
 * The search's progress line on a terminal (search-progress.ts), drawn on a stand-in for stderr
 * with a clock the test moves: what is drawn, when it is redrawn, and that it is erased before
 * matches reach the same terminal and at the end.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchProgressLine } from '../../../electron/cli/search-progress.js';

const ERASE = '\r\u001b[K';
const MB = 1024 * 1024;

function terminal(isTTY = true, columns = 100) {
  const writes: string[] = [];
  return { isTTY, columns, writes, write: (text: string) => writes.push(text) };
}

const counts = (done: number, matches = 0, indexing = false) => ({
  indexing,
  matches,
  doneBytes: done * MB,
  totalBytes: 300 * MB,
});

describe('the search progress line', () => {
  it("says a first search is indexing the log, then how many matches so far, in the window's words", () => {
    const err = terminal();
    let t = 0;
    const line = searchProgressLine(err, { isTTY: true }, () => t);
    line.update(counts(0, 0, true), 'names');
    t = 150;
    line.update(counts(120, 2), 'matches');
    expect(err.writes).toEqual([
      `${ERASE}Indexing the log to search it (once per log) · 0% of 300.0 MB`,
      `${ERASE}2 matches so far · 40% of 300.0 MB searched`,
    ]);
  });

  // --all-runs searches each run of a folder with its own index and size: "40%" alone, going back
  // to 0 as the next run began, read as a search starting over.
  it('names the run being searched, of a folder searched run by run', () => {
    const err = terminal();
    const line = searchProgressLine(err, { isTTY: true }, () => 0);
    line.inRun('run 3 of 7');
    line.update(counts(120, 2), 'matches');
    expect(err.writes).toEqual([
      `${ERASE}Run 3 of 7 · 2 matches so far · 40% of 300.0 MB searched`,
    ]);
  });

  // Newest first, its count whole: left at 100% of the first read while the newest were read again
  // from where they begin, the line said nothing of it.
  it('says the newest are being taken, of every match counted, as the bar goes again', () => {
    const err = terminal();
    let t = 0;
    const line = searchProgressLine(err, { isTTY: true }, () => t);
    line.update(counts(300, 142_310), 'matches');
    t = 150;
    line.update({ ...counts(270, 142_310), newest: 1000 }, 'matches');
    expect(err.writes).toEqual([
      `${ERASE}142,310 matches so far · 100% of 300.0 MB searched`,
      `${ERASE}142,310 matches · taking the newest 1,000 · 90% of 300.0 MB`,
    ]);
  });

  // The names pass runs unseen beside the search; a match waiting for its modem's name says why.
  it('says when a match waits for the pass that learns the modems’ names, and only then', () => {
    const err = terminal();
    let t = 0;
    const line = searchProgressLine(err, { isTTY: true }, () => t);
    line.update(counts(30), 'names');
    t = 150;
    line.update(counts(60), 'names-awaited');
    expect(err.writes).toEqual([
      `${ERASE}Reading the log for the modems’ names, to name the matches · 20% of 300.0 MB`,
    ]);
  });

  it("says a bundle's log is unpacked first, and its index is not kept past the search", () => {
    const err = terminal();
    let t = 0;
    const line = searchProgressLine(err, { isTTY: true }, () => t);
    line.unpacking();
    t = 150;
    line.update(counts(30, 0, true), 'names');
    expect(err.writes).toEqual([
      `${ERASE}Unpacking the bundle’s log to search it…`,
      `${ERASE}Indexing the log to search it · 10% of 300.0 MB`,
    ]);
  });

  it('draws nothing for the quick pass that finds the modems through an index', () => {
    const err = terminal();
    const line = searchProgressLine(err, { isTTY: true }, () => 0);
    line.update(counts(100), 'names');
    line.clear();
    expect(err.writes).toEqual([]);
  });

  it('redraws at most every 100 ms however often the search reports', () => {
    const err = terminal();
    let t = 0;
    const line = searchProgressLine(err, { isTTY: true }, () => t);
    for (; t < 250; t += 10) line.update(counts(t / 10), 'matches');
    expect(err.writes).toHaveLength(3);
  });

  it('is erased before matches printed to the same terminal, and left when they go elsewhere', async () => {
    const shared = terminal();
    const same = searchProgressLine(shared, { isTTY: true }, () => 0);
    same.update(counts(10), 'matches');
    await same.output(async () => {});
    expect(shared.writes.at(-1)).toBe(ERASE);

    const apart = terminal();
    const piped = searchProgressLine(apart, { isTTY: false }, () => 0);
    piped.update(counts(10), 'matches');
    await piped.output(async () => {});
    expect(apart.writes).toHaveLength(1);
    // The search's end erases it either way, before the summary is printed.
    piped.clear();
    expect(apart.writes.at(-1)).toBe(ERASE);
  });

  it('is not redrawn while matches are being written to the same terminal', async () => {
    const err = terminal();
    let t = 0;
    const line = searchProgressLine(err, { isTTY: true }, () => t);
    await line.output(async () => {
      // The write waits for the terminal; the search and the names pass report meanwhile.
      await Promise.resolve();
      t = 500;
      line.update(counts(60), 'names-awaited');
      line.update(counts(60, 3), 'matches');
      err.write('#8  a match\n');
    });
    expect(err.writes).toEqual(['#8  a match\n']);
    line.update(counts(90, 3), 'matches');
    expect(err.writes.at(-1)).toBe(`${ERASE}3 matches so far · 30% of 300.0 MB searched`);
  });

  it('writes nothing when stderr is not a terminal', async () => {
    const err = terminal(false);
    const line = searchProgressLine(err, { isTTY: true }, () => 0);
    line.update(counts(0, 0, true), 'names');
    line.update(counts(10, 1), 'matches');
    await line.output(async () => {});
    line.clear();
    expect(err.writes).toEqual([]);
  });

  it('keeps within a narrow terminal, since a line that wraps cannot be redrawn in place', () => {
    const err = terminal(true, 40);
    searchProgressLine(err, { isTTY: true }, () => 0).update(counts(0, 0, true), 'names');
    expect(err.writes[0]).toBe(`${ERASE}Indexing the log to search it (once per`);
  });

  // `search … | less` or `| grep` on a terminal: the reader writes to the terminal the line is
  // drawn on, and the line landed in its output ("…% of 3.2 GB searched#2240258 …").
  it('writes nothing when the matches go to a pipe, and goes on when they go to a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbn-progress-'));
    try {
      const fifo = join(dir, 'pipe');
      execFileSync('mkfifo', [fifo]);
      // Read and write: a FIFO opened so does not wait for the other end.
      const pipe = openSync(fifo, 'r+');
      const file = openSync(join(dir, 'hits.txt'), 'w');
      try {
        const toPipe = terminal();
        searchProgressLine(toPipe, { isTTY: false, fd: pipe }, () => 0).update(
          counts(10, 1),
          'matches',
        );
        expect(toPipe.writes).toEqual([]);
        const toFile = terminal();
        searchProgressLine(toFile, { isTTY: false, fd: file }, () => 0).update(
          counts(10, 1),
          'matches',
        );
        expect(toFile.writes).toEqual([`${ERASE}1 match so far · 3% of 300.0 MB searched`]);
      } finally {
        closeSync(pipe);
        closeSync(file);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
