/**
 * `mbn-diag export <journal> --format <f> --out <file> [--from <time>] [--to <time>] [--no-redact]`:
 * the same exporters as the app, from a run directory, a journal file, a journal root (its latest
 * run) or a bundle, the whole log or a time range of it. Identifiers are redacted unless
 * --no-redact is given; Ctrl+C cancels and leaves nothing behind.
 */
import { statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import {
  ENDS_WITH_LEFT_OUT_LINES,
  EXPORT_FORMATS,
  FORMAT_INFO,
  type ExportFormat,
} from '../../core/export/formats.js';
import type { ExportResult } from '../../core/export/write-export.js';
import { APP_INFO } from '../../engine/app-info.js';
import type { GlobalOptions } from '../context.js';
import { CliError, EXIT } from '../exit-codes.js';
import { cancelOnSignal } from '../interrupt.js';
import { exportProgressLine } from '../export-progress.js';
import { safe } from '../terminal-text.js';
import { damagedLines } from '../../../shared/search-words.js';
import { formatCount } from '../../../shared/format-count.js';
import { redactionCountsText } from '../../../shared/redaction-words.js';
import { formatBytes } from '../../../shared/format-bytes.js';
import { recordsWords } from '../../../shared/range-count-words.js';
import { sheetCutWords } from '../../../shared/sheet-rows.js';
import { traceSizeWords } from '../../../shared/trace-size.js';
import { formatTimestamp } from '../../../shared/time.js';
import { abnormalRunsNote } from '../ended-abnormally-note.js';
import { missingFilesNote } from '../missing-files-note.js';
import { namedLog } from '../log-argument.js';
import {
  EARLIEST_MS,
  LATEST_MS,
  rangeProblem,
  type ExportRange,
} from '../../../shared/export-range.js';
import { optionTimeMs } from '../time-option.js';

interface ExportOptions {
  format?: ExportFormat;
  out?: string;
  from?: string;
  to?: string;
  redact: boolean;
  force?: boolean;
  allRuns?: boolean;
}

/**
 * The range --from and --to ask for, each read as search's --since and --until are
 * (time-option.ts); undefined for the whole log.
 */
function rangeOf(options: ExportOptions): ExportRange | undefined {
  if (options.from === undefined && options.to === undefined) return undefined;
  const read = (
    text: string | undefined,
    flag: string,
    open: number,
    end: 'start' | 'end',
  ): number => (text === undefined ? open : optionTimeMs(text, flag, end));
  const range = {
    from: read(options.from, '--from', EARLIEST_MS, 'start'),
    to: read(options.to, '--to', LATEST_MS, 'end'),
  };
  const problem = rangeProblem(range);
  if (problem !== null) throw new CliError(`--from and --to: ${problem}`);
  return range;
}

export function registerExportCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('export')
    .description(
      'export a journal or saved log: JSON Lines, CSV, HTML report, Chrome trace, .zip bundle or pcapng capture (MBIM logs)',
    )
    .argument(
      '<journal>',
      'a run directory, a journal file, a journal directory (its latest run, or all with --all-runs) or a .zip bundle',
    )
    // Required, but checked in the action: commander checks required options before arguments,
    // and `mbn-diag export` with nothing after it should first say which log to export.
    .addOption(new Option('--format <format>', 'what to write (required)').choices(EXPORT_FORMATS))
    .option(
      '--out <file>',
      'the file to write, written only once the export is complete (required; a file already there is kept unless --force)',
    )
    .option('--force', 'replace the --out file if it exists')
    .option(
      '--all-runs',
      'of a journal directory, every run in it, oldest first, rather than the newest alone',
    )
    .option(
      '--from <time>',
      'only what was logged from this time on (as the log writes times, UTC unless a zone is written: "2026-01-05 14:00"; a date alone: from the start of that day)',
    )
    .option(
      '--to <time>',
      'only what was logged before this time (the same form as --from; a date alone: to the end of that day, included)',
    )
    .option(
      '--no-redact',
      'keep device IDs (IMEI), subscriber IDs (IMSI), ICCIDs and phone numbers; they are redacted by default',
    )
    .action(async (journal: string, options: ExportOptions) => {
      if (options.format === undefined)
        throw new CliError(
          `required option '--format <format>' not specified (${EXPORT_FORMATS.join(', ')})`,
        );
      if (options.out === undefined)
        throw new CliError(`required option '--out <file>' not specified`);
      // --show-ids is what the terminal shows; a file's identifiers are --no-redact's. Taken
      // silently, a file the engineer meant to hold them came out redacted (a review).
      if (globals().showIds && options.redact)
        throw new CliError(
          '--show-ids shows identifiers on the terminal; an export redacts them unless --no-redact is given (for someone allowed to see them).',
        );
      const format = options.format;
      const range = rangeOf(options);
      // Loaded when the command runs, so that --help and --version start fast.
      const [
        { exportFromPath },
        { LogOpenError },
        { ExportError },
        { latestRunNote },
        { defaultJournalDir, ownJournalDir },
        { refuseDestinationInSource },
      ] = await Promise.all([
        import('../../core/export/export-saved-log.js'),
        import('../../core/export/open-log.js'),
        import('../../core/export/export-error.js'),
        import('../latest-run-note.js'),
        import('../../engine/default-paths.js'),
        import('../../core/export/destination-outside-source.js'),
      ]);
      // Only the journal folder is the CLI's to mark; a log from anywhere else is evidence.
      ownJournalDir(globals().journalDir ?? defaultJournalDir());
      // An existing file is not replaced unasked: `--out` mistyped as another ticket's saved log
      // (kiosk-ticket1.jsonl for kiosk-ticket11.jsonl) lost that log, unredacted evidence and all.
      if (options.out === '-')
        throw new CliError(`--out - is not supported: name the file to write`, EXIT.usage);
      const out = resolve(options.out);
      const misnamed = otherFormatsExtension(options.out, format);
      if (misnamed !== undefined)
        throw new CliError(
          `--out ${safe(options.out)} ends in .${misnamed}, but --format ${format} writes ${FORMAT_INFO[format].label.toLowerCase()} (.${FORMAT_INFO[format].extension}): name the file for what it holds, or choose the --format its name says. Nothing was saved.`,
          EXIT.usage,
        );
      const input = resolve(namedLog(journal));
      // Said first: `--out` onto the log itself was told to add --force, only to be refused then.
      await refuseDestinationInSource(input, out).catch((error: unknown) => {
        throw error instanceof ExportError ? new CliError(safe(error.message), EXIT.usage) : error;
      });
      const notFolder = fileAsFolder(out);
      if (notFolder !== undefined)
        throw new CliError(
          `${safe(notFolder)} is a file, not a folder: --out ${safe(options.out)} cannot be written inside it. Nothing was saved.`,
          EXIT.usage,
        );
      // (Not a pipe or device: the export refuses those itself, saying why.)
      if (options.force !== true && isFile(out))
        throw new CliError(
          `${safe(out)} already exists: add --force to replace it, or choose another --out`,
          EXIT.usage,
        );
      const controller = new AbortController();
      const signals = cancelOnSignal(controller);
      const allRuns = options.allRuns === true;
      const note = await latestRunNote(
        input,
        allRuns ? (range ? 'export-all-range' : 'export-all') : 'export',
      );
      if (note) process.stderr.write(note);
      // "of N records" where the log's index already counts them (nothing is built for it).
      // A range's count is not known before it is read: its count alone, as the window shows it.
      // Of all runs, the newest run's index counts only its own.
      const progress = exportProgressLine(
        process.stderr.isTTY && !range && !allRuns ? await recordTotal(input) : 0,
      );
      try {
        const result = await exportFromPath({
          source: input,
          format,
          destination: out,
          redact: options.redact,
          ...(range ? { range } : {}),
          ...(allRuns ? { allRuns } : {}),
          app: APP_INFO,
          signal: controller.signal,
          onProgress: progress.update,
        });
        progress.clear();
        process.stdout.write(`${resultText(result)}\n`);
        warnSheetCut(result);
        warnTraceSize(result);
        warnProblems(result);
        const missing = await missingFilesNote(input, 'exported', allRuns);
        if (missing) process.stderr.write(`mbn-diag: ${missing}\n`);
        // The runs the export read (of a range, those it took in): said in its file too.
        const crashed = abnormalRunsNote(result.abnormalRuns ?? []);
        if (crashed) process.stderr.write(`mbn-diag: ${crashed}\n`);
        // A run of the week missing is input that could not be read, as grep's 2 and the
        // search's: a script that sends the file on must not take it for the whole week.
        if (result.problems.some((p) => p.wholeRun)) process.exitCode = EXIT.usage;
      } catch (error) {
        progress.clear();
        if (error instanceof LogOpenError) throw new CliError(error.message, EXIT.usage);
        if (error instanceof ExportError) {
          const code =
            error.code === 'bad-destination' ||
            error.code === 'permission' ||
            error.code === 'nothing-to-export'
              ? EXIT.usage
              : error.code === 'cancelled'
                ? (signals.exitCode() ?? EXIT.failed)
                : EXIT.failed;
          // A range that held nothing: the log's own times, to choose one within them (of one
          // run: of every run, they were the newest's alone, and so not said).
          const span =
            error.code === 'nothing-to-export' && range && !allRuns
              ? await (await import('../../core/export/log-time-span.js')).logTimeSpanWords(input)
              : undefined;
          throw new CliError(span ? `${error.message} ${span}` : error.message, code);
        }
        throw error;
      } finally {
        signals.off();
      }
    });
}

