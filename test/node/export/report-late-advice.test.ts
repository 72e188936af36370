/**
 * The report's "What to try next" for a request that went overdue and then completed late. A
 * support engineer's review read "Keep waiting a little (a late completion is still recorded)"
 * beside "The modem answered, but after the timeout", for an Open whose completion the report
 * showed: the overdue advice was counted when the request went overdue and never taken back.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readAll } from '../../../electron/core/journal-reader.js';
import { SummaryCollector } from '../../../electron/core/export/summary.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { OUTCOME_NEXT_STEPS } from '../../../shared/request/next-steps.js';
import { removeTempDirs, tempDir } from './support/helpers.js';
import { makeSampleRun } from './support/sample-log.js';

afterAll(removeTempDirs);

describe('advice for a request that went overdue, then completed late', () => {
  it('is the late completion’s, not "keep waiting"; before it came, "keep waiting"', async () => {
    const { records } = await readAll(await makeSampleRun(tempDir()));
    const advised = (upTo: number) => {
      const summary = new SummaryCollector();
      for (const record of records.slice(0, upTo)) summary.observe(record);
      const svc = [...summary.summary.services.values()].find((s) => s.overdue > 0);
      return [...(svc?.nextSteps.keys() ?? [])].map((step) => step.check);
    };
    const keepWaiting = (check: string) => check.startsWith('Keep waiting a little');
    // The sample's Open on the diagnostics stream: overdue after 40 ms, completed at ~55 ms.
    const lateAt = records.findIndex((r) => r.kind === 'completion' && r.outcome === 'late');
    expect(lateAt).toBeGreaterThan(0);
    // A log that ends before the completion came: the advice is to wait for it.
    expect(advised(lateAt).filter(keepWaiting)).toHaveLength(1);
    // The whole log: the completion came, late, and its advice replaces waiting.
    const whole = advised(records.length);
    expect(whole).toContain(OUTCOME_NEXT_STEPS.late?.check);
    expect(whole.filter(keepWaiting)).toEqual([]);
  });

  it('is the timeout’s when the command that waited closed before any completion came', async () => {
    // `mbn-diag close --timeout 3000` on a completion that is lost: overdue, then the command
    // exits and its journal ends the request as abandoned (backend-closed). The report had no
    // advice for it at all: the app's closing "needs nothing", and the overdue advice was taken
    // back. Each CLI timeout lost its advice.
    const { records } = await readAll(await makeSampleRun(tempDir()));
    const overdueAt = records.findIndex((r) => r.kind === 'overdue');
    const overdue = records[overdueAt];
    if (overdue?.kind !== 'overdue') throw new Error('the sample has an overdue request');
    const { timeoutMs: _timeout, ...fields } = overdue;
    const closed: JournalRecord = {
      ...fields,
      seq: overdue.seq + 1,
      kind: 'abandoned',
      outcome: 'abandoned',
      reason: 'backend-closed',
    };
    const summary = new SummaryCollector();
    for (const record of [...records.slice(0, overdueAt + 1), closed]) summary.observe(record);
    const svc = [...summary.summary.services.values()].find((s) => s.overdue > 0);
    const advice = [...(svc?.nextSteps.keys() ?? [])];
    expect(advice.map((step) => step.cause)).toEqual([
      expect.stringMatching(/did not come within the timeout, and the app then closed without it/),
    ]);
    expect(advice[0]?.check).toMatch(/^Try again with a longer timeout/);
  });
});
