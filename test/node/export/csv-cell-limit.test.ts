/**
 * Excel holds at most 32,767 characters in a cell; a longer CSV cell spills into the rows below it
 * and breaks the table. The CSV export cuts such a cell to fit, ending it with a marker that says
 * how much was cut and that the JSON Lines export has the whole value: the marker inside the
 * limit, no surrogate pair or redaction token split, and redaction done before the cut.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { EXCEL_CELL_LIMIT, fitCell } from '../../../electron/core/export/csv-cell-limit.js';
import { REDACTION_TOKEN } from '../../../electron/core/export/redact.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);

const MARKER = /…\[cut ([\d,]+) characters: the JSON Lines export has the whole value\]$/;

/** Where each token of `text` starts and ends. */
const tokenSpans = (text: string): [number, number][] =>
  [...text.matchAll(new RegExp(REDACTION_TOKEN.source, 'g'))].map((m) => [
    m.index,
    m.index + m[0].length,
  ]);

describe('a CSV cell over Excel’s limit', () => {
  it('is left alone up to the limit, and cut with the marker one character past it', () => {
    const full = 'a'.repeat(EXCEL_CELL_LIMIT);
    expect(fitCell(full)).toBe(full);
    const over = fitCell(`${full}b`);
    expect(over.length).toBeLessThanOrEqual(EXCEL_CELL_LIMIT);
    const [, count] = MARKER.exec(over) ?? [];
    expect(Number(count?.replaceAll(',', ''))).toBe(EXCEL_CELL_LIMIT + 1 - over.indexOf('…[cut'));
  });

  it('fits, says truly how much was cut, splits no surrogate pair and no redaction token', () => {
    const unit = fc.constantFrom(
      'a',
      ' ',
      '😀',
      '\ud83d\ude00x',
      'IMEI-12 ',
      'PHONE-h0123456789 ',
      '[redacted IMSI-4] ',
      'ICCID-1',
      '9',
    );
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 6 }), fc.nat(200_000), (units, n) => {
        const piece = units.join('');
        const length = EXCEL_CELL_LIMIT + 1 + (n % 90_000);
        const text = piece.repeat(Math.ceil(length / piece.length));
        const cell = fitCell(text);
        expect(cell.length).toBeLessThanOrEqual(EXCEL_CELL_LIMIT);
        const marker = MARKER.exec(cell);
        expect(marker).not.toBeNull();
        const kept = cell.length - (marker?.[0].length ?? 0);
        expect(text.startsWith(cell.slice(0, kept))).toBe(true);
        expect(Number(marker?.[1]?.replaceAll(',', ''))).toBe(text.length - kept);
        const last = cell.charCodeAt(kept - 1);
        expect(last >= 0xd800 && last <= 0xdbff, 'a surrogate pair split').toBe(false);
        expect(tokenSpans(text).some(([from, to]) => from < kept && kept < to)).toBe(false);
        // Nearly all the room is used: a cut moves back by a token at most.
        expect(kept).toBeGreaterThan(EXCEL_CELL_LIMIT - 120);
      }),
      { numRuns: 300 },
    );
  });

  it('in the export: every cell fits, the long ones say so, and a cut reveals no identifier', async () => {
    const base = { v: 2 as const, time: '2026-11-29T12:00:00.000Z', mono: 1 };
    // IMEIs all around the cut (commas keep them apart: spaces would join them into one number).
    // Cut before redaction, the digits kept of one would be too few for the redactor to find.
    const message = `${'x'.repeat(32_600)}${', 356938035643809'.repeat(40)}`;
    const records: JournalRecord[] = [
      {
        ...base,
        seq: 1,
        kind: 'completion',
        interfaceId: '{DEV}',
        serviceId: 'a289cc33-bcbb-8b4f-b6b0-133ec2aae6df',
        serviceName: 'Basic Connect',
        ref: 'r1',
        op: 'query',
        requestId: 5,
        status: '00000000',
        statusName: 'S_OK',
        match: 'matched',
        outcome: 'succeeded',
        latencyMs: 20,
        responseId: 3,
        byteLength: 50_000,
        data: 'ab'.repeat(50_000),
      },
      { ...base, seq: 2, kind: 'error', context: 'modem', message },
    ];
    const out = join(tempDir(), 'long.csv');
    await exportRecords(records, 'csv', out, {});
    const text = readFileSync(out, 'utf8');
    const table: string[][] = parse(text, { bom: true });
    const [header, ...rows] = table;
    expect(rows).toHaveLength(2);
    for (const row of rows)
      for (const cell of row) expect(cell.length).toBeLessThanOrEqual(EXCEL_CELL_LIMIT);
    const data = rows[0]?.[header?.indexOf('data') ?? -1] ?? '';
    // Its bytes apart, as every payload is written (record-row.ts), cut where the cell is full.
    expect(data).toMatch(/^(?:ab )+(?:ab?)?…\[cut 117,\d{3} characters: the JSON Lines export has/);
    const details = rows[1]?.[header?.indexOf('details') ?? -1] ?? '';
    expect(details).toMatch(MARKER);
    expect(details).toContain('IMEI-1');
    // Whole tokens only: a cut in one moves back to its start.
    expect(details).toMatch(/(?:IMEI-1|,| )…\[cut /);
    expect(text).not.toMatch(/3569380/);
  });
});
