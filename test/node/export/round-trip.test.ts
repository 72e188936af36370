import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '../../../electron/core/journal-reader.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { allRecords, openLog } from '../../../electron/core/export/open-log.js';
import { APP, NOW, exportRecords, removeTempDirs, tempDir } from './support/helpers.js';
import { QUECTEL_IMEI, SIERRA_IMEI, makeSampleRun } from './support/sample-log.js';

let runDir: string;
let original: JournalRecord[];

beforeAll(async () => {
  runDir = await makeSampleRun(tempDir());
  original = (await readAll(runDir)).records;
});
afterAll(removeTempDirs);

async function reopen(path: string): Promise<JournalRecord[]> {
  const log = await openLog(path);
  const records: JournalRecord[] = [];
  for await (const record of allRecords(log)) records.push(record);
  log.close();
  return records;
}

describe('round trip: export, then open the export', () => {
  it('gives back exactly the same events from JSON Lines when not redacted', async () => {
    const out = join(tempDir(), 'log.jsonl');
    await exportRecords(original, 'jsonl', out, { redact: false });
    expect(original.length).toBeGreaterThan(50);
    expect(await reopen(out)).toEqual(original);
  });

  it('gives back exactly the same events from a .zip bundle when not redacted', async () => {
    const out = join(tempDir(), 'bundle.zip');
    await exportRecords(original, 'zip', out, { redact: false });
    expect(await reopen(out)).toEqual(original);
  });

  it('gives back the same events with only the identifiers replaced when redacted', async () => {
    const out = join(tempDir(), 'bundle.zip');
    await exportRecords(original, 'zip', out);
    const back = await reopen(out);
    expect(back).toHaveLength(original.length);
    const strip = (r: JournalRecord): unknown => ({ ...r, deviceId: undefined });
    expect(back.map(strip)).toEqual(original.map(strip));
    const ids = back.flatMap((r) => ('deviceId' in r && r.deviceId ? [r.deviceId] : []));
    expect(new Set(ids)).toEqual(new Set(['IMEI-1', 'IMEI-2']));
    expect(JSON.stringify(back)).not.toContain(SIERRA_IMEI);
    expect(JSON.stringify(back)).not.toContain(QUECTEL_IMEI);
  });

  it('opens the run directory and the journal folder (its latest run) as the same log', async () => {
    expect(await reopen(runDir)).toEqual(original);
    expect(await reopen(join(runDir, '..'))).toEqual(original);
  });

  it('re-exports a bundle opened as a saved log', async () => {
    const dir = tempDir();
    await exportRecords(original, 'zip', join(dir, 'a.zip'), { redact: false });
    const log = await openLog(join(dir, 'a.zip'));
    expect(log.manifest?.records).toBe(original.length);
    expect(log.manifest?.createdBy).toEqual(APP);
    expect(log.manifest?.createdAt).toBe(NOW.toISOString());
    const { exportLog } = await import('../../../electron/core/export/write-export.js');
    await exportLog({
      format: 'jsonl',
      destination: join(dir, 'b.jsonl'),
      records: allRecords(log),
      app: APP,
      redact: false,
    });
    expect(await reopen(join(dir, 'b.jsonl'))).toEqual(original);
  });
});
