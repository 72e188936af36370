/**
 * A range's export holds the range's records and, before them, the run's start and the devices'
 * details from before it, so the log still reads. Its confirmation counted them together ("505
 * records from 06:00 to 06:05"): a support engineer who counted the range's rows found fewer. It
 * now says the range's own count and names what was kept, in the CLI and in the window alike.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportJobs } from '../../../electron/ipc/export-jobs.js';
import { cliInProcess } from '../../support/cli-in-process.js';
import { EXIT } from '../../../electron/cli/exit-codes.js';
import { recordsWords } from '../../../shared/range-count-words.js';
import type { ExportRange } from '../../../shared/export-range.js';
import { removeTempDirs, tempDir } from './support/helpers.js';
import { makeSampleRun } from './support/sample-log.js';

/** The sample run is logged from 2026-11-23 09:00:00 UTC; its devices are listed at its start. */
const FROM = '2026-11-23T09:00:05.000Z';
const TO = '2026-11-23T09:00:06.000Z';
const RANGE: ExportRange = { from: Date.parse(FROM), to: Date.parse(TO) };

let runDir: string;
beforeAll(async () => {
  runDir = await makeSampleRun(tempDir());
});
afterAll(removeTempDirs);

/** The file's records (its header line left out), by whether each was logged in the range. */
function counted(file: string): { within: number; runStarts: number; devices: number } {
  const [, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const records = lines.map((line) => JSON.parse(line) as { kind: string; time: string });
  const before = records.filter((r) => r.time < FROM);
  return {
    within: records.filter((r) => r.time >= FROM && r.time < TO).length,
    runStarts: before.filter((r) => r.kind === 'run-start').length,
    devices: before.filter((r) => r.kind === 'device-info').length,
  };
}

/** The window's export job of `source` to `destination`, as JSON Lines, redacted. */
async function exportInWindow(
  source: string,
  destination: string,
  ranges: { range?: ExportRange; heldRange?: ExportRange },
) {
  const jobs = new ExportJobs(
    {
      chooseExportPath: () => Promise.resolve(destination),
      chooseLogToOpen: () => Promise.resolve(null),
      choices: () => Promise.resolve({ picker: 'list', folder: '', files: [] }),
    },
    () => undefined,
  );
  const done = await jobs.run({
    exportId: 1,
    format: 'jsonl',
    redact: true,
    source,
    ...ranges,
    beforeWrite: () => ({ trailing: [], unsaved: 0 }),
    total: 0,
    deviceModels: () => Promise.resolve([]),
    app: { name: 'mbn-diag', version: '0' },
  });
  if ('cancelled' in done) throw new Error('not exported');
  return done;
}

describe("a range's export counts the range's records", () => {
  it('in the CLI, the run’s start and devices’ details named apart', async () => {
    const out = join(tempDir(), 'r1.jsonl');
    const run = await cliInProcess([
      'export',
      runDir,
      '--format',
      'jsonl',
      '--out',
      out,
      '--from',
      '2026-11-23 09:00:05',
      '--to',
      '2026-11-23 09:00:06',
    ]);
    expect(run.code, run.err).toBe(EXIT.ok);
    const file = counted(out);
    expect(file).toMatchObject({ runStarts: 1 });
    expect(file.devices).toBeGreaterThan(0);
    expect(run.out).toContain(
      `, ${String(file.within)} records from 2026-11-23 09:00:05.000 Z to 2026-11-23 09:00:06.000 Z, with the run's start and ${String(file.devices)} devices' details kept from before it, `,
    );
  });

  it("in the window's confirmation", async () => {
    const destination = join(tempDir(), 'r1.jsonl');
    const done = await exportInWindow(runDir, destination, { range: RANGE });
    const file = counted(destination);
    // As the export panel says it (ExportPanel.tsx), in UTC here.
    expect(recordsWords(done.records, done.range, done.keptFromBefore)).toBe(
      `${String(file.within)} records from 2026-11-23 09:00:05.000 Z to 2026-11-23 09:00:06.000 Z, with the run's start and ${String(file.devices)} devices' details kept from before it`,
    );
  });

  // Made into CSV or a report for a ticket, an hour's export was "6,052 records", its run's start
  // counted with its hour's 6,051, and its range not said at all.
  it('exported again whole, holding its range still, in the CLI and the window', async () => {
    const hour = join(tempDir(), 'r2.jsonl');
    const first = await cliInProcess([
      ...['export', runDir, '--format', 'jsonl', '--out', hour],
      ...['--from', '2026-11-23 09:00:05', '--to', '2026-11-23 09:00:06'],
    ]);
    expect(first.code, first.err).toBe(EXIT.ok);
    const file = counted(hour);
    const words = `${String(file.within)} records from 2026-11-23 09:00:05.000 Z to 2026-11-23 09:00:06.000 Z, with the run's start and ${String(file.devices)} devices' details kept from before it`;

    const again = await cliInProcess([
      ...['export', hour, '--format', 'csv', '--out', join(tempDir(), 'again.csv')],
    ]);
    expect(again.code, again.err).toBe(EXIT.ok);
    expect(again.out).toContain(`, ${words}, `);

    const destination = join(tempDir(), 'again.jsonl');
    // As the window exports a saved log: the range its header holds passed along.
    const done = await exportInWindow(hour, destination, { heldRange: RANGE });
    // Every record of the hour's export, none left out.
    expect(counted(destination)).toEqual(file);
    expect(recordsWords(done.records, done.range, done.keptFromBefore)).toBe(words);
  });

  it('in the report made of it: its figure the range’s own records, as the confirmation says', async () => {
    const hour = join(tempDir(), 'r3.jsonl');
    const first = await cliInProcess([
      ...['export', runDir, '--format', 'jsonl', '--out', hour],
      ...['--from', '2026-11-23 09:00:05', '--to', '2026-11-23 09:00:06'],
    ]);
    expect(first.code, first.err).toBe(EXIT.ok);
    const report = join(tempDir(), 'r3.html');
    const made = await cliInProcess(['export', hour, '--format', 'html', '--out', report]);
    expect(made.code, made.err).toBe(EXIT.ok);
    // It said the hour's records and the run's start together: one more than the confirmation.
    const html = readFileSync(report, 'utf8');
    const { within, runStarts, devices } = counted(hour);
    expect(html).toContain(
      `<div class="figure"><b>${String(within)}</b><span>records in the range</span></div>`,
    );
    // Its log's note counts every record it lists, and says which are from before the range
    // (it said "All 21 records are in the table below" under a figure of 18).
    const kept = runStarts + devices;
    expect(html).toContain(
      `All ${String(within + kept)} records are in the table below. ${String(kept)} are from before the range (the run&#39;s start and the devices&#39; details, kept so the rows read); the range&#39;s own are ${String(within)}, as the figures above count them.`,
    );
  });
});
