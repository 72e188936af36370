/**
 * Lines taken as they are (line-check.ts) must export exactly as the full path (parse, shape
 * check, redaction, JSON.stringify) would have exported them, and identifiers must never slip
 * through: checked on generated hostile lines against the full path itself, and end to end on
 * saved logs, where a JSON Lines export must equal, byte for byte, the one made the slow way.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRecord, V1Upgrader } from '../../../electron/core/journal-check.js';
import { ExportError } from '../../../electron/core/export/export-error.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { EXPORT_FORMATS } from '../../../electron/core/export/formats.js';
import { csvRow } from '../../../electron/core/export/format-csv.js';
import { LineCheck, SAFE_TEXT_WAYS } from '../../../electron/core/export/line-check.js';
import {
  checkBlock,
  LINE_FIELDS,
  LINE_PASSED,
} from '../../../electron/core/export/line-block-check.js';
import { LineCsvRows } from '../../../electron/core/export/line-csv-row.js';
import { allRecords, openLog } from '../../../electron/core/export/open-log.js';
import { exportLog } from '../../../electron/core/export/write-export.js';
import { Redactor } from '../../../electron/core/export/redact.js';
import { APP, NOW, removeTempDirs, tempDir, unzip } from './support/helpers.js';

afterAll(removeTempDirs);

const FORMATS = EXPORT_FORMATS.filter((f) => f !== 'pcapng');
const SIERRA = '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}';
const SMS = '533fbeeb-14fe-4467-9f90-33a223e56c3f';
const IMEI = '359072061234567';
const IMSI = '310150123456789';
const ICCID = '89014103211118510720';
const PHONE = '+1 646 563 9500';
/** A hex ESN: no digit scan finds it; only the redactor's memory of device IDs does. */
const ESN = '8a3b1c2d';

const base = (seq: number) => ({
  v: 2,
  seq,
  time: `2026-11-24T08:${String(30 + (seq % 29)).padStart(2, '0')}:00.${String(seq % 1000).padStart(3, '0')}Z`,
  mono: seq * 1.25,
});

/** Typical records of every kind that may pass, in the journal's key order. */
function typical(seq: number, serviceName = 'SMS'): Record<string, unknown>[] {
  const service = { interfaceId: SIERRA, serviceId: SMS, serviceName };
  const request = { ref: `r${seq}`, op: 'close', ...service };
  return [
    { ...base(seq), kind: 'request', ...request, outcome: 'sending', sessionOpenBefore: true },
    {
      ...base(seq + 1),
      kind: 'request-returned',
      ...request,
      requestId: 1000 + seq,
      hresult: '0x00000000',
      hresultName: 'S_OK',
      outcome: 'waiting',
      callMs: 0.6,
    },
    { ...base(seq + 2), kind: 'session-state', ...service, from: 'open', to: 'closing' },
    {
      ...base(seq + 3),
      kind: 'completion',
      op: 'close',
      ...service,
      requestId: 1000 + seq,
      status: '0x80004005',
      statusName: 'E_FAIL',
      match: 'matched',
      ref: `r${seq}`,
      outcome: 'failed',
      latencyMs: 12.5,
    },
    {
      ...base(seq + 4),
      kind: 'read-data',
      ...service,
      byteLength: 96,
      preview: '7e0a0001',
    },
    {
      ...base(seq + 5),
      kind: 'overdue',
      ...request,
      outcome: 'overdue',
      requestId: null,
      timeoutMs: 10000,
    },
  ];
}

const lineOf = (record: unknown): Buffer => Buffer.from(JSON.stringify(record), 'utf8');

/** What the full path writes for a line: parsed, checked, redacted (or not), serialised. */
function fullPath(line: Buffer, redactor: Redactor | undefined): string | undefined {
  const checked = checkRecord(JSON.parse(line.toString('utf8')), new V1Upgrader());
  if ('problem' in checked) return undefined;
  return JSON.stringify(redactor ? redactor.record(checked.record) : checked.record);
}

