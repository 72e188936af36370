/**
 * `--out` named for another format than `--format` writes. A support engineer's review ran
 * `export … --format zip --out mismatch.csv` and got "Wrote …/mismatch.csv: Diagnostic bundle",
 * exit 0: a .csv that is a zip, found months later, reads as damaged. It is refused, saying both;
 * a name with any other extension, or none, is still the user's to choose.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from '../../support/cli-in-process.js';
import { EXIT } from '../../../electron/cli/exit-codes.js';
import { removeTempDirs, tempDir } from '../export/support/helpers.js';
import { makeSampleRun } from '../export/support/sample-log.js';

let runDir: string;
beforeAll(async () => {
  runDir = await makeSampleRun(tempDir());
});
afterAll(removeTempDirs);

const exportTo = async (format: string, name: string) => {
  const out = join(tempDir(), name);
  const run = await cliInProcess(['export', runDir, '--format', format, '--out', out]);
  return { ...run, written: existsSync(out) };
};

describe('mbn-diag export --out named for another format', () => {
  it('is refused, naming both, and writes nothing', async () => {
    const run = await exportTo('zip', 'mismatch.csv');
    expect(run.code).toBe(EXIT.usage);
    expect(run.written).toBe(false);
    expect(run.err).toMatch(
      /--out .*mismatch\.csv ends in \.csv, but --format zip writes diagnostic bundle \(\.zip\).*Nothing was saved\./,
    );
    expect((await exportTo('jsonl', 'report.HTML')).code).toBe(EXIT.usage);
  });

  it('is written when the name is the format’s, or no export format’s', async () => {
    for (const [format, name] of [
      ['zip', 'ticket.zip'],
      ['trace', 'trace.json'],
      ['csv', 'ticket-4711'],
      ['jsonl', 'kiosk.log'],
    ] as const) {
      const run = await exportTo(format, name);
      expect(run.code, `${format} ${name}: ${run.err}`).toBe(EXIT.ok);
      expect(run.written).toBe(true);
    }
  });
});
