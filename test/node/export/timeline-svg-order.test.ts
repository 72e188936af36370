/**
 * The report's timeline draws a lane's longest spans first: a review found a close that succeeded
 * while another request on the same service went overdue hidden under that request's hatched bar,
 * where it could be neither seen nor hovered.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { SMS, requestEntries } from '../../support/journal-traffic.js';
import { APP, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);

describe('the report timeline', () => {
  it('draws a short span over a long one on the same lane', async () => {
    // r2: sent first, overdue, completed late; r1: sent and completed while r2 waits.
    const [request2, returned2, completion2] = requestEntries(2);
    const [request1, returned1, completion1] = requestEntries(1);
    if (!request2 || !returned2 || !completion2 || !request1 || !returned1 || !completion1)
      throw new Error('traffic');
    const service = {
      interfaceId: SMS.interfaceId,
      serviceId: SMS.serviceId,
      serviceName: SMS.serviceName,
    };
    const overdue = {
      kind: 'overdue',
      ...service,
      ref: 'r2',
      op: 'close',
      outcome: 'overdue',
      requestId: 1002,
      timeoutMs: 10_000,
    };
    const late = { ...completion2, outcome: 'late', match: 'late', latencyMs: 29_000 };
    const timed: [object, number][] = [
      [request2, 1000],
      [returned2, 1001],
      [request1, 5000],
      [returned1, 5001],
      [completion1, 5043],
      [overdue, 11_001],
      [late, 30_000],
    ];
    // As a saved log: the report is made from it as the app and the CLI make one.
    const log = join(tempDir(), 'log.jsonl');
    writeFileSync(
      log,
      timed
        .map(([entry, mono], i) =>
          JSON.stringify({
            v: 2,
            seq: i + 1,
            time: new Date(Date.UTC(2026, 0, 5, 8) + mono).toISOString(),
            mono,
            ...entry,
          }),
        )
        .join('\n') + '\n',
    );
    const out = join(tempDir(), 'report.html');
    await exportFromPath({ source: log, format: 'html', destination: out, app: APP });
    const html = readFileSync(out, 'utf8');
    const long = html.indexOf('<title>close · SMS — Late');
    const short = html.indexOf('<title>close · SMS — Succeeded');
    expect(long).toBeGreaterThan(0);
    expect(short).toBeGreaterThan(long);
  });
});