/** What the pass-through writes for a line LineCheck passed. */
function passedThrough(check: LineCheck, line: Buffer, redactor: Redactor | undefined): string {
  if (check.previewFrom < 0 || !redactor) return line.toString('latin1');
  const hex = line.toString('latin1', check.previewFrom, check.previewTo);
  return `${line.toString('latin1', 0, check.previewFrom)}${redactor.previewText(hex)}${line.toString('latin1', check.previewTo)}`;
}

/** The CSV row the full path makes of a line (no device model known). */
function fullCsvRow(line: Buffer, redactor: Redactor | undefined): string | undefined {
  const checked = checkRecord(JSON.parse(line.toString('utf8')), new V1Upgrader());
  if ('problem' in checked) return undefined;
  return csvRow(redactor ? redactor.record(checked.record) : checked.record, null);
}

/** The CSV row made from the text of a line `check` just passed. */
function csvRowOfText(check: LineCheck, line: Buffer): string | undefined {
  const order = check.order;
  return order && new LineCsvRows().row(check.tested, 0, line.length, order, () => null);
}

/**
 * A line of one of the journal's everyday records with a few fields changed to hostile values
 * (identifiers, quotes, escapes, other scripts, numbers JSON.stringify writes otherwise, values
 * out of range), or fields missing, or in another order.
 */
function hostileLine(): fc.Arbitrary<Buffer> {
  const text = fc.oneof(
    fc.constantFrom(
      'SMS',
      SIERRA,
      SMS,
      'S_OK',
      IMEI,
      `imei:${IMEI}`,
      ICCID,
      `${ICCID}F`,
      PHONE,
      '35892152/758929/0',
      '+1.646.563.9500',
      '123456',
      '1234567',
      '12-34-56-78',
      'r1234567',
      'r123456789',
      'r1234567890',
      '+r1234567',
      'r+1234567',
      'é',
      '"',
      '\\',
      '\t',
      '{12345678-1234-1234-1234-123456789012}',
      '12345678-1234-1234-1234-123456789012x',
    ),
    fc.string({ maxLength: 12 }),
    fc.stringMatching(/^[0-9 ()./+-]{0,16}$/),
  );
  const number = fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.constantFrom(
      0,
      -0,
      1.5,
      1.25,
      0.000001,
      1e-7,
      1e21,
      123456789012345,
      1234567890123456,
      2 ** 53,
    ),
  );
  const value = fc.oneof(
    text,
    number,
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(
      'open',
      'close',
      'sending',
      'waiting',
      'failed',
      'matched',
      'closing',
      'device-removed',
      '0x00000000',
      '0x8000FFFF',
      '0x123',
      '2026-11-24T08:30:00.000Z',
      '2026-02-30T23:59:59.999Z',
      '2026-13-01T00:00:00.000Z',
      '7e0a00010000002a000000050000003c',
      '3335393037323036313233343536370a',
    ),
  );
  const line = fc
    .tuple(
      fc.integer({ min: 0, max: 5 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), value), { maxLength: 4 }),
      fc.boolean(),
    )
    .map(([pick, changes, shuffle]) => {
      const record: Record<string, unknown> = { ...typical(7)[pick] };
      const keys = Object.keys(record);
      for (const [at, v] of changes) {
        const key = keys[at % keys.length] ?? 'seq';
        // Past the record's keys: the field goes missing.
        record[key] = at > 16 ? undefined : v;
      }
      if (!shuffle) return lineOf(record);
      const entries = Object.entries(record);
      const [head, rest] = [entries.slice(0, 5), entries.slice(5).reverse()];
      return lineOf(Object.fromEntries([...head, ...rest]));
    });
  return line;
}

