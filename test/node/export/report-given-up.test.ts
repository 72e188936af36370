/**
 * A request the technician gave up on, in the HTML report's timeline: its span's words say when,
 * as the log and the app's span details do. The report alone said "ended after 2.0 min without a
 * completion", as if nobody had acted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(() => removeTempDirs());

const service = {
  interfaceId: '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
  serviceId: 'd8f20131-fcb5-4e17-8602-d6ed3816164c',
  serviceName: 'Phonebook',
};
const at = (seq: number, ms: number) => ({
  v: 2 as const,
  seq,
  time: new Date(Date.UTC(2026, 11, 1, 9) + ms).toISOString(),
  mono: ms,
});
const request = { ...service, ref: 'r1', op: 'close' as const };

const records: JournalRecord[] = [
  { ...at(1, 0), kind: 'request', ...request, outcome: 'sending', sessionOpenBefore: true },
  {
    ...at(2, 1),
    kind: 'request-returned',
    ...request,
    outcome: 'waiting',
    requestId: 1002,
    hresult: '0x00000000',
    hresultName: 'S_OK',
    callMs: 1,
  },
  {
    ...at(3, 10_000),
    kind: 'overdue',
    ...request,
    outcome: 'overdue',
    requestId: 1002,
    timeoutMs: 10_000,
  },
  {
    ...at(4, 55_700),
    kind: 'given-up',
    ...request,
    outcome: 'given-up',
    requestId: 1002,
    waitedMs: 55_700,
  },
  { ...at(5, 120_000), kind: 'session-state', ...service, from: 'closing', to: 'open' },
];

describe('the HTML report timeline', () => {
  it('says when a request was given up on, as the log does', async () => {
    const file = join(tempDir(), 'report.html');
    await exportRecords(records, 'html', file);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('close #1002 given up by the user after 55.7 s');
    expect(html).toMatch(
      /Request ID #1002 · given up after 55\.7 s, no completion by the log(&#39;|')s end/,
    );
    expect(html).not.toMatch(/Request ID #1002 · ended after [^<]* without a completion/);
  });

  // A support engineer's review: a request the log stopped before the outcome of read "ended
  // after 0.0 ms without a completion", as if it had ended at once.
  it('says a request still waiting when the log stopped had no completion by its end', async () => {
    const file = join(tempDir(), 'report.html');
    const [sent, returned, , , last] = records;
    if (!sent || !returned || !last) throw new Error('records');
    await exportRecords([sent, returned, last], 'html', file);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(
      /Request ID #1002 · no completion by the log(&#39;|')s end, 2\.0 min after it was sent/,
    );
    expect(html).not.toMatch(/Request ID #1002 · ended after/);
  });
});
