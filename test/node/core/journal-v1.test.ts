/**
 * Journals written before format 2 (fixture written by the code of that time) still open and
 * export as they did: every request gets the outcome the old exports gave it, in the new words,
 * and the report's summary says exactly what it said then (its durations written as the product
 * now writes every duration, and its devices as every view now names them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allRecords, openLog } from '../../../electron/core/export/open-log.js';
import { readAll } from '../../../electron/core/journal-reader.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import type { RequestOutcome } from '../../../shared/request/outcome.js';
import { formatDuration } from '../../../shared/time.js';
import { exportRecords, removeTempDirs, tempDir } from '../export/support/helpers.js';
import { deviceName } from '../../../shared/device-name.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/journal-v1');
const RUN = join(FIXTURE, 'run-20261123T090000000Z-c615ed');
const before = JSON.parse(readFileSync(join(FIXTURE, 'before.json'), 'utf8')) as {
  traceEnds: Record<string, { outcome: string; late: boolean }>;
  summaryText: string;
};

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, min: 60_000 };

/** `text` with each duration the old report wrote ("55.9 ms", "8.70 s") as formatDuration writes it. */
function durationsRewritten(text: string): string {
  return text.replace(/\b(\d+\.\d+) (ms|s|min)\b/g, (_, n: string, unit: string) =>
    formatDuration(Number(n) * (UNIT_MS[unit] ?? Number.NaN)),
  );
}

/**
 * `text` with each device as the old report named it ("EM7565 (Sierra Wireless, Incorporated)")
 * named as every view now names it (shared/device-name.ts: its model and its interface ID's end).
 */
function devicesRenamed(text: string, records: readonly JournalRecord[]): string {
  const devices = records.flatMap((r) => (r.kind === 'device-info' ? [r] : []));
  let renamed = text;
  for (const device of devices)
    renamed = renamed
      .split(`${device.model} (${device.manufacturer})`)
      .join(deviceName(device, devices));
  return renamed;
}

/**
 * `text` with the summary's No outcome column (added later; every request of this fixture has an
 * outcome, so it is 0 on each row) and its note as the report now says them.
 */
function noOutcomeColumnAdded(text: string): string {
  return text
    .replace('Overdue Late Abandoned ', 'Overdue Late Abandoned No outcome ')
    .replace(/(\d+ \d+ \d+) (?=EM7565 \(|EM120R-GL \(|Success rate:)/g, '$1 0 ')
    .replace('out of all requests sent.', 'out of those with an outcome.')
    .replace(
      'So Overdue, Late and Abandoned overlap the other columns and do not add up to Requests.',
      'No outcome: no completion by the end of its run (still waiting when it stopped, or given up). Succeeded, Failed, Refused, Abandoned and No outcome add up to Requests; Overdue and Late overlap them.',
    );
}

/** The old span outcome, in the shared vocabulary (a v1 call that threw was "rejected"). */
function renamed(old: { outcome: string; late: boolean }, ref: string): RequestOutcome {
  if (old.late) return 'late';
  if (old.outcome === 'rejected') return ref === 'r11' ? 'call-failed' : 'refused';
  return old.outcome as RequestOutcome;
}

afterAll(removeTempDirs);

describe('a journal written in format 1', () => {
  it('opens with every line read, upgraded to the current format', async () => {
    const { records, summary } = await readAll(RUN);
    expect(summary.problems).toEqual([]);
    expect(records).toHaveLength(83);
    expect(records.map((r) => r.v)).toEqual(records.map(() => 2));
    // The call that threw, which v1 wrote as an error naming the request, is its own record now.
    expect(records.find((r) => r.kind === 'call-failed')).toMatchObject({
      ref: 'r11',
      op: 'close',
      outcome: 'call-failed',
      message: 'the addon is gone',
    });
  });

  it('exports every request with the outcome the old exports gave it', async () => {
    const records: JournalRecord[] = [];
    for await (const r of allRecords(await openLog(RUN))) records.push(r);
    const out = join(tempDir(), 'v1.trace.json');
    await exportRecords(records, 'trace', out, { redact: false });
    const trace = JSON.parse(readFileSync(out, 'utf8')) as {
      traceEvents: { ph: string; id?: string; args?: { outcome?: string } }[];
    };
    const now = Object.fromEntries(
      trace.traceEvents.filter((e) => e.ph === 'e').map((e) => [e.id, e.args?.outcome]),
    );
    const then = Object.fromEntries(
      Object.entries(before.traceEnds).map(([ref, old]) => [ref, renamed(old, ref)]),
    );
    expect(now).toEqual(then);
  });

  it('gives the report the summary it had', async () => {
    const { records } = await readAll(RUN);
    const out = join(tempDir(), 'v1.html');
    await exportRecords(records, 'html', out, { redact: false });
    const html = readFileSync(out, 'utf8');
    const section = /<section class="sec-summary">.*?<\/section>/s.exec(html)?.[0] ?? '';
    const text = section
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    expect(text).toBe(
      noOutcomeColumnAdded(devicesRenamed(durationsRewritten(before.summaryText), records)),
    );
  });
});
