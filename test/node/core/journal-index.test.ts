import {
  appendFileSync,
  closeSync,
  copyFileSync,
  rmSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock.js';
import { openLog } from '../../../electron/core/export/open-log.js';
import { listJournalFiles } from '../../../electron/core/journal-files.js';
import {
  MAX_SIDECAR_BYTES,
  loadIndex,
  sidecarPath,
} from '../../../electron/core/journal-index-file.js';
import { attachJournalIndex } from '../../../electron/core/journal-index-writer.js';
import { BUCKET_RECORDS, type FileIndex } from '../../../electron/core/journal-index.js';
import { parseFileIndex } from '../../../electron/core/journal-index-format.js';
import { openIndexedLog } from '../../../electron/core/indexed-log.js';
import { readAll } from '../../../electron/core/journal-reader.js';
import { Journal, type JournalOptions } from '../../../electron/core/journal.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { requestEntries } from '../../support/journal-traffic.js';

const runStart: JournalOptions['runStart'] = {
  app: { name: 'mbn-diag', version: 'test' },
  os: { platform: 'linux', release: 'x', arch: 'x64' },
  backend: { kind: 'simulator', label: 'test', reason: 'test' },
};
const tempDir = (): string => mkdtempSync(join(tmpdir(), 'mbn-index-'));
const START = Date.UTC(2026, 0, 5, 8, 0, 0);

/** A run of `requests` requests, one a second, written through the journal with its index. */
function writeRun(requests: number, options: Partial<JournalOptions> = {}): Journal {
  const clock = new ManualClock(START);
  const journal = new Journal({ dir: tempDir(), clock, runStart, ...options });
  attachJournalIndex(journal);
  for (let n = 1; n <= requests; n++) {
    clock.advance(1000);
    for (const entry of requestEntries(n, { rareEvery: 2500, failEvery: 40 }))
      journal.append(entry);
    if (n % 500 === 0) journal.flush();
  }
  journal.close();
  return journal;
}

const summary = (r: JournalRecord | undefined) => r && { seq: r.seq, kind: r.kind };

describe('journal index', () => {
  it('is written beside each journal file as the journal is written, and read back as written', async () => {
    const journal = writeRun(6000, { maxFileBytes: 600 * 1024 });
    const files = listJournalFiles(journal.runDir);
    expect(files.length).toBeGreaterThan(2);
    const { records } = await readAll(journal.runDir);
    let total = 0;
    for (const file of files) {
      const index = parseFileIndex(
        readFileSync(sidecarPath(file), 'utf8'),
        file.split('/').pop() ?? '',
      );
      expect(index, file).toBeDefined();
      const loaded = await loadIndex(file, { save: false });
      expect(loaded.source).toBe('sidecar');
      total += loaded.index.buckets.reduce((n, b) => n + b.records, 0);
    }
    expect(total).toBe(records.length);

    const log = await openIndexedLog(journal.runDir);
    expect(log.total).toBe(records.length);
    for (const at of [0, 1, BUCKET_RECORDS - 1, BUCKET_RECORDS, 9999, records.length - 1]) {
      const [read] = await log.read(at, 1);
      expect(summary(read), `position ${String(at)}`).toEqual(summary(records[at]));
    }
    const end = await log.read(log.total - 3, 10);
    expect(end.map((r) => r.seq)).toEqual(records.slice(-3).map((r) => r.seq));
  });

  it('opens a log again without indexing its files again, unless one has changed since', async () => {
    const journal = writeRun(3000, { maxFileBytes: 300 * 1024 });
    const files = listJournalFiles(journal.runDir);
    expect(files.length).toBeGreaterThan(2);
    // No sidecars: the first open has to index every file, and says so as it goes.
    for (const file of files) rmSync(sidecarPath(file));
    const indexed = (): { calls: number; onIndexing: () => void } => {
      const spy = { calls: 0, onIndexing: () => (spy.calls += 1) };
      return spy;
    };
    const first = indexed();
    const log = await openIndexedLog(journal.runDir, { save: false, onIndexing: first.onIndexing });
    expect(first.calls).toBeGreaterThan(0);
    // A jump or an overview opens it again: nothing is indexed again (no sidecar was saved).
    const again = indexed();
    const same = await openIndexedLog(journal.runDir, {
      save: false,
      onIndexing: again.onIndexing,
    });
    expect(again.calls).toBe(0);
    expect(same.total).toBe(log.total);

    // A file that grew since (the live run's current file) is read afresh: its new record counts.
    const last = files[files.length - 1] ?? '';
    const lines = readFileSync(last, 'utf8').trimEnd().split('\n');
    const record = JSON.parse(lines[lines.length - 1] ?? '{}') as JournalRecord;
    appendFileSync(last, `${JSON.stringify({ ...record, seq: record.seq + 1 })}\n`);
    const grown = indexed();
    const after = await openIndexedLog(journal.runDir, {
      save: false,
      onIndexing: grown.onIndexing,
    });
    expect(grown.calls).toBeGreaterThan(0);
    expect(after.total).toBe(log.total + 1);
  });

  it('finds the first record at a time, and the last for a time after the end', async () => {
    const journal = writeRun(3000, { maxFileBytes: 300 * 1024 });
    const log = await openIndexedLog(journal.runDir);
    const { records } = await readAll(journal.runDir);
    const target = START + 1500 * 1000;
    const at = await log.positionAt(target);
    const [found] = await log.read(at, 1);
    expect(found && Date.parse(found.time)).toBe(target);
    expect(records.findIndex((r) => Date.parse(r.time) >= target)).toBe(at);
    expect(await log.positionAt(START + 10 ** 9)).toBe(log.total - 1);
  });

  it('rebuilds a damaged, stale or misplaced index instead of trusting it', async () => {
    const journal = writeRun(3000);
    const [file] = listJournalFiles(journal.runDir);
    if (!file) throw new Error('no journal file');
    const good = await loadIndex(file, { save: false });
    const records = good.index.buckets.reduce((n, b) => n + b.records, 0);

    writeFileSync(sidecarPath(file), readFileSync(sidecarPath(file), 'utf8').slice(0, 200));
    const torn = await loadIndex(file, { save: true });
    expect(torn.source).toBe('built');
    expect(torn.index.buckets.reduce((n, b) => n + b.records, 0)).toBe(records);
    // Saved back: the next open believes it.
    expect((await loadIndex(file, { save: false })).source).toBe('sidecar');

    // A sidecar whose bucket says a record is where it is not (the file was rewritten).
    const lying = JSON.parse(readFileSync(sidecarPath(file), 'utf8')) as {
      buckets: { firstSeq: number }[];
    };
    const last = lying.buckets[lying.buckets.length - 1];
    if (last) last.firstSeq += 7;
    writeFileSync(sidecarPath(file), JSON.stringify(lying));
    expect((await loadIndex(file, { save: false })).source).toBe('built');

    // The file replaced by another run under the same name: the same seqs and size (a command run
    // twice writes both), other times. A review found search trusting the first run's sidecar and
    // skipping the buckets that held the request it looked for.
    const good2 = await loadIndex(file, { save: true });
    expect(good2.source).toBe('built');
    const text = readFileSync(file, 'utf8');
    const later = text.replaceAll('2026-01-05T', '2026-01-06T');
    expect(later).not.toBe(text);
    expect(Buffer.byteLength(later)).toBe(Buffer.byteLength(text));
    writeFileSync(file, later);
    expect((await loadIndex(file, { save: false })).source).toBe('built');
    writeFileSync(file, text);

    // Another file's sidecar copied beside this one is not believed either.
    const other = join(tempDir(), 'copy.jsonl');
    copyFileSync(file, other);
    copyFileSync(sidecarPath(file), sidecarPath(other));
    expect((await loadIndex(other, { save: false })).source).toBe('built');

    // Another format version.
    writeFileSync(sidecarPath(file), JSON.stringify({ ...lying, version: 99 }));
    expect((await loadIndex(file, { save: false })).source).toBe('built');
  });

  // A saved log from elsewhere brings whatever lies beside it: a sidecar too large to hold in
  // memory, or a pipe under a sidecar's name, which a plain read would wait on forever.
  it('does not read a sidecar that is too large, or a pipe under its name, and indexes the file', async () => {
    const journal = writeRun(300);
    const [file] = listJournalFiles(journal.runDir);
    if (!file) throw new Error('no journal file');
    const good = readFileSync(sidecarPath(file), 'utf8');
    expect((await loadIndex(file, { save: false })).source).toBe('sidecar');
    // The same valid index, padded with whitespace past the limit: believed before the limit.
    writeFileSync(sidecarPath(file), good + ' '.repeat(MAX_SIDECAR_BYTES - good.length));
    expect((await loadIndex(file, { save: false })).source).toBe('sidecar');
    writeFileSync(sidecarPath(file), good + ' '.repeat(MAX_SIDECAR_BYTES - good.length + 1));
    const large = await loadIndex(file, { save: false });
    expect(large.source).toBe('built');
    // Built again from the file: the same buckets and counts (the writer's certificates aside).
    const records = (index: FileIndex) => index.buckets.map((b) => [b.offset, b.records]);
    expect(records(large.index)).toEqual(records(JSON.parse(good) as FileIndex));
    if (process.platform === 'win32') return;
    rmSync(sidecarPath(file));
    execFileSync('mkfifo', [sidecarPath(file)]);
    expect((await loadIndex(file, { save: false })).source).toBe('built');
  });

  it('believes its sidecar when a bucket starts with a line longer than a page', async () => {
    // The spot check reads a page of each checked bucket first; a first record past a long
    // damaged line is found in a second, longer read, not taken for a file rewritten.
    const journal = writeRun(300);
    const [file] = listJournalFiles(journal.runDir);
    if (!file) throw new Error('no journal file');
    const copy = join(tempDir(), 'saved.jsonl');
    writeFileSync(copy, `{"v":2,"damaged":"${'x'.repeat(6000)}"\n${readFileSync(file, 'utf8')}`);
    expect((await loadIndex(copy, { save: true })).source).toBe('built');
    expect((await loadIndex(copy, { save: false })).source).toBe('sidecar');
  });

  it('extends an index over lines written after it, without rescanning what it covers', async () => {
    const journal = writeRun(3000);
    const [file] = listJournalFiles(journal.runDir);
    if (!file) throw new Error('no journal file');
    const before = await loadIndex(file, { save: false });
    const extra = requestEntries(3001).map((entry, i) => ({
      v: 2,
      seq: 100_000 + i,
      time: new Date(START + 4000 * 1000).toISOString(),
      mono: 5_000_000,
      ...entry,
    }));
    writeFileSync(
      file,
      readFileSync(file, 'utf8') + extra.map((r) => JSON.stringify(r)).join('\n') + '\n',
    );
    let visited = 0;
    const after = await loadIndex(file, { save: false, visit: () => (visited += 1) });
    expect(after.source).toBe('extended');
    expect(visited).toBeLessThan(BUCKET_RECORDS + extra.length + 1);
    const count = (i: typeof before.index) => i.buckets.reduce((n, b) => n + b.records, 0);
    expect(count(after.index)).toBe(count(before.index) + extra.length);
  });

  it('numbers records as the saved log does across rotated files, the oldest deleted with their sidecars', async () => {
    const journal = writeRun(8000, { maxFileBytes: 400 * 1024, maxFilesPerRun: 3 });
    const names = readdirSync(journal.runDir);
    const journals = names.filter((n) => n.endsWith('.jsonl'));
    expect(journals).toHaveLength(3);
    expect(names.filter((n) => n.endsWith('.mbnidx')).sort()).toEqual(
      journals.map((n) => `${n}.mbnidx`).sort(),
    );
    const saved = await openLog(journal.runDir);
    const log = await openIndexedLog(journal.runDir);
    expect(log.prefix.map((r) => r.kind)).toEqual(['run-start']);
    for (const at of [0, 1, 2, 5000, 12_000]) {
      const [a] = await saved.readRange(at, 1);
      const [b] = await log.read(at, 1);
      expect(summary(b), `position ${String(at)}`).toEqual(summary(a));
    }
    saved.close();
  });
});

describe('journal index after a failed write', () => {
  it('drops the file’s sidecar rather than keep counts that no longer match the file', () => {
    const clock = new ManualClock(START);
    const journal = new Journal({ dir: tempDir(), clock, runStart });
    attachJournalIndex(journal);
    for (let n = 1; n <= 5000; n++) {
      clock.advance(1000);
      for (const entry of requestEntries(n, { rareEvery: 2500, failEvery: 40 }))
        journal.append(entry);
    }
    journal.flush();
    const [file] = listJournalFiles(journal.runDir);
    if (!file) throw new Error('no journal file');
    expect(readdirSync(journal.runDir)).toContain(sidecarPath(file).split('/').at(-1));
    // The disk goes away under the journal: its descriptor no longer writes.
    closeSync((journal as unknown as { files: { fd: number } }).files.fd);
    journal.append(requestEntries(5001, {})[0] ?? { kind: 'error', message: 'x', context: 'y' });
    // The journal goes on (journal-full-disk.test.ts); the index must not trust this file.
    expect(() => journal.flush()).not.toThrow();
    expect(readdirSync(journal.runDir)).not.toContain(sidecarPath(file).split('/').at(-1));
  });
});
