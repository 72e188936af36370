/**
 * The records of a few kinds in one index bucket, parsed alone: a range export wants the run's
 * start and the devices' details from buckets it otherwise passes over, one or two records among
 * a bucket's 4,096. Parsing the whole bucket for them was most of exporting an hour of a week
 * (1M events: 21 such buckets, 86,000 records parsed, ~100 ms of a 420 ms command).
 *
 * A record of a kind holds the kind's name in quotes, so only the lines where the bucket's bytes
 * hold one are parsed. The index counts each kind in the bucket: if the lines found hold fewer
 * (a name written with escapes, which JSON allows), or the bucket holds format 1 records (read
 * as upgraded, not as written), the whole bucket is parsed as before. Nothing is missed either way.
 */
import { open } from 'node:fs/promises';
import type { JournalRecord } from '../../shared/journal/record.js';
import { parseJournalLine } from './journal-index-scan.js';
import type { IndexBucket } from './journal-index.js';

/**
 * Kinds whose records name a device (its `deviceId`, its model): what a redacting export must
 * know of every device (export/range-seek.ts), and what names the modems a saved log is about.
 */
export const DEVICE_KINDS: ReadonlySet<string> = new Set([
  'device-info',
  'device-arrival',
  'device-removal',
]);

/** Whether the bucket's counts say it holds a record of any of `kinds`. */
export function holdsKinds(bucket: IndexBucket, kinds: Iterable<string>): boolean {
  for (const kind of kinds) if ((bucket.kinds[kind] ?? 0) > 0) return true;
  return false;
}

/**
 * A bucket is read at once: 4,096 journal lines are about 1.3 MB, but a log of long lines (a
 * hostile one: each up to MAX_LINE_BYTES) could make one of gigabytes, read in pieces instead.
 */
const MAX_BUCKET_BYTES = 16 * 1024 * 1024;

/**
 * The bucket's records of `kinds`, in order; undefined when they cannot be told from its bytes
 * (the caller parses the bucket whole, a piece at a time).
 */
export async function bucketRecordsOfKinds(
  file: string,
  bucket: IndexBucket,
  kinds: ReadonlySet<string>,
): Promise<JournalRecord[] | undefined> {
  if (bucket.upgraded > 0 || bucket.bytes > MAX_BUCKET_BYTES) return undefined;
  const buf = Buffer.allocUnsafe(bucket.bytes);
  const handle = await open(file, 'r');
  try {
    const { bytesRead } = await handle.read(buf, 0, bucket.bytes, bucket.offset);
    if (bytesRead < bucket.bytes) return undefined;
  } finally {
    await handle.close();
  }
  const starts = new Set<number>();
  for (const kind of kinds) {
    const needle = Buffer.from(JSON.stringify(kind));
    for (let at = buf.indexOf(needle); at !== -1; at = buf.indexOf(needle, at + needle.length))
      starts.add(buf.lastIndexOf(10, at) + 1);
  }
  const records: JournalRecord[] = [];
  const upgradeState = {};
  for (const from of [...starts].sort((a, b) => a - b)) {
    let to = buf.indexOf(10, from);
    if (to === -1) to = buf.length;
    const record = parseJournalLine(buf, from, to, upgradeState)?.record;
    if (record && kinds.has(record.kind)) records.push(record);
  }
  for (const kind of kinds)
    if (records.filter((r) => r.kind === kind).length < (bucket.kinds[kind] ?? 0)) return undefined;
  return records;
}
