/**
 * A log holding two runs (two logs put together, a restart): each run's monotonic clock starts
 * again at 0. The trace and the report's timeline drew the second run over the first, so a close
 * made 190 ms after another looked simultaneous with it, and the trace paired the two runs' `r1`
 * as one span. Each later run is now placed where its start's time puts it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TimelineCollector } from '../../../electron/core/export/timeline-model.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { RequestFold } from '../../../shared/request/fold.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);

const SMS = {
  interfaceId: '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
  serviceId: '{533FBEEB-14FE-4467-9F90-33A223E56C3F}',
  serviceName: 'SMS',
};
const FIRST = Date.UTC(2026, 0, 5, 9, 4, 5, 940);
/** The second run's start, logged 199 ms after the first's. */
const SECOND = FIRST + 199;

/** One run: its start at `at`, and a close sent 5 ms in that completed 40 ms later. */
function run(at: number, seq: number): JournalRecord[] {
  const stamp = (mono: number) => ({ v: 2, time: new Date(at + mono).toISOString(), mono });
  return [
    {
      ...stamp(0),
      seq,
      kind: 'run-start',
      format: 'mbn-diag-journal',
      runId: `${String(seq).padStart(2, '0')}${'0'.repeat(30)}`,
      app: { name: 'mbn-diag', version: '0.1.0' },
      os: { platform: 'win32', release: '10.0.22631', arch: 'x64' },
      backend: { kind: 'simulator', label: 'sim', reason: 'test' },
    },
    {
      ...stamp(5),
      seq: seq + 1,
      kind: 'request',
      ...SMS,
      ref: 'r1',
      op: 'close',
      outcome: 'sending',
    },
    {
      ...stamp(6),
      seq: seq + 2,
      kind: 'request-returned',
      ...SMS,
      ref: 'r1',
      op: 'close',
      outcome: 'waiting',
      requestId: 7,
      hresult: '0x00000000',
      hresultName: 'S_OK',
      callMs: 1,
    },
    {
      ...stamp(45),
      seq: seq + 3,
      kind: 'completion',
      ...SMS,
      op: 'close',
      requestId: 7,
      status: '0x00000000',
      statusName: 'S_OK',
      match: 'matched',
      ref: 'r1',
      outcome: 'succeeded',
      latencyMs: 39,
    },
  ] as unknown as JournalRecord[];
}

const records = [...run(FIRST, 1), ...run(SECOND, 5)];

/** The report's timeline of `log`, folded as the report folds it. */
function drawn(log: readonly JournalRecord[]): TimelineCollector {
  const model = new TimelineCollector();
  const fold = new RequestFold({ ended: (request) => model.addSpan(request) });
  for (const record of log) {
    model.observe(record);
    fold.observe(record);
  }
  fold.finish();
  return model;
}

describe('a log of two runs', () => {
  it('is one timeline in the trace: the second run after the first, its r1 a span of its own', async () => {
    const out = join(tempDir(), 'trace.json');
    await exportRecords(records, 'trace', out);
    const events = (
      JSON.parse(readFileSync(out, 'utf8')) as {
        traceEvents: { ph: string; id?: string; ts?: number; name: string }[];
      }
    ).traceEvents;
    const spans = (ph: string) => events.filter((e) => e.ph === ph);
    // Each run's close: begun 5 ms after its run's start (by the logged times), ended 40 ms later.
    expect(spans('b').map((e) => [e.id, e.ts])).toEqual([
      ['r1', 5_000],
      ['r1 (run 2)', 204_000],
    ]);
    expect(spans('e').map((e) => [e.id, e.ts])).toEqual([
      ['r1', 45_000],
      ['r1 (run 2)', 244_000],
    ]);
    const starts = events.filter((e) => e.ph === 'i' && e.name === 'run start');
    expect(starts.map((e) => e.ts)).toEqual([0, 199_000]);
  });

  it('is one timeline in the report: the second run’s close drawn after the first’s', () => {
    const model = drawn(records);
    expect(model.spans.map((s) => [s.sentMono, s.endMono])).toEqual([
      [5, 45],
      [204, 244],
    ]);
    expect(model.onWallClock).toBe(true);
  });

  it('is drawn one run after the other where the second was logged as starting before the first ended', () => {
    // The second run's start logged 20 ms after the first's: while its close still waited.
    const overlapping = [...run(FIRST, 1), ...run(FIRST + 20, 5)];
    const model = drawn(overlapping);
    expect(model.spans.map((s) => [s.sentMono, s.endMono])).toEqual([
      [5, 45],
      [50, 90],
    ]);
    expect(model.onWallClock).toBe(false);
  });

  // Past the report's table, its records are lines in collapsed sections named for their first
  // and last numbers; numbered again in each run, a section across two read "Records 2,001 to 4".
  it('names the runs of a report section whose numbers start again', async () => {
    const filler = (from: number, count: number, at: number): JournalRecord[] =>
      Array.from({ length: count }, (_, i) => ({
        v: 2,
        seq: from + i,
        time: new Date(at + 100 + i).toISOString(),
        mono: 100 + i,
        kind: 'session-state',
        ...SMS,
        from: 'closed',
        to: 'opening',
      })) as unknown as JournalRecord[];
    const log = [...run(FIRST, 1), ...filler(5, 2100, FIRST), ...run(SECOND + 5000, 1)];
    const out = join(tempDir(), 'report.html');
    await exportRecords(log, 'html', out);
    const sections = [
      ...readFileSync(out, 'utf8').matchAll(/<summary>Records ([^<]*)<\/summary>/g),
    ];
    expect(sections.map((m) => m[1])).toEqual(['2,001 of run 1 to 4 of run 2 (108)']);
  });
});