function resultText(result: ExportResult): string {
  const info = FORMAT_INFO[result.format];
  // In the window's words: "IMEI ×1" read as one record changed, not one IMEI (a review).
  const counts = redactionCountsText(result.redaction?.counts ?? {});
  const redaction = !result.redacted
    ? 'NOT redacted: it contains device and subscriber identifiers'
    : result.redaction === null
      ? 'redacted in its source already (identifiers are tokens such as IMEI-1)'
      : `personal identifiers redacted${counts ? ` (${counts})` : ' (none found)'}`;
  // A range's count is its own records', the run's start and devices' details kept from before
  // it named apart: counted together, the range's rows read one or more fewer than said. The
  // range held: the one asked for, or a range's export's own, exported again whole.
  const records = recordsWords(result.records, result.range, result.keptFromBefore);
  // The record naming what could not be read ends a JSON Lines or CSV file (left-out-lines.ts):
  // "132,216 records" above a sheet of 132,217 rows read as a row of the log gone astray.
  const noted =
    ENDS_WITH_LEFT_OUT_LINES.has(result.format) &&
    result.problems.some((p) => p.line > 0 || p.wholeRun === true)
      ? `, then a last ${result.format === 'csv' ? 'row' : 'line'} (an error) naming what could not be read`
      : '';
  return `Wrote ${safe(result.destination)}: ${info.label}, ${records}${noted}, ${formatBytes(result.bytes)}; ${redaction}.`;
}

