/**
 * `mbn-diag search <log> [--outcome o] [--service s] [--hresult h] [--request r] [--text t]`:
 * the app's whole-log search from the command line, through the same index (built and saved
 * beside the log the first time, as the app does). Every condition given must hold. One line per
 * match, `#row  time  outcome  device · service · words` (the window's entry line, a completion
 * naming the command its request sent when the search read that request), or JSON Lines
 * with --json (`commandId` beside such a completion's record); identifiers are redacted as `watch`
 * does unless --show-ids. Exit 0 with matches, 1 with none (as grep), 2 for bad input.
 */
import { Option, type Command } from 'commander';
import { troubleLabel, type JournalRecord } from '../../../shared/journal/record.js';
import { DEVICE_RECORD_KINDS } from '../../../shared/journal/record-fields.js';
import type * as LogSearch from '../../core/log-search.js';
import { TimeZoneTally } from '../../../shared/journal/time-zone.js';
import { REQUEST_OUTCOMES } from '../../../shared/request/outcome.js';
import { recordOutcome, type RecordOutcome } from '../../../shared/request/story.js';
import { rowOutcomeWords } from '../../../shared/request/words.js';
import {
  damagedLinesNote,
  serviceNotInLogNote,
  wordsAsLoggedNote,
  type SearchProgressCounts,
} from '../../../shared/search-words.js';
import type { GlobalOptions } from '../context.js';
import { CliError, EXIT } from '../exit-codes.js';
import { cancelOnSignal } from '../interrupt.js';
import { onOutputClosed } from '../output-closed.js';
import { RecordDeviceNames } from '../record-device-names.js';
import { recordWords } from '../record-words.js';
import { searchProgressLine, type SearchProgressLine } from '../search-progress.js';
import { safe, safeJson } from '../terminal-text.js';
import { withCommandId } from '../with-command-id.js';
import { formatCount } from '../../../shared/format-count.js';
import { formatBytes } from '../../../shared/format-bytes.js';

interface SearchOptions {
  outcome?: RecordOutcome | 'problems';
  service?: string;
  hresult?: string;
  request?: string;
  text?: string;
  json?: boolean;
  limit: string;
}

