/** Shared plumbing for the export tests: temporary folders, exporting, unzipping. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import type { JournalRecord } from '../../../../shared/journal/record.js';
import type { ExportFormat } from '../../../../electron/core/export/formats.js';
import { exportLog, type ExportResult } from '../../../../electron/core/export/write-export.js';
import type { ExportRequest } from '../../../../electron/core/export/export-request.js';

export const APP = { name: 'mbn-diag', version: '0.1.0' };
export const NOW = new Date(Date.UTC(2026, 10, 24, 8, 30, 0));

const made: string[] = [];

export function tempDir(prefix = 'mbn-export-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield await Promise.resolve(item);
}

export function exportRecords(
  records: readonly JournalRecord[],
  format: ExportFormat,
  destination: string,
  extra: Partial<ExportRequest> = {},
): Promise<ExportResult> {
  return exportLog({
    format,
    destination,
    records: fromArray(records),
    app: APP,
    now: NOW,
    sourceLabel: 'sample-run',
    ...extra,
  });
}

/** Every entry of a zip: name → contents. */
export async function unzip(path: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  const out = new Map<string, Buffer>();
  try {
    for await (const entry of zip.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>)
        chunks.push(chunk);
      out.set(entry.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
  return out;
}