/** A CSV longer than a spreadsheet shows: from when it does not, and the option for the rest. */
function warnSheetCut(result: ExportResult): void {
  const rest = result.sheetRest;
  if (rest === undefined) return;
  // The range's end too: without it, the hint exported from there to the log's end, a week's
  // millions of rows where the day asked for had a few hundred thousand more.
  const to = result.range
    ? ` --to "${formatTimestamp(new Date(result.range.to).toISOString(), 'utc')}"`
    : '';
  const words = sheetCutWords(
    rest,
    'utc',
    (from) => `for the rest, export again with --from "${from}"${to}`,
  );
  // The time is the log's text: a foreign log's may hold anything.
  process.stderr.write(`mbn-diag: note: ${safe(words)}\n`);
}

/** A trace larger than chrome://tracing, or a browser tab, opens: what to open it with. */
function warnTraceSize(result: ExportResult): void {
  const words = result.format === 'trace' ? traceSizeWords(result.bytes) : null;
  if (words) process.stderr.write(`mbn-diag: note: ${words}\n`);
}

function warnProblems(result: ExportResult): void {
  if (result.problems.length === 0) return;
  // Line 0: of a file or a run as a whole (a run of --all-runs that could not be read), said as
  // itself; counted among the damaged lines, a run read as "1 damaged line". A run not read is
  // all its records: said so.
  const wholes = result.problems.filter((p) => p.line === 0);
  for (const p of wholes)
    process.stderr.write(
      `mbn-diag: ${p.wholeRun ? 'error' : 'note'}: ${safe(p.file)}: ${safe(p.message)}${p.wholeRun ? ' All its records are missing from the export.' : ''}\n`,
    );
  const lines = result.problems.filter((p) => p.line > 0);
  const n = result.unreadable - wholes.length;
  if (n <= 0) return;
  const shown = lines
    .slice(0, 3)
    // File names inside a bundle and the reader's words about a line come from the log itself.
    .map((p) => `  ${safe(p.file)}, line ${p.line}: ${safe(p.message)}`)
    .join('\n');
  // The rest are in the report's "Reading problems" (HTML, bundle): said, so three of six listed
  // do not read as all of them.
  const more = n - Math.min(3, lines.length);
  // Those lists keep the first 200 (and count the rest).
  const lists = lines.length < n ? `lists the first ${formatCount(lines.length)}` : 'lists them';
  const rest =
    more > 0 ? `\n  … and ${formatCount(more)} more (an HTML report or a bundle ${lists})` : '';
  // In the search's words (shared/search-words.ts damagedLinesNote): "1 damaged line could not be
  // read", not "1 line(s)" here and "damaged line" there for the same lines.
  const missing = n === 1 ? 'it is missing' : 'they are missing';
  process.stderr.write(
    `mbn-diag: note: ${damagedLines(n)} could not be read, so ${missing} from the export:\n${shown}${rest}\n`,
  );
}

