/**
 * The index read from a line's bytes (journal-index-line.ts) must be the index JSON.parse and the
 * journal check give: compared line by line on generated and hostile lines, and on whole files
 * through extendIndex (a visitor forces the full path, as a search without the fast path had). Its
 * shapes repeat the export's LineCheck: both must take exactly the same lines.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { LineCheck } from '../../../electron/core/export/line-check.js';
import { extendIndex, parseJournalLine } from '../../../electron/core/journal-index-scan.js';
import { IndexLineReader } from '../../../electron/core/journal-index-line.js';
import {
  BucketBuilder,
  emptyFileIndex,
  serviceName,
} from '../../../electron/core/journal-index.js';
import { budget } from '../fuzz/fuzz-budget.js';
import { kindShapes } from '../../../electron/core/journal-line-shapes.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const SIERRA = '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}';
const SMS = '533fbeeb-14fe-4467-9f90-33a223e56c3f';

/** Records of every kind the fast path reads, and two it leaves alone, in the journal's key order. */
function typical(seq: number): Record<string, unknown>[] {
  const head = (n: number) => ({
    v: 2,
    seq: seq + n,
    time: `2026-11-24T08:${String(10 + (n % 50)).padStart(2, '0')}:00.${String(n * 7).padStart(3, '0')}Z`,
    mono: (seq + n) * 1.25,
  });
  const service = { interfaceId: SIERRA, serviceId: SMS, serviceName: 'SMS' };
  const request = { ...service, ref: `r${String(seq)}`, op: 'close' };
  return [
    { ...head(0), kind: 'request', ...request, outcome: 'sending', sessionOpenBefore: true },
    {
      ...head(1),
      kind: 'request-returned',
      ...request,
      outcome: 'waiting',
      requestId: 1000 + seq,
      hresult: '0x8007000E',
      hresultName: 'E_OUTOFMEMORY',
      callMs: 0.6,
    },
    {
      ...head(2),
      kind: 'completion',
      ...service,
      op: 'close',
      requestId: 1000 + seq,
      status: '0x80004005',
      statusName: 'E_FAIL',
      match: 'matched',
      ref: `r${String(seq)}`,
      outcome: 'failed',
      latencyMs: 12.5,
    },
    {
      ...head(3),
      kind: 'completion',
      ...service,
      op: 'query',
      requestId: 7,
      status: '0x00000000',
      statusName: 'S_OK',
      match: 'unknown-request',
      ref: null,
      outcome: null,
      latencyMs: null,
    },
    { ...head(4), kind: 'overdue', ...request, outcome: 'overdue', requestId: null, timeoutMs: 10 },
    {
      ...head(5),
      kind: 'abandoned',
      ...request,
      outcome: 'abandoned',
      requestId: 3,
      reason: 'device-removed',
    },
    { ...head(6), kind: 'session-state', ...service, from: 'open', to: 'closing' },
    { ...head(7), kind: 'read-data', ...service, byteLength: 4, preview: '7e0a0001' },
    { ...head(8), kind: 'error', message: 'x', context: 'y' },
    { ...head(9), kind: 'call-failed', ...request, outcome: 'call-failed', message: 'boom' },
  ];
}

/** What the full path counts for one line, as a one-record bucket (undefined: no record). */
function fullBucket(line: Buffer): string | undefined {
  const parsed = parseJournalLine(line, 0, line.length, {});
  if (!parsed?.record) return undefined;
  const builder = new BucketBuilder({});
  builder.add(parsed.record, parsed.upgraded);
  return JSON.stringify(builder.finish(0, 0, line.length));
}

function fastBucket(reader: IndexLineReader, line: Buffer): string | undefined {
  const fields = reader.read(line, 0, line.length);
  if (!fields) return undefined;
  const builder = new BucketBuilder({});
  builder.addFields(fields);
  return JSON.stringify(builder.finish(0, 0, line.length));
}

