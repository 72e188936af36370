/**
 * A JSON Lines export says on its first line whether it was redacted, so the file says so on its
 * own, outside a bundle; every reader skips that line, so the export still opens as the log.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '../../../electron/core/journal-reader.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { allRecords, openLog } from '../../../electron/core/export/open-log.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { APP, NOW, exportRecords, removeTempDirs, tempDir, unzip } from './support/helpers.js';
import { makeSampleRun } from './support/sample-log.js';

let sample: JournalRecord[];
beforeAll(async () => {
  sample = (await readAll(await makeSampleRun(tempDir()))).records;
});
afterAll(removeTempDirs);

function firstLine(text: string): unknown {
  return JSON.parse(text.slice(0, text.indexOf('\n')));
}

describe('the JSON Lines export header', () => {
  it.each([true, false])('says redacted: %s on its first line', async (redact) => {
    const out = join(tempDir(), 'log.jsonl');
    await exportRecords(sample, 'jsonl', out, { redact });
    expect(firstLine(readFileSync(out, 'utf8'))).toEqual({
      kind: 'export-header',
      format: 'mbn-diag-export',
      version: 1,
      redacted: redact,
      createdAt: NOW.toISOString(),
      createdBy: APP,
      source: 'sample-run',
    });
  });

  it('is in the bundle log too', async () => {
    const out = join(tempDir(), 'bundle.zip');
    await exportRecords(sample, 'zip', out);
    const log = [...(await unzip(out))].find(([name]) => name.endsWith('.jsonl'))?.[1];
    expect(firstLine(log?.toString('utf8') ?? '')).toMatchObject({ redacted: true });
  });

  it('is skipped, not reported as damaged, when the export is opened or read again', async () => {
    const out = join(tempDir(), 'log.jsonl');
    await exportRecords(sample, 'jsonl', out, { redact: false });
    const log = await openLog(out);
    const records: JournalRecord[] = [];
    for await (const r of allRecords(log)) records.push(r);
    log.close();
    expect(records).toEqual(sample);
    expect(log.problems).toEqual([]);
    const read = await readAll(out);
    expect(read.records).toEqual(sample);
    expect(read.summary.problems).toEqual([]);
  });

  // A review exported a redacted bundle again with --no-redact: the new file said "NOT redacted:
  // contains device and subscriber identifiers" of tokens such as IMEI-1, which an engineer may
  // take for the real IMEI. And redacted again, IMEI-1 became DEVICE-ID-1 in some places only.
  describe('of an export that was redacted', () => {
    const again = (source: string, format: 'jsonl' | 'zip', redact: boolean) => {
      const destination = join(tempDir(), format === 'zip' ? 'again.zip' : 'again.jsonl');
      return exportFromPath({ source, format, destination, app: APP, now: NOW, redact }).then(
        (result) => ({ result, destination }),
      );
    };

    it('still says redacted when exported again without redacting, from a file or a bundle', async () => {
      const redacted = join(tempDir(), 'redacted.jsonl');
      await exportRecords(sample, 'jsonl', redacted);
      const plain = await again(redacted, 'jsonl', false);
      expect(plain.result.redacted).toBe(true);
      expect(firstLine(readFileSync(plain.destination, 'utf8'))).toMatchObject({ redacted: true });
      const bundle = await again(redacted, 'zip', false);
      const manifest = (await unzip(bundle.destination)).get('manifest.json');
      expect(JSON.parse(manifest?.toString('utf8') ?? '{}')).toMatchObject({ redacted: true });
      const fromBundle = await again(bundle.destination, 'jsonl', false);
      expect(firstLine(readFileSync(fromBundle.destination, 'utf8'))).toMatchObject({
        redacted: true,
      });
      // An export never redacted says so, as before.
      const raw = join(tempDir(), 'raw.jsonl');
      await exportRecords(sample, 'jsonl', raw, { redact: false });
      expect((await again(raw, 'jsonl', false)).result.redacted).toBe(false);
    });

    it('keeps its tokens as they are when redacted again', async () => {
      const redacted = join(tempDir(), 'redacted.jsonl');
      await exportRecords(sample, 'jsonl', redacted);
      const once = (await readAll(redacted)).records;
      expect(JSON.stringify(once)).toMatch(/"deviceId":"IMEI-1"/);
      const twice = await again(redacted, 'jsonl', true);
      expect((await readAll(twice.destination)).records).toEqual(once);
    });
  });
});
