/**
 * A damaged line's problem quotes the start of what was wrong (its kind, its time), cut to 40
 * characters. An IMEI the cut fell inside kept too few digits to be redacted, so the export's
 * list of reading problems showed them in clear.
 */
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../electron/core/export/redact.js';
import { checkRecord, upgraderFor } from '../../../electron/core/journal-check.js';

const IMEI = '358921527589292';

function problemOf(fields: Record<string, unknown>): string {
  const line = { v: 2, seq: 1, time: '2026-11-30T08:00:00.000Z', mono: 1, ...fields };
  const checked = checkRecord(line, upgraderFor({}));
  if (!('problem' in checked)) throw new Error('the line was taken');
  return new Redactor().text(checked.problem);
}

function showsImei(text: string): boolean {
  for (let i = 0; i + 5 <= IMEI.length; i++) if (text.includes(IMEI.slice(i, i + 5))) return true;
  return false;
}

describe('a damaged line quoted in a redacted problem', () => {
  for (const before of [31, 32, 33])
    it(`shows no digits of an IMEI cut at 40 characters (${before} before it)`, () => {
      const value = `${'x'.repeat(before)}${IMEI}`;
      expect(showsImei(problemOf({ kind: value }))).toBe(false);
      expect(showsImei(problemOf({ kind: 'backend-status', time: value }))).toBe(false);
    });
});
