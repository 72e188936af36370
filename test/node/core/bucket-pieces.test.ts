/**
 * A bucket larger than a search reads at once is searched a piece at a time (bucket-search.ts):
 * only records end an index bucket, so a log's damaged stretch (a region of NULs a power loss
 * left, thousands of lines no reader takes) made one bucket of all of it, and a search held it
 * whole, twice (a gigabyte of NULs: 2 GB of memory to report one damaged line). In pieces, the
 * memory is bounded whatever the bucket's size, and the hits, their rows, their order and the
 * commands they name are what a search of the bucket whole finds.
 */
import {
  closeSync,
  ftruncateSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { BucketBuffer } from '../../../electron/core/bucket-buffer.js';
import { searchBucket } from '../../../electron/core/bucket-search.js';
import { HitCommands } from '../../../electron/core/hit-commands.js';
import { openIndexedLog } from '../../../electron/core/indexed-log.js';
import { extendIndex } from '../../../electron/core/journal-index-scan.js';
import { emptyFileIndex, type FileIndex } from '../../../electron/core/journal-index.js';
import { MAX_LINE_BYTES } from '../../../electron/core/line-splitter.js';
import { searchLog, type SearchHit, type SearchQuery } from '../../../electron/core/log-search.js';
import { compileQuery } from '../../../electron/core/search-query.js';
import { TextFinder } from '../../../electron/core/text-finder.js';
import type { JournalEntry } from '../../../shared/journal/record.js';
import { failedQuery, requestEntries } from '../../support/journal-traffic.js';
import { v1Lines } from '../../support/v1-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'mbn-bucket-pieces-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const BASIC_CONNECT = {
  interfaceId: '{3a1c0d57-5e1b-4c1f-9d55-0b8b6a6f0001}',
  serviceId: '{A289CC33-BCBB-8B4F-B6B0-133EC2AAE6DF}',
  serviceName: 'Basic Connect',
};

/** Requests `from` to `to` (closes; a QUERY every 300, completed 150 requests later, failed). */
function entries(from: number, to: number): JournalEntry[] {
  const out: JournalEntry[] = [];
  const due = new Map<number, JournalEntry>();
  for (let n = from; n <= to; n++) {
    out.push(...requestEntries(n, { rareEvery: 97, failEvery: 13 }));
    const completion = due.get(n);
    if (completion) out.push(completion);
    if (n % 300 === 0) {
      const { sent, failed } = failedQuery(BASIC_CONNECT, `q${String(n)}`, {
        commandId: 7,
        requestId: 900_000 + n,
      });
      out.push(...sent);
      due.set(n + 150, failed);
    }
  }
  return out;
}

let seq = 0;
const lines = (list: JournalEntry[]): string[] =>
  list.map((entry) =>
    JSON.stringify({
      v: 2,
      seq: ++seq,
      time: new Date(Date.UTC(2026, 0, 5, 8) + seq * 300).toISOString(),
      mono: seq * 300,
      ...entry,
    }),
  );

/**
 * A clean first bucket larger than a piece; then a bucket with a damaged stretch (lines of a newer
 * format, NULs longer than any record, a record longer than any, blank lines of every kind, CRLF
 * lines) and records either side; and a tail of format-v1 lines, upgraded, the bucket before
 * read for them.
 */
const FILE = join(dir, 'damaged.jsonl');
{
  const head = lines(entries(1, 1600));
  const newer = head.slice(0, 3000).map((line) => line.replace('"v":2', '"v":3'));
  const tooLong = JSON.stringify({
    v: 2,
    seq: 0,
    time: '2026-01-05T08:00:00.000Z',
    mono: 0,
    kind: 'error',
    message: `E_ACCESSDENIED ${'x'.repeat(MAX_LINE_BYTES)}`,
    context: 'test',
  });
  const tail = lines(entries(1601, 3000)).flatMap((line, i) =>
    i % 7 === 0 ? [`${line}\r`] : i % 501 === 0 ? ['\ufeff\r', '\f', '', '  ', line] : [line],
  );
  const fd = openSync(FILE, 'w');
  for (const part of [
    head.slice(0, 4200),
    newer.slice(0, 1500),
    ['\0'.repeat(MAX_LINE_BYTES + 5000), tooLong],
    head.slice(4200),
    newer.slice(1500),
    tail,
    v1Lines(),
  ])
    writeSync(fd, `${part.join('\n')}\n`);
  closeSync(fd);
}

const INDEX = extendIndex(FILE, emptyFileIndex('damaged.jsonl'));

/** Every bucket of a file (FILE) searched in turn, as log-search.ts searches them. */
async function searchFile(
  query: SearchQuery,
  pieceBytes: number,
  withFinder: boolean,
  file = FILE,
  index: FileIndex | Promise<FileIndex> = INDEX,
) {
  const { buckets } = await index;
  const c = compileQuery(query);
  const scratch = new BucketBuffer(
    withFinder ? TextFinder.create(c.scanNeedle ?? undefined) : undefined,
  );
  const commands = new HitCommands();
  const hits: [number, number, number | null][] = [];
  const handle = await open(file, 'r');
  try {
    let position = 0;
    for (const [k, bucket] of buckets.entries()) {
      await searchBucket(
        handle,
        bucket,
        c,
        position,
        (record, at, commandId) => hits.push([at + 1, record.seq, commandId]),
        buckets[k - 1],
        { commands, scratch, pieceBytes },
      );
      position += bucket.records;
    }
  } finally {
    await handle.close();
  }
  return hits;
}

describe('a bucket larger than a piece', () => {
  it('is searched in pieces with the hits, rows and commands of a search of it whole', async () => {
    const index = await INDEX;
    const log = await openIndexedLog(FILE, { save: false });
    const shown = await log.read(0, log.total);
    // A clean bucket and a damaged one, each larger than the smallest piece; v1 lines.
    const large = index.buckets.filter((b) => b.bytes > MAX_LINE_BYTES + 1);
    expect(large.some((b) => b.records === b.lines)).toBe(true);
    expect(large.some((b) => b.records < b.lines)).toBe(true);
    expect(index.buckets.some((b) => b.upgraded > 0)).toBe(true);
    const queries: SearchQuery[] = [
      { text: 'E_AccessDenied' },
      { hresult: '0x80070005' },
      { outcomes: ['failed'] },
      { text: 'E_FAIL' },
      { kinds: ['completion'], service: 'basic connect' },
      { ref: 'r2999' },
    ];
    for (const query of queries)
      for (const withFinder of [true, false]) {
        const whole = await searchFile(query, Infinity, withFinder);
        // The smallest piece there is: one that holds a line as long as a record can be.
        const pieces = await searchFile(query, 0, withFinder);
        const what = `${JSON.stringify(query)}${withFinder ? '' : ' in JavaScript'}`;
        expect(pieces, what).toEqual(whole);
        expect(pieces.length, what).toBeGreaterThan(0);
        // Hits on both sides of the damaged stretch, in the second bucket.
        if (!query.ref)
          expect(pieces.filter(([row]) => row > 4096 && row <= 8192).length).toBeGreaterThan(1);
        for (const [row, hitSeq] of pieces)
          expect(shown[row - 1]?.seq, `${what} row ${String(row)}`).toBe(hitSeq);
        if (query.text === 'E_FAIL')
          expect(pieces.filter(([, , commandId]) => commandId === 7).length).toBeGreaterThan(3);
      }
  });

  it('ends as a search of it whole ends: its last line without an LF, or too long', async () => {
    seq = 0;
    const records = lines(entries(1, 1200));
    const last = records.pop() ?? '';
    const nul = '\0'.repeat(MAX_LINE_BYTES + 10);
    const shapes = {
      'clean, no LF at the end': `${records.join('\n')}\n${last}`,
      'a line too long, then no LF': `${records.join('\n')}\n${nul}\n${last}`,
      'a line too long at the end': `${records.join('\n')}\n${last}\n${nul}\n`,
    };
    for (const [shape, content] of Object.entries(shapes)) {
      const file = join(dir, 'end.jsonl');
      writeFileSync(file, content);
      const index = await extendIndex(file, emptyFileIndex('end.jsonl'));
      expect(index.buckets[0]?.bytes).toBeGreaterThan(MAX_LINE_BYTES + 1);
      // Every record a hit: each on its row, the last too.
      for (const withFinder of [true, false]) {
        const query = { text: '"seq":' };
        const pieces = await searchFile(query, 0, withFinder, file, index);
        expect(pieces, shape).toEqual(await searchFile(query, Infinity, withFinder, file, index));
        expect(
          pieces.map(([row, hitSeq]) => hitSeq - row),
          shape,
        ).toEqual(pieces.map(() => 0));
        expect(pieces.length, shape).toBe(records.length + 1);
      }
    }
  });
});

/** Records, then `hole` bytes of NULs that cost no disk (sparse), then records: one bucket. */
function nulRegionLog(name: string, hole: number): string {
  const file = join(dir, name);
  seq = 0;
  const before = Buffer.from(`${lines(entries(1, 1000)).join('\n')}\n`);
  const after = Buffer.from(`\n${lines(entries(1001, 1600)).join('\n')}\n`);
  const fd = openSync(file, 'w');
  writeSync(fd, before);
  ftruncateSync(fd, before.length + hole);
  writeSync(fd, after, 0, after.length, before.length + hole);
  closeSync(fd);
  return file;
}

describe('a log with a region of NULs', () => {
  it('is searched in bounded memory, its hits on the rows the log shows them', async () => {
    // Sparse: 48 MiB of NULs that cost no disk, one damaged line inside a bucket of records.
    const file = nulRegionLog('nul-region.jsonl', 48 * 1024 * 1024);
    const search = async () => {
      const hits: SearchHit[] = [];
      const summary = await searchLog(
        file,
        { text: 'E_AccessDenied' },
        { numbering: 'position', onHits: (batch) => hits.push(...batch) },
      );
      return { hits, summary };
    };
    // Indexed first; the second search only reads.
    await search();
    const sizes: number[] = [];
    for (const name of ['alloc', 'allocUnsafe', 'allocUnsafeSlow'] as const) {
      const original = Buffer[name].bind(Buffer) as (
        size: number,
        ...rest: unknown[]
      ) => Buffer<ArrayBuffer>;
      vi.spyOn(Buffer, name).mockImplementation((size: number, ...rest: unknown[]) => {
        sizes.push(size);
        return original(size, ...rest);
      });
    }
    const { hits, summary } = await search();
    vi.restoreAllMocks();
    // A piece, and its lower-cased copy, of a few MiB: not the bucket of 48 MiB.
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect(summary.damagedLines).toBe(1);
    expect(hits.length).toBe(16);
    const log = await openIndexedLog(file, { save: false });
    for (const hit of hits) expect((await log.read(hit.row - 1, 1))[0]).toEqual(hit.record);
    rmSync(file);
  });

  it('stops reading at a cancel inside it, not after all of it', async () => {
    const hole = 64 * 1024 * 1024;
    const file = nulRegionLog('nul-cancel.jsonl', hole);
    const { buckets } = await extendIndex(file, emptyFileIndex('nul-cancel.jsonl'));
    const huge = buckets.find((b) => b.bytes > hole);
    expect(huge).toBeDefined();
    if (!huge) return;
    // The technician cancels once the search is a few pieces into the damage.
    const cancel = new AbortController();
    const handle = await open(file, 'r');
    let reads = 0;
    const counting = new Proxy(handle, {
      get(target, key, receiver) {
        if (key !== 'read') return Reflect.get(target, key, receiver) as unknown;
        return (...args: Parameters<typeof handle.read>) => {
          if (++reads === 3) cancel.abort();
          return target.read(...args);
        };
      },
    });
    try {
      const search = searchBucket(
        counting,
        huge,
        compileQuery({ text: 'E_AccessDenied' }),
        0,
        () => undefined,
        undefined,
        { signal: cancel.signal },
      );
      await expect(search).rejects.toThrow(/abort/i);
    } finally {
      await handle.close();
      rmSync(file);
    }
    // 16 pieces of 4 MiB in the damage: the reads stop at the one after the cancel.
    expect(reads).toBe(3);
  });
});
