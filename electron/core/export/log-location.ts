/**
 * What a path handed to "open" or "export" points at: a run directory, a journal root (whose
 * latest run is meant), a JSON Lines file, or a .zip bundle; or why it is none of these, in
 * plain words. Files are recognised by their first bytes, not their names, so a renamed bundle
 * still opens and a PDF called log.jsonl is turned away politely.
 */
import { statSync } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { listJournalFiles, listRuns, markRunSeen } from '../journal-files.js';

export type LogKind = 'run-directory' | 'journal-file' | 'bundle';

export interface LogLocation {
  kind: LogKind;
  /** The run directory, file or bundle actually read. */
  path: string;
  /** For a run directory: its journal files in order. */
  files: string[];
  /** What the person picked, for messages. */
  requested: string;
  /** For a journal folder (its newest run is read): its runs, oldest first (runsOf). */
  runs?: readonly string[];
  /** For a journal folder: its run folders that hold no journal file at all (lostRuns). */
  lostRuns?: readonly string[];
}

export type LogOpenErrorCode = 'not-found' | 'not-a-log' | 'unreadable' | 'empty';

export class LogOpenError extends Error {
  constructor(
    message: string,
    readonly code: LogOpenErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LogOpenError';
  }
}

export async function locateLog(path: string): Promise<LogLocation> {
  const info = await stat(path).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LogOpenError(
      code === 'ENOENT' || code === 'ENOTDIR'
        ? `There is no file or folder at ${path}.`
        : `${path} cannot be read (${code ?? String(error)}).`,
      code === 'ENOENT' || code === 'ENOTDIR' ? 'not-found' : 'unreadable',
      { cause: error },
    );
  });
  if (info.isDirectory()) return locateDirectory(path);
  if (!info.isFile()) throw new LogOpenError(`${path} is not a file.`, 'not-a-log');
  const kind = await sniff(path);
  return { kind, path, files: kind === 'journal-file' ? [path] : [], requested: path };
}

async function locateDirectory(dir: string): Promise<LogLocation> {
  // A folder that cannot be listed is not an empty one (it said "it is empty").
  const entries = await readdir(dir).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new LogOpenError(`${dir} cannot be read (${code}).`, 'unreadable', { cause: error });
  });
  const files = safeList(() => listJournalFiles(dir));
  if (files.length > 0)
    return { kind: 'run-directory', path: dir, files: plainFiles(dir, files), requested: dir };
  // The run folders listed once: the runs to read, and those whose journal is gone.
  const folders = runFolders(dir);
  const runs = readableRuns(folders);
  const latest = runs[runs.length - 1];
  if (latest)
    return {
      kind: 'run-directory',
      path: latest,
      files: plainFiles(latest, listJournalFiles(latest)),
      requested: dir,
      runs,
      lostRuns: lostRuns(folders),
    };
  throw new LogOpenError(
    `The folder ${dir} holds no mbn-diag journal: no journal-*.jsonl files and no run-* folders${entries.length === 0 ? ' (it is empty)' : ''}.`,
    'not-a-log',
  );
}

/**
 * The runs of a journal folder, oldest first, each holding bytes. A run that died as it started
 * (its first file made, nothing in it) is passed over: taken as the newest, it hid the runs before
 * it behind "holds no records".
 */
export function runsOf(dir: string): string[] {
  return readableRuns(runFolders(dir));
}

/** A journal folder's run folders, oldest first, each with its journal files. */
function runFolders(dir: string): { run: string; files: string[] }[] {
  return listRuns(dir).map((run) => ({ run, files: safeList(() => listJournalFiles(run)) }));
}

function readableRuns(folders: readonly { run: string; files: string[] }[]): string[] {
  return folders.filter(({ files }) => holdsBytes(files)).map(({ run }) => run);
}

/**
 * The run's journal files, each a plain file: a folder from elsewhere may hold a pipe or a device
 * under a journal file's name, which a read would wait on forever (past Ctrl+C). Refused by name
 * rather than left out, so that no search or export silently misses part of the run.
 */
