/**
 * One large file's index built in two halves on two cores (index-split.ts) must read back as the
 * index one thread builds: every position the same record, every count the same; and a half the
 * helper cannot build faithfully is built again here.
 */
import {
  appendFileSync,
  copyFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extendIndexSplit } from '../../../electron/core/index-split.js';
import { IndexedLog } from '../../../electron/core/indexed-log.js';
import { coversFile, saveIndex } from '../../../electron/core/journal-index-file.js';
import { extendIndex } from '../../../electron/core/journal-index-scan.js';
import { searchLog, type SearchHit } from '../../../electron/core/log-search.js';
import {
  BUCKET_RECORDS,
  coveredBytes,
  emptyFileIndex,
  type FileIndex,
  type IndexBucket,
} from '../../../electron/core/journal-index.js';
import { kioskLogLines } from '../../support/journal-traffic.js';
import { v1Lines } from '../../support/v1-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'mbn-index-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** About 20,000 records, with the odd damaged, blank and CRLF line among them. */
function kioskLines(): string[] {
  return kioskLogLines(5000, () => ({ rareEvery: 900, failEvery: 11 })).flatMap((line, i) =>
    i % 1234 === 1233
      ? [line, '{"v":2,"seq":"torn']
      : i % 2345 === 2344
        ? [line, '']
        : i % 397 === 0
          ? [`${line}\r`]
          : [line],
  );
}

