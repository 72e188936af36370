/**
 * A line longer than any record (a damaged file, a zip bomb of one 2 GiB line) is reported as
 * damaged and skipped in one pass, and a cancel is heard inside it. Before, every chunk re-copied
 * the unfinished line: a 200 MB line took 82 s and 1.27 GB, and Ctrl+C waited for its end.
 */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { readAll } from '../../../electron/core/journal-reader.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { ExportError } from '../../../electron/core/export/export-error.js';
import {
  newReadState,
  recordsFromChunks,
  type LocatedRecord,
} from '../../../electron/core/export/line-records.js';
import { allRecords, openLog } from '../../../electron/core/export/open-log.js';
import { APP, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);

const RECORD = (seq: number): string =>
  JSON.stringify({
    v: 1,
    seq,
    time: '2026-11-24T08:30:00.000Z',
    mono: seq,
    kind: 'error',
    message: 'm',
    context: 'c',
  });

/** `count` chunks of `size` bytes of one endless line, made on the fly (nothing on disk). */
async function* endlessLine(size: number, count: number, before: string, after: string) {
  yield Buffer.from(before);
  const filler = Buffer.alloc(size, 0x78);
  for (let i = 0; i < count; i++) yield await Promise.resolve(filler);
  yield Buffer.from(after);
}

async function collect(chunks: AsyncIterable<Buffer>, signal?: AbortSignal) {
  const state = newReadState();
  const records: LocatedRecord[] = [];
  for await (const batch of recordsFromChunks(chunks, 'log.jsonl', state, undefined, signal))
    records.push(...batch);
  return { records, state };
}

describe('a line longer than any record', () => {
  it('is skipped as damaged in one pass, and the records around it are read', async () => {
    // 256 MiB in 64 KiB chunks: re-copying the unfinished line per chunk would copy 512 GiB.
    const { records, state } = await collect(
      endlessLine(64 * 1024, 4096, `${RECORD(1)}\n{"v":1,`, `\n${RECORD(3)}\n`),
    );
    expect(records.map((r) => [(r.record as JournalRecord).seq, r.line])).toEqual([
      [1, 1],
      [3, 3],
    ]);
    expect(state.problems).toEqual([
      { file: 'log.jsonl', line: 2, message: expect.stringMatching(/longer than 1 MiB/) },
    ]);
    // Offsets stay exact after the skipped line, so the paged index can come back to them.
    expect(records[1]?.offset).toBe(RECORD(1).length + 1 + 7 + 64 * 1024 * 4096 + 1);
  });

  it('hears a cancel within one chunk, even if the line never ends', async () => {
    const controller = new AbortController();
    async function* forever() {
      const filler = Buffer.alloc(1024 * 1024, 0x78);
      for (let n = 0; ; n++) {
        if (n === 50) controller.abort();
        yield await Promise.resolve(filler);
      }
    }
    await expect(collect(forever(), controller.signal)).rejects.toThrow(/abort/i);
  });

  it('at the end of a file, reads as a torn tail in the saved-log view and in journal reading', async () => {
    const file = join(tempDir(), 'huge.jsonl');
    writeFileSync(file, `${RECORD(1)}\n${RECORD(2)}\n{"v":${'9'.repeat(3 * 1024 * 1024)}`);
    const log = await openLog(file);
    const seqs: number[] = [];
    for await (const r of allRecords(log)) seqs.push(r.seq);
    log.close();
    expect(seqs).toEqual([1, 2]);
    expect(log.tornTail).toBe(true);
    expect(log.problems.map((p) => p.line)).toEqual([3]);

    const read = await readAll(file);
    expect(read.records.map((r) => r.seq)).toEqual([1, 2]);
    expect(read.summary.problems.map((p) => [p.line, p.message])).toEqual([
      [3, expect.stringMatching(/longer than 1 MiB/)],
    ]);
  });

  it('in the middle of a file, is listed with its line number and the rest is exported', async () => {
    const dir = tempDir();
    const file = join(dir, 'middle.jsonl');
    writeFileSync(file, `${RECORD(1)}\n"${'y'.repeat(2 * 1024 * 1024)}"\n${RECORD(3)}\n`);
    const result = await exportFromPath({
      source: file,
      format: 'csv',
      destination: join(dir, 'out.csv'),
      app: APP,
    });
    expect(result.records).toBe(2);
    expect(result.problems.map((p) => p.line)).toEqual([2]);
  });

  it('a damaged line quoting a huge field is listed in a few words, not copied into the report', async () => {
    // 50 lines of 400 kB "kinds": before, each problem quoted its kind whole, and the report of
    // two records was 20 MB of "Reading problems" (a bundle of 250 such lines ran out of memory).
    const dir = tempDir();
    const file = join(dir, 'huge-kinds.jsonl');
    const bad = (seq: number): string =>
      JSON.stringify({ ...JSON.parse(RECORD(seq)), kind: 'k'.repeat(400_000) });
    const lines = [RECORD(1), ...Array.from({ length: 50 }, (_, i) => bad(i + 2)), RECORD(52)];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const destination = join(dir, 'out.html');
    const result = await exportFromPath({ source: file, format: 'html', destination, app: APP });
    expect(result.records).toBe(2);
    expect(result.problems).toHaveLength(50);
    expect(result.problems[0]?.message).toMatch(/^unknown record kind "k+…"$/);
    expect(Math.max(...result.problems.map((p) => p.message.length))).toBeLessThan(200);
    expect(statSync(destination).size).toBeLessThan(1024 * 1024);
  });

  it('a damaged line whose kind is nested 200,000 deep is listed, and the records after it are read', async () => {
    // Before, quoting that kind overflowed the stack: "the rest could not be read".
    const dir = tempDir();
    const file = join(dir, 'deep-kind.jsonl');
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const bad = RECORD(2).replace('"kind":"error"', `"kind":${deep}`);
    writeFileSync(file, `${RECORD(1)}\n${bad}\n${RECORD(3)}\n${RECORD(4)}\n`);
    const result = await exportFromPath({
      source: file,
      format: 'csv',
      destination: join(dir, 'out.csv'),
      app: APP,
    });
    expect(result.records).toBe(3);
    expect(result.problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'unknown record kind (an array, not a word)'],
    ]);
  });

  it('counts every damaged line, though only the first 200 are listed', async () => {
    // The CLI and the app said "200 lines could not be read" of a log missing 250.
    const dir = tempDir();
    const file = join(dir, 'many-damaged.jsonl');
    const lines = [RECORD(1), ...Array.from({ length: 250 }, () => '{damaged'), RECORD(252)];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const result = await exportFromPath({
      source: file,
      format: 'csv',
      destination: join(dir, 'out.csv'),
      app: APP,
    });
    expect(result.records).toBe(2);
    expect(result.problems).toHaveLength(200);
    expect(result.unreadable).toBe(250);
  });

  it('a cancel while the log is being opened reads as a cancel, not as a failure', async () => {
    const dir = tempDir();
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, `${RECORD(1)}\n`);
    const controller = new AbortController();
    controller.abort();
    const failure = await exportFromPath({
      source: file,
      format: 'jsonl',
      destination: join(dir, 'out.jsonl'),
      app: APP,
      signal: controller.signal,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ExportError);
    expect((failure as ExportError).code).toBe('cancelled');
  });
});
