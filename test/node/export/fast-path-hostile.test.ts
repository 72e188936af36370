/**
 * Hostile saved logs, each aimed at one shortcut of the fast path (line-check.ts and what takes
 * its lines): every format must come out as the full path writes it, byte for byte, and no
 * identifier the redactor replaces may survive. Each case here once leaked or differed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from './support/helpers.js';
import { SERVICE, exportBothWays, lineHead, savedLogWith } from './support/fast-vs-full.js';

afterAll(removeTempDirs);

const IMSI = '310150123456789';
const IMSI_HEX = Buffer.from(IMSI).toString('hex');

describe('a read-data line whose preview is not its last field', () => {
  // Valid JSON with the same fields, in another order: such lines passed a run at a time, and a
  // run's lines were only looked at from their end for a preview to redact.
  const lines = Array.from(
    { length: 20 },
    (_, i) =>
      `${lineHead(500_000 + i)},"kind":"read-data",${SERVICE},"preview":"${IMSI_HEX}","byteLength":15}`,
  );
  const path = savedLogWith(lines);

  it.each(['jsonl', 'zip'] as const)(
    'has its preview redacted in a %s export, as the full path does',
    async (format) => {
      const { fast, full } = await exportBothWays(path, format, true);
      for (const [name, text] of fast) {
        expect(text, name).not.toContain(IMSI_HEX);
        expect(text, name).toBe(full.get(name));
      }
    },
    60_000,
  );
});