const hostileText = fc.oneof(
  fc.constantFrom(
    'SMS',
    '',
    '"',
    '\\',
    'é',
    '\u2028',
    'null',
    'r12',
    'R12',
    'r',
    'r007',
    'r12345678901234567',
    '0x8007000e',
    '0x8007000E',
    '80070005',
    '0x0',
    'sending',
    'failed',
    'unmatched',
    '__proto__',
    SMS,
    SIERRA.toLowerCase(),
    '2026-11-24T08:10:00Z',
    '2026-11-24T08:10:00.000+01:00',
    '2026-02-30T08:10:00.000Z',
  ),
  fc.string({ maxLength: 10 }),
);
const hostileValue = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(0, -0, 1e21, 2 ** 53 + 2, 1.5, -7, null, true, false),
  fc.constant({}),
  fc.constant([1]),
);
const KEYS = [
  'v',
  'seq',
  'time',
  'mono',
  'kind',
  'serviceId',
  'serviceName',
  'interfaceId',
  'ref',
  'op',
  'outcome',
  'requestId',
  'hresult',
  'status',
  'match',
  'latencyMs',
  'note',
];

/** A typical line, its fields changed or dropped, its text bent the ways a hand-edited file is. */
const hostileLine = fc
  .record({
    which: fc.nat(9),
    changes: fc.array(fc.tuple(fc.constantFrom(...KEYS), hostileValue), { maxLength: 3 }),
    drop: fc.option(fc.constantFrom(...KEYS), { nil: undefined }),
    bend: fc.constantFrom(
      'none',
      'none',
      'none',
      'bom',
      'cr',
      'space',
      'duplicate',
      'escape',
      'upper',
      'v1',
    ),
  })
  .map(({ which, changes, drop, bend }) => {
    const record: Record<string, unknown> = { ...typical(41)[which] };
    for (const [key, value] of changes) record[key] = value;
    if (drop !== undefined) Reflect.deleteProperty(record, drop);
    let text = JSON.stringify(record);
    if (bend === 'bom') text = `\ufeff${text}`;
    if (bend === 'cr') text = `${text}\r`;
    if (bend === 'space') text = text.replace('":', '": ');
    if (bend === 'duplicate') text = text.replace(/\}$/, ',"seq":9}');
    if (bend === 'escape') text = text.replace('"SMS"', '"S\\u004dS"');
    if (bend === 'upper') text = text.replace('"kind"', '"Kind"');
    if (bend === 'v1') text = text.replace('"v":2', '"v":1');
    return Buffer.from(text, 'utf8');
  });

