/**
 * An export reads a saved log into memory it fills again (log-parts.ts, kept-buffers.ts): a chunk
 * goes back to the pool once no queued block, no record and no line waiting to be written refers
 * to it. What an engineer must be able to trust: a log many chunks long, with lines to redact,
 * damaged lines and lines cut by the chunks' edges, exports byte for byte as the full path writes
 * it, however far the reading runs ahead of the writing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from './support/helpers.js';
import { SERVICE, exportBothWays, lineHead, savedLogWith } from './support/fast-vs-full.js';

afterAll(removeTempDirs);

const IMSI = '310150123456789';

/** Every 40th line something else: to redact, damaged, a preview to replace, or long. */
function unusual(i: number): string {
  switch (i % 4) {
    case 0:
      return `${lineHead(300_000 + i)},"kind":"session-state",${SERVICE.replace('"SMS"', `"imsi ${IMSI}"`)},"from":"open","to":"closing"}`;
    case 1:
      return `${lineHead(300_000 + i)},"kind":"session-state",${SERVICE}`;
    case 2:
      return `${lineHead(300_000 + i)},"kind":"read-data",${SERVICE},"byteLength":15,"preview":"${Buffer.from(IMSI).toString('hex')}"}`;
    default:
      return `${lineHead(300_000 + i)},"kind":"error","message":"${'x'.repeat(5000 + i)}","context":"y"}`;
  }
}

describe('a saved log many chunks long', () => {
  // About 14 MB: more chunks than are ever held at once, so each chunk's memory is filled again.
  const lines: string[] = [];
  for (let i = 0; i < 40_000; i++) {
    if (i % 40 === 0) lines.push(unusual(i / 40));
    lines.push(
      `${lineHead(400_000 + i)},"kind":"completion",${SERVICE},"op":"close","requestId":${i},"status":"0x00000000","statusName":"S_OK","match":"matched","ref":"r${i}","outcome":"succeeded","latencyMs":${i % 97}}`,
    );
  }
  const path = savedLogWith(lines, 2000, 2000);

  it.each([
    ['jsonl', true],
    ['jsonl', false],
    ['csv', true],
  ] as const)(
    'exports as %s (redacted: %s) byte for byte as the full path does',
    async (format, redact) => {
      const { fast, full } = await exportBothWays(path, format, redact);
      const text = fast.get(format) ?? '';
      expect(text.length).toBeGreaterThan(8_000_000);
      if (redact) expect(text).not.toContain(IMSI);
      expect(text === full.get(format)).toBe(true);
    },
    120_000,
  );
});
