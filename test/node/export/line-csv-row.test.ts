/**
 * A CSV export makes the rows of lines LineCheck passed from the lines' text (line-csv-row.ts),
 * without parsing them: each row must be exactly what the full path (JSON.parse, then csvRow)
 * makes of the same line, for every kind that may pass, every word its fields may hold, nulls,
 * missing optional fields, numbers of every form, and text a spreadsheet would misread (commas,
 * formula starts). Checked on generated lines, with and without redaction's stricter check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineCheck } from '../../../electron/core/export/line-check.js';
import { LineCsvRows } from '../../../electron/core/export/line-csv-row.js';
import { fullRow, longRecords, model, records } from './csv-line-arbitraries.js';

describe('CSV rows made from a passing line’s text', () => {
  it('are the full path’s rows, for every kind that may pass', () => {
    const passedKinds = new Set<string>();
    let passed = 0;
    // One check and one row maker for all lines, as a block has: nothing may leak between lines.
    const checks = new Map([true, false].map((redacting) => [redacting, new LineCheck(redacting)]));
    const rows = new LineCsvRows();
    fc.assert(
      fc.property(fc.oneof(...records), fc.boolean(), (record, redacting) => {
        const line = JSON.stringify(record);
        const bytes = Buffer.from(line, 'utf8');
        // Some text around it, as in a block read from a file.
        const padded = Buffer.concat([Buffer.from('x\n'), bytes, Buffer.from('\ny')]);
        const check = checks.get(redacting) ?? new LineCheck(redacting);
        if (!check.test(padded, 2, 2 + bytes.length)) return;
        const order = check.order;
        expect(order).toBeDefined();
        if (!order) return;
        passed += 1;
        passedKinds.add(order.kind);
        const row = rows.row(check.tested, 2, 2 + bytes.length, order, model);
        expect(row, line).toBe(fullRow(line));
      }),
      { numRuns: 4000 },
    );
    // Every kind was exercised, and most lines passed.
    expect([...passedKinds].sort()).toEqual([
      'abandoned',
      'completion',
      'given-up',
      'overdue',
      'read-data',
      'request',
      'request-returned',
      'session-state',
    ]);
    expect(passed).toBeGreaterThan(2000);
  });

  it('cut cells over Excel’s limit as the full path does, marker and all', () => {
    const check = new LineCheck(false);
    const rows = new LineCsvRows();
    let cut = 0;
    fc.assert(
      fc.property(fc.oneof(...longRecords), (record) => {
        const line = JSON.stringify(record);
        const bytes = Buffer.from(line, 'utf8');
        if (!check.test(bytes, 0, bytes.length) || !check.order) return;
        const row = rows.row(check.tested, 0, bytes.length, check.order, model);
        expect(row).toBe(fullRow(line));
        if (row?.includes('characters: the JSON Lines export has the whole value]')) cut += 1;
      }),
      { numRuns: 300 },
    );
    expect(cut).toBeGreaterThan(50);
  });
});