export function registerSearchCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('search')
    .description(
      'search a whole journal or saved log by outcome, service, HRESULT, request or text',
    )
    .argument('<log>', 'a run directory, a journal file or a journal directory (its latest run)')
    .addOption(
      new Option(
        '--outcome <outcome>',
        // Each record is tested alone: a waiting one may be of a request that completed since.
        'the outcome a record said when it was logged (sending, waiting: the request may have ended since); problems: any of failed, late, refused, call-failed, overdue, abandoned, given-up, unfinished, unmatched, an error, or the backend unavailable',
      ).choices(['problems', ...REQUEST_OUTCOMES, 'unmatched']),
    )
    .option(
      '--service <service>',
      "a service's name (its words, any part of it) or ID (a beginning)",
    )
    .option(
      '--hresult <h>',
      'an HRESULT a call returned or a completion carried: E_ACCESSDENIED or 0x80070005',
    )
    .option('--request <request>', 'a request reference (r12) or an MBN request ID (1004)')
    .option(
      '--text <words>',
      'words anywhere in the record as logged (not the words shown for it), any case',
    )
    .option('--limit <n>', 'print at most this many matches (all are counted)', '1000')
    .option(
      '--json',
      "one JSON object per match: { row, record }, and commandId for a QUERY's or SET's",
    )
    .action(async (log: string, options: SearchOptions) => {
      const query = toQuery(options);
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 0)
        throw new CliError(`--limit must be a whole number, not "${safe(options.limit)}"`);
      // Loaded when the command runs, so that --help and --version start fast.
      const [
        { searchLog, SearchQueryError },
        { LogOpenError },
        { recordFilter },
        { copyBundleLog, isBundle },
        { latestRunNote },
        { defaultJournalDir, ownJournalDir },
        { openLog },
      ] = await Promise.all([
        import('../../core/log-search.js'),
        import('../../core/export/log-location.js'),
        import('../../core/export/redact.js'),
        import('../../core/bundle-log-copy.js'),
        import('../latest-run-note.js'),
        import('../../engine/default-paths.js'),
        import('../../core/export/open-log.js'),
      ]);
      // A log from outside the journal folder is evidence: its index goes to the index cache,
      // and nothing is written beside it.
      ownJournalDir(globals().journalDir ?? defaultJournalDir());
      const { apply } = recordFilter(!globals().showIds);
      const controller = new AbortController();
      const cancel = (): void => controller.abort();
      const signals = cancelOnSignal(controller);
      // `search … | head`: once head has its lines, the search stops as it does for Ctrl+C.
      const output = { closed: false };
      const offOutputClosed = onOutputClosed(() => {
        output.closed = true;
        cancel();
      });
      let shown = 0;
      const shownHeld = { identifiers: false };
      // On a terminal: how far the search has got, erased before matches and at the end.
      const progress = searchProgressLine();
      let copy: { path: string; remove(): Promise<void> } | undefined;
      try {
        const note = await latestRunNote(log, 'search');
        if (note) process.stderr.write(note);
        // A .zip bundle is searched through a temporary copy of its log, removed at the end.
        if (await isBundle(log)) {
          progress.unpacking();
          copy = await copyBundleLog(log, controller.signal);
        }
        // Opened as the window and export open it, to its first record: a file that is no log at
        // all (notes, /etc/shadow) is refused as they refuse it (searched, it said "0 matches",
        // exit 1, read as "nothing found", and an index of it was kept). Located once: a journal
        // folder's newest run is the one every pass below reads, though another run may start
        // meanwhile. Opened, a run that ended abnormally has been looked at (openLog marks it),
        // however far the search then gets (Ctrl+C, `| head`).
        const opened = await openLog(copy?.path ?? log, { pageSize: 1 });
        opened.close();
        const source = opened.path;
        // Each match names its modem as every view does ("EM7565 (…8E47)"), from the log's
        // device records (matches seldom are device records), found through the index first.
        const devices = await deviceNames(searchLog, source, apply, controller.signal, progress);
        const summary = await searchLog(source, query, {
          numbering: 'position',
          signal: controller.signal,
          maxHits: limit,
          commands: true,
          onHits: (hits, counts) => {
            progress.beforeOutput();
            for (const hit of hits) {
              if (output.closed) return;
              const record = apply(hit.record);
              // A copy only when it held an identifier (redact.ts).
              if (record !== hit.record) shownHeld.identifiers = true;
              const device = devices.nameOf(record);
              process.stdout.write(line(hit.row, record, device, options.json, hit.commandId));
              shown += 1;
            }
            progress.update(counts, 'matches');
          },
          onProgress: (counts) => progress.update(counts, 'matches'),
        });
        progress.clear();
        const more =
          summary.matches > summary.delivered ? ` (${String(summary.delivered)} shown)` : '';
        process.stderr.write(
          `mbn-diag: ${formatCount(summary.matches)} ${summary.matches === 1 ? 'match' : 'matches'}${more} in ${formatBytes(summary.totalBytes)}; ${String(summary.bucketsSkipped)} of ${String(summary.bucketsRead + summary.bucketsSkipped)} index buckets skipped.\n`,
        );
        const damaged = damagedLinesNote(summary.damagedLines);
        if (damaged) process.stderr.write(`mbn-diag: ${damaged}\n`);
        if (summary.matches === 0 && options.text)
          process.stderr.write(`mbn-diag: ${safe(wordsAsLoggedNote(options.text))}\n`);
        // A search numbers identifiers as it meets them (the log's devices, then its matches); an
        // export, in the whole log's order: "IMSI-1 rejected", quoted from a search, named another
        // SIM in the export. Said when a match shown held one.
        if (shownHeld.identifiers)
          process.stderr.write(
            'mbn-diag: Identifiers are shown as numbered tokens (IMSI-1, …) that are this search’s own: an export of the log numbers them afresh.\n',
          );
        if (summary.serviceNotInLog && options.service !== undefined)
          throw new CliError(
            safe(serviceNotInLogNote(options.service, summary.serviceNotInLog)),
            EXIT.usage,
          );
        const zones = await recordedTimeZones(searchLog, source, controller.signal);
        if (zones) process.stderr.write(`mbn-diag: ${safe(zones)}. Times above are UTC.\n`);
        process.exitCode = summary.matches > 0 ? EXIT.ok : EXIT.failed;
      } catch (error) {
        progress.clear();
        if (output.closed) {
          process.exitCode = shown > 0 ? EXIT.ok : EXIT.failed;
          return;
        }
        // Ctrl+C: said as export says it, not as an "unexpected error".
        if (controller.signal.aborted)
          throw new CliError(
            `The search was cancelled before the end of the log; ${formatCount(shown)} matches were shown.`,
            signals.exitCode() ?? EXIT.failed,
          );
        if (error instanceof SearchQueryError || error instanceof LogOpenError)
          throw new CliError(error.message, EXIT.usage);
        throw error;
      } finally {
        await copy?.remove();
        offOutputClosed();
        signals.off();
      }
    });
}

