/**
 * The bundle formats its entries in one pass, sharing work between them (one request fold for
 * the report and the trace, the report's summary for the manifest): what a support engineer
 * opens from it must be exactly what exporting each format alone gives.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DeflatedPart } from '../../../electron/core/export/deflated-part.js';
import { writeError } from '../../../electron/core/export/export-error.js';
import { readAll } from '../../../electron/core/journal-reader.js';
import {
  BUNDLE_FILES,
  entryDescription,
  manifestSchema,
} from '../../../electron/core/export/bundle-manifest.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { exportRecords, removeTempDirs, tempDir, unzip } from './support/helpers.js';
import { makeSampleRun } from './support/sample-log.js';

let records: JournalRecord[];

beforeAll(async () => {
  records = (await readAll(await makeSampleRun(tempDir()))).records;
});
afterAll(removeTempDirs);

describe('a bundle on a disk that fills', () => {
  // A 29 MB bundle into 50 MB free said only "The disk is full", where a 39 MB JSON Lines export
  // fit: the technician could not tell why, nor how much room to make.
  it('says it needs room for about twice its size, and leaves nothing behind', async () => {
    const dir = tempDir();
    const destination = join(dir, 'bundle.zip');
    const full = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    const write = vi
      .spyOn(DeflatedPart.prototype, 'write')
      .mockRejectedValueOnce(writeError(full, destination));
    try {
      await expect(exportRecords(records, 'zip', destination)).rejects.toThrow(
        /^The disk is full, so the export could not be written to .*bundle\.zip\. A bundle keeps its entries, compressed, beside it until they are packed into the \.zip, so it needs free room for about twice its size \(.+ of entries were written when the disk filled\)\. Nothing was saved\.$/,
      );
    } finally {
      write.mockRestore();
    }
    expect(existsSync(destination)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('bundle entries', () => {
  it('are byte for byte the report, trace, CSV and JSON Lines exported alone', async () => {
    const dir = tempDir();
    await exportRecords(records, 'zip', join(dir, 'bundle.zip'));
    const entries = await unzip(join(dir, 'bundle.zip'));
    const alone = [
      ['html', BUNDLE_FILES.html],
      ['trace', BUNDLE_FILES.trace],
      ['csv', BUNDLE_FILES.csv],
      ['jsonl', BUNDLE_FILES.jsonl],
    ] as const;
    for (const [format, name] of alone) {
      const out = join(dir, name);
      await exportRecords(records, format, out);
      expect(entries.get(name)?.toString('utf8'), name).toBe(readFileSync(out, 'utf8'));
    }
  });

  it('have a manifest whose environment is the report summary of the same records', async () => {
    const dir = tempDir();
    await exportRecords(records, 'zip', join(dir, 'bundle.zip'));
    const manifest = manifestSchema.parse(
      JSON.parse(
        (await unzip(join(dir, 'bundle.zip'))).get(BUNDLE_FILES.manifest)?.toString() ?? '',
      ),
    );
    expect(manifest.records).toBe(records.length);
    expect(manifest.environment.firstTime).toBe(records[0]?.time);
    expect(manifest.environment.lastTime).toBe(records[records.length - 1]?.time);
    expect(manifest.environment.runs).toBe(records.filter((r) => r.kind === 'run-start').length);
    expect(manifest.environment.devices.map((d) => d.model).sort()).toEqual([
      'EM120R-GL',
      'EM7565',
    ]);
  });

  it('have a README naming every entry, each description in one column, and how to open a big trace', async () => {
    const dir = tempDir();
    await exportRecords(records, 'zip', join(dir, 'bundle.zip'));
    const entries = await unzip(join(dir, 'bundle.zip'));
    const readme = entries.get(BUNDLE_FILES.readme)?.toString('utf8') ?? '';
    const lines = readme.split('\r\n');
    const named = [BUNDLE_FILES.html, BUNDLE_FILES.jsonl, BUNDLE_FILES.csv, BUNDLE_FILES.trace];
    const columns = new Set<number>();
    for (const name of [...named, BUNDLE_FILES.manifest]) {
      const line = lines.find((l) => l.startsWith(`${name} `)) ?? '';
      expect(line, name).not.toBe('');
      columns.add(line.length - line.slice(name.length).trimStart().length);
    }
    // A description's own further lines start where the first did.
    for (const line of lines.filter((l) => l.startsWith(' ')))
      columns.add(line.length - line.trimStart().length);
    expect([...columns]).toHaveLength(1);
    expect(readme).toContain('trace_processor --httpd');
  });
});

describe('a bundle manifest’s entry', () => {
  it('says what opens a trace past what chrome://tracing opens, not chrome://tracing', () => {
    const MB = 1024 * 1024;
    expect(entryDescription('trace', 2 * MB)).toBe('Opens in ui.perfetto.dev or chrome://tracing.');
    expect(entryDescription('trace', 303 * MB)).toBe(
      'At 303.0 MB it is more than chrome://tracing opens: open it at ui.perfetto.dev.',
    );
    expect(entryDescription('csv', 303 * MB)).not.toContain('chrome://tracing');
  });
});
