/**
 * Saved logs exported end to end, where most lines pass as they are (line-check.ts): no planted
 * identifier may slip through, a JSON Lines export must equal, byte for byte, the one made the
 * slow way, and a cancelled or failed export leaves no file.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExportError } from '../../../electron/core/export/export-error.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { EXPORT_FORMATS } from '../../../electron/core/export/formats.js';
import { allRecords, openLog } from '../../../electron/core/export/open-log.js';
import { exportLog } from '../../../electron/core/export/write-export.js';
import { APP, NOW, removeTempDirs, tempDir, unzip } from './support/helpers.js';
import {
  base,
  ESN,
  ICCID,
  IMEI,
  IMSI,
  PHONE,
  RUN_START,
  SIERRA,
  typical,
} from './support/pass-through-lines.js';

afterAll(removeTempDirs);

const FORMATS = EXPORT_FORMATS.filter((f) => f !== 'pcapng');

/** A saved log big enough that most of it is read past the first chunk, where lines may pass. */
function savedLog(dir: string, extra: Record<string, unknown>[]): string {
  const records: Record<string, unknown>[] = [{ ...base(1), ...RUN_START }];
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
        // Told what the fast path is told: both end with the record of the lines left out.
        problems: () => log.problems,
        problemsLeftOut: () => log.problemsLeftOut,
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
