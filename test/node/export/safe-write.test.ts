import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '../../../electron/core/journal-reader.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { ExportError } from '../../../electron/core/export/export-error.js';
import { EXPORT_FORMATS as ALL_FORMATS } from '../../../electron/core/export/formats.js';

// pcapng holds only MBIM messages, which these simulator logs have none of (it refuses them in
// words); its redaction and safety are checked on MBIM logs by the MBIM suite (test/mbim).
const EXPORT_FORMATS = ALL_FORMATS.filter((f) => f !== 'pcapng');
import { exportLog, type ExportProgress } from '../../../electron/core/export/write-export.js';
import { APP, exportRecords, removeTempDirs, tempDir } from './support/helpers.js';
import { makeSampleRun } from './support/sample-log.js';

let sample: JournalRecord[];

beforeAll(async () => {
  sample = (await readAll(await makeSampleRun(tempDir()))).records;
});
afterAll(removeTempDirs);

/** Many records, so that an export writes several chunks before the end. */
function* many(count: number): Generator<JournalRecord> {
  for (let i = 0; i < count; i++) {
    const r = sample[i % sample.length];
    if (r) yield { ...r, seq: i + 1 };
  }
}

async function* failingAfter(n: number): AsyncGenerator<JournalRecord> {
  let i = 0;
  for (const r of many(n * 2)) {
    if (i++ === n) throw new Error('the disk holding the journal went away');
    yield await Promise.resolve(r);
  }
}

async function rejection(promise: Promise<unknown>): Promise<ExportError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExportError) return error;
    throw error;
  }
  throw new Error('the export did not fail');
}

describe('safe writing', () => {
  it.each(EXPORT_FORMATS)(
    'leaves no file at all when the %s source fails part way, and says why',
    async (format) => {
      const dir = tempDir();
      const out = join(dir, `log.${format}`);
      const error = await rejection(
        exportLog({ format, destination: out, records: failingAfter(30_000), app: APP }),
      );
      expect(error.code).toBe('read-failed');
      expect(error.message).toContain('the disk holding the journal went away');
      expect(error.message).toContain('Nothing was saved.');
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it('keeps the previous file untouched when a replacement export fails', async () => {
    const dir = tempDir();
    const out = join(dir, 'log.csv');
    writeFileSync(out, 'the previous export\n');
    await rejection(
      exportLog({ format: 'csv', destination: out, records: failingAfter(5000), app: APP }),
    );
    expect(readFileSync(out, 'utf8')).toBe('the previous export\n');
    expect(readdirSync(dir)).toEqual(['log.csv']);
  });

  it.each(EXPORT_FORMATS)('leaves nothing behind when a %s export is cancelled', async (format) => {
    const dir = tempDir();
    const out = join(dir, `log.${format}`);
    const controller = new AbortController();
    const progress: ExportProgress[] = [];
    async function* source(): AsyncGenerator<JournalRecord> {
      for (const r of many(200_000)) yield await Promise.resolve(r);
    }
    const error = await rejection(
      exportLog({
        format,
        destination: out,
        records: source(),
        app: APP,
        signal: controller.signal,
        onProgress: (p) => {
          progress.push(p);
          if (progress.length === 2) controller.abort();
        },
      }),
    );
    expect(error.code).toBe('cancelled');
    expect(error.message).toBe('The export was cancelled. Nothing was saved.');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports progress in records and bytes, growing to the final size', async () => {
    const dir = tempDir();
    const out = join(dir, 'log.jsonl');
    const progress: ExportProgress[] = [];
    const result = await exportRecords([...many(20_000)], 'jsonl', out, {
      onProgress: (p) => progress.push(p),
    });
    expect(progress.length).toBeGreaterThan(2);
    const records = progress.map((p) => p.records);
    expect([...records].sort((a, b) => a - b)).toEqual(records);
    expect(progress[progress.length - 1]).toMatchObject({ records: 20_000, bytes: result.bytes });
    expect(result.bytes).toBe(readFileSync(out).length);
  });

  it('refuses a destination that is not a full path, a missing folder, or a folder, in plain words', async () => {
    const dir = tempDir();
    const cases: [string, RegExp][] = [
      ['relative/log.csv', /must be a full path/],
      [join(dir, 'missing', 'log.csv'), /does not exist/],
      [dir, /is a folder; choose a file name/],
      // A folder that exists and takes no new files: a review was told it did not exist.
      ...(existsSync('/proc/version')
        ? ([['/proc/version', /No file can be created in the folder of \/proc\/version/]] as [
            string,
            RegExp,
          ][])
        : []),
    ];
    for (const [destination, message] of cases) {
      const error = await rejection(exportRecords(sample, 'csv', destination));
      expect(error.code).toBe('bad-destination');
      expect(error.message).toMatch(message);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes only the destination file: the temporary file is gone after success', async () => {
    const dir = tempDir();
    await exportRecords(sample, 'zip', join(dir, 'bundle.zip'));
    expect(readdirSync(dir)).toEqual(['bundle.zip']);
    expect(existsSync(join(dir, 'bundle.zip'))).toBe(true);
  });

  it('writes to a file whose name is as long as the file system allows, in every format', async () => {
    const dir = tempDir();
    // 255 bytes, the most ext4 (and most others) allow: ASCII, and three-byte letters.
    const longest = (format: string, letter: string): string => {
      const room = 255 - 1 - format.length;
      const letters = letter.repeat(Math.floor(room / Buffer.byteLength(letter)));
      return `${letters}${'b'.repeat(room - Buffer.byteLength(letters))}.${format}`;
    };
    for (const letter of ['a', '\u20ac'])
      for (const format of EXPORT_FORMATS) {
        const file = longest(format, letter);
        expect(Buffer.byteLength(file)).toBe(255);
        await exportRecords(sample, format, join(dir, file));
        expect(readdirSync(dir), format).toContain(file);
      }
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('refuses to replace a read-only file, and leaves it as it was', async () => {
    const dir = tempDir();
    for (const format of EXPORT_FORMATS) {
      const destination = join(dir, `kept.${format}`);
      writeFileSync(destination, 'an export kept as evidence\n');
      chmodSync(destination, 0o444);
      const error = await rejection(exportRecords(sample, format, destination));
      expect(error.code, format).toBe('bad-destination');
      expect(error.message).toContain('is read-only');
      expect(error.message).toContain('Nothing was saved.');
      expect(readFileSync(destination, 'utf8')).toBe('an export kept as evidence\n');
    }
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')(
    'keeps the permissions of the file it replaces: a private file stays private',
    async () => {
      const dir = tempDir();
      for (const format of EXPORT_FORMATS) {
        const destination = join(dir, `private.${format}`);
        writeFileSync(destination, 'an earlier unredacted export\n', { mode: 0o600 });
        chmodSync(destination, 0o600);
        await exportRecords(sample, format, destination, { redact: false });
        expect(statSync(destination).mode & 0o777, format).toBe(0o600);
        expect(readFileSync(destination, 'utf8')).not.toBe('an earlier unredacted export\n');
      }
    },
  );
});
