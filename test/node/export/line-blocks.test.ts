/**
 * An export of a saved log reads it in blocks of whole lines, checked on helper threads
 * (line-check-pool.ts) and taken back in file order. Nothing in that may change what is written:
 * the blocks must hold exactly the lines the line-by-line splitter finds, a helper's verdicts
 * must be the calling thread's, and every format must come out as the full path writes it, on a
 * log of many chunks with hostile lines where the chunks meet.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { LineSplitter, type LineBlock } from '../../../electron/core/line-splitter.js';
import { checkBlock, LINE_TOO_LONG } from '../../../electron/core/export/line-block-check.js';
import { LINE_FIELDS } from '../../../electron/core/export/raw-line.js';
import { LineCheck } from '../../../electron/core/export/line-check.js';
import { LineCheckPool } from '../../../electron/core/export/line-check-pool.js';
import { releaseKept } from '../../../electron/core/export/kept-buffers.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { allRecords, openLog } from '../../../electron/core/export/open-log.js';
import { exportLog } from '../../../electron/core/export/write-export.js';
import { deviceIdsIn } from '../../../electron/core/export/redact-device-ids.js';
import { APP, NOW, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);

type Seen = [kind: 'line' | 'too-long', offset: number, text: string, last: boolean];

/** What the line-by-line splitter reports for a stream cut into these chunks. */
function byLine(chunks: Buffer[], max: number): Seen[] {
  const seen: Seen[] = [];
  const splitter = new LineSplitter(undefined, max);
  const handler = {
    line(buf: Buffer, from: number, to: number, offset: number, _line: number, last: boolean) {
      seen.push(['line', offset, buf.toString('latin1', from, to), last]);
    },
    tooLong(offset: number, _line: number, last: boolean) {
      seen.push(['too-long', offset, '', last]);
    },
  };
  for (const chunk of chunks) splitter.push(chunk, handler);
  splitter.end(handler);
  return seen;
}

/** The same, from blocks, taken apart into lines as the export does. */
function byBlock(chunks: Buffer[], max: number): Seen[] {
  const seen: Seen[] = [];
  const splitter = new LineSplitter(undefined, max);
  const onBlock = (block: LineBlock): void => {
    if (block.kind === 'too-long') {
      seen.push(['too-long', block.offset, '', block.last]);
      return;
    }
    const { lines, count } = checkBlock(new LineCheck(true), block.buf, block.from, block.to, max);
    for (let i = 0; i < count; i++) {
      const from = block.from + (lines[i * LINE_FIELDS] ?? 0);
      const to = block.from + (lines[i * LINE_FIELDS + 1] ?? 0);
      const tooLong = lines[i * LINE_FIELDS + 2] === LINE_TOO_LONG;
      const offset = block.offset + from - block.from;
      const last = block.last && i === count - 1;
      seen.push(
        tooLong
          ? ['too-long', offset, '', last]
          : ['line', offset, block.buf.toString('latin1', from, to), last],
      );
    }
  };
  for (const chunk of chunks) splitter.pushBlocks(chunk, onBlock);
  splitter.endBlocks(onBlock);
  return seen;
}