describe('the index read from the bytes of a line', () => {
  it('reads every everyday kind the export check passes without JSON.parse', () => {
    const reader = new IndexLineReader();
    const passed = typical(5)
      .map((record) => Buffer.from(JSON.stringify(record)))
      .filter((line) => fastBucket(reader, line) !== undefined);
    // The eight kinds LineCheck knows; error and call-failed take the full path.
    expect(passed.length).toBe(8);
  });

  it('counts each line exactly as JSON.parse and the journal check do, on hostile lines', () => {
    const reader = new IndexLineReader();
    fc.assert(
      fc.property(hostileLine, (line) => {
        const fast = fastBucket(reader, line);
        // Either the fast path declines (and the full path decides), or both agree exactly.
        if (fast !== undefined) expect(fast).toBe(fullBucket(line));
      }),
      budget(3000),
    );
  });

  it('takes exactly the lines the export takes as they are (the same shapes, kept in step)', () => {
    fc.assert(
      fc.property(hostileLine, (line) => {
        const taken = new IndexLineReader().read(line, 0, line.length) !== undefined;
        expect(taken).toBe(new LineCheck(false).test(line, 0, line.length));
      }),
      budget(2000),
    );
  });

  it('reads times and mono where they stand exactly as Date.parse and Number() read them', () => {
    // The head is read from character codes, not parsed: every time the shape allows (a year
    // under 100, the 31st of February) and every mono it allows must come out the same.
    const two = (n: number) => String(n).padStart(2, '0');
    const time = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(
        ([y, mo, d, h, mi, s, ms]) =>
          `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}.${String(ms).padStart(3, '0')}Z`,
      );
    const mono = fc.oneof(
      fc.integer({ min: -999_999_999, max: 999_999_999 }),
      fc
        .tuple(fc.integer({ min: -999_999_999, max: 999_999_999 }), fc.integer({ min: 1, max: 5 }))
        .map(([n, places]) => n / 10 ** places),
      fc.integer({ min: -999_999_999_999, max: 999_999_999_999 }),
      fc.double({ min: -1e9, max: 1e9, noNaN: true }),
    );
    const reader = new IndexLineReader();
    let read = 0;
    fc.assert(
      fc.property(fc.nat(7), time, mono, (which, at, m) => {
        const line = Buffer.from(JSON.stringify({ ...typical(9)[which], time: at, mono: m }));
        const fast = fastBucket(reader, line);
        if (fast !== undefined) read += 1;
        if (fast !== undefined) expect(fast).toBe(fullBucket(line));
      }),
      budget(3000),
    );
    // Most of them are of the journal's shapes, so the fast path itself was checked.
    expect(read).toBeGreaterThan(0);
  });

  it('takes a service ID such as "__proto__" as an ID like any other, named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbn-index-line-'));
    dirs.push(dir);
    const file = join(dir, 'journal-000001.jsonl');
    writeFileSync(file, `${JSON.stringify({ ...typical(3)[0], serviceId: '__proto__' })}\n`);
    for (const visit of [undefined, () => undefined]) {
      const index = await extendIndex(file, emptyFileIndex('x'), { visit });
      const [id = ''] = Object.keys(index.buckets[0]?.services ?? {});
      expect(serviceName(index.serviceNames, id)).toBe('SMS');
    }
  });

  it('gives a whole file the same index either way, blank, damaged and torn lines included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbn-index-line-'));
    dirs.push(dir);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(hostileLine, fc.constantFrom(Buffer.from(''), Buffer.from('{"v":2'))), {
          maxLength: 60,
        }),
        fc.boolean(),
        async (lines, torn) => {
          const file = join(dir, `journal-${String(++run)}.jsonl`);
          const body = Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')]));
          writeFileSync(file, torn ? Buffer.concat([body, Buffer.from('{"v":2,"se')]) : body);
          const fast = await extendIndex(file, emptyFileIndex('x'));
          const full = await extendIndex(file, emptyFileIndex('x'), { visit: () => undefined });
          expect(fast).toEqual(full);
        },
      ),
      budget(200),
    );
  });
});

describe('an index counted by the line reader’s numbers', () => {
  it('is the full path’s sidecar byte for byte, across buckets, with lines of both paths mixed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbn-index-line-'));
    dirs.push(dir);
    const file = join(dir, 'journal-000001.jsonl');
    const names = ['SMS', 'Firmware', 'SMS'];
    const lines: string[] = [];
    for (let n = 0; n < 1100; n++) {
      // Services by number in turn, one renamed part way; every kind, unmatched completions too.
      for (const record of typical(n * 10)) {
        const id = n % 3 === 1 ? SIERRA : SMS;
        const renamed = n > 600 ? `${names[n % 3] ?? ''} (2)` : (names[n % 3] ?? '');
        lines.push(
          JSON.stringify({
            ...record,
            ...('serviceId' in record ? { serviceId: id, serviceName: renamed } : {}),
          }),
        );
      }
      // Now and then a line only the full path reads, first to meet a key of its bucket.
      if (n % 97 === 5)
        lines.push(
          JSON.stringify({ ...typical(n * 10)[1], serviceName: 'S\\u004dS' }).replace(
            '"outcome":"waiting"',
            `"outcome":"${n % 2 ? 'failed' : 'sending'}"`,
          ),
        );
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const fast = await extendIndex(file, emptyFileIndex('x'));
    const full = await extendIndex(file, emptyFileIndex('x'), { visit: () => undefined });
    expect(fast.buckets.length).toBeGreaterThan(2);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(full));
  });
});

describe('trouble in the index', () => {
  it('is counted on the full path: no line the reader takes can be an error or an outage', () => {
    // The reader leaves `trouble` false; a kind of trouble added to its shapes would go uncounted,
    // and "Any problem" would skip the bucket that holds it.
    const kinds = kindShapes().map((shape) => shape.kind);
    expect(kinds).not.toContain('error');
    expect(kinds).not.toContain('backend-status');
  });
});
