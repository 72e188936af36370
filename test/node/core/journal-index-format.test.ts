// A sidecar is believed only when every field is as the index writes it: a damaged or crafted one
// (a run folder copied from a kiosk brings its sidecars) is refused, and the log is indexed again,
// rather than a search skipping buckets on counts nobody can vouch for.
import { describe, expect, it } from 'vitest';
import {
  parseCertificates,
  parseFileIndex,
  type FileIndex,
  type IndexBucket,
} from '../../../electron/core/journal-index-format.js';
import { INDEX_FORMAT, INDEX_VERSION, MAX_RECHECK } from '../../../electron/core/journal-index.js';

const FILE = 'journal-000001.jsonl';

function bucket(offset: number, extra: Partial<IndexBucket> = {}): IndexBucket {
  return {
    offset,
    line: offset / 100,
    bytes: 1000,
    records: 9,
    lines: 10,
    firstSeq: 1,
    lastSeq: 9,
    time: [1767950099214, 1767952534586],
    mono: null,
    outcomes: { succeeded: 3, failed: 1 },
    kinds: { request: 4, completion: 4 },
    services: { '533fbeeb-14fe-4467-9f90-33a223e56c3f': 8 },
    hresults: { '0x80070005': 1 },
    requestIds: [1000, 1004],
    refs: null,
    upgraded: 0,
    headers: 1,
    trouble: 1,
    ...extra,
  };
}

function index(change: (index: FileIndex) => unknown = (i) => i): string {
  const good: FileIndex = {
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    file: FILE,
    buckets: [bucket(0, { copyCrc: 0xffffffff, recheck: [[12, 1]] }), bucket(1000)],
    serviceNames: { '533fbeeb-14fe-4467-9f90-33a223e56c3f': 'Diagnostics' },
    lineRules: 'rules-1',
    stamp: { bytes: 2000, mtimeMs: 1767952534586.123 },
  };
  return JSON.stringify(change(good));
}

/** The index with its first bucket's `field` set to `value` (undefined: left out). */
function withField(field: string, value: unknown): string {
  return index((i) => ({ ...i, buckets: [{ ...i.buckets[0], [field]: value }, i.buckets[1]] }));
}

describe('a journal index sidecar read back', () => {
  it('is believed as written, with or without its optional fields', () => {
    expect(parseFileIndex(index(), FILE)?.buckets[0]?.hresults).toEqual({ '0x80070005': 1 });
    expect(parseFileIndex(index(), FILE)?.stamp).toEqual({
      bytes: 2000,
      mtimeMs: 1767952534586.123,
    });
    const bare = index(({ lineRules: _, stamp: __, ...i }) => ({ ...i, buckets: [bucket(0)] }));
    expect(parseFileIndex(bare, FILE)?.buckets).toHaveLength(1);
    expect(parseCertificates(index(), FILE)?.buckets[0]?.recheck).toEqual([[12, 1]]);
  });

  it('is refused for the wrong file, format or version, or text that is not JSON', () => {
    expect(parseFileIndex(index(), 'journal-000002.jsonl')).toBeUndefined();
    expect(
      parseFileIndex(
        index((i) => ({ ...i, format: 'other' })),
        FILE,
      ),
    ).toBeUndefined();
    expect(
      parseFileIndex(
        index((i) => ({ ...i, version: 99 })),
        FILE,
      ),
    ).toBeUndefined();
    expect(parseFileIndex(index().slice(0, 200), FILE)).toBeUndefined();
    expect(parseFileIndex('null', FILE)).toBeUndefined();
    expect(parseFileIndex('[]', FILE)).toBeUndefined();
  });

  it.each([
    ['a field it does not know', (i: FileIndex) => ({ ...i, extra: 1 })],
    ['no buckets list', (i: FileIndex) => ({ ...i, buckets: {} })],
    ['a file name too long', (i: FileIndex) => ({ ...i, file: 'x'.repeat(256) })],
    ['line rules too long', (i: FileIndex) => ({ ...i, lineRules: 'x'.repeat(65) })],
    ['a service name not text', (i: FileIndex) => ({ ...i, serviceNames: { a: 1 } })],
    ['a service name too long', (i: FileIndex) => ({ ...i, serviceNames: { a: 'x'.repeat(501) } })],
    [
      'a service ID too long',
      (i: FileIndex) => ({ ...i, serviceNames: { ['x'.repeat(201)]: 'a' } }),
    ],
    ['buckets that leave a gap', (i: FileIndex) => ({ ...i, buckets: [bucket(0), bucket(1001)] })],
    ['a stamp without its time', (i: FileIndex) => ({ ...i, stamp: { bytes: 2000 } })],
    ['a stamp of negative size', (i: FileIndex) => ({ ...i, stamp: { bytes: -1, mtimeMs: 1 } })],
    [
      'a stamp with a time as text',
      (i: FileIndex) => ({ ...i, stamp: { bytes: 1, mtimeMs: '1' } }),
    ],
    [
      'a stamp with a field it does not know',
      (i: FileIndex) => ({ ...i, stamp: { bytes: 1, mtimeMs: 1, inode: 2 } }),
    ],
  ])('is refused with %s', (_, change) => {
    expect(parseFileIndex(index(change), FILE)).toBeUndefined();
  });

  it.each([
    ['a field it does not know', 'extra', 1],
    ['a count left out', 'kinds', undefined],
    ['a negative count', 'upgraded', -1],
    ['a fractional count', 'lines', 10.5],
    ['a count written as text', 'records', '9'],
    ['a seq that is not a whole number', 'firstSeq', 1.5],
    ['a range of three', 'time', [1, 2, 3]],
    ['a range of text', 'mono', ['1', '2']],
    ['a range that is an object', 'refs', { 0: 1, 1: 2 }],
    ['counts that are a list', 'outcomes', [1]],
    ['a count in the counts below zero', 'services', { a: -1 }],
    ['a counted key too long', 'hresults', { ['x'.repeat(201)]: 1 }],
    ['more records than lines', 'records', 10],
    ['more trouble than records', 'trouble', 10],
    ['an empty bucket', 'bytes', 0],
  ])('is refused with %s in a bucket', (_, field, value) => {
    expect(parseFileIndex(withField(field, value), FILE)).toBeUndefined();
  });

  it.each([
    ['a CRC past 32 bits', 'copyCrc', 2 ** 32],
    ['a fractional CRC', 'copyCrc', 1.5],
    ['a recheck entry below zero', 'recheck', [[-1, 0]]],
    ['a recheck entry of three', 'recheck', [[1, 2, 3]]],
    ['too many rechecks', 'recheck', Array.from({ length: MAX_RECHECK + 1 }, (_, n) => [n, n])],
    ['a bucket offset that is not a count', 'offset', '0'],
  ])('is refused with %s, for an export as for a search', (_, field, value) => {
    expect(parseFileIndex(withField(field, value), FILE)).toBeUndefined();
    expect(parseCertificates(withField(field, value), FILE)).toBeUndefined();
  });

  // JSON's 1e999 parses to Infinity: no time a jump or the overview could use.
  it('is refused with a range past any number', () => {
    const text = withField('time', [1, 987654321]).replace('987654321', '1e999');
    expect(text).toContain('1e999');
    expect(parseFileIndex(text, FILE)).toBeUndefined();
  });

  it('gives an export its certificates though a count it does not read is damaged', () => {
    const damaged = withField('kinds', { request: -1 });
    expect(parseFileIndex(damaged, FILE)).toBeUndefined();
    expect(parseCertificates(damaged, FILE)?.buckets[0]?.copyCrc).toBe(0xffffffff);
  });
});