function write(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Every position's record, read through the index. */
async function everyRecord(file: string, index: FileIndex): Promise<unknown[]> {
  const log = new IndexedLog([{ file, index }], []);
  return log.read(0, log.total);
}

function totals(index: FileIndex): Record<string, number> {
  const out: Record<string, number> = {};
  for (const bucket of index.buckets)
    for (const [group, counts] of Object.entries({
      outcome: bucket.outcomes,
      kind: bucket.kinds,
      service: bucket.services,
      hresult: bucket.hresults,
    }))
      for (const [key, n] of Object.entries(counts))
        out[`${group}:${key}`] = (out[`${group}:${key}`] ?? 0) + n;
  return out;
}

describe("one large file's index on both cores", () => {
  it('reads back every record at its position, with the same counts', async () => {
    const file = write('kiosk.jsonl', kioskLines());
    const serial = await extendIndex(file, emptyFileIndex('kiosk.jsonl'));
    const split = await extendIndexSplit(file, emptyFileIndex('kiosk.jsonl'), {}, 1024);
    // The halves were joined: the first half's last bucket is short, in the middle of the file.
    expect(split.buckets.slice(0, -1).some((b) => b.records < BUCKET_RECORDS)).toBe(true);
    expect(serial.buckets.slice(0, -1).every((b) => b.records === BUCKET_RECORDS)).toBe(true);
    expect(await everyRecord(file, split)).toEqual(await everyRecord(file, serial));
    expect(totals(split)).toEqual(totals(serial));
    expect(split.serviceNames).toEqual(serial.serviceNames);
    const sum = (index: FileIndex, key: 'lines' | 'bytes' | 'records') =>
      index.buckets.reduce((n, b) => n + b[key], 0);
    for (const key of ['lines', 'bytes', 'records'] as const)
      expect(sum(split, key)).toBe(sum(serial, key));
    // Each bucket's first line has the number an editor gives it (the damaged-line messages
    // are counted from it), blank lines included, in either half.
    const text = readFileSync(file, 'latin1');
    for (const bucket of split.buckets)
      expect(bucket.line).toBe(text.slice(0, bucket.offset).split('\n').length - 1);
  });

  it('extends an index that covers the start, and leaves a small file to one thread', async () => {
    const file = write('extended.jsonl', kioskLines());
    const serial = await extendIndex(file, emptyFileIndex('extended.jsonl'));
    const start = { ...serial, buckets: serial.buckets.slice(0, 2) };
    const split = await extendIndexSplit(file, start, {}, 1024);
    expect(split.buckets.slice(0, 2)).toEqual(serial.buckets.slice(0, 2));
    expect(await everyRecord(file, split)).toEqual(await everyRecord(file, serial));
    expect(await extendIndexSplit(file, start)).toEqual(await extendIndex(file, start));
  });

  it('builds a second half of format-v1 lines on this thread, as one thread would', async () => {
    const lines = kioskLines();
    const file = write('old-tail.jsonl', [...lines, ...v1Lines(), ...v1Lines()]);
    const serial = await extendIndex(file, emptyFileIndex('old-tail.jsonl'));
    expect(serial.buckets.some((b) => b.upgraded > 0)).toBe(true);
    const split = await extendIndexSplit(file, emptyFileIndex('old-tail.jsonl'), {}, 1024);
    // Indexed on from the first half's last full bucket: no short bucket where the halves met.
    expect(split.buckets.slice(0, -1).every((b) => b.records === BUCKET_RECORDS)).toBe(true);
    expect(await everyRecord(file, split)).toEqual(await everyRecord(file, serial));
    expect(totals(split)).toEqual(totals(serial));
  });

  it('tells a search each bucket once, in order, whoever indexed it', async () => {
    const plain = write('told.jsonl', kioskLines());
    const oldTail = write('told-v1.jsonl', [...kioskLines(), ...v1Lines(), ...v1Lines()]);
    for (const file of [plain, oldTail]) {
      const told: IndexBucket[] = [];
      const index = await extendIndexSplit(
        file,
        emptyFileIndex('told.jsonl'),
        {
          onBuckets: (buckets) => {
            told.push(...buckets);
            return Promise.resolve();
          },
        },
        1024,
      );
      // A search reads each told bucket: every one of the index, none twice, in file order.
      expect(told).toEqual(index.buckets);
    }
  });

  it('keeps every name a service went by, in either half', async () => {
    const lines = kioskLines();
    // Named "Vendor service" until listed, a little way into the log; "SMS" lower-cased later.
    const renamed = lines.map((line, i) =>
      i < 3000
        ? line.replace(
            '"serviceName":"Sierra Diagnostics Stream"',
            '"serviceName":"Vendor service"',
          )
        : i > 15_000
          ? line.replace('"serviceName":"SMS"', '"serviceName":"sms"')
          : line,
    );
    const file = write('renamed.jsonl', renamed);
    const serial = await extendIndex(file, emptyFileIndex('renamed.jsonl'));
    const split = await extendIndexSplit(file, emptyFileIndex('renamed.jsonl'), {}, 1024);
    expect(Object.values(serial.serviceNames).filter((n) => n.includes('\n'))).toHaveLength(2);
    expect(split.serviceNames).toEqual(serial.serviceNames);
  });

  it('reads back as one thread does whatever lies where the halves meet', async () => {
    const lines = kioskLines().slice(0, 8000);
    /** `inserted` from the first line start past the file's middle: where the helper starts. */
    const around = (inserted: string[]) => {
      const size = [...lines, ...inserted].reduce((n, line) => n + line.length + 1, 0);
      let at = 0;
      let k = 0;
      while (at <= size / 2) at += (lines[k++]?.length ?? 0) + 1;
      return [...lines.slice(0, k), ...inserted, ...lines.slice(k)];
    };
    const variants: Record<string, Buffer> = {
      // A byte-order mark, CRLF endings, and a last line cut off mid-record.
      'bom-crlf': Buffer.from(`\ufeff${lines.join('\r\n')}\r\n{"v":2,"seq":9`),
      'blank-damaged': Buffer.from(`${around(['', ' ', 'not json', '']).join('\n')}\n`),
      // Longer than any line is read, the middle inside it: the first half ends short of the
      // helper's start, and this thread indexes the rest.
      'too-long': Buffer.from(
        `${[...lines.slice(0, 4000), 'x'.repeat(1.5 * 1024 * 1024), ...lines.slice(4000)].join('\n')}\n`,
      ),
    };
    for (const [name, bytes] of Object.entries(variants)) {
      const file = join(dir, `${name}.jsonl`);
      writeFileSync(file, bytes);
      const serial = await extendIndex(file, emptyFileIndex(`${name}.jsonl`));
      const told: IndexBucket[] = [];
      const split = await extendIndexSplit(
        file,
        emptyFileIndex(`${name}.jsonl`),
        { onBuckets: (buckets) => Promise.resolve(void told.push(...buckets)) },
        1024,
      );
      expect(await everyRecord(file, split), name).toEqual(await everyRecord(file, serial));
      expect(totals(split), name).toEqual(totals(serial));
      expect(told, name).toEqual(split.buckets);
      // Joined (a short bucket where the halves met), but for the line too long to read.
      const joined = split.buckets.slice(0, -1).some((b) => b.records < BUCKET_RECORDS);
      expect(joined, name).toBe(name !== 'too-long');
    }
  });

  it('finds each hit once, at its row, when the log grew after its index was saved', async () => {
    // Short halves: the saved index ends in two short buckets, the join's and the last.
    const lines = kioskLines().slice(0, 7000);
    const file = write('grown.jsonl', lines.slice(0, 6000));
    const saved = await extendIndexSplit(file, emptyFileIndex('grown.jsonl'), {}, 1024);
    expect(saved.buckets.map((b) => b.records < BUCKET_RECORDS)).toEqual([true, true]);
    await saveIndex(file, saved);
    appendFileSync(file, `${lines.slice(6000).join('\n')}\n`);
    // The same bytes with no index: built from nothing, the reference.
    const fresh = join(dir, 'grown-fresh.jsonl');
    copyFileSync(file, fresh);
    const rows = async (path: string) => {
      const hits: SearchHit[] = [];
      await searchLog(
        path,
        { outcomes: ['failed'] },
        { numbering: 'position', save: false, onHits: (batch) => hits.push(...batch) },
      );
      return hits.map((h) => h.row);
    };
    const expected = await rows(fresh);
    expect(expected.length).toBeGreaterThan(100);
    expect(await rows(file)).toEqual(expected);
  });

  it('shows its progress running only forward, to the whole file, whoever indexes the rest', async () => {
    const lines = kioskLines();
    const v1 = Array.from({ length: 300 }, () => v1Lines()).flat();
    const files = {
      plain: write('progress.jsonl', lines),
      // Found out only once the first half is done: format v1 after the middle, and a line too
      // long to read across it. This thread then indexes the second half again.
      'old-tail': write('progress-old-tail.jsonl', [...lines, ...v1Lines(), ...v1Lines()]),
      'too-long': write('progress-too-long.jsonl', [
        ...lines.slice(0, 10_000),
        'x'.repeat(1.5 * 1024 * 1024),
        ...lines.slice(10_000),
      ]),
      'old-log': write('progress-old-log.jsonl', v1),
      'blank-tail': write('progress-blank-tail.jsonl', [
        ...lines,
        ...lines.map((line) => ' '.repeat(line.length)),
      ]),
    };
    for (const [name, file] of Object.entries(files)) {
      const shown: number[] = [];
      const atBuckets: number[] = [];
      await extendIndexSplit(
        file,
        emptyFileIndex('progress.jsonl'),
        {
          onBytes: (bytes) => shown.push(bytes),
          onBuckets: () => Promise.resolve(void atBuckets.push(shown.at(-1) ?? 0)),
        },
        1024,
      );
      // The bar the saved-log window and the search panel draw from it.
      expect(shown.length, name).toBeGreaterThan(2);
      expect(shown, name).toEqual([...shown].sort((a, b) => a - b));
      expect(shown.at(-1), name).toBe(statSync(file).size);
      // A log of format v1 throughout (its second half indexed here too) does not claim to be
      // done while there is still half of it to index.
      if (name === 'old-log')
        expect(
          atBuckets.slice(0, -1).every((bytes) => bytes < statSync(file).size),
          name,
        ).toBe(true);
    }
    // Extending an index that covers the start: the bytes after it, as one thread reports them.
    const file = files.plain;
    const serial = await extendIndex(file, emptyFileIndex('progress.jsonl'));
    const start = { ...serial, buckets: serial.buckets.slice(0, 2) };
    const shown: number[] = [];
    await extendIndexSplit(file, start, { onBytes: (bytes) => shown.push(bytes) }, 1024);
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
    expect(shown.at(-1)).toBe(statSync(file).size - coveredBytes(start));
  });

  it('covers a second half of blank lines to the end, as one thread does', async () => {
    const lines = kioskLines().slice(0, 6000);
    // More bytes than the records: the helper's half is blank lines only.
    const blanks = lines.flatMap((line) => ['', `${' '.repeat(line.length)}\r`, '\t'.repeat(9)]);
    const variants = {
      'blank-tail': `${[...lines, ...blanks].join('\n')}\n`,
      // Its last line still being written: covered up to it, by either.
      'blank-tail-torn': `${[...lines, ...blanks].join('\n')}\n{"v":2,"se`,
    };
    for (const [name, text] of Object.entries(variants)) {
      const file = join(dir, `${name}.jsonl`);
      writeFileSync(file, text);
      const serial = await extendIndex(file, emptyFileIndex(`${name}.jsonl`));
      const split = await extendIndexSplit(file, emptyFileIndex(`${name}.jsonl`), {}, 1024);
      expect(text.slice(text.length / 2).includes('"seq"'), name).toBe(false);
      expect(coveredBytes(serial), name).toBe(text.lastIndexOf('\n') + 1);
      expect(coveredBytes(split), name).toBe(coveredBytes(serial));
      // Nothing left to index the next time the log is opened.
      expect(await coversFile(file, split), name).toBe(true);
      expect(await everyRecord(file, split), name).toEqual(await everyRecord(file, serial));
      expect(totals(split), name).toEqual(totals(serial));
    }
  });

  it('stops when asked, helper and all', async () => {
    const file = write('stopped.jsonl', kioskLines());
    const stop = new AbortController();
    stop.abort();
    await expect(
      extendIndexSplit(file, emptyFileIndex('stopped.jsonl'), { signal: stop.signal }, 1024),
    ).rejects.toThrow();
  });
});