function plainFiles(dir: string, files: string[]): string[] {
  for (const file of files) {
    let plain: boolean;
    try {
      plain = statSync(file).isFile();
    } catch {
      plain = true; // Gone since the listing: its read says so, in the reader's words.
    }
    if (!plain)
      throw new LogOpenError(
        `${basename(file)} in ${dir} is not a plain file (a pipe, a device or a folder under a journal file's name): the log was not opened.`,
        'not-a-log',
      );
  }
  return files;
}

/**
 * The run folders of a journal folder that hold no journal file at all: deleted, or not copied
 * with the others. Not runs to read, yet not to be passed over in silence as a run that died as
 * it started (its first file made, empty) is: a review's week with Tuesday's journal gone was
 * exported and searched as six nights, numbered 1 to 6, with no word of the seventh.
 */
function lostRuns(folders: readonly { run: string; files: string[] }[]): string[] {
  return folders.filter(({ files }) => files.length === 0).map(({ run }) => run);
}

/** What is said of a lost run (lostRuns), after its name. */
export const LOST_RUN_WORDS =
  'its folder holds no journal file (deleted, or not copied with the others)';

function holdsBytes(files: string[]): boolean {
  return files.some((file) => {
    try {
      return statSync(file).size > 0;
    } catch {
      return false;
    }
  });
}

function safeList(list: () => string[]): string[] {
  try {
    return list();
  } catch {
    return [];
  }
}

/** Recognises a file by its first bytes. */
async function sniff(path: string): Promise<LogKind> {
  const head = Buffer.alloc(4096);
  let length = 0;
  try {
    const handle = await open(path, 'r');
    try {
      length = (await handle.read(head, 0, head.length, 0)).bytesRead;
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new LogOpenError(
      `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      'unreadable',
      { cause: error },
    );
  }
  const bytes = head.subarray(0, length);
  const name = basename(path);
  if (length === 0) throw new LogOpenError(`${name} is empty: it holds no records.`, 'empty');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'bundle';
  const what = describeBinary(bytes);
  if (what) {
    // An export of a log says which to open instead; said once, not again in general words.
    const advice = what.endsWith(')')
      ? ''
      : ' Open a .jsonl log, a journal folder or a .zip bundle exported by mbn-diag.';
    throw new LogOpenError(`${name} is not an mbn-diag log: it is ${what}.${advice}`, 'not-a-log');
  }
  return 'journal-file';
}

/** Whether `bytes` begin with at least one whole line that could be a record (`{` first). */
function startsWithLines(bytes: Buffer): boolean {
  const text = bytes.toString('utf8').replace(/^\ufeff/, '');
  return /^\s*\{/.test(text) && text.includes('\n');
}

function describeBinary(bytes: Buffer): string | undefined {
  const starts = (...sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'a PNG image';
  if (starts(0xff, 0xd8, 0xff)) return 'a JPEG image';
  if (starts(0x1f, 0x8b)) return 'a gzip-compressed file (unpack it first)';
  if (starts(0x4d, 0x5a)) return 'a Windows program';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'an Office document';
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff))
    return 'a UTF-16 text file (logs are UTF-8; it may have been re-saved by an editor)';
  // Zero bytes after whole lines are what a power cut leaves at a file's end (blocks allocated,
  // never written): the lines before them are read, and the rest said to be damaged. Zeros
  // before any whole line are a binary file.
  const zero = bytes.indexOf(0);
  if (zero >= 0 && !startsWithLines(bytes.subarray(0, zero))) return 'a binary file';
  const text = bytes
    .toString('utf8')
    .replace(/^\ufeff/, '')
    .trimStart();
  const instead = 'open the .jsonl log, its journal folder or the .zip bundle instead';
  if (text.startsWith('{"traceEvents"')) return `a Chrome trace export (${instead})`;
  if (text.startsWith('seq,time,')) return `a CSV export (${instead})`;
  if (text.startsWith('<')) return 'an HTML or XML document';
  return undefined;
}

/**
 * A run that ended abnormally is kept from pruning until someone has looked at it: a log opened
 * in the window or searched from the command line has been.
 */
export function markLogSeen(location: LogLocation): void {
  if (location.kind === 'run-directory') markRunSeen(location.path);
  else if (location.kind === 'journal-file') markRunSeen(dirname(location.path));
}
