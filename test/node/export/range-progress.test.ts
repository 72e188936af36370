/**
 * How far a time range's export has got, as the window's bar and the CLI's line say it. It said
 * how much of the log was read: a day of a week-long log read "72% … 86% of the log read", then
 * was done; an hour showed 51% at once. That was where the range sits in the file. It is the
 * share of the range's own bytes read, from its start to its end as the index finds them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { exportProgressWords } from '../../../shared/export-progress-words.js';
import type { ExportProgress } from '../../../electron/core/export/export-request.js';
import { APP, NOW, removeTempDirs, tempDir } from './support/helpers.js';
import { RUN_START } from './support/pass-through-lines.js';

afterAll(removeTempDirs);

const START = Date.UTC(2026, 0, 5, 0, 0, 0);
/** Index buckets hold 4,096 records: the log is twelve of them, one record a second. */
const BUCKET = 4096;

function weekLikeLog(dir: string): string {
  const text: string[] = [];
  let seq = 1;
  const line = (body: object, ms: number) =>
    text.push(
      `${JSON.stringify({ v: 2, seq, time: new Date(ms).toISOString(), mono: seq++, ...body })}\n`,
    );
  line(RUN_START, START);
  // Long enough lines that the range's read comes in several batches (a MiB each).
  const message = `ok ${'x'.repeat(400)}`;
  for (let i = 0; i < 12 * BUCKET; i++)
    line(
      { kind: 'backend-status', backend: 'simulator', available: true, message },
      START + i * 1000,
    );
  const path = join(dir, 'week.jsonl');
  writeFileSync(path, text.join(''));
  return path;
}

describe("a time range's export progress", () => {
  it('is the share of the range read, from none to all of it, not where it sits in the log', async () => {
    const dir = tempDir();
    const source = weekLikeLog(dir);
    // The range in the log's last third: its bytes start two thirds of the way into the file.
    const range = { from: START + 8 * BUCKET * 1000 + 500, to: START + 11 * BUCKET * 1000 };
    const seen: ExportProgress[] = [];
    await exportFromPath({
      source,
      format: 'jsonl',
      destination: join(dir, 'range.jsonl'),
      app: APP,
      now: NOW,
      redact: false,
      range,
      onProgress: (p) => seen.push(p),
    });
    const words = seen
      .filter((p) => p.phase === 'writing')
      .map((p) => exportProgressWords({ ...p, total: 0 }));
    expect(words.length).toBeGreaterThan(2);
    // Said as the range's share, each figure at least the one before, ending at all of it.
    expect(words.every((w) => w.text.includes('% of the range read)'))).toBe(true);
    const percents = words.map((w) => w.percent ?? -1);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents[0]).toBeLessThan(50);
    expect(words.at(-1)?.text).toMatch(/\(100% of the range read\)$/);
  });
});
