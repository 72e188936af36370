/**
 * A bucket's records of a few kinds, its other lines passed over unparsed (bucket-kinds.ts): the
 * same records a full parse gives, and no answer (the caller parses the bucket whole) where its
 * bytes cannot tell.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bucketRecordsOfKinds } from '../../../electron/core/bucket-kinds.js';
import { openIndexedLog } from '../../../electron/core/indexed-log.js';
import { removeTempDirs, tempDir } from '../export/support/helpers.js';
import { RUN_START, SIERRA, typical } from '../export/support/pass-through-lines.js';

afterAll(removeTempDirs);

const KINDS = new Set(['run-start', 'device-info']);
const DEVICE = {
  kind: 'device-info',
  interfaceId: SIERRA,
  manufacturer: 'Sierra Wireless',
  model: 'EM7565',
  firmware: '1.0',
  deviceId: '359072061234567',
  readyState: 'initialized',
};

/** A run start, traffic, a device listing (written as `device`), traffic; one bucket. */
async function bucketOf(device: (line: string) => string) {
  const lines: string[] = [];
  let seq = 1;
  const push = (body: object) =>
    lines.push(
      JSON.stringify({
        v: 2,
        seq,
        time: new Date(Date.UTC(2026, 0, 5) + seq * 1000).toISOString(),
        mono: seq++,
        ...body,
      }),
    );
  const traffic = () => {
    for (let i = 0; i < 50; i++)
      for (const record of typical(0).slice(0, 4)) {
        const { v: _v, seq: _s, time: _t, mono: _m, ...body } = record;
        push(body);
      }
  };
  push(RUN_START);
  traffic();
  push(DEVICE);
  lines[lines.length - 1] = device(lines[lines.length - 1] ?? '');
  traffic();
  const file = join(tempDir(), 'log.jsonl');
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  const log = await openIndexedLog(file);
  const bucket = log.buckets[0]?.bucket;
  if (!bucket) throw new Error('no bucket');
  return { file, bucket, log };
}

describe('a bucket’s records of some kinds', () => {
  it('are the ones a full parse gives, read from their lines alone', async () => {
    const { file, bucket, log } = await bucketOf((line) => line);
    const whole = (await log.read(0, bucket.records)).filter((r) => KINDS.has(r.kind));
    const found = await bucketRecordsOfKinds(file, bucket, KINDS);
    expect(found).toBeDefined();
    expect(found?.map((r) => [r.kind, r.seq])).toEqual([
      ['run-start', 1],
      ['device-info', 202],
    ]);
    expect(found).toEqual(whole);
  });

  it('are not told from the bytes when a kind is written with an escape', async () => {
    const { file, bucket } = await bucketOf((line) =>
      line.replace('"kind":"device-info"', '"kind":"device\\u002dinfo"'),
    );
    expect(bucket.kinds['device-info']).toBe(1);
    expect(await bucketRecordsOfKinds(file, bucket, KINDS)).toBeUndefined();
  });
});
