/**
 * A CSV export makes the rows of most lines in WebAssembly, in the pass that checks them
 * (LineCheck.csvLines, wasm/csv-rows.ts), from csv-row-steps.ts's steps. What a support engineer
 * relies on: each row is exactly what the full path (JSON.parse, then csvRow) makes of the same
 * line, whichever way it was made, with the same ref for the writer to look its request up by;
 * every duration reads as formatDuration writes it, to the last rounding; and a block's lines
 * get the same numbers as the JavaScript check gives them (previews to redact included). Lines
 * whose cells csvField must change (formula starts, semicolons) are left to JavaScript; no
 * other passing line is.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../shared/journal/record.js';
import type { AheadState } from '../../../electron/core/export/format-writer.js';
import { csvRow } from '../../../electron/core/export/format-csv.js';
import { checkBlock } from '../../../electron/core/export/line-block-check.js';
import { LineCheck } from '../../../electron/core/export/line-check.js';
import { lineRefKey } from '../../../electron/core/export/ref-key.js';
import { MAX_LINE_BYTES } from '../../../electron/core/line-splitter.js';
import { fullRow, kindsOf, MODELS, number, records, SIERRA, text } from './csv-line-arbitraries.js';

const MODEL_LIST: [string, string][] = [...MODELS];

/** Lines as a log mostly holds them: everyday text, and now and then the hostile kind. */
const everyday = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'SMS',
      'Basic Connect',
      SIERRA,
      'a289cc33-bcbb-8b4f-b6b0-133ec2aae6df',
      'plain, with a comma',
      'S_OK',
      'r12',
      'r0',
      'r012',
      '',
      ' ',
    ),
  },
  { weight: 1, arbitrary: text },
);
const lines = kindsOf(everyday);
const AHEAD: AheadState = { version: 1, models: MODEL_LIST };

/** A row csvField had to change: a defused formula start, a semicolon. */
const leftToCsvField = (row: string): boolean => row.includes("'") || row.includes(';');

interface Made {
  /** Lines the WebAssembly reader made rows of. */
  made: number;
  /** Lines it left, and why the full path says it had to. */
  left: number;
}

/**
 * Runs `lines` through csvLines as an export does (the key orders learned first, by the
 * expressions), asserting each row it makes (against `row`, the full path's by default) and each
 * line it leaves. A run may end for the rows' room too: the next call goes on from there.
 */
function throughWasm(check: LineCheck, lines: readonly string[], row = fullRow): Made {
  const buf = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  const starts: number[] = [];
  let at = 0;
  const passes = lines.map((line) => {
    const length = Buffer.byteLength(line);
    starts.push(at);
    const passed = check.test(buf, at, at + length);
    at += length + 1;
    return passed;
  });
  const counts: Made = { made: 0, left: 0 };
  let line = 0;
  while (line < lines.length) {
    const taken = check.csvLines(buf, starts[line] ?? 0, buf.length, MAX_LINE_BYTES, 0, 0);
    const entries = check.csvEntries;
    const made = Buffer.from(check.csvMade);
    let rowFrom = 0;
    for (let k = 0; k < taken; k++, line++) {
      const text = lines[line] ?? '';
      expect(entries[k * 7], text).toBe(starts[line]);
      const rowTo = entries[k * 7 + 5] ?? 0;
      expect(made.toString('utf8', rowFrom, rowTo), text).toBe(row(text));
      const record = JSON.parse(text) as { ref?: unknown };
      expect(entries[k * 7 + 6], text).toBe(lineRefKey(record.ref));
      rowFrom = rowTo;
      counts.made += 1;
    }
    if (taken > 0) continue;
    // A line it left: one no check passes, or one whose row csvField had to change.
    const left = lines[line] ?? '';
    expect(check.scanStopped).toBe(starts[line]);
    expect(!passes[line] || leftToCsvField(row(left)), left).toBe(true);
    if (passes[line]) counts.left += 1;
    line += 1;
  }
  return counts;
}

