/**
 * A record that does not fit its kind's shape is listed as damaged with its line number and the
 * field that is wrong, and everything else is still shown and exported (hostile-input issue,
 * item 2): before, one such record aborted the HTML, trace and zip exports with "Cannot read
 * properties of undefined".
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allRecords, openLog } from '../../../electron/core/export/open-log.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { EXPORT_FORMATS } from '../../../electron/core/export/formats.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { exportRecords, removeTempDirs, tempDir } from '../export/support/helpers.js';

afterAll(removeTempDirs);

const good = {
  v: 2,
  seq: 1,
  time: '2026-11-29T14:00:00.000Z',
  mono: 0,
  kind: 'backend-status',
  backend: 'simulator',
  available: true,
  message: 'ok',
};

describe('records checked against their kind', () => {
  it('lists a record with missing fields as damaged and keeps the rest, for the view and every export', async () => {
    const file = join(tempDir(), 'hostile.jsonl');
    const lines = [
      good,
      { v: 2, seq: 2, time: '2026-11-29T14:00:00.100Z', mono: 100, kind: 'request' },
      { v: 2, seq: 3, time: '2026-11-29T14:00:00.200Z', mono: 200, kind: 'run-start', runId: 'x' },
      { ...good, seq: 4, time: 'not a date' },
      { ...good, seq: 5, mono: 500 },
      // Date.parse accepts this (it skips text in parentheses): terminal escapes in a "time".
      { ...good, seq: 6, time: '2026-11-24 (\u001b]0;pwned\u0007\u001b[31mRED)' },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const log = await openLog(file);
    const records: JournalRecord[] = [];
    for await (const r of allRecords(log)) records.push(r);
    expect(records.map((r) => r.seq)).toEqual([1, 5]);
    expect(log.problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'a "request" record with a missing or wrong "interfaceId"'],
      [3, 'a "run-start" record with a missing or wrong "app"'],
      [4, '"time" is not a date ("not a date")'],
      [6, expect.stringMatching(/^"time" is not a date/) as string],
    ]);
    for (const format of ['html', 'trace', 'csv', 'zip'] as const) {
      const out = join(tempDir(), `out.${format}`);
      await exportRecords(records, format, out, { redact: false });
      expect(existsSync(out), format).toBe(true);
    }
  });
});

describe('records nested too deep', () => {
  it('are one damaged line, and every export of the log still succeeds without it', async () => {
    const file = join(tempDir(), 'nested.jsonl');
    // A few kilobytes: a field no kind has, holding lists in lists. It used to pass the check and
    // then overflow the stack of the redactor (or JSON.stringify), failing the whole export.
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const lines = [
      JSON.stringify(good),
      JSON.stringify({ ...good, seq: 2, mono: 100 }).replace(/\}$/, `,"extra":${deep}}`),
      JSON.stringify({ ...good, seq: 3, mono: 200, message: 'after' }),
    ];
    writeFileSync(file, lines.join('\n') + '\n');
    // pcapng is left out: it needs MBIM messages, which this log has none of.
    for (const format of EXPORT_FORMATS.filter((f) => f !== 'pcapng'))
      for (const redact of [true, false]) {
        const out = join(tempDir(), `out.${format}`);
        const result = await exportFromPath({
          source: file,
          format,
          destination: out,
          redact,
          app: { name: 'mbn-diag', version: '0.1.0' },
        });
        expect(result.records, `${format} redact=${String(redact)}`).toBe(2);
        expect(result.problems.map((p) => [p.line, p.message])).toEqual([
          [2, 'a "backend-status" record nested more than 32 levels deep'],
        ]);
      }
  });

  it('keep the nesting a journal writes', async () => {
    const file = join(tempDir(), 'shallow.jsonl');
    const nested = JSON.parse(`{"a":${'['.repeat(30)}1${']'.repeat(30)}}`) as object;
    writeFileSync(file, `${JSON.stringify({ ...good, extra: nested })}\n`);
    const log = await openLog(file);
    const records: JournalRecord[] = [];
    for await (const r of allRecords(log)) records.push(r);
    expect(records).toHaveLength(1);
    expect(log.problems).toEqual([]);
  });
});

describe('a code written without its 0x', () => {
  it('is a damaged line, not an HRESULT read as a decimal number and shown as success', async () => {
    const file = join(tempDir(), 'bare-code.jsonl');
    const returned = {
      v: 2,
      seq: 2,
      time: '2026-11-29T14:00:00.100Z',
      mono: 100,
      kind: 'request-returned',
      interfaceId: '{IF}',
      serviceId: '{SVC}',
      serviceName: 'SMS',
      ref: 'r1',
      op: 'close',
      outcome: 'refused',
      requestId: null,
      hresultName: 'E_FAIL',
      callMs: 1,
    };
    const lines = [
      good,
      { ...returned, hresult: '80004005' },
      { ...returned, seq: 3, hresult: '0x80004005' },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const log = await openLog(file);
    const records: JournalRecord[] = [];
    for await (const r of allRecords(log)) records.push(r);
    // Read as decimal, "80004005" would be 0x04C4C3A5, a success code.
    expect(records.map((r) => r.seq)).toEqual([1, 3]);
    expect(log.problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'a "request-returned" record with a missing or wrong "hresult"'],
    ]);
  });
});
