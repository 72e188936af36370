import { spawn } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock.js';
import {
  journalFileName,
  listJournalFiles,
  listRuns,
} from '../../../electron/core/journal-files.js';
import { readAll, readRunStart } from '../../../electron/core/journal-reader.js';
import { Journal } from '../../../electron/core/journal.js';
import { readData, testRunStart } from '../../support/journal-entries.js';

const runStart = testRunStart;
const tempDir = (): string => mkdtempSync(join(tmpdir(), 'mbn-journal-'));

describe('journal', () => {
  it('stamps records with version, sequence, wall-clock and monotonic time and writes them as JSON Lines', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 2, 3, 4, 5));
    const journal = new Journal({ dir: tempDir(), clock, runStart });
    clock.advance(1500.25);
    journal.append(readData(1));
    journal.close();
    const { records, summary } = await readAll(journal.runDir);
    expect(summary.problems).toEqual([]);
    expect(records.map((r) => r.kind)).toEqual(['run-start', 'read-data']);
    expect(records[1]).toMatchObject({
      v: 2,
      seq: 2,
      mono: 1500.25,
      time: '2026-01-02T03:04:06.500Z',
    });
    const lines = readFileSync(listJournalFiles(journal.runDir)[0] ?? '', 'utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(2);
  });

  it('reads everything before a torn last line and says the last line was incomplete', async () => {
    const journal = new Journal({ dir: tempDir(), clock: new ManualClock(), runStart });
    for (let i = 0; i < 5; i++) journal.append(readData(i));
    journal.close();
    const file = listJournalFiles(journal.runDir)[0] ?? '';
    appendFileSync(file, '{"v":1,"seq":7,"time":"2026-');
    const { records, summary } = await readAll(journal.runDir);
    expect(records).toHaveLength(6);
    expect(summary.tornTail).toBe(true);
    expect(summary.problems[0]?.message).toMatch(/incomplete last line/);
  });

  it('reports a damaged line in the middle with its line number and keeps the lines around it', async () => {
    const dir = tempDir();
    const file = join(dir, 'log.jsonl');
    const good = (seq: number) =>
      JSON.stringify({
        v: 1,
        seq,
        time: '2026-01-01T00:00:00.000Z',
        mono: seq,
        kind: 'error',
        message: 'm',
        context: 'c',
      });
    writeFileSync(file, `${good(1)}\nthis is not json\n${good(3)}\n{"v":9,"seq":4}\n`);
    const { records, summary } = await readAll(file);
    expect(records.map((r) => r.seq)).toEqual([1, 3]);
    expect(summary.problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'not valid JSON'],
      [4, 'written by a newer version of the format (v9); this app reads v2'],
    ]);
  });

  it('keeps a bounded window in memory, rotates files by size, and pages older records back from disk', () => {
    const clock = new ManualClock();
    const journal = new Journal({
      dir: tempDir(),
      clock,
      runStart,
      windowSize: 100,
      maxFileBytes: 64 * 1024,
      maxFilesPerRun: 1000,
    });
    for (let i = 0; i < 5000; i++) journal.append(readData(i));
    expect(journal.recent()).toHaveLength(100);
    expect(journal.recent()[0]?.seq).toBe(4902);
    const page = journal.readPage(1000, 50);
    expect(page.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 1000 + i));
    expect(listJournalFiles(journal.runDir).length).toBeGreaterThan(3);
    journal.close();
  });

  // The next file could not be made (no room for it, too many files open): the journal went on
  // through the number of the file it had closed, and the next file the process opened got its
  // lines; then every flush threw. A folder in the next file's place makes the open fail the
  // same way.
  it('goes on in its own file when the next cannot be made, writing into no other', async () => {
    const journal = new Journal({
      dir: tempDir(),
      clock: new ManualClock(),
      runStart,
      maxFileBytes: 16 * 1024,
      maxFilesPerRun: 1000,
    });
    const said: string[] = [];
    journal.onRecord((record) => {
      if (record.kind === 'error') said.push(record.message);
    });
    const blocker = join(journal.runDir, journalFileName(2));
    mkdirSync(blocker);
    let i = 0;
    while (said.length === 0 && i < 1000) {
      journal.append(readData(i++));
      expect(() => journal.flush()).not.toThrow();
    }
    expect(said).toEqual([
      expect.stringMatching(
        /^The journal's next file, journal-000002\.jsonl, could not be made \(EEXIST.*\): it goes on in journal-000001\.jsonl, past its size limit, and tries again\.$/,
      ),
    ]);
    // Whatever the process opens next takes the lowest free number.
    const other = join(tempDir(), 'other.txt');
    const fd = openSync(other, 'w');
    journal.append(readData(i++));
    journal.flush();
    closeSync(fd);
    expect(statSync(other).size).toBe(0);
    // Said once, not at every flush.
    journal.append(readData(i++));
    journal.flush();
    expect(said).toHaveLength(1);
    // Once the file can be made, the journal rotates into it, every record kept, in order.
    rmdirSync(blocker);
    journal.append(readData(i++));
    journal.flush();
    journal.close();
    expect(listJournalFiles(journal.runDir).length).toBeGreaterThan(1);
    const { records, summary } = await readAll(journal.runDir);
    expect(summary.problems).toEqual([]);
    // The run-start, every entry and the one that said the file could not be made.
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: i + 2 }, (_, n) => n + 1));
  });

  it('deletes the oldest files beyond the limit, keeping the run identifiable through run.json', async () => {
    const journal = new Journal({
      dir: tempDir(),
      clock: new ManualClock(),
      runStart,
      maxFileBytes: 16 * 1024,
      maxFilesPerRun: 3,
    });
    for (let i = 0; i < 5000; i++) journal.append(readData(i));
    journal.close();
    const files = listJournalFiles(journal.runDir);
    expect(files.map((f) => f.slice(-20))).toHaveLength(3);
    expect(readRunStart(journal.runDir)?.backend.label).toBe('test');
    const { records } = await readAll(journal.runDir);
    expect(records.at(-1)?.seq).toBe(5001);
    expect(journal.readPage(1, 10)[0]?.seq).toBeGreaterThan(1);
  });

  it("keeps a kiosk's week by default: ten million events' worth of files stay", () => {
    // A file rotates at the first write past its size: 60 writes of 100 records, 60 files, past
    // the old cap of 32.
    const journal = new Journal({
      dir: tempDir(),
      clock: new ManualClock(),
      runStart,
      maxFileBytes: 1024,
    });
    for (let i = 0; i < 6000; i++) {
      journal.append(readData(i));
      if (i % 100 === 99) journal.flush();
    }
    journal.close();
    expect(listJournalFiles(journal.runDir).length).toBeGreaterThan(32);
    expect(journal.readPage(1, 1)[0]?.kind).toBe('run-start');
  });

  it('stays small on a quiet kiosk that writes every few records, and still pages back exactly', () => {
    const journal = new Journal({ dir: tempDir(), clock: new ManualClock(), runStart });
    // A write after every record, as the 50 ms flush does when events trickle in over a week.
    for (let i = 0; i < 20_000; i++) {
      journal.append(readData(i));
      journal.flush();
    }
    // About 100 bytes a record: 2 MB written, a few entries per MiB, not one per write.
    expect(journal.pageIndexEntries).toBeLessThan(100);
    for (const from of [1, 2, 777, 5000, 12_345, 19_980]) {
      const page = journal.readPage(from, 15);
      expect(page.map((r) => r.seq)).toEqual(Array.from({ length: 15 }, (_, i) => from + i));
    }
    journal.close();
  });

  it('gives the disk back when it runs low: the oldest files go, the newest are kept', async () => {
    let free = 10 * 1024 * 1024 * 1024;
    const journal = new Journal({
      dir: tempDir(),
      clock: new ManualClock(),
      runStart,
      maxFileBytes: 1024,
      minFreeBytes: 1024 * 1024 * 1024,
      freeBytes: () => free,
    });
    const write = (n: number): void => {
      for (let i = 0; i < n; i++) {
        journal.append(readData(i));
        if (i % 100 === 99) journal.flush();
      }
    };
    write(2000);
    expect(listJournalFiles(journal.runDir).length).toBeGreaterThan(4);
    // Another program fills the disk: from the next rotation on, the run shrinks to its newest.
    free = 100 * 1024 * 1024;
    write(400);
    journal.close();
    const files = listJournalFiles(journal.runDir);
    expect(files).toHaveLength(2);
    const { records } = await readAll(journal.runDir);
    expect(records.at(-1)?.seq).toBe(2401);
  });

  it('writes lines longer than its write buffer, in any script, whole and exactly as JSON', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 2, 3, 4, 5));
    const journal = new Journal({ dir: tempDir(), clock, runStart });
    // 3 bytes a character in UTF-8, plus 4-byte emoji and escapes: about 1.2 MB in one line.
    const message = `${'€'.repeat(400_000)} 😀 "quoted" \\ ${'日本'.repeat(1000)}`;
    for (let i = 0; i < 3; i++) journal.append({ kind: 'error', message, context: `c${i}` });
    journal.append(readData(7));
    journal.close();
    const text = listJournalFiles(journal.runDir)
      .map((file) => readFileSync(file, 'utf8'))
      .join('');
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(1, 4)).toEqual(
      [0, 1, 2].map(
        (i) =>
          `{"v":2,"seq":${i + 2},"time":"2026-01-02T03:04:05.000Z","mono":0,"kind":"error","message":${JSON.stringify(message)},"context":"c${i}"}`,
      ),
    );
    expect(JSON.parse(lines[4] ?? '')).toMatchObject({ seq: 5, kind: 'read-data', byteLength: 7 });
  });

  it('writes every short line as its stamp and then its entry, byte for byte, in any script', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 2, 3, 4, 5));
    const journal = new Journal({ dir: tempDir(), clock, runStart });
    const expected: string[] = [];
    // Thousands of short lines between flushes, so they share the write buffer: each one's
    // entry must start right after its stamp whatever the bytes of the lines before it.
    const texts = ['plain', 'Größe €', '日本語', 'emoji 😀', 'quote " and \\', 'tab\t'];
    for (let i = 0; i < 3000; i++) {
      clock.advance(0.125);
      const entry = {
        kind: 'error' as const,
        message: `${texts[i % texts.length] ?? ''} ${i}`,
        context: 'c',
      };
      const record = journal.append(entry);
      expected.push(
        `{"v":2,"seq":${record.seq},"time":"${record.time}","mono":${record.mono},"kind":"error","message":${JSON.stringify(entry.message)},"context":"c"}`,
      );
    }
    journal.close();
    const lines = listJournalFiles(journal.runDir)
      .map((file) => readFileSync(file, 'utf8'))
      .join('')
      .split('\n');
    expect(lines.slice(1, -1)).toEqual(expected);
    expect(lines.at(-1)).toBe('');
  });

  it('lists runs that started within the same second in the order they started', () => {
    const dir = tempDir();
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 0, 0, 0, 900));
    const runs = [0, 1, 2].map(() => {
      const journal = new Journal({ dir, clock, runStart });
      journal.close();
      clock.advance(30);
      return journal.runDir;
    });
    expect(listRuns(dir)).toEqual(runs);
  });

  it('survives kill -9 of the writing process, losing at most the last ~100 ms, and the next run leaves it readable', async () => {
    const dir = tempDir();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, '../../support/journal-writer-child.ts'), dir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const runDir = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
      child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
    });
    await new Promise((r) => setTimeout(r, 300));
    const killedAt = Date.now();
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const { records, summary } = await readAll(runDir);
    expect(records.length).toBeGreaterThan(100);
    // Every complete line is there, in order, with nothing but possibly a torn last line lost.
    expect(records.every((r, i) => r.seq === i + 1)).toBe(true);
    expect(summary.problems.filter((p) => !p.message.startsWith('incomplete last line'))).toEqual(
      [],
    );
    const lastWritten = Date.parse(records.at(-1)?.time ?? '');
    // The flush interval is 50 ms; allow scheduling slack on a loaded 2-core machine.
    expect(killedAt - lastWritten).toBeLessThan(250);

    const next = new Journal({ dir, clock: new ManualClock(), runStart });
    next.append(readData(1));
    next.close();
    expect(listRuns(dir)).toHaveLength(2);
    const previous = await readAll(runDir);
    expect(previous.records.length).toBe(records.length);
    expect(readdirSync(runDir)).toContain('run.json');
  });
});