describe('which lines pass as they are', () => {
  it('passes the journal’s everyday records, with or without redaction', () => {
    for (const redacting of [true, false]) {
      const check = new LineCheck(redacting);
      for (const record of typical(10)) {
        const line = lineOf(record);
        expect(check.test(line, 0, line.length), JSON.stringify(record)).toBe(true);
      }
    }
  });

  it.each([
    [
      'a data payload (device-service commands), which can hold an identifier',
      { data: '3335393037' },
    ],
    ['a field the check does not know', { note: 'x' }],
    ['an IMEI in the service name', { serviceName: `modem ${IMEI}` }],
    ['an IMSI split by spaces', { serviceName: '310 150 123 456 789' }],
    ['a phone number', { serviceName: `call ${PHONE}` }],
    ['full-width digits', { serviceName: '３５９０７２０６１２３４５６７' }],
    ['an escaped character', { serviceName: 'a\\u0033b' }],
    ['a format 1 record', { v: 1 }],
    ['a missing field', { serviceId: undefined }],
    ['a number JSON.stringify writes differently', { mono: 1.5e21 }],
  ])('sends a line with %s down the full path when redacting', (_why, change) => {
    const record = { ...typical(10)[0], ...change };
    const text = JSON.stringify(record).replace('a\\\\u0033b', 'a\\u0033b');
    const line = Buffer.from(text, 'utf8');
    expect(new LineCheck(true).test(line, 0, line.length)).toBe(false);
  });

  it('sends kinds it does not know down the full path: event notifications, device info, errors', () => {
    const check = new LineCheck(false);
    for (const record of [
      {
        ...base(1),
        kind: 'event-notification',
        interfaceId: SIERRA,
        serviceId: SMS,
        serviceName: 'SMS',
        cid: 1,
        data: '00',
      },
      {
        ...base(2),
        kind: 'device-info',
        interfaceId: SIERRA,
        manufacturer: 'm',
        model: 'm',
        firmware: 'f',
        deviceId: IMEI,
        readyState: 'initialized',
      },
      { ...base(3), kind: 'error', message: 'x', context: 'y' },
    ]) {
      const line = lineOf(record);
      expect(check.test(line, 0, line.length)).toBe(false);
    }
  });

  it('agrees with the full path on generated hostile lines: same bytes out, nothing unredacted', () => {
    const line = hostileLine();
    let passed = 0;
    let failed = 0;
    fc.assert(
      fc.property(line, (bytes) => {
        for (const redacting of [true, false]) {
          const check = new LineCheck(redacting);
          if (!check.test(bytes, 0, bytes.length)) {
            failed += 1;
            continue;
          }
          passed += 1;
          const expected = fullPath(bytes, redacting ? new Redactor() : undefined);
          expect(expected, bytes.toString('utf8')).toBeDefined();
          const actual = passedThrough(check, bytes, redacting ? new Redactor() : undefined);
          expect(actual, bytes.toString('utf8')).toBe(expected);
          // A CSV export makes the line's row from its text: the full path's row, too.
          expect(csvRowOfText(check, bytes), bytes.toString('utf8')).toBe(
            fullCsvRow(bytes, redacting ? new Redactor() : undefined),
          );
        }
      }),
      { numRuns: 3000 },
    );
    // Both sides were exercised: many lines passed, many did not.
    expect(passed).toBeGreaterThan(500);
    expect(failed).toBeGreaterThan(500);
  });
});

