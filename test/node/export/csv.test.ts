import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '../../../electron/core/journal-reader.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { ROW_COLUMNS } from '../../../electron/core/export/record-row.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';
import { makeSampleRun } from './support/sample-log.js';

let records: JournalRecord[];

const TRICKY = 'modem said: "no", then, after a pause,\nline two\r\nline three';

beforeAll(async () => {
  const sample = (await readAll(await makeSampleRun(tempDir()))).records;
  const last = sample[sample.length - 1];
  if (!last) throw new Error('empty sample');
  records = [
    ...sample,
    {
      v: 2,
      seq: last.seq + 1,
      time: last.time,
      mono: last.mono + 1,
      kind: 'error',
      message: TRICKY,
      context: '=HYPERLINK("http://example.invalid")',
    },
  ];
});
afterAll(removeTempDirs);

describe('CSV export', () => {
  it('gives a QUERY its command ID, well-known name and bytes, and a notification its event ID', async () => {
    const base = { v: 2 as const, time: '2026-11-29T12:00:00.000Z', mono: 1 };
    const service = {
      interfaceId: '{DEV}',
      serviceId: 'a289cc33-bcbb-8b4f-b6b0-133ec2aae6df',
      serviceName: 'Basic Connect',
    };
    const out = join(tempDir(), 'commands.csv');
    await exportRecords(
      [
        {
          ...base,
          ...service,
          seq: 1,
          kind: 'request',
          ref: 'r1',
          op: 'query',
          outcome: 'sending',
          sessionOpenBefore: true,
          commandId: 3,
          byteLength: 0,
          data: '',
        },
        {
          ...base,
          ...service,
          seq: 2,
          kind: 'completion',
          ref: 'r1',
          op: 'query',
          requestId: 5,
          status: '00000000',
          statusName: 'S_OK',
          match: 'matched',
          outcome: 'succeeded',
          latencyMs: 20,
          responseId: 3,
          byteLength: 8,
          data: '0100000001000000',
        },
        {
          ...base,
          ...service,
          seq: 3,
          kind: 'event-notification',
          eventId: 9,
          byteLength: 1,
          data: 'ff',
        },
      ],
      'csv',
      out,
      { redact: false },
    );
    const table: string[][] = parse(readFileSync(out), { bom: true });
    const [header, ...rows] = table;
    const at = (row: string[] | undefined, name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(at(rows[0], 'command_id')).toBe('3');
    expect(at(rows[0], 'command_name')).toBe('RADIO_STATE');
    expect(at(rows[1], 'response_id')).toBe('3');
    // Bytes apart, one byte as 0x..: written whole, `0100000001000000` was a number to a
    // spreadsheet (1.00000001E+14), to pandas and to Miller, and a lone `10` read as ten.
    expect(at(rows[1], 'data')).toBe('01 00 00 00 01 00 00 00');
    expect(at(rows[2], 'event_id')).toBe('9');
    expect(at(rows[2], 'data')).toBe('0xff');
  });

  it('keeps a spreadsheet from running text as a formula', async () => {
    const read = records.find((r) => r.kind === 'read-data');
    if (!read) throw new Error('no read-data in sample');
    const out = join(tempDir(), 'log.csv');
    await exportRecords([{ ...read, serviceName: '=cmd|calc' }], 'csv', out, { redact: false });
    const [header, row] = parse(readFileSync(out), { bom: true });
    expect(row?.[header?.indexOf('service') ?? -1]).toBe("'=cmd|calc");
  });

  // A review found `cat log.csv` clearing the terminal and retitling its window: the CSV kept a
  // log's ESC sequences, C1 controls and bidi overrides raw, where every other output escapes them.
  it('writes control characters and bidi overrides as visible escapes, line breaks kept', async () => {
    const read = records.find((r) => r.kind === 'read-data');
    if (!read) throw new Error('no read-data in sample');
    const out = join(tempDir(), 'log.csv');
    const hostile = 'Diag\u001b[2J\u001b]0;pwned\u0007 \u009b31m \u202eevil\u2066\ttab\nline';
    await exportRecords([{ ...read, serviceName: hostile }], 'csv', out, { redact: false });
    const bytes = readFileSync(out);
    expect(bytes.toString('utf8')).not.toMatch(
      // eslint-disable-next-line no-control-regex -- what must not be in the file
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202e\u2066]/,
    );
    const [header, row] = parse(bytes, { bom: true });
    expect(row?.[header?.indexOf('service') ?? -1]).toBe(
      'Diag\\x1b[2J\\x1b]0;pwned\\x07 \\x9b31m \\u202eevil\\u2066\ttab\nline',
    );
  });

  it('keeps a spreadsheet that cuts lines at semicolons (Excel in most of Europe) from running a formula', async () => {
    const read = records.find((r) => r.kind === 'read-data');
    if (!read) throw new Error('no read-data in sample');
    const out = join(tempDir(), 'log.csv');
    const hostile = 'Diag;=cmd|calc;+1;-2;@SUM(A1);"=1+1";x\n=HYPERLINK("http://x")\r\n+1';
    await exportRecords([{ ...read, serviceName: hostile }], 'csv', out, { redact: false });
    const bytes = readFileSync(out);
    // As such a spreadsheet opens it: a cell at every semicolon, a row at every line break, a
    // quote inside a cell plain text.
    const cells = bytes
      .toString('utf8')
      .split(/\r\n|\r|\n/)
      .flatMap((line) => line.split(';'));
    expect(cells.filter((cell) => /^"*[=+\-@\t\r]/.test(cell))).toEqual([]);
    // Read with commas, the text is the log's with an apostrophe before each formula start.
    const [header, row] = parse(bytes, { bom: true });
    expect(row?.[header?.indexOf('service') ?? -1]).toBe(
      "Diag;'=cmd|calc;'+1;'-2;'@SUM(A1);'\"=1+1\";x\n'=HYPERLINK(\"http://x\")\r\n'+1",
    );
  });

  it('is read back by a real CSV parser: one row per record, stable columns, tricky text intact', async () => {
    const out = join(tempDir(), 'log.csv');
    await exportRecords(records, 'csv', out, { redact: false });
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, relax_column_count: false });
    expect(rows[0]).toEqual([...ROW_COLUMNS]);
    expect(rows).toHaveLength(records.length + 1);
    const details = ROW_COLUMNS.indexOf('details');
    const last = rows[rows.length - 1];
    expect(last?.[details]).toBe(`error in =HYPERLINK("http://example.invalid"): ${TRICKY}`);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(records.map((r) => r.seq));
  });

  it('uses CRLF between records, as RFC 4180 asks, and quotes line breaks inside fields', async () => {
    const out = join(tempDir(), 'log.csv');
    await exportRecords(records, 'csv', out, { redact: false });
    const text = readFileSync(out, 'utf8');
    expect(text.split('\r\n')[0]).toBe(`\ufeff${ROW_COLUMNS.join(',')}`);
    // The details column is followed by the (empty) outcome words, match, model and command
    // columns of an error record (it is about no device and no command).
    expect(text).toContain(
      'modem said: ""no"", then, after a pause,\nline two\r\nline three",,,,,,,,\r\n',
    );
  });

  it('names each device by model, in its own column, beside its interface ID', async () => {
    const out = join(tempDir(), 'log.csv');
    await exportRecords(records, 'csv', out, { redact: false });
    const [header, ...rows] = parse(readFileSync(out), { bom: true });
    if (!header) throw new Error('no header');
    const model = header.indexOf('model');
    expect(model).toBeGreaterThan(header.indexOf('details'));
    const abandoned = rows.find(
      (r) =>
        r[header.indexOf('kind')] === 'abandoned' &&
        r[header.indexOf('device')] === '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
    );
    expect(abandoned?.[model]).toBe('EM7565');
    const arrival = rows.find((r) => r[header.indexOf('kind')] === 'device-arrival');
    expect(arrival?.[model]).toBe('EM120R-GL');
  });

  it('puts the decoded HRESULT, latency and outcome of a completion in their own columns', async () => {
    const out = join(tempDir(), 'log.csv');
    await exportRecords(records, 'csv', out, { redact: false });
    const [header, ...rows] = parse(readFileSync(out), { bom: true });
    if (!header) throw new Error('no header');
    const col = (name: string): number => header.indexOf(name);
    const failed = rows.find(
      (r) => r[col('kind')] === 'completion' && r[col('hresult_name')] === 'E_FAIL',
    );
    expect(failed?.[col('hresult')]).toBe('0x80004005');
    expect(Number(failed?.[col('latency_ms')])).toBeGreaterThan(0);
    expect(failed?.[col('outcome')]).toBe('failed');
    expect(failed?.[col('outcome_label')]).toBe('Failed');
    expect(failed?.[col('match')]).toBe('matched');
    expect(failed?.[col('service')]).toBe('STK (SIM Toolkit)');
  });
});
