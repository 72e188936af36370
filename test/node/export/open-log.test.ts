import { copyFileSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZipFile } from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '../../../electron/core/journal-reader.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { LogOpenError, allRecords, openLog } from '../../../electron/core/export/open-log.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';
import { makeSampleRun } from './support/sample-log.js';

let sample: JournalRecord[];
let lines: string[];

beforeAll(async () => {
  sample = (await readAll(await makeSampleRun(tempDir()))).records;
  lines = sample.map((r) => JSON.stringify(r));
});
afterAll(removeTempDirs);

async function openError(path: string): Promise<LogOpenError> {
  try {
    const log = await openLog(path);
    log.close();
  } catch (error) {
    if (error instanceof LogOpenError) return error;
    throw error;
  }
  throw new Error(`${path} opened`);
}

async function everything(path: string): Promise<{ records: JournalRecord[]; problems: string[] }> {
  const log = await openLog(path);
  const records: JournalRecord[] = [];
  for await (const r of allRecords(log)) records.push(r);
  log.close();
  return { records, problems: log.problems.map((p) => `line ${p.line}: ${p.message}`) };
}

function zipOf(entries: Record<string, string>, path: string): Promise<void> {
  const zip = new ZipFile();
  for (const [name, body] of Object.entries(entries)) zip.addBuffer(Buffer.from(body), name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => {
      writeFileSync(path, Buffer.concat(chunks));
      resolve();
    });
    zip.outputStream.on('error', reject);
  });
}

