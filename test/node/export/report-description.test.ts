/**
 * What the bundle says of its report must be what the report holds: of a week's log, the first
 * LOG_RECORDS records and the later ones with a problem. The manifest called it "Summary, timeline
 * picture and full log", and a support engineer looked in it for a Tuesday that was not there.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES, manifestSchema } from '../../../electron/core/export/bundle-manifest.js';
import { LOG_RECORDS } from '../../../electron/core/export/html-log-cap.js';
import { readAll } from '../../../electron/core/journal-reader.js';
import { formatCount } from '../../../shared/format-count.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { exportRecords, removeTempDirs, tempDir, unzip } from './support/helpers.js';
import { makeSampleRun } from './support/sample-log.js';

let entries: Map<string, Buffer>;

beforeAll(async () => {
  const records: JournalRecord[] = (await readAll(await makeSampleRun(tempDir()))).records;
  const destination = join(tempDir(), 'bundle.zip');
  await exportRecords(records, 'zip', destination);
  entries = await unzip(destination);
});
afterAll(removeTempDirs);

const cap = formatCount(LOG_RECORDS);

describe("the bundle's words for its report", () => {
  it('in the manifest, say a long log is listed only to its cap and its later problems', () => {
    const manifest = manifestSchema.parse(
      JSON.parse(entries.get(BUNDLE_FILES.manifest)?.toString('utf8') ?? ''),
    );
    const report = manifest.files.find((f) => f.name === BUNDLE_FILES.html);
    expect(report?.description).not.toMatch(/full log/i);
    expect(report?.description).toContain(`the first ${cap} and the later ones with a problem`);
  });

  it('in the README, say the same and where the rest is', () => {
    const readme = (entries.get(BUNDLE_FILES.readme)?.toString('utf8') ?? '').replace(/\s+/g, ' ');
    expect(readme).toContain(
      `the first ${cap} and the later ones with a problem; ${BUNDLE_FILES.jsonl} holds them all`,
    );
  });
});