describe('free text proven safe to leave unredacted', () => {
  it('is a GUID or holds no run of seven digits, and is proven one way only', () => {
    // One way only: a line failing late must not be read again for each way a text before the
    // failure could have been taken (that cost grew with every text field of the line).
    const ways = SAFE_TEXT_WAYS.map((way) => new RegExp(`^(?:${way})"`));
    const guid =
      /^(?:\{[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\}|[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12})$/;
    const run = /\d(?:[ ()./+-]{0,2}\d){6}/;
    const text = fc.oneof(
      fc.constantFrom(
        SIERRA,
        SMS,
        '{12345678-1234-1234-1234-123456789012}',
        '12345678-1234-1234-1234-123456789012',
        'abcdefab-abcd-abcd-abcd-abcdefabcdef',
        IMEI,
        PHONE,
        'r12',
        'r1122220',
        'r1234567890',
        'r+1234567',
        '',
      ),
      fc.string({
        unit: fc.constantFrom('a', 'F', '-', '{', '}', ' ', '.', '(', '+', '1', '7', '0'),
        maxLength: 40,
      }),
      fc.stringMatching(/^[0-9 ()./+-]{0,16}$/),
    );
    fc.assert(
      fc.property(text, (value) => {
        const taken = ways.filter((way) => way.test(`${value}"`)).length;
        expect(taken, value).toBeLessThanOrEqual(1);
        expect(taken === 1, value).toBe(
          guid.test(value) || !run.test(value) || /^r\d{7,9}$/.test(value),
        );
      }),
      { numRuns: 3000 },
    );
  });
});

describe('lines passed a run at a time', () => {
  it('get the verdict and preview each line gets alone, hostile lines among them', () => {
    // Everyday lines, a preview that decodes to an IMSI (the redactor's token replaces it),
    // hostile lines between them: what a block's check says of each line must be what the
    // line-by-line check says, wherever a run of passing lines starts and stops.
    const imsiPreview = lineOf({
      ...base(3),
      kind: 'read-data',
      interfaceId: SIERRA,
      serviceId: SMS,
      serviceName: 'SMS',
      byteLength: 15,
      preview: Buffer.from(IMSI).toString('hex'),
    });
    // The same with its fields in another order (valid JSON all the same): the preview not last.
    const imsiPreviewFirst = lineOf({
      ...base(4),
      kind: 'read-data',
      interfaceId: SIERRA,
      serviceId: SMS,
      serviceName: 'SMS',
      preview: Buffer.from(IMSI).toString('hex'),
      byteLength: 15,
    });
    const everyday = fc.oneof(
      fc.constantFrom(...typical(20).map(lineOf)),
      fc.constant(imsiPreview),
      fc.constant(imsiPreviewFirst),
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ arbitrary: everyday, weight: 4 }, hostileLine()), { maxLength: 40 }),
        fc.boolean(),
        (lines, redacting) => {
          const block = Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')]));
          // A CSV export's rows are made with the check: each line's row must be the one made
          // for the line alone (a block of one line without its LF is checked line by line).
          const ahead = { version: 1, models: [[SIERRA, 'EM7455']] as [string, string][] };
          const checked = checkBlock(
            new LineCheck(redacting),
            block,
            0,
            block.length,
            undefined,
            ahead,
          );
          const { lines: found, count } = checked;
          const alone = new LineCheck(redacting);
          const rowsAlone = lines.map((line) => {
            const { made } = checkBlock(alone, line, 0, line.length, undefined, ahead);
            return Buffer.from(made ?? new Uint8Array()).toString();
          });
          expect(Buffer.from(checked.made ?? new Uint8Array()).toString()).toBe(rowsAlone.join(''));
          expect(count).toBe(lines.length);
          let at = 0;
          lines.forEach((line, i) => {
            const k = i * LINE_FIELDS;
            const passed = alone.test(block, at, at + line.length);
            const preview = passed && alone.previewFrom >= 0;
            expect([found[k], found[k + 1], found[k + 2] === LINE_PASSED], line.toString()).toEqual(
              [at, at + line.length, passed],
            );
            expect([found[k + 3], found[k + 4]]).toEqual(
              preview ? [alone.previewFrom, alone.previewTo] : [-1, -1],
            );
            at += line.length + 1;
          });
        },
      ),
      { numRuns: 400 },
    );
  });
});