describe('opening a saved log', () => {
  it('returns every readable record of a damaged file and names each bad line', async () => {
    const path = join(tempDir(), 'damaged.jsonl');
    const damaged = [...lines];
    damaged.splice(3, 0, '{"v":1,"seq":4,"ti');
    damaged.splice(10, 0, '{"not":"a record"}');
    writeFileSync(path, `${damaged.join('\n')}\n${lines[0]?.slice(0, 30) ?? ''}`);
    const { records, problems } = await everything(path);
    expect(records).toEqual(sample);
    expect(problems).toEqual([
      'line 4: not valid JSON (damaged line)',
      'line 11: no format version ("v")',
      `line ${damaged.length + 1}: incomplete last line (the writer stopped mid-line)`,
    ]);
  });

  // What a power cut leaves: the file's last blocks allocated but never written, zero bytes.
  // A review found such a log (a few lines, then 4 KiB of zeros) refused as "a binary file".
  it('opens a log whose end the power cut left as zero bytes, and says the end is damaged', async () => {
    const path = join(tempDir(), 'power-cut.jsonl');
    const head = lines.slice(0, 5);
    writeFileSync(path, Buffer.concat([Buffer.from(`${head.join('\n')}\n`), Buffer.alloc(4096)]));
    const { records, problems } = await everything(path);
    expect(records).toEqual(sample.slice(0, 5));
    expect(problems).toHaveLength(1);
    // A file of zeros, or zeros before any line, is still no log.
    writeFileSync(path, Buffer.concat([Buffer.alloc(64), Buffer.from(`${head.join('\n')}\n`)]));
    expect((await openError(path)).message).toMatch(/is not an mbn-diag log: it is a binary file/);
  });

  it('marks a torn last line as such', async () => {
    const path = join(tempDir(), 'torn.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n{"v":1,"se`);
    const log = await openLog(path);
    for await (const _ of log.rest()) {
      // read to the end
    }
    expect(log.tornTail).toBe(true);
    expect(log.complete).toBe(true);
    expect(log.count).toBe(sample.length);
  });

  it('turns away files that are not logs with a clear message', async () => {
    const dir = tempDir();
    const cases: [string, string | Buffer, RegExp][] = [
      [
        'picture.png',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
        /is not an mbn-diag log: it is a PNG image/,
      ],
      [
        'notes.txt',
        'Dear support,\nthe modem is broken.\n',
        /notes\.txt is not an mbn-diag log: line 1 is not valid JSON\.$/,
      ],
      [
        'report.html',
        '<!DOCTYPE html><html></html>\n',
        /report\.html is not an mbn-diag log: it is an HTML or XML document/,
      ],
      [
        'trace.json',
        '{"traceEvents":[\n',
        // Which to open instead, said once: the general words after it repeated it.
        /it is a Chrome trace export \(open the \.jsonl log, its journal folder or the \.zip bundle instead\)\.$/,
      ],
      [
        'config.json',
        '{"theme":"dark"}\n',
        /config\.json is not an mbn-diag log: line 1 is not a journal record \(no format version \("v"\)\)/,
      ],
      ['empty.jsonl', '', /empty\.jsonl is empty/],
    ];
    for (const [name, body, message] of cases) {
      writeFileSync(join(dir, name), body);
      const error = await openError(join(dir, name));
      expect(error.message, name).toMatch(message);
    }
    expect((await openError(join(dir, 'nothing-here.jsonl'))).code).toBe('not-found');
    mkdirSync(join(dir, 'photos'));
    expect((await openError(join(dir, 'photos'))).message).toMatch(/holds no mbn-diag journal/);
  });

  it('says a truncated .zip is damaged, and a zip without a log is not a bundle', async () => {
    const dir = tempDir();
    const bundle = join(dir, 'bundle.zip');
    await exportRecords(sample, 'zip', bundle);
    const cut = join(dir, 'cut.zip');
    copyFileSync(bundle, cut);
    truncateSync(cut, Math.floor(readFileSync(bundle).length / 2));
    const damaged = await openError(cut);
    expect(damaged.code).toBe('unreadable');
    expect(damaged.message).toMatch(/cut\.zip is a damaged \.zip file/);
    await zipOf({ 'holiday.txt': 'sunny' }, join(dir, 'other.zip'));
    expect((await openError(join(dir, 'other.zip'))).message).toMatch(
      /not an mbn-diag bundle: it holds no \.jsonl log/,
    );
  });

  it('opens a zipped run folder (journal files in order) as one log', async () => {
    const path = join(tempDir(), 'run.zip');
    const half = Math.floor(lines.length / 2);
    await zipOf(
      {
        'run-x/journal-000002.jsonl': `${lines.slice(half).join('\n')}\n`,
        'run-x/journal-000001.jsonl': `${lines.slice(0, half).join('\n')}\n`,
      },
      path,
    );
    expect((await everything(path)).records).toEqual(sample);
  });

  it('serves the first page at once, then the rest in pages, then any range by index', async () => {
    const dir = tempDir();
    const many: JournalRecord[] = [];
    for (let i = 0; i < 5200; i++) {
      const r = sample[i % sample.length];
      if (r) many.push({ ...r, seq: i + 1 });
    }
    const file = join(dir, 'many.jsonl');
    await exportRecords(many, 'jsonl', file, { redact: false });
    const bundle = join(dir, 'many.zip');
    await exportRecords(many, 'zip', bundle, { redact: false });
    for (const path of [file, bundle]) {
      const log = await openLog(path, { pageSize: 300 });
      expect(log.firstPage.records).toEqual(many.slice(0, 300));
      expect(log.complete).toBe(false);
      const pages: number[] = [];
      for await (const page of log.rest()) {
        expect(page.records).toEqual(many.slice(page.first, page.first + page.records.length));
        pages.push(page.first);
      }
      expect(pages[0]).toBe(300);
      expect(log.count).toBe(5200);
      expect(await log.readRange(4321, 7)).toEqual(many.slice(4321, 4328));
      expect(await log.readRange(0, 2)).toEqual(many.slice(0, 2));
      expect(await log.readRange(5198, 10)).toEqual(many.slice(5198));
      log.close();
    }
  });

  // An export of a log with no index has no count of its records until the end: how much of
  // the log is read is how far along it is, in the CLI's progress line and the window's bar.
  it('says how much of the log is read, as it is read, of its files or bundle entries', async () => {
    const dir = join(tempDir(), 'run-20261123T090000Z-abcdef');
    mkdirSync(dir);
    const third = Math.ceil(lines.length / 3);
    const files = [0, 1, 2].map((i) => {
      const file = join(dir, `journal-00000${String(i + 1)}.jsonl`);
      writeFileSync(file, `${lines.slice(i * third, (i + 1) * third).join('\n')}\n`);
      return file;
    });
    const size = files.reduce((sum, file) => sum + readFileSync(file).length, 0);
    const bundle = join(tempDir(), 'run.zip');
    await zipOf(
      Object.fromEntries(
        files.map((f, i) => [`run-x/journal-00000${String(i + 1)}.jsonl`, readFileSync(f, 'utf8')]),
      ),
      bundle,
    );
    for (const path of [dir, bundle]) {
      const log = await openLog(path, { pageSize: 10 });
      expect(log.logBytes).toBe(size);
      const read = [log.readBytes];
      for await (const _ of log.rest()) read.push(log.readBytes);
      // Part by part (each file is one read here), never back, the whole log at the end.
      expect(read.slice(0, -1).every((bytes, i) => bytes <= (read[i + 1] ?? 0))).toBe(true);
      expect(read.some((bytes) => bytes > 0 && bytes < size)).toBe(true);
      expect(read.at(-1)).toBe(size);
      log.close();
    }
  });

  it('marks a saved log read-only and carries what the bundle says about itself', async () => {
    const path = join(tempDir(), 'bundle.zip');
    await exportRecords(sample, 'zip', path);
    const log = await openLog(path);
    expect(log.readOnly).toBe(true);
    expect(log.kind).toBe('bundle');
    expect(log.manifest?.redacted).toBe(true);
    expect(log.manifest?.environment.devices.map((d) => d.model)).toEqual(['EM7565', 'EM120R-GL']);
    expect(log.runStart?.app.version).toBe('0.1.0');
    log.close();
  });
});

describe('a long run whose first journal file was rotated away', () => {
  it('still starts with its run-start (from run.json), so exports keep the environment', async () => {
    const dir = join(tempDir(), 'run-20261123T090000Z-abcdef');
    mkdirSync(dir);
    const [runStart, ...rest] = sample;
    if (runStart?.kind !== 'run-start') throw new Error('sample does not start with run-start');
    writeFileSync(join(dir, 'run.json'), `${JSON.stringify(runStart)}\n`);
    writeFileSync(
      join(dir, 'journal-000002.jsonl'),
      `${rest.map((r) => JSON.stringify(r)).join('\n')}\n`,
    );
    const log = await openLog(dir, { pageSize: 10 });
    expect(log.firstPage.records[0]).toEqual(runStart);
    expect(log.runStart).toEqual(runStart);
    for await (const _ of log.rest()) {
      // to the end
    }
    expect(log.count).toBe(sample.length);
    expect(await log.readRange(0, 3)).toEqual(sample.slice(0, 3));
    expect(await log.readRange(40, 5)).toEqual(sample.slice(40, 45));
    log.close();
  });

  // An editor's blank first line (or one of damaged bytes) before the file's own run-start read
  // as "rotated away": run.json's run-start went in front, a second one, and every row was one
  // further on than the search and the index numbered it.
  it('is not taken for one when its first file starts with a blank or damaged line', async () => {
    for (const before of ['', '\ufeff\r', '{"torn":']) {
      const dir = join(tempDir(), 'run-20261123T090000Z-abcdef');
      mkdirSync(dir);
      const [runStart] = sample;
      writeFileSync(join(dir, 'run.json'), `${JSON.stringify(runStart)}\n`);
      const lines = sample.map((r) => JSON.stringify(r));
      writeFileSync(join(dir, 'journal-000001.jsonl'), `${before}\n${lines.join('\n')}\n`);
      const log = await openLog(dir);
      const kinds: string[] = [];
      for await (const record of allRecords(log)) kinds.push(record.kind);
      log.close();
      expect(
        kinds.filter((k) => k === 'run-start'),
        JSON.stringify(before),
      ).toHaveLength(1);
      expect(kinds).toHaveLength(sample.length);
    }
  });
});
