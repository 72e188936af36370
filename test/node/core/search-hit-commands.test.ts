/**
 * A whole-log search for failures finds completions, which carry only their request's ref: each
 * hit names the command its request sent when the search read that request (in its bucket, or in
 * the buckets read just before it), and none rather than a wrong one when it could not (the
 * request in a bucket the index let it skip, or another run's under the same ref).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUCKET_RECORDS } from '../../../electron/core/journal-index.js';
import { searchLog, type SearchHit } from '../../../electron/core/log-search.js';
import type { JournalEntry } from '../../../shared/journal/record.js';
import { failedQuery, requestEntries } from '../../support/journal-traffic.js';

const BASIC_CONNECT = {
  interfaceId: '{3a1c0d57-5e1b-4c1f-9d55-0b8b6a6f0001}',
  serviceId: '{A289CC33-BCBB-8B4F-B6B0-133EC2AAE6DF}',
  serviceName: 'Basic Connect',
};

/** A QUERY of Basic Connect, and its failed completion (apart, to be placed apart). */
const query = (ref: string, commandId: number, requestId: number) =>
  failedQuery(BASIC_CONNECT, ref, { commandId, requestId });

const RUN_START: JournalEntry = {
  kind: 'run-start',
  format: 'mbn-diag-journal',
  runId: 'run-2',
  app: { name: 'mbn-diag', version: 'test' },
  os: { platform: 'linux', release: 'x', arch: 'x64' },
  backend: { kind: 'simulator', label: 'test', reason: 'test' },
};

/** Traffic of successful closes only: no failure but those placed. */
const QUIET = { failEvery: Number.MAX_SAFE_INTEGER };

/** A saved log: records placed at the lines given (from 0), successful closes in between. */
function savedLog(placed: readonly [number, JournalEntry][]): string {
  const lines: string[] = [];
  let filler = 1;
  const push = (entry: JournalEntry): void => {
    const base = { v: 2, seq: lines.length + 1, time: '2026-01-05T08:00:00.000Z' };
    lines.push(JSON.stringify({ ...base, mono: lines.length, ...entry }));
  };
  for (const [at, entry] of placed) {
    while (lines.length < at) for (const e of requestEntries(filler++, QUIET)) push(e);
    push(entry);
  }
  while (lines.length < 6 * BUCKET_RECORDS)
    for (const e of requestEntries(filler++, QUIET)) push(e);
  const file = join(mkdtempSync(join(tmpdir(), 'mbn-hit-commands-')), 'kiosk.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('a whole-log search’s hits of a command request', () => {
  const sameBucket = query('r900001', 3, 70001);
  const acrossRead = query('r900002', 11, 70002);
  const acrossSkipped = query('r900003', 4, 70003);
  const otherRun = query('r900004', 3, 70004);
  // r900005 sent in a bucket read, and again by the next run, which began in a bucket skipped.
  const firstRun = query('r900005', 3, 70005);
  const nextRun = query('r900005', 7, 70006);
  const B = BUCKET_RECORDS;
  const failedClose = requestEntries(50)[2];
  if (!failedClose) throw new Error('no completion in the traffic');
  const log = savedLog(
    [
      [1000, sameBucket.sent[0]],
      [1001, sameBucket.sent[1]],
      [1010, sameBucket.failed],
      // A failure of no command keeps bucket 1 read, so its last lines are known to bucket 2.
      [B + 500, { ...failedClose, outcome: 'failed', statusName: 'E_FAIL', status: '0x80004005' }],
      [B + 600, firstRun.sent[0]],
      [B + 601, firstRun.sent[1]],
      [2 * B - 6, acrossRead.sent[0]],
      [2 * B - 5, acrossRead.sent[1]],
      [2 * B + 5, acrossRead.failed],
      // Bucket 3 holds no failure: the search skips it, and cannot know its request.
      // The next run begins in bucket 3 and sends r900005 again; its failure is in bucket 4.
      [3 * B + 100, RUN_START],
      [3 * B + 101, nextRun.sent[0]],
      [3 * B + 102, nextRun.sent[1]],
      [4 * B - 6, acrossSkipped.sent[0]],
      [4 * B - 5, acrossSkipped.sent[1]],
      [4 * B + 5, acrossSkipped.failed],
      [4 * B + 6, nextRun.failed],
      // The same ref, op and service in the next run is another request.
      [5 * B + 100, otherRun.sent[0]],
      [5 * B + 101, otherRun.sent[1]],
      [5 * B + 102, RUN_START],
      [5 * B + 110, otherRun.failed],
    ].filter((p): p is [number, JournalEntry] => p[1] !== undefined),
  );

  it('name the command their request sent where the search read it, and none elsewhere', async () => {
    const hits: SearchHit[] = [];
    const summary = await searchLog(
      log,
      { outcomes: ['failed'] },
      { numbering: 'position', commands: true, onHits: (batch) => hits.push(...batch) },
    );
    expect(summary.bucketsSkipped).toBeGreaterThan(0);
    const byRef = new Map(
      hits.map((hit) => [hit.record.kind === 'completion' ? hit.record.ref : null, hit.commandId]),
    );
    expect(byRef.get('r900001')).toBe(3);
    expect(byRef.get('r900002')).toBe(11);
    expect(byRef.get('r900003')).toBeNull();
    expect(byRef.get('r900004')).toBeNull();
    // Not the first run's r900005: what it knew is forgotten at the bucket it skipped.
    expect(byRef.get('r900005')).toBeNull();
    // A completion of no command's request names none.
    expect(byRef.get('r50')).toBeNull();
    // Not asked: none looked for.
    const plain: SearchHit[] = [];
    await searchLog(
      log,
      { outcomes: ['failed'] },
      { numbering: 'position', onHits: (batch) => plain.push(...batch) },
    );
    expect(plain.map((hit) => hit.commandId)).toEqual(plain.map(() => null));
    expect(plain.map((hit) => hit.row)).toEqual(hits.map((hit) => hit.row));
  });
});