/** A saved log big enough that most of it is read past the first chunk, where lines may pass. */
function savedLog(dir: string, extra: Record<string, unknown>[]): string {
  const records: Record<string, unknown>[] = [
    {
      ...base(1),
      kind: 'run-start',
      format: 'mbn-diag-journal',
      runId: '0123456789abcdef0123456789abcdef',
      app: { name: 'mbn-diag', version: '0.1.0' },
      os: { platform: 'win32', release: '10', arch: 'x64' },
      backend: { kind: 'simulator', label: 'sim', reason: 'test' },
    },
  ];
  for (let i = 0; i < 1000; i++) records.push(...typical(2 + i * 6));
  records.push(...extra);
  for (let i = 0; i < 200; i++) records.push(...typical(10_000 + i * 6));
  const path = join(dir, 'saved.jsonl');
  writeFileSync(path, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return path;
}

/** Identifiers planted in every string field of every kind that may pass, and an ESN. */
function planted(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [
    {
      ...base(9000),
      kind: 'device-info',
      interfaceId: SIERRA,
      manufacturer: 'm',
      model: 'CDMA modem',
      firmware: 'f',
      deviceId: ESN,
      readyState: 'initialized',
    },
  ];
  const ids = [IMEI, IMSI, ICCID, PHONE, `esn ${ESN}`];
  let seq = 9001;
  for (const id of ids)
    for (const record of typical(seq)) {
      for (const key of Object.keys(record))
        if (typeof record[key] === 'string' && !['kind', 'time'].includes(key))
          out.push({
            ...record,
            seq: seq++,
            [key]: key === 'preview' ? '3335393037323036313233343536370a' : `x ${id} y`,
          });
    }
  return out;
}

const leaked = (text: string): string[] =>
  [IMEI, IMSI, ICCID, '6465639500', '646 563 9500', ESN, '359072061'].filter((id) =>
    text.includes(id),
  );

async function exportedText(path: string, format: (typeof FORMATS)[number], redact = true) {
  const out = join(tempDir(), `out.${format}`);
  await exportFromPath({ source: path, format, destination: out, app: APP, now: NOW, redact });
  if (format !== 'zip') return readFileSync(out, 'utf8');
  return [...(await unzip(out)).values()].map((b) => b.toString('utf8')).join('\n');
}

describe('exports of a saved log', () => {
  const dir = tempDir();
  const path = savedLog(dir, planted());

  it.each(FORMATS)('leave no planted identifier in a default %s export', async (format) => {
    expect(leaked(await exportedText(path, format))).toEqual([]);
  });

  it.each([true, false])(
    'write JSON Lines byte for byte as the full path does (redacted: %s)',
    async (redact) => {
      const fast = await exportedText(path, 'jsonl', redact);
      // The full path: every line parsed and checked by the reader, then redacted and serialised.
      const log = await openLog(path);
      const slowOut = join(tempDir(), 'slow.jsonl');
      await exportLog({
        format: 'jsonl',
        destination: slowOut,
        records: allRecords(log),
        app: APP,
        now: NOW,
        redact,
        sourceLabel: 'saved.jsonl',
      });
      log.close();
      expect(fast).toBe(readFileSync(slowOut, 'utf8'));
      // The preview that reads as an identifier is replaced, the rest of its line kept.
      if (redact) expect(fast).toContain('"preview":"[redacted ');
    },
  );

  it.each(FORMATS)('leaves no file when a %s export of it is cancelled', async (format) => {
    const outDir = tempDir();
    const controller = new AbortController();
    const error = await exportFromPath({
      source: path,
      format,
      destination: join(outDir, `out.${format}`),
      app: APP,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as ExportError).code).toBe('cancelled');
    expect(readdirSync(outDir)).toEqual([]);
  });

  it.each(FORMATS)('leaves no file when a %s export of it fails', async (format) => {
    const outDir = tempDir();
    const destination = join(outDir, `out.${format}`);
    const error = await exportFromPath({
      source: path,
      format,
      destination,
      app: APP,
      // The destination turns into a folder holding a file: the final rename cannot replace it.
      onProgress: () => {
        if (existsSync(destination)) return;
        mkdirSync(destination);
        writeFileSync(join(destination, 'x'), '');
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as ExportError).message).toContain('Nothing was saved.');
    // Only the folder that blocked it: no export, no temporary file.
    expect(readdirSync(outDir)).toEqual([`out.${format}`]);
    expect(readdirSync(destination)).toEqual(['x']);
  });
});
