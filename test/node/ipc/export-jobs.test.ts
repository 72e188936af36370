/**
 * Exports from the app: a cancel writes nothing and the answer says it was cancelled; progress
 * says how far along an export is.
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportProgressEvent } from '../../../electron/ipc/contract.js';
import { ExportJobs } from '../../../electron/ipc/export-jobs.js';
import { IpcFailure } from '../../../electron/ipc/ipc-failure.js';
import { exportProgressWords } from '../../../shared/export-progress-words.js';
import { writeSessionStateLog } from '../../support/session-state-log.js';
import { JOURNAL_VERSION, type JournalRecord } from '../../../shared/journal/record.js';

describe('export jobs', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a cancel while the save dialog is open writes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'export-jobs-'));
    const destination = join(dir, 'out.jsonl');
    let choose: (path: string) => void = () => undefined;
    const jobs = new ExportJobs(
      {
        chooseExportPath: () => new Promise((resolve) => (choose = resolve)),
        chooseLogToOpen: () => Promise.resolve(null),
        choices: () => Promise.resolve({ picker: 'list', folder: dir ?? '', files: [] }),
      },
      () => undefined,
    );
    const running = jobs.run({
      exportId: 7,
      format: 'jsonl',
      redact: true,
      source: dir,
      beforeWrite: () => ({ trailing: [], unsaved: 0 }),
      total: 0,
      deviceModels: () => Promise.resolve(['EM7565']),
      app: { name: 'mbn-diag', version: '0' },
    });
    // The dialog opens once the device models are known.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(jobs.cancel(7)).toBe(true);
    choose(destination);
    const failure = await running.catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(IpcFailure);
    expect((failure as IpcFailure).ipc.code).toBe('export-cancelled');
    expect((failure as IpcFailure).ipc.message).toMatch(/Nothing was saved/);
    expect(existsSync(destination)).toBe(false);
    expect(jobs.cancel(7)).toBe(false);
  });

  it('a cancel while the export is writing leaves no file, and progress was reported until then', async () => {
    dir = mkdtempSync(join(tmpdir(), 'export-jobs-'));
    const source = join(dir, 'saved.jsonl');
    // Enough lines for several progress reports (one per MiB written).
    writeSessionStateLog(source, 40_000);
    const out = mkdtempSync(join(tmpdir(), 'export-jobs-out-'));
    try {
      for (const format of ['jsonl', 'csv', 'zip'] as const) {
        const destination = join(out, `out.${format}`);
        const progress: number[] = [];
        const jobs: ExportJobs = new ExportJobs(
          {
            chooseExportPath: () => Promise.resolve(destination),
            chooseLogToOpen: () => Promise.resolve(null),
            choices: () => Promise.resolve({ picker: 'list', folder: out, files: [] }),
          },
          (event) => {
            progress.push(event.bytes);
            jobs.cancel(3);
          },
        );
        const failure = await jobs
          .run({
            exportId: 3,
            format,
            redact: true,
            source,
            beforeWrite: () => ({ trailing: [], unsaved: 0 }),
            total: 40_000,
            deviceModels: () => Promise.resolve([]),
            app: { name: 'mbn-diag', version: '0' },
          })
          .catch((e: unknown) => e);
        expect(failure, format).toBeInstanceOf(IpcFailure);
        expect((failure as IpcFailure).ipc.code).toBe('export-cancelled');
        expect(progress.length).toBeGreaterThan(0);
        // Neither the export nor its temporary file.
        expect(readdirSync(out)).toEqual([]);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  // A capture of a log with no MBIM messages is read to its end before it can say so: the panel
  // said "Waiting for where to save it…" for the 9 s a week's log took, no dialog open.
  it('says it is under way once the destination is chosen, and how far it has read, writing nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'export-jobs-'));
    const source = join(dir, 'saved.jsonl');
    writeSessionStateLog(source, 60_000);
    const events: ExportProgressEvent[] = [];
    const jobs = new ExportJobs(
      {
        chooseExportPath: () => Promise.resolve(join(dir ?? '', 'out.pcapng')),
        chooseLogToOpen: () => Promise.resolve(null),
        choices: () => Promise.resolve({ picker: 'list', folder: dir ?? '', files: [] }),
      },
      (event) => events.push(event),
    );
    const failure = await jobs
      .run({
        exportId: 5,
        format: 'pcapng',
        redact: true,
        source,
        what: 'saved-log',
        beforeWrite: () => ({ trailing: [], unsaved: 0 }),
        total: 60_000,
        deviceModels: () => Promise.resolve([]),
        app: { name: 'mbn-diag', version: '0' },
      })
      .catch((e: unknown) => e);
    expect((failure as IpcFailure).ipc.message).toMatch(/^This log holds no MBIM messages/);
    const words = events.map((event) => exportProgressWords(event).text);
    expect(words[0]).toBe('Writing: 0 of 60,000 records (0%)');
    expect(words.some((w) => /^Writing: [1-9][\d,]* of 60,000 records/.test(w))).toBe(true);
  });

  // A saved log exported before its index counts its records (just opened, or never indexed):
  // the window's bar follows how much of the file is read instead of turning to "no idea".
  it('says how much of a saved log is read while its records are not counted', async () => {
    dir = mkdtempSync(join(tmpdir(), 'export-jobs-'));
    const source = join(dir, 'saved.jsonl');
    writeSessionStateLog(source, 40_000);
    const destination = join(dir, 'out.jsonl');
    const events: ExportProgressEvent[] = [];
    const jobs = new ExportJobs(
      {
        chooseExportPath: () => Promise.resolve(destination),
        chooseLogToOpen: () => Promise.resolve(null),
        choices: () => Promise.resolve({ picker: 'list', folder: dir ?? '', files: [] }),
      },
      (event) => events.push(event),
    );
    await jobs.run({
      exportId: 4,
      format: 'jsonl',
      redact: true,
      source,
      what: 'saved-log',
      beforeWrite: () => ({ trailing: [], unsaved: 0 }),
      total: 0,
      deviceModels: () => Promise.resolve([]),
      app: { name: 'mbn-diag', version: '0' },
    });
    const words = events.map((event) => exportProgressWords(event));
    expect(words.length).toBeGreaterThan(2);
    // The first said as soon as the destination was chosen, before a byte was read.
    expect(words[0]?.text).toBe('Writing: 0 records');
    expect(words[1]?.text).toMatch(/^Writing: [\d,]+ records \(\d+% of the log read\)$/);
    expect(words.some((w) => (w.percent ?? 0) > 0 && (w.percent ?? 100) < 100)).toBe(true);
    expect(words.at(-1)?.percent).toBe(100);
    expect(events.at(-1)?.logBytes).toBe(statSync(source).size);
    // The log's lines are alike: the share read keeps up with the records written (it once ran
    // a read block, a MiB, behind them: 2% read with 13% written).
    for (const event of events)
      expect(
        Math.abs((event.readBytes ?? 0) / (event.logBytes ?? 1) - event.records / 40_000),
      ).toBeLessThan(0.03);
  });

  it('refuses a destination on or inside the live run folder, through a link too, and writes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'export-jobs-'));
    const runDir = join(dir, 'run-1');
    mkdirSync(runDir);
    const journal = join(runDir, 'journal-000001.jsonl');
    writeSessionStateLog(journal, 1);
    const before = readFileSync(journal, 'utf8');
    // The save dialog follows a link to the journal folder as it follows any folder.
    const link = join(dir, 'link-to-run');
    symlinkSync(runDir, link);
    const chosen = [
      journal,
      join(runDir, 'journal-000002.jsonl'),
      join(runDir, 'report.csv'),
      join(link, 'journal-000001.jsonl'),
      join(link, 'report.csv'),
    ];
    for (const destination of chosen) {
      const jobs = new ExportJobs(
        {
          chooseExportPath: () => Promise.resolve(destination),
          chooseLogToOpen: () => Promise.resolve(null),
          choices: () => Promise.resolve({ picker: 'list', folder: dir ?? '', files: [] }),
        },
        () => undefined,
      );
      const failure = await jobs
        .run({
          exportId: 1,
          format: destination.endsWith('.csv') ? 'csv' : 'jsonl',
          redact: true,
          source: runDir,
          beforeWrite: () => ({ trailing: [], unsaved: 0 }),
          total: 1,
          deviceModels: () => Promise.resolve([]),
          app: { name: 'mbn-diag', version: '0' },
        })
        .catch((e: unknown) => e);
      expect(failure, destination).toBeInstanceOf(IpcFailure);
      expect((failure as IpcFailure).ipc.message).toMatch(
        /would overwrite the log being exported or be saved inside its journal folder.*Nothing was saved/,
      );
      expect(readdirSync(runDir), destination).toEqual(['journal-000001.jsonl']);
      expect(readFileSync(journal, 'utf8')).toBe(before);
    }
  });
});

// The session's journal could not write its file (a full disk): what it hands back before the
// export starts, a record saying which entries the file lacks, ends the export in every format.
describe('an export of a session whose journal file lacks entries', () => {
  let dir = '';
  let source = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'export-jobs-gap-'));
    source = join(dir, 'saved.jsonl');
    writeSessionStateLog(source, 20);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const noteOf = (seq: number, message: string): JournalRecord => ({
    v: JOURNAL_VERSION,
    seq,
    time: '2026-01-05T10:00:00.000Z',
    mono: 60_000,
    kind: 'error',
    message,
    context: 'journal',
  });

  /** Exports `source` as the session with `note` handed back before writing; its lines. */
  async function exported(format: 'jsonl' | 'csv', note: JournalRecord) {
    const destination = join(dir, `out.${format}`);
    const jobs = new ExportJobs(
      {
        chooseExportPath: () => Promise.resolve(destination),
        chooseLogToOpen: () => Promise.resolve(null),
        choices: () => Promise.resolve({ picker: 'list', folder: dir, files: [] }),
      },
      () => undefined,
    );
    const done = await jobs.run({
      exportId: 1,
      format,
      redact: true,
      source,
      beforeWrite: () => ({ trailing: [note], unsaved: 2 }),
      total: 0,
      deviceModels: () => Promise.resolve([]),
      app: { name: 'mbn-diag', version: '0' },
    });
    return { done, lines: readFileSync(destination, 'utf8').trimEnd().split('\n') };
  }

  it('ends with the journal’s record saying so', async () => {
    const message =
      'Exported while the journal file lacks entries: 2 entries between #21 and #22 could not be saved (ENOSPC) and are missing from it. They are missing from this export too.';
    for (const format of ['jsonl', 'csv'] as const) {
      const { done, lines } = await exported(format, noteOf(23, message));
      // The window's confirmation says how many entries are missing.
      expect(done).toMatchObject({ unsaved: 2 });
      expect(lines.at(-1)).toContain(message);
    }
  });

  // The journal writes the record to its file as soon as the disk takes it, while the export
  // reads the file to its end: the record came twice, the second after records newer than it.
  it('gives the record once when the file holds it by the time it is read', async () => {
    const note = noteOf(1000, 'Exported while the journal file lacks entries: …');
    // As the journal writes it, stamp first; then one more record.
    const { v, seq, time, mono, ...entry } = note;
    const stamp = (n: number) =>
      `{"v":${String(v)},"seq":${String(n)},"time":"${time}","mono":${String(mono)},`;
    appendFileSync(source, `${stamp(seq)}${JSON.stringify(entry).slice(1)}\n`);
    appendFileSync(source, `${stamp(seq + 1)}"kind":"error","message":"later","context":"x"}\n`);
    for (const format of ['jsonl', 'csv'] as const) {
      const { lines } = await exported(format, note);
      expect(lines.filter((l) => l.includes('lacks entries'))).toHaveLength(1);
      expect(lines.at(-1)).toContain('later');
    }
  });
});
