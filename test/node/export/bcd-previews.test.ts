/**
 * Read previews in a redacted export: a payload of little-endian integers (the bench's) goes out
 * as it is and counts no identifier, where before every one of them became `[redacted IMSI-1]`.
 * The fast path and the full path agree.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES, manifestSchema } from '../../../electron/core/export/bundle-manifest.js';
import { removeTempDirs } from './support/helpers.js';
import { SERVICE, exportBothWays, lineHead, savedLogWith } from './support/fast-vs-full.js';

afterAll(removeTempDirs);

const readData = (seq: number, preview: string): string =>
  `${lineHead(seq)},"kind":"read-data",${SERVICE},"byteLength":96,"preview":"${preview}"}`;

/** What a redacted bundle counts, by kind, in its manifest. */
function counted(entries: Map<string, string>): Record<string, number> {
  return manifestSchema.parse(JSON.parse(entries.get(BUNDLE_FILES.manifest) ?? ''))
    .redactedIdentifiers;
}

describe('a stream of little-endian payloads', () => {
  // The bench's read: a frame header, then uint32 fields 42, 5 and 60; and an MBIM header of
  // length 408 (`98 01 00 00`, where an ICCID's `89` would be).
  const BENCH = '7e0a00010000002a000000050000003c';
  const MBIM = '03000080980100000500000001000000';
  const previews = [BENCH, MBIM];
  const path = savedLogWith(
    Array.from({ length: 40 }, (_, i) => readData(500_000 + i, previews[i % 2] ?? '')),
  );

  it('keeps its previews in a redacted bundle, which counts no identifier', async () => {
    const { fast, full } = await exportBothWays(path, 'zip', true);
    for (const [name, text] of fast) {
      expect(text, name).not.toContain('[redacted');
      expect(text === full.get(name), `${name}: fast and full differ`).toBe(true);
    }
    expect(fast.get(BUNDLE_FILES.jsonl)).toContain(`"preview":"${BENCH}"`);
    expect(counted(fast)).toEqual({});
  }, 60_000);
});
