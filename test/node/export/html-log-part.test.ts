/**
 * The report's log is made before the summary it follows, so it waits on disk, in a hidden part
 * file beside the destination, never in memory. A cancelled or failed export, of the report alone
 * or of the bundle holding it, must leave nothing of it behind: the part may hold the log's
 * identifiers as much as the report does.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportLog, type ExportProgress } from '../../../electron/core/export/write-export.js';
import { ExportError } from '../../../electron/core/export/export-error.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);

const APP = { name: 'mbn-diag', version: '0.1.0' };
const LATER_PART = /^\..*\.later\.part$/;

function record(seq: number): JournalRecord {
  return {
    v: 2,
    seq,
    time: '2026-11-24T08:30:00.000Z',
    mono: seq,
    kind: 'error',
    context: 'read',
    message: `driver stopped answering after ${seq} reads`,
  };
}

/** `count` records, then a failed read of the source when `fails`. */
async function* source(count: number, fails: boolean): AsyncGenerator<JournalRecord> {
  for (let seq = 1; seq <= count; seq++) yield await Promise.resolve(record(seq));
  if (fails) throw new Error('the USB stick was pulled out');
}

async function rejection(promise: Promise<unknown>): Promise<ExportError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExportError) return error;
    throw error;
  }
  throw new Error('the export succeeded');
}

describe("the report's log part", () => {
  it.each(['html', 'zip'] as const)(
    'is beside a %s export while it runs, and gone when it is cancelled or fails',
    async (format) => {
      for (const ending of ['cancelled', 'failed'] as const) {
        const dir = tempDir();
        const controller = new AbortController();
        /** The folder's files at each progress report. */
        const seen: string[][] = [];
        const error = await rejection(
          exportLog({
            format,
            destination: join(dir, `report.${format}`),
            records: source(60_000, ending === 'failed'),
            app: APP,
            signal: controller.signal,
            onProgress: (_p: ExportProgress) => {
              seen.push(readdirSync(dir));
              if (ending === 'cancelled' && seen.length === 3) controller.abort();
            },
          }),
        );
        expect(error.code).toBe(ending === 'cancelled' ? 'cancelled' : 'read-failed');
        // The log was on disk, beside the destination, while the export ran.
        expect(seen.some((names) => names.some((name) => LATER_PART.test(name)))).toBe(true);
        expect(readdirSync(dir)).toEqual([]);
      }
    },
    60_000,
  );
});
