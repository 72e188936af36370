/**
 * Generated and mutated journal lines, fed to the saved-log reader and every exporter. Whatever
 * the bytes: opening either gives a log or a LogOpenError; reading never throws; an export
 * either succeeds, redacted, or fails with an ExportError and leaves nothing behind.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '../../../electron/core/journal-reader.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { ExportError } from '../../../electron/core/export/export-error.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { EXPORT_FORMATS } from '../../../electron/core/export/formats.js';
import { LogOpenError, allRecords, openLog } from '../../../electron/core/export/open-log.js';
import { APP, removeTempDirs, tempDir } from '../export/support/helpers.js';
import { SIERRA_IMEI, makeSampleRun } from '../export/support/sample-log.js';
import { budget } from './fuzz-budget.js';

let lines: string[];
beforeAll(async () => {
  const records: JournalRecord[] = (await readAll(await makeSampleRun(tempDir()))).records;
  lines = records.map((r) => JSON.stringify(r));
});
afterAll(removeTempDirs);

type Mutation =
  | { op: 'flip'; at: number; byte: number }
  | { op: 'cut'; at: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'drop-key'; line: number; key: number }
  | { op: 'retype-key'; line: number; key: number; value: unknown }
  | { op: 'duplicate'; line: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant('flip' as const),
    at: fc.nat(),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.string(),
      fc.constantFrom('\n', '\r\n', '\uFEFF', '\u0000', '{', '}', '"', '\\', '\uD800', '\n\n\n'),
    ),
  }),
  fc.record({ op: fc.constant('drop-key' as const), line: fc.nat(), key: fc.nat() }),
  fc.record({
    op: fc.constant('retype-key' as const),
    line: fc.nat(),
    key: fc.nat(),
    value: fc.oneof(
      fc.jsonValue(),
      fc.constant(SIERRA_IMEI),
      fc.constant(`IMEI_${SIERRA_IMEI}`),
      // Pasted from a chat: a zero-width space or a soft hyphen inside, the same IMEI on screen.
      fc.constant(`${SIERRA_IMEI.slice(0, 4)}\u200b${SIERRA_IMEI.slice(4)}`),
      fc.constant(`IMEI ${SIERRA_IMEI.slice(0, 9)}\u00ad${SIERRA_IMEI.slice(9)}`),
      // Read previews: little-endian uint32 fields, and an EF_IMSI (310260000000123) in BCD after
      // a frame header, which the redaction hides alone, keeping the bytes around it.
      fc.constant('7e0a00010000002a000000050000003c'),
      fc.constant('7e0a0001083901620000001032ffffff'),
    ),
  }),
  fc.record({ op: fc.constant('duplicate' as const), line: fc.nat() }),
);

function mutate(source: string[], mutations: Mutation[]): Buffer {
  const out = [...source];
  let bytes: Buffer | undefined;
  for (const m of mutations) {
    if (m.op === 'drop-key' || m.op === 'retype-key' || m.op === 'duplicate') {
      if (bytes || out.length === 0) continue;
      const i = m.line % out.length;
      if (m.op === 'duplicate') {
        out.splice(i, 0, out[i] ?? '');
        continue;
      }
      let value: Record<string, unknown>;
      try {
        value = JSON.parse(out[i] ?? '') as Record<string, unknown>;
      } catch {
        continue;
      }
      const keys = Object.keys(value);
      const key = keys[m.key % Math.max(1, keys.length)];
      if (key === undefined) continue;
      out[i] = JSON.stringify(
        m.op === 'drop-key'
          ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== key))
          : { ...value, [key]: m.value },
      );
      continue;
    }
    bytes ??= Buffer.from(`${out.join('\n')}\n`);
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.op === 'flip') bytes[at] = m.byte;
    else if (m.op === 'cut') bytes = bytes.subarray(0, at);
    else bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text), bytes.subarray(at)]);
  }
  return bytes ?? Buffer.from(`${out.join('\n')}\n`);
}

const mutatedLog = fc.array(mutation, { minLength: 1, maxLength: 6 });

describe('fuzz: journal lines', () => {
  it('opening and reading a mutated log never throws anything but LogOpenError', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(mutatedLog, async (mutations) => {
        const file = join(dir, 'log.jsonl');
        writeFileSync(file, mutate(lines, mutations));
        let log;
        try {
          log = await openLog(file, { pageSize: 7 });
        } catch (error) {
          expect(error).toBeInstanceOf(LogOpenError);
          return;
        }
        let n = 0;
        for await (const record of allRecords(log)) {
          expect(typeof record.seq).toBe('number');
          n += 1;
        }
        expect(await log.readRange(0, 3)).toHaveLength(Math.min(3, n));
        log.close();
      }),
      budget(200),
    );
  });

  it('every exporter either succeeds, redacted, or fails with an ExportError and leaves nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        mutatedLog,
        fc.constantFrom(...EXPORT_FORMATS),
        async (mutations, format) => {
          const dir = tempDir('mbn-fuzz-');
          const file = join(dir, 'log.jsonl');
          writeFileSync(file, mutate(lines, mutations));
          const destination = join(dir, `out.${format}`);
          try {
            await exportFromPath({ source: file, format, destination, app: APP });
          } catch (error) {
            if (!(error instanceof LogOpenError)) expect(error).toBeInstanceOf(ExportError);
            expect(readdirSync(dir)).toEqual(['log.jsonl']);
            return;
          }
          expect(readdirSync(dir).sort()).toEqual(['log.jsonl', `out.${format}`]);
          // Read as a person reads it: the characters of no width planted above (or a BOM
          // inserted into the IMEI) do not show.
          if (format !== 'zip')
            expect(
              readFileSync(destination, 'utf8').replace(/\u200b|\u00ad|\ufeff/g, ''),
            ).not.toContain(SIERRA_IMEI);
        },
      ),
      budget(60),
    );
  });
});
