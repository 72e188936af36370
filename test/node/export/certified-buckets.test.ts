/**
 * Buckets certified as the journal writes them (line-certificate.ts) are copied by an export
 * without checking their lines again (certified-read.ts). What a support engineer must be able to
 * trust: such an export is byte for byte the one every line's check makes, and a certificate is
 * believed only for the app's own journal, under today's rules, over bytes that did not change.
 */
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { certifiedBuckets } from '../../../electron/core/export/certified-read.js';
import { bucketCrc, LINE_RULES } from '../../../electron/core/export/line-certificate.js';
import { listJournalFiles } from '../../../electron/core/journal-files.js';
import { sidecarPath } from '../../../electron/core/journal-index-file.js';
import { parseFileIndex, type FileIndex } from '../../../electron/core/journal-index-format.js';
import { resetOwnFolders } from '../../../electron/core/own-folders.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DIAG } from '../../support/journal-traffic.js';
import { APP, NOW, removeTempDirs, tempDir } from './support/helpers.js';
import { writeOwnRun } from './support/own-run.js';

afterAll(removeTempDirs);
afterEach(resetOwnFolders);

const IMEI = '353907206123456';
/** As long as DIAG's service name, so that planting it moves no byte after it. */
const PLANTED = `imei ${IMEI} here`;

function sidecar(file: string): FileIndex {
  const index = parseFileIndex(readFileSync(sidecarPath(file), 'utf8'), basename(file));
  if (!index) throw new Error(`no valid sidecar beside ${file}`);
  return index;
}

async function exported(run: string, redact = true): Promise<string> {
  const destination = join(tempDir('mbn-certified-out-'), 'out.jsonl');
  await exportFromPath({
    source: run,
    format: 'jsonl',
    destination,
    app: APP,
    now: NOW,
    redact,
  });
  return readFileSync(destination, 'utf8');
}

/** The same export with no certificate believed: every line checked, as for a log from elsewhere. */
async function checkedLineByLine(run: string, redact = true): Promise<string> {
  resetOwnFolders();
  return exported(run, redact);
}

interface Planted {
  file: string;
  index: FileIndex;
  bucket: number;
}

/** The run's second file, its first certified bucket's DIAG service name replaced by PLANTED. */
function plant(run: string): Planted {
  const file = listJournalFiles(run)[1];
  if (!file) throw new Error('one file only');
  const index = sidecar(file);
  const bucket = index.buckets.findIndex((b) => b.copyCrc !== undefined);
  const at = index.buckets[bucket];
  if (!at) throw new Error('no certified bucket');
  const bytes = readFileSync(file);
  const name = bytes.indexOf(`"serviceName":"${DIAG.serviceName}"`, at.offset);
  expect(name).toBeGreaterThan(at.offset);
  expect(name).toBeLessThan(at.offset + at.bytes);
  bytes.write(PLANTED, name + '"serviceName":"'.length, 'latin1');
  writeFileSync(file, bytes);
  return { file, index, bucket };
}

/** PLANTED in the run, and the sidecar's certificate of its bucket made again over it. */
function forge(run: string, rules = LINE_RULES): Planted {
  const planted = plant(run);
  const { file, index, bucket } = planted;
  const at = index.buckets[bucket];
  if (!at) throw new Error('no bucket');
  const bytes = readFileSync(file).subarray(at.offset, at.offset + at.bytes);
  at.copyCrc = bucketCrc(bytes);
  writeFileSync(sidecarPath(file), JSON.stringify({ ...index, lineRules: rules }));
  return planted;
}

