/**
 * Read previews in a redacted export: a payload of little-endian integers (the bench's) goes out
 * as it is and counts no identifier, where before every one of them became `[redacted IMSI-1]`;
 * a SIM's file read in binary (EF_IMSI, EF_ICCID, EF_MSISDN) has only its number's bytes
 * replaced, by the token the same number has in text. The fast path and the full path agree.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES, manifestSchema } from '../../../electron/core/export/bundle-manifest.js';
import { removeTempDirs } from './support/helpers.js';
import { SERVICE, exportBothWays, lineHead, savedLogWith } from './support/fast-vs-full.js';
import { bcd, diallingNumber, iccidFile, imsiFile, integers } from './support/bcd-layouts.js';

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

describe("a SIM's files read in binary", () => {
  const IMSI = '310260000000123';
  const ICCID = '89014103211118510720';
  const MSISDN = '+447946095834';
  // EF_IMSI after a frame header; EF_ICCID whole; EF_MSISDN with an empty alpha tag.
  const EF_IMSI = `08${IMSI[0]}9${bcd(IMSI.slice(1))}`;
  const EF_MSISDN = `ffff0791${bcd(MSISDN.slice(1))}ffffffff`;
  const previews = [`7e0a0001${EF_IMSI}ffffff`, bcd(ICCID), EF_MSISDN];
  const path = savedLogWith([
    ...previews.map((preview, i) => readData(500_000 + i, preview)),
    // The same numbers as text, as a SIM tool's error says them.
    `${lineHead(500_010)},"kind":"error","message":"SIM ${ICCID} (IMSI ${IMSI}) of ${MSISDN} refused","context":"sim"}`,
  ]);

  it('have only their numbers hidden, each by the token it has in text', async () => {
    const { fast, full } = await exportBothWays(path, 'zip', true);
    const jsonl = fast.get(BUNDLE_FILES.jsonl) ?? '';
    for (const hidden of [EF_IMSI, bcd(ICCID), bcd(MSISDN.slice(1)), IMSI, ICCID, MSISDN])
      expect(jsonl).not.toContain(hidden);
    expect(jsonl).toContain('"preview":"7e0a000108[redacted IMSI-1]ffffff"');
    expect(jsonl).toContain('"preview":"[redacted ICCID-1]"');
    expect(jsonl).toContain('"preview":"ffff0791[redacted PHONE-1]ffffffff"');
    expect(jsonl).toContain('"message":"SIM ICCID-1 (IMSI IMSI-1) of PHONE-1 refused"');
    expect(counted(fast)).toEqual({ IMSI: 1, ICCID: 1, PHONE: 1 });
    for (const [name, text] of fast)
      expect(text === full.get(name), `${name}: fast and full differ`).toBe(true);
  }, 60_000);
});

describe('numbers of SIM files amid integers, generated', () => {
  it('are never readable, and keep the bytes around them that carry none', async () => {
    const planted = fc.tuple(integers, fc.oneof(imsiFile, iccidFile, diallingNumber), integers);
    await fc.assert(
      fc.asyncProperty(fc.array(planted, { minLength: 1, maxLength: 10 }), async (made) => {
        const previews = made.map(([before, laid, after]) => ({
          hex: `${before}${laid.hex}${after}`,
          // The number's digits, as hex offsets in the preview.
          from: before.length + laid.from * 2,
          to: before.length + laid.to * 2,
          // A file alone keeps its own framing (EF_IMSI's length, an alpha tag, a type byte).
          alone: before === '' && after === '',
        }));
        const path = savedLogWith(
          previews.map((p, i) => readData(500_000 + i, p.hex)),
          200,
          20,
        );
        const { fast, full } = await exportBothWays(path, 'jsonl', true);
        const text = fast.get('jsonl') ?? '';
        expect(text === full.get('jsonl'), 'fast and full differ').toBe(true);
        const exported = new Map(
          text
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as { seq?: number; preview?: string })
            .map((r) => [r.seq, r.preview]),
        );
        previews.forEach((p, i) => {
          const out = exported.get(500_000 + i) ?? '';
          const [, kept = '', after = ''] =
            /^([0-9a-f]*)\[redacted [A-Z-]+-\d+\]([0-9a-f]*)$/.exec(out) ?? [];
          expect(out, p.hex).toMatch(/\[redacted [A-Z-]+-\d+\]/);
          // What is kept is the preview's own bytes, none of the number's.
          expect(p.hex.startsWith(kept) && kept.length <= p.from, `${p.hex} → ${out}`).toBe(true);
          expect(
            p.hex.endsWith(after) && after.length <= p.hex.length - p.to,
            `${p.hex} → ${out}`,
          ).toBe(true);
          if (p.alone) expect([kept, after]).toEqual([p.hex.slice(0, p.from), p.hex.slice(p.to)]);
        });
      }),
      { numRuns: 25 },
    );
  }, 180_000);
});