describe.each([true, false])('CSV rows made in WebAssembly, redacting: %s', (redacting) => {
  it('are the full path’s rows, for every line it does not leave to csvField', () => {
    const check = new LineCheck(redacting);
    expect(check.csvModels(MODEL_LIST)).toBe(true);
    const total: Made = { made: 0, left: 0 };
    fc.assert(
      fc.property(fc.array(fc.oneof(...lines), { minLength: 1, maxLength: 20 }), (list) => {
        const counts = throughWasm(
          check,
          list.map((record) => JSON.stringify(record)),
        );
        total.made += counts.made;
        total.left += counts.left;
      }),
      { numRuns: 1000 },
    );
    // Most lines are everyday ones, made there; the hostile texts are left.
    expect(total.made).toBeGreaterThan(2000);
    expect(total.left).toBeGreaterThan(100);
  });

  it('writes every duration as formatDuration does, at each form’s edge and each tie', () => {
    const check = new LineCheck(redacting);
    expect(check.csvModels(MODEL_LIST)).toBe(true);
    // Numbers as a line may hold them: up to nine digits and six places, or twelve digits.
    const shaped = fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 6 }))
        .map(([n, places]) => n / 10 ** places),
      fc.integer({ min: 1_000_000_000, max: 999_999_999_999 }),
      fc.constantFrom(
        0.05,
        0.15,
        0.25,
        0.35,
        0.45,
        0.55,
        0.94,
        0.949999,
        0.95,
        2.5,
        12.5,
        999.499999,
        999.5,
        1.005,
        1.235,
        1.245,
        9994.995,
        9994.999999,
        9995,
        119949.99,
        119950,
        5996999.999999,
        5997000,
        172619999.99,
        172620000,
        999999999999,
      ),
      number,
    );
    const durations = lines
      .slice(1, 2)
      .map((returned) =>
        fc
          .tuple(returned, shaped, fc.boolean())
          .map(([r, ms, negative]) => ({ ...r, callMs: negative && ms > 0 ? -ms : ms })),
      );
    let made = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(...durations), { minLength: 1, maxLength: 20 }), (list) => {
        made += throughWasm(
          check,
          list.map((record) => JSON.stringify(record)),
        ).made;
      }),
      { numRuns: 1000 },
    );
    expect(made).toBeGreaterThan(2000);
  });

  it('gives a block’s lines the numbers and rows the JavaScript check gives them', () => {
    const scan = new LineCheck(redacting);
    const plain = new LineCheck(redacting, { scan: false });
    // Counted, so that a reader that made no row (off, or trapped) cannot pass as the same.
    let inWasm = 0;
    const csvLines = scan.csvLines.bind(scan);
    scan.csvLines = (...args) => {
      const taken = csvLines(...args);
      inWasm += taken;
      return taken;
    };
    // A read-data line whose preview decodes to an IMSI: a preview the redactor must replace.
    const imsi = Buffer.from('310150123456789').toString('hex');
    const withPreview = `{"v":2,"seq":7,"time":"2026-11-24T08:10:00.000Z","mono":51.25,"kind":"read-data","interfaceId":"${SIERRA}","serviceId":"533fbeeb-14fe-4467-9f90-33a223e56c3f","serviceName":"SMS","byteLength":15,"preview":"${imsi}"}`;
    fc.assert(
      fc.property(fc.array(fc.oneof(...records), { minLength: 1, maxLength: 20 }), (list) => {
        const lines = [...list.map((record) => JSON.stringify(record)), withPreview];
        const block = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
        // Twice each: the first time the expressions learn the key orders.
        checkBlock(scan, block, 0, block.length, MAX_LINE_BYTES, AHEAD);
        checkBlock(plain, block, 0, block.length, MAX_LINE_BYTES, AHEAD);
        const fromWasm = checkBlock(scan, block, 0, block.length, MAX_LINE_BYTES, AHEAD);
        const fromJs = checkBlock(plain, block, 0, block.length, MAX_LINE_BYTES, AHEAD);
        expect([...fromWasm.lines]).toEqual([...fromJs.lines]);
        expect(Buffer.from(fromWasm.made ?? []).toString('latin1')).toBe(
          Buffer.from(fromJs.made ?? []).toString('latin1'),
        );
      }),
      { numRuns: 200 },
    );
    expect(inWasm).toBeGreaterThan(400);
  });

  it.each([4000, 6000, 8000, 10000])(
    'makes every row of a device whose model (%i characters) is longer than its lines',
    (length) => {
      // The journal holds a model to no length: a short line's row is then far longer than the
      // line, and the rows' room must count it (rows of lengths that end their room at
      // different places).
      const long = `${'Long model '.repeat(length / 11)}– 5G`;
      const check = new LineCheck(redacting);
      expect(check.csvModels([[SIERRA, long]])).toBe(true);
      const lines = Array.from(
        { length: 1500 },
        (_, i) =>
          `{"v":2,"seq":${i + 1},"time":"2026-11-24T08:10:00.000Z","mono":${i}.5,"kind":"session-state","interfaceId":"${SIERRA}","serviceId":"533fbeeb-14fe-4467-9f90-33a223e56c3f","serviceName":"SMS","from":"open","to":"closing"}`,
      );
      const counts = throughWasm(check, lines, (line) =>
        csvRow(JSON.parse(line) as JournalRecord, long),
      );
      // Every one made there: more rows than the room holds at once, and no trap turned it off.
      expect(counts).toEqual({ made: 1500, left: 0 });
    },
  );
});