describe('buckets certified as the journal writes them', () => {
  it('are certified, with the lines holding what the redactor would change marked to check again', () => {
    const { run } = writeOwnRun((journal) =>
      journal.append({ kind: 'error', message: `modem said ${IMEI}`, context: 'test' }),
    );
    const files = listJournalFiles(run);
    expect(files.length).toBeGreaterThan(2);
    const marked: string[] = [];
    for (const file of files) {
      const index = sidecar(file);
      expect(index.lineRules).toBe(LINE_RULES);
      const bytes = readFileSync(file);
      for (const bucket of index.buckets) {
        const own = bytes.subarray(bucket.offset, bucket.offset + bucket.bytes);
        expect(bucket.copyCrc).toBe(bucketCrc(own));
        for (const [offset, line] of bucket.recheck ?? []) {
          marked.push(own.toString('latin1', offset, own.indexOf(10, offset)));
          // Its line in the bucket, counted as a reader counts them: the lines before it.
          expect(line).toBe(own.subarray(0, offset).filter((byte) => byte === 10).length);
        }
      }
    }
    // The run's first line too: its nested objects are no line the check takes as it is.
    expect(marked).toHaveLength(2);
    expect(marked[0]).toContain('"kind":"run-start"');
    expect(marked[1]).toContain(IMEI);
  });

  it('export byte for byte as when every line is checked, redacted or not', async () => {
    const { run } = writeOwnRun((journal) =>
      journal.append({ kind: 'error', message: `modem said ${IMEI}`, context: 'test' }),
    );
    const redacted = await exported(run);
    const plain = await exported(run, false);
    expect(redacted).not.toContain(IMEI);
    expect(plain).toContain(IMEI);
    expect(redacted).toBe(await checkedLineByLine(run));
    expect(plain).toBe(await checkedLineByLine(run, false));
  });

  it('export byte for byte with a line to check again in most buckets', async () => {
    // Each such line is read from its bucket's memory, filled again for a later bucket only once
    // nothing holds it: a line checked again must not give the bucket back for its reader.
    const { run } = writeOwnRun(
      (journal) =>
        journal.append({ kind: 'error', message: `modem said ${IMEI}`, context: 'test' }),
      40,
    );
    let recheck = 0;
    for (const file of listJournalFiles(run)) {
      const bytes = readFileSync(file);
      for (const bucket of sidecar(file).buckets) {
        const own = bytes.subarray(bucket.offset, bucket.offset + bucket.bytes);
        // Each where the sidecar says: the line of that number in the bucket starts there.
        for (const [offset, line] of bucket.recheck ?? []) {
          expect(line).toBe(own.subarray(0, offset).filter((byte) => byte === 10).length);
          recheck += 1;
        }
      }
    }
    expect(recheck).toBeGreaterThan(100);
    const redacted = await exported(run);
    expect(redacted).not.toContain(IMEI);
    expect(redacted === (await checkedLineByLine(run))).toBe(true);
  });

  it('are checked line by line again when their bytes changed after they were written', async () => {
    const { run } = writeOwnRun();
    plant(run);
    const text = await exported(run);
    expect(text).not.toContain(IMEI);
    expect(text).toBe(await checkedLineByLine(run));
  });

  it('are read from a sidecar by their certificates alone, each held to its rules', () => {
    const { run } = writeOwnRun();
    const file = listJournalFiles(run)[1] ?? '';
    const index = sidecar(file);
    const save = (changed: object): void => {
      writeFileSync(sidecarPath(file), JSON.stringify(changed));
    };
    const withBucket = (i: number, change: object): FileIndex => ({
      ...index,
      buckets: index.buckets.map((b, n) => (n === i ? { ...b, ...change } : b)),
    });
    // A count no certificate needs, damaged: the whole index is refused, the certificates stand.
    save(withBucket(0, { kinds: { request: -1 } }));
    expect(parseFileIndex(readFileSync(sidecarPath(file), 'utf8'), basename(file))).toBeUndefined();
    expect(certifiedBuckets(file)?.length).toBe(index.buckets.length);
    // A certificate's own field out of range, a bucket out of place, another file's sidecar.
    for (const damaged of [
      withBucket(0, { copyCrc: 2 ** 32 }),
      withBucket(0, { recheck: [[-1, 0]] }),
      withBucket(0, { offset: 1 }),
      { ...index, file: 'journal-000009.jsonl' },
    ]) {
      save(damaged);
      expect(certifiedBuckets(file), JSON.stringify(damaged).slice(0, 80)).toBeUndefined();
    }
  });

  it('are not believed from a sidecar made under other rules', async () => {
    const { run } = writeOwnRun();
    forge(run, 'rules of another version');
    const text = await exported(run);
    expect(text).not.toContain(IMEI);
    expect(text).toBe(await checkedLineByLine(run));
  });

  it('are believed in the app’s own journal: what its sidecar certifies is copied unchecked', async () => {
    // Why only the app's own folders count: whoever can write there can certify anything.
    const { run } = writeOwnRun();
    forge(run);
    expect(await exported(run)).toContain(IMEI);
  });

  it('are not believed while the app’s journal folders are not known', async () => {
    const { run } = writeOwnRun();
    forge(run);
    resetOwnFolders();
    expect(await exported(run)).not.toContain(IMEI);
  });

  it('are not believed beside a log from outside the app’s journal folders', async () => {
    const { run } = writeOwnRun();
    const ticket = join(tempDir('mbn-ticket-'), basename(run));
    cpSync(run, ticket, { recursive: true });
    // A sidecar that says whatever its maker wanted, with a CRC that fits.
    const { file } = forge(ticket);
    const text = await exported(ticket);
    expect(text).not.toContain(IMEI);
    expect(readdirSync(dirname(file))).toContain(basename(sidecarPath(file)));
  });
});
