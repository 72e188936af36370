/**
 * A week-long kiosk log makes a Chrome trace of about 3 GB: more than a browser tab holds, so
 * ui.perfetto.dev, which the export panel and the CLI point to, crashes loading it, and
 * chrome://tracing takes only about 256 MB. The CLI says what opens a trace of the size it wrote.
 * The trace written here is small; its size as the export reports it is a week's (a real one
 * takes a minute to write), so what is tested is the words for that size, as a user reads them.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as SavedLogExport from '../../../electron/core/export/export-saved-log.js';
import { cliInProcess } from '../../support/cli-in-process.js';
import { removeTempDirs, tempDir } from '../export/support/helpers.js';
import { makeSampleRun } from '../export/support/sample-log.js';

/** The size the next export reports (undefined: its own). */
let reported: number | undefined;
vi.mock('../../../electron/core/export/export-saved-log.js', async (importOriginal) => {
  const real = await importOriginal<typeof SavedLogExport>();
  const exportFromPath: typeof real.exportFromPath = async (request) => {
    const result = await real.exportFromPath(request);
    return reported === undefined ? result : { ...result, bytes: reported };
  };
  return { ...real, exportFromPath };
});

let runDir: string;
beforeAll(async () => {
  runDir = await makeSampleRun(tempDir());
});
afterAll(removeTempDirs);

async function exportTrace(bytes: number | undefined) {
  reported = bytes;
  const out = join(tempDir(), 'week.json');
  const run = await cliInProcess(['export', runDir, '--format', 'trace', '--out', out]);
  expect(run.code).toBe(0);
  return run.err;
}

describe('a Chrome trace exported in the CLI', () => {
  it('of a week, says a browser tab cannot hold it and what can', async () => {
    expect(await exportTrace(3_100_000_000)).toContain(
      "mbn-diag: note: At 2.9 GB it is more than a browser tab holds: run Perfetto's trace_processor --httpd on it, then open ui.perfetto.dev, which uses it.",
    );
  });

  it('of a day, says chrome://tracing cannot open it and Perfetto can', async () => {
    expect(await exportTrace(400_000_000)).toContain(
      'mbn-diag: note: At 381.5 MB it is more than chrome://tracing opens: open it at ui.perfetto.dev.',
    );
  });

  it('of an hour, says nothing more', async () => {
    expect(await exportTrace(undefined)).not.toContain('note');
  });
});