describe('blocks of lines', () => {
  it('hold exactly the lines, offsets and over-long lines the line-by-line splitter finds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r', '{'), maxLength: 60 }), {
          maxLength: 12,
        }),
        fc.integer({ min: 4, max: 30 }),
        (pieces, max) => {
          const chunks = pieces.map((p) => Buffer.from(p, 'latin1'));
          expect(byBlock(chunks, max)).toEqual(byLine(chunks, max));
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** Lines of every sort: records that pass, hostile ones that must not, damage. */
function sampleLines(): string[] {
  const lines: string[] = [];
  for (let seq = 1; seq < 400; seq++) {
    const head = `{"v":2,"seq":${seq},"time":"2026-11-24T08:30:00.${String(seq % 1000).padStart(3, '0')}Z","mono":${seq * 1.5}`;
    const service = `"interfaceId":"{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}","serviceId":"533fbeeb-14fe-4467-9f90-33a223e56c3f"`;
    const name = [
      'SMS',
      'modem 359072061234567',
      'a\\u0033b',
      '+1 646 563 9500',
      'plain, "quoted"',
    ][seq % 5];
    lines.push(
      seq % 7 === 0
        ? 'not json'
        : seq % 3 === 0
          ? `${head},"kind":"read-data",${service},"serviceName":"${name ?? ''}","byteLength":16,"preview":"3335393037323036313233343536370a"}`
          : `${head},"kind":"session-state",${service},"serviceName":"${name ?? ''}","from":"open","to":"closing"}`,
    );
  }
  return lines;
}

describe('helper threads', () => {
  it('give each line of a block the verdict the calling thread gives it', async () => {
    const text = `${sampleLines().join('\n')}\n`;
    const buf = Buffer.from(text, 'latin1');
    for (const redacting of [true, false]) {
      const pool = new LineCheckPool(new LineCheck(redacting), redacting, 1);
      try {
        // The helper starts with the first block; until it is ready, blocks are checked here.
        await pool.result(pool.submit(buf, 0, 0));
        for (let tries = 0; pool.readyHelpers === 0 && tries < 300; tries++)
          await new Promise((resolve) => setTimeout(resolve, 50));
        expect(pool.readyHelpers, 'the helper thread never started').toBe(1);
        const ticket = pool.submit(buf, 0, buf.length);
        expect(ticket.sent).toBe(true);
        const fromHelper = await pool.result(ticket);
        expect(pool.helped).toBe(1);
        const here = checkBlock(new LineCheck(redacting), buf, 0, buf.length);
        expect(fromHelper.count).toBe(here.count);
        expect([...fromHelper.lines]).toEqual([...here.lines]);
      } finally {
        pool.close();
      }
    }
  }, 30_000);
});

describe('the memory a block’s CSV rows are made in', () => {
  it('is not made into again while its rows are held, and is once they are let go', async () => {
    const check = new LineCheck(true);
    check.ahead = () => ({ version: 1, models: [] });
    // No helper: every block is checked here, so the memory is the same object when used again.
    const pool = new LineCheckPool(check, true, 0);
    // Three blocks of other lines (their seqs), so rows made over another's would not read the same.
    const blocks = [0, 1, 2].map((block) =>
      Buffer.from(
        Array.from(
          { length: 50 },
          (_, i) =>
            `{"v":2,"seq":${block * 1000 + i},"time":"2026-11-24T08:30:00.000Z","mono":${i},"kind":"session-state","interfaceId":"{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}","serviceId":"533fbeeb-14fe-4467-9f90-33a223e56c3f","serviceName":"SMS","from":"open","to":"closing"}\n`,
        ).join(''),
      ),
    );
    const rowsOf = async (block: Buffer): Promise<Uint8Array> => {
      const result = await pool.result(pool.submit(block, 0, block.length));
      if (!result.made) throw new Error('no rows made');
      return result.made;
    };
    const first = await rowsOf(blocks[0] ?? Buffer.alloc(0));
    const second = await rowsOf(blocks[1] ?? Buffer.alloc(0));
    // Both held (as a block's lines hold theirs until the writer has them): two memories.
    expect(second.buffer).not.toBe(first.buffer);
    const secondText = Buffer.from(second).toString('latin1');
    releaseKept(first);
    const third = await rowsOf(blocks[2] ?? Buffer.alloc(0));
    expect(third.buffer).toBe(first.buffer);
    // The second's rows, still held, are as they were made.
    expect(Buffer.from(second).toString('latin1')).toBe(secondText);
    expect(Buffer.from(third).toString('latin1')).not.toBe(secondText);
    pool.close();
  });
});

describe('a saved log of many chunks', () => {
  const dir = tempDir();
  const path = join(dir, 'many-chunks.jsonl');
  const lines = sampleLines();
  // About 2 MB: the first read, full chunks, and hostile lines wherever they meet.
  const all: string[] = [];
  for (let i = 0; i < 8000; i++) {
    // The device's model changes now and then: CSV rows made ahead with the old one are stale.
    // Its name is not ASCII alone, as a model from a device can be.
    if (i % 2500 === 1)
      all.push(
        `{"v":2,"seq":${i},"time":"2026-11-24T08:30:00.000Z","mono":1,"kind":"device-info","interfaceId":"{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}","manufacturer":"m","model":"modèle ${i} – 5G","firmware":"f","deviceId":"359072061234567","readyState":"initialized"}`,
      );
    all.push(lines[i % lines.length] ?? '');
  }
  writeFileSync(path, `${all.join('\n')}\n`);

  /** The reference export of `source` by the full path, as the fast path must write it. */
  const fullPath = async (
    source: string,
    format: 'jsonl' | 'csv',
    redact: boolean,
  ): Promise<{ file: string; records: number }> => {
    const log = await openLog(source);
    const file = join(tempDir(), `slow.${format}`);
    const reference = await exportLog({
      format,
      destination: file,
      records: allRecords(log),
      app: APP,
      now: NOW,
      redact,
      sourceLabel: basename(source),
      // The device IDs the fast path finds before it starts over (a device's IMEI met in text
      // before its device-info line), known here too, as in fast-vs-full.ts.
      ...(redact ? { deviceIds: await deviceIdsIn(source) } : {}),
      // Told what the fast path is told: both end with the record of the lines left out.
      problems: () => log.problems,
      problemsLeftOut: () => log.problemsLeftOut,
    });
    log.close();
    return { file, records: reference.records };
  };

  it.each([
    ['jsonl', true],
    ['jsonl', false],
    ['csv', true],
    ['csv', false],
  ] as const)(
    'comes out as %s byte for byte as the full path writes it (redacted: %s)',
    async (format, redact) => {
      const fast = join(tempDir(), `fast.${format}`);
      const result = await exportFromPath({
        source: path,
        format,
        destination: fast,
        app: APP,
        now: NOW,
        redact,
      });
      const { file: slow, records } = await fullPath(path, format, redact);
      // As one-byte strings, byte for byte: toEqual on two Buffers of 2 MB walked them element
      // by element, most of this file's 40 s.
      expect(readFileSync(fast, 'latin1')).toBe(readFileSync(slow, 'latin1'));
      expect(result.records).toBe(records);
      if (redact) expect(readFileSync(fast, 'latin1')).not.toContain('359072061234567');
      // A model with letters past ASCII: its rows are written as UTF-8, the others as one-byte
      // text (the same bytes for ASCII).
      if (format === 'csv') expect(readFileSync(fast, 'utf8')).toContain(',modèle 7501 – 5G,');
    },
    60_000,
  );

  it('comes out as csv byte for byte over blocks enough for their rows’ memory to be used again', async () => {
    // About 12 MB: a dozen blocks and more, so later blocks' rows are made in the memory earlier
    // ones' were (line-check-pool.ts).
    const big = join(dir, 'many-blocks.jsonl');
    writeFileSync(big, `${Array.from({ length: 6 }, () => all.join('\n')).join('\n')}\n`);
    const fast = join(tempDir(), 'fast.csv');
    const result = await exportFromPath({
      source: big,
      format: 'csv',
      destination: fast,
      app: APP,
      now: NOW,
      redact: true,
    });
    const { file: slow, records } = await fullPath(big, 'csv', true);
    expect(readFileSync(fast, 'latin1')).toBe(readFileSync(slow, 'latin1'));
    expect(result.records).toBe(records);
  }, 60_000);
});