/** The log's records as its indexes count them, for the progress line's share; 0: not known. */
async function recordTotal(input: string): Promise<number> {
  const { indexedRecordCount } = await import('../../core/indexed-log.js');
  return (await indexedRecordCount(input)) ?? 0;
}

/** Whether a regular file is there; a path that cannot be looked at is left to the export to word. */
function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/**
 * The file standing where a folder of `path` should be (`--out notes.txt/x.csv`), if any: the
 * export said "The folder …/notes.txt does not exist", and the technician looked for a folder
 * that was there all along, as a file.
 */
function fileAsFolder(path: string): string | undefined {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    try {
      const info = statSync(dir, { throwIfNoEntry: false });
      if (info !== undefined) return info.isDirectory() ? undefined : dir;
    } catch (error) {
      // ENOTDIR: a file further up (notes.txt/a/x.csv). Anything else (no permission, a loop
      // of links) is the export's to word.
      if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') return undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The extension of `out` when it is another export format's (`--format zip --out notes.csv`), not
 * `format`'s: a support engineer opening that .csv months later finds a zip, and may delete it as
 * damaged. A name with any other extension, or none, is the user's to choose.
 */
function otherFormatsExtension(out: string, format: ExportFormat): string | undefined {
  const ext = extname(out).slice(1).toLowerCase();
  if (ext === '' || ext === FORMAT_INFO[format].extension) return undefined;
  return EXPORT_FORMATS.some((f) => FORMAT_INFO[f].extension === ext) ? ext : undefined;
}