/**
 * The names of the log's modems, learnt from every device record in it (a run describes its
 * modems as it starts, an arrival where a modem was plugged in later), as each record is shown:
 * redacted unless asked otherwise. Cheaper through the index than reading the log's first page,
 * and a modem described late is named too. Where the log cannot be read, nothing is learnt here:
 * the search after this says why.
 */
async function deviceNames(
  search: typeof LogSearch.searchLog,
  source: string,
  shown: (record: JournalRecord) => JournalRecord,
  signal: AbortSignal,
  progress: SearchProgressLine,
): Promise<RecordDeviceNames> {
  const devices = new RecordDeviceNames();
  await eachOfKinds(
    search,
    source,
    DEVICE_RECORD_KINDS,
    signal,
    (record) => devices.nameOf(shown(record)),
    // On a log with no index yet, this pass builds it: the longest wait of a first search.
    (counts) => progress.update(counts, 'names'),
  );
  return devices;
}

/**
 * Where the log's runs were recorded, in the shared words ("Recorded in Europe/Berlin
 * (UTC+01:00)"): every time printed is UTC, and the ticket beside the log is in the machine's own
 * time. Undefined when it cannot be said (the log became unreadable).
 */
async function recordedTimeZones(
  search: typeof LogSearch.searchLog,
  source: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  const zones = new TimeZoneTally();
  const read = await eachOfKinds(search, source, ['run-start'], signal, (record) => {
    if (record.kind === 'run-start') zones.add(record.timeZone);
  });
  return read ? zones.words() : undefined;
}

/**
 * Every record of `kinds` in the log to `visit`, however many, through the index (which skips
 * every bucket holding none). False when the log could not be read; a cancel is thrown on, so
 * Ctrl+C during such a pass stops the command as during the search (exit 130, in words).
 */
async function eachOfKinds(
  search: typeof LogSearch.searchLog,
  source: string,
  kinds: readonly string[],
  signal: AbortSignal,
  visit: (record: JournalRecord) => void,
  onProgress?: (counts: SearchProgressCounts) => void,
): Promise<boolean> {
  try {
    await search(
      source,
      { kinds },
      {
        numbering: 'position',
        signal,
        // Every one is delivered (the default stops delivering at 10,000).
        maxHits: Number.MAX_SAFE_INTEGER,
        onHits: (hits, counts) => {
          for (const { record } of hits) visit(record);
          onProgress?.(counts);
        },
        ...(onProgress ? { onProgress } : {}),
      },
    );
    return true;
  } catch (error) {
    if (signal.aborted) throw error;
    return false;
  }
}

function toQuery(options: SearchOptions) {
  const request = options.request?.trim();
  let ref: string | undefined;
  let requestId: number | undefined;
  if (request !== undefined) {
    if (/^r[1-9]\d{0,15}$/i.test(request)) ref = request.toLowerCase();
    else if (/^#?\d{1,10}$/.test(request)) requestId = Number(request.replace('#', ''));
    else
      throw new CliError(
        `--request "${safe(request)}" is not a request: give its reference (r12) or its MBN request ID (1004)`,
      );
  }
  const query = {
    ...(options.outcome
      ? options.outcome === 'problems'
        ? { problems: true as const }
        : { outcomes: [options.outcome] }
      : {}),
    // Spaces alone are no service to look for: they asked for every record.
    ...(options.service?.trim() ? { service: options.service } : {}),
    ...(options.hresult ? { hresult: options.hresult } : {}),
    ...(ref ? { ref } : {}),
    ...(requestId === undefined ? {} : { requestId }),
    ...(options.text ? { text: options.text } : {}),
  };
  if (Object.keys(query).length === 0)
    throw new CliError(
      'say what to look for: --outcome, --service, --hresult, --request or --text',
    );
  return query;
}

function line(
  row: number,
  record: JournalRecord,
  device: string | null,
  json: boolean | undefined,
  commandId: number | null,
): string {
  // A completion's record does not carry the command its request sent: said beside it, when the
  // search read that request.
  if (json) return `${safeJson(withCommandId({ row, record }, commandId))}\n`;
  const outcome = recordOutcome(record);
  // An error or an outage: its word, as the window's Outcome column and the report show it. A hit
  // is read alone: a call's "Waiting" says it was when logged, as the window's search says it.
  const words =
    outcome === null ? (troubleLabel(record) ?? '') : rowOutcomeWords(outcome, 'as-logged');
  return `#${String(row)}  ${safe(record.time)}  ${words.padEnd(19)}  ${safe(recordWords(record, device, commandId))}\n`;
}
