/**
 * `mbn-diag search <log> [--outcome o] [--service s] [--hresult h] [--request r] [--text t]
 * [--since time] [--until time]`:
 * the app's whole-log search from the command line, through the same index (built and saved
 * beside the log the first time, as the app does). Every condition given must hold. One line per
 * match, `#row  time  outcome  device · service · words` (the window's entry line, a completion
 * naming the command its request sent when the search read that request), or JSON Lines
 * with --json (`commandId` beside such a completion's record); identifiers are redacted as `watch`
 * does unless --show-ids. Exit 0 with matches, 1 with none (as grep), 2 for bad input or, with
 * --all-runs, a run that could not be searched (as grep's 2 for a file it could not read).
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { troubleLabel, type JournalRecord } from '../../../shared/journal/record.js';
import type * as LogSearch from '../../core/log-search.js';
import { TimeZoneTally } from '../../../shared/journal/time-zone.js';
import { REQUEST_OUTCOMES } from '../../../shared/request/outcome.js';
import {
  PROBLEM_RECORD_OUTCOMES,
  recordOutcome,
  type RecordOutcome,
} from '../../../shared/request/story.js';
import { recordOutcomeLabel, rowOutcomeWords } from '../../../shared/request/words.js';
import {
  damagedLinesNote,
  searchPercent,
  sentByRefNote,
  sentInRunsNote,
  serviceNotInLogNote,
  wordsAsLoggedNote,
  type SearchProgressCounts,
} from '../../../shared/search-words.js';
import type { GlobalOptions } from '../context.js';
import { CliError, EXIT } from '../exit-codes.js';
import { cancelOnSignal } from '../interrupt.js';
import { onOutputClosed } from '../output-closed.js';
import { pacedOutput } from '../paced-output.js';
import { recordWords } from '../record-words.js';
import { endedAbnormallyNote } from '../ended-abnormally-note.js';
import { missingFilesNote } from '../missing-files-note.js';
import { namedLog } from '../log-argument.js';
import { printBatch } from '../search-batch.js';
import { searchProgressLine } from '../search-progress.js';
import { safe, safeJson } from '../terminal-text.js';
import { withCommandId } from '../with-command-id.js';
import { formatCount } from '../../../shared/format-count.js';
import { formatBytes } from '../../../shared/format-bytes.js';
import { formatTimestamp } from '../../../shared/time.js';
import { rangePhrase } from '../../../shared/range-phrase.js';
import { optionTimeMs } from '../time-option.js';
import { timeSpanWords } from '../../../shared/time-span-words.js';
import { cutNote, LIMIT_HELP, shownAtMost } from '../search-limit.js';
import { addRun, emptyTotals } from '../search-totals.js';
import { namesPass, recordedTimeZones, type NamesPass } from '../search-passes.js';
import { basename } from 'node:path';

type OutcomeChoice = RecordOutcome | 'problems';
/**
 * `unfinished` is no record's: a request is unfinished when its log ends before its outcome is
 * logged. Taken, it matched nothing, and a review took "0 matches" for no request left hanging
 * by a crash; refused, saying where such requests are found.
 */
const NOT_LOGGED = 'unfinished';
const OUTCOME_CHOICES: readonly string[] = [
  'problems',
  ...REQUEST_OUTCOMES.filter((o) => o !== NOT_LOGGED),
  'unmatched',
];
const NOT_LOGGED_WORDS =
  "No record says 'unfinished': a request is unfinished when its log ends before its outcome is logged. The report (export --format html) lists them by name, under Left waiting when their run ended; --outcome waiting lists requests as they were waiting.";

/**
 * An outcome as typed: any case, a space or underscore for a hyphen. The matches print "Failed"
 * and "Call failed", and `--outcome Failed` copied from them was refused.
 */
function outcomeChoice(value: string): OutcomeChoice | undefined {
  const typed = (text: string) =>
    text
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-');
  const outcome = typed(value);
  if (outcome === NOT_LOGGED) return NOT_LOGGED;
  if (OUTCOME_CHOICES.includes(outcome)) return outcome as OutcomeChoice;
  // A match's words pasted back: "Refused at once", "Unmatched completion".
  return [...REQUEST_OUTCOMES, 'unmatched' as const].find(
    (o) => typed(recordOutcomeLabel(o)) === outcome,
  );
}

interface SearchOptions {
  /** Each `--outcome` given, in order: any of them matches. */
  outcome?: OutcomeChoice[];
  service?: string;
  hresult?: string;
  request?: string;
  text?: string;
  since?: string;
  until?: string;
  json?: boolean;
  limit?: string;
  newestFirst?: boolean;
  allRuns?: boolean;
}

export function registerSearchCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('search')
    .description(
      'search a whole journal or saved log by outcome, service, HRESULT, request, text or time',
    )
    .argument(
      '<log>',
      'a run directory, a journal file or a journal directory (its latest run, or all with --all-runs)',
    )
    .addOption(
      new Option(
        '--outcome <outcome>',
        // Each record is tested alone: a waiting one may be of a request that completed since.
        `the outcome a record said when it was logged (sending, waiting: the request may have ended since); problems: any of ${PROBLEM_RECORD_OUTCOMES.filter((o) => o !== NOT_LOGGED).join(', ')}, an error, or the backend unavailable; given again, any of those given; any case (Failed, Call failed)`,
      )
        .choices(OUTCOME_CHOICES)
        // Repeated, each one kept: `--outcome failed --outcome refused` searched for refused
        // alone (the last), the failures left out without a word.
        .argParser((value: string, previous: OutcomeChoice[] | undefined) => {
          const outcome = outcomeChoice(value);
          if (outcome === NOT_LOGGED) throw new InvalidArgumentError(NOT_LOGGED_WORDS);
          if (outcome === undefined)
            throw new InvalidArgumentError(`Allowed choices are ${OUTCOME_CHOICES.join(', ')}.`);
          return [...(previous ?? []), outcome];
        }),
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
    .option(
      '--since <time>',
      'only records logged at or after this time: as the matches print times ("2026-01-05 16:47:59.286 Z"; UTC unless a zone is written: 2026-01-05 15:00 +01:00), ISO 8601 (2026-01-05T15:00:00Z), or a date alone (from the start of that day, UTC)',
    )
    .option(
      '--until <time>',
      'only records logged before this time (the same forms as --since; a date alone: to the end of that day, included)',
    )
    .option(
      '--limit <n>',
      'print at most this many matches (all are counted); default: 1000 on a terminal, all of them when piped or redirected',
    )
    .option(
      '--json',
      "one JSON object per match: { row, record }, and commandId for a QUERY's or SET's",
    )
    .option(
      '--newest-first',
      'the newest matches first: the last --limit of them (1000 unless it says), printed once the whole log is searched',
    )
    .option(
      '--all-runs',
      "of a journal directory: every run, oldest first (newest first with --newest-first), each run's matches under its name",
    )
    .addHelpText('after', LIMIT_HELP)
    .action(async (given: string, options: SearchOptions) => {
      const log = namedLog(given);
      const query = toQuery(options);
      const limit = shownAtMost(options.limit, options.newestFirst === true);
      const allRuns = options.allRuns === true;
      // Loaded when the command runs, so that --help and --version start fast.
      const [
        { searchLog, SearchQueryError },
        { LogOpenError, LOST_RUN_WORDS, locateLog },
        { recordFilter },
        { copyBundleLog, isBundle },
        { latestRunNote },
        { defaultJournalDir, ownJournalDir },
        { openLog },
        { searchNewestFirst },
        { sourceHeader },
        { lostInRange },
      ] = await Promise.all([
        import('../../core/log-search.js'),
        import('../../core/export/log-location.js'),
        import('../../core/export/redact.js'),
        import('../../core/bundle-log-copy.js'),
        import('../latest-run-note.js'),
        import('../../engine/default-paths.js'),
        import('../../core/export/open-log.js'),
        import('../../core/newest-first.js'),
        import('../../core/export/source-header.js'),
        import('../../core/export/runs-in-range.js'),
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
      // Written at the reader's pace: a slow pipe makes the search wait, not memory grow.
      const out = pacedOutput();
      // How far the search had got, for the words of a cancel.
      let reached: SearchProgressCounts | undefined;
      const shownHeld = { identifiers: false };
      // On a terminal: how far the search has got, erased before matches and at the end.
      const progress = searchProgressLine();
      let copy: { path: string; remove(): Promise<void> } | undefined;
      let names: NamesPass | undefined;
      // The first match naming its request's reference: what a search by MBN request ID names.
      // Of several runs, the run it is in: every run numbers its requests from r1.
      let sentRef: { ref: string; run: string | undefined } | undefined;
      // With --all-runs, the run being searched ("run 3 of 7"): what a cancel's percent is of.
      let searching: string | undefined;
      try {
        const note = await latestRunNote(log, allRuns ? 'search-all' : 'search');
        if (note) process.stderr.write(note);
        // A .zip bundle is searched through a temporary copy of its log, removed at the end.
        if (await isBundle(log)) {
          progress.unpacking();
          copy = await copyBundleLog(log, controller.signal);
        }
        // With --all-runs, the journal folder's runs as they are now: a run that starts meanwhile
        // is not searched (nor named by the notes below, which list the runs again).
        const location = allRuns && !copy ? await locateLog(log).catch(() => undefined) : undefined;
        const runs = allRuns && location?.runs !== undefined ? [...location.runs] : undefined;
        // Newest first, the newest run's matches come first: its last ones are the newest of all.
        const order = runs && limit.newestFirst ? [...runs].reverse() : runs;
        const totals = emptyTotals();
        // A run whose journal is gone is named as not searched (of a range, one that may have
        // held a time in it): six nights searched as the week said nothing of the seventh.
        if (runs && location?.lostRuns)
          for (const lost of lostInRange(location.lostRuns, runs, {
            from: query.since === undefined ? -Infinity : Date.parse(query.since),
            to: query.until === undefined ? Infinity : Date.parse(query.until),
          }))
            totals.unread.push(`${basename(lost)}: ${LOST_RUN_WORDS}`);
        const zones = new TimeZoneTally();
        let opened: Awaited<ReturnType<typeof openLog>> | undefined;
        /** A run's heading was printed: the next one's has a blank line before it. */
        const printed = { heading: false };
        for (const run of order ?? [copy?.path ?? log]) {
          // Numbered oldest first, whichever order they are searched in.
          const ofRuns = runs
            ? {
                name: basename(run),
                words: `run ${String(runs.indexOf(run) + 1)} of ${String(runs.length)}`,
              }
            : undefined;
          // Opened as the window and export open it, to its first record: a file that is no log
          // at all (notes, /etc/shadow) is refused as they refuse it (searched, it said "0
          // matches", exit 1, read as "nothing found", and an index of it was kept). Opened, a
          // run that ended abnormally has been looked at (openLog marks it), however far the
          // search then gets (Ctrl+C, `| head`). Of several runs, one that cannot be opened is
          // named and passed over: the others are searched.
          let source: string;
          try {
            opened = await openLog(run, { pageSize: 1 });
            opened.close();
            source = opened.path;
          } catch (error) {
            if (!ofRuns || !(error instanceof LogOpenError)) throw error;
            // Its words name the run's folder.
            totals.unread.push(error.message);
            continue;
          }
          if (ofRuns) {
            searching = ofRuns.words;
            progress.inRun(ofRuns.words);
          }
          // Each match names its modem as every view does ("EM7565 (…8E47)"), from the run's
          // device records (matches seldom are device records), read beside the search.
          const pass = namesPass(searchLog, source, apply, controller.signal, progress);
          names = pass;
          await pass.ready;
          const before = totals.matches;
          // A cancel while this run is read says how far into this run, not the last one.
          reached = { indexing: false, matches: before, doneBytes: 0, totalBytes: 0 };
          // A run's matches under its name, a blank line between runs (its rows start again at 1).
          let heading =
            ofRuns && !options.json
              ? `${printed.heading ? '\n' : ''}${safe(ofRuns.name)} (${ofRuns.words}):\n`
              : '';
          // Newest first: the last matches of all, printed once the log's end is read.
          const search = limit.newestFirst ? searchNewestFirst : searchLog;
          let summary: LogSearch.SearchSummary;
          try {
            summary = await search(source, query, {
              numbering: 'position',
              signal: controller.signal,
              // A limit is of the matches printed from every run together.
              maxHits: Math.max(0, limit.count - totals.delivered),
              commands: true,
              onHits: async (hits, counts) => {
                reached = { ...counts, matches: before + counts.matches };
                for (const { record } of hits)
                  if (sentRef === undefined && 'ref' in record && record.ref)
                    sentRef = { ref: record.ref, run: ofRuns?.name };
                await printBatch(
                  hits,
                  async (hit) => {
                    const record = apply(hit.record);
                    // A copy only when it held an identifier (redact.ts).
                    if (record !== hit.record) shownHeld.identifiers = true;
                    const device = await pass.learnt.nameOf(record, controller.signal);
                    const shown = line(
                      hit.row,
                      record,
                      device,
                      options.json,
                      hit.commandId,
                      ofRuns?.name,
                    );
                    const text = heading + shown;
                    printed.heading ||= heading !== '';
                    heading = '';
                    return text;
                  },
                  progress,
                  (lines) => out.write(lines, controller.signal),
                );
                progress.update(reached, 'matches');
              },
              onProgress: (counts) => {
                reached = { ...counts, matches: before + counts.matches };
                progress.update(reached, 'matches');
              },
            });
          } catch (error) {
            await pass.stop();
            // Of several runs, one that fails as it is read (a file gone, unreadable) is named,
            // as one that cannot be opened is, and the others are searched.
            if (!ofRuns || controller.signal.aborted || error instanceof SearchQueryError)
              throw error;
            totals.unread.push(`${ofRuns.name}: ${unreadWords(error)}`);
            continue;
          }
          await pass.stop();
          addRun(totals, summary, ofRuns?.name);
          if (!(await recordedTimeZones(searchLog, source, controller.signal, zones)))
            totals.zonesUnknown = true;
        }
        progress.clear();
        // Of several runs, none searched is a log that could not be read, as of one.
        if (order && totals.runsSearched === 0)
          throw new CliError(
            `No run of ${safe(log)} could be searched:\n  ${totals.unread.map(safe).join('\n  ')}`,
            EXIT.usage,
          );
        const more =
          totals.matches > totals.delivered
            ? ` (${formatCount(totals.delivered)} shown${limit.newestFirst && totals.delivered > 0 ? ', the newest' : ''})`
            : '';
        // The range, as the window's count line says it: a count is of that range alone.
        const within = rangePhrase(query.since, query.until, (iso) => formatTimestamp(iso, 'utc'));
        // Of several runs, in how many of those searched ("in 2 of 3 runs searched, 6.7 KB").
        const size = order
          ? `, in ${totals.runsMatched === 0 ? 'none' : String(totals.runsMatched)} of ${totals.runsMatched === 0 ? 'the ' : ''}${String(totals.runsSearched)} runs searched, ${formatBytes(totals.totalBytes)}`
          : ` in ${formatBytes(totals.totalBytes)}`;
        process.stderr.write(
          `mbn-diag: ${formatCount(totals.matches)} ${totals.matches === 1 ? 'match' : 'matches'}${within}${more}${size}; ${String(totals.bucketsSkipped)} of ${String(totals.bucketsRead + totals.bucketsSkipped)} index buckets skipped.\n`,
        );
        for (const unread of totals.unread)
          process.stderr.write(`mbn-diag: this run was not searched: ${safe(unread)}\n`);
        // --limit 0 asked for the count alone: nothing was cut short.
        if (totals.matches > totals.delivered && limit.count !== 0)
          process.stderr.write(`mbn-diag: ${cutNote(totals.delivered, limit)}\n`);
        const damaged = damagedLinesNote(totals.damagedLines);
        if (damaged)
          process.stderr.write(
            `mbn-diag: ${damaged}${order ? ` In ${safe(totals.damagedRuns.join(', '))}.` : ''}\n`,
          );
        const missing = await missingFilesNote(log, 'searched', allRuns);
        if (missing) process.stderr.write(`mbn-diag: ${missing}\n`);
        const crashed = await endedAbnormallyNote(log, allRuns);
        if (crashed) process.stderr.write(`mbn-diag: ${crashed}\n`);
        // MBN request IDs start again in each run: of matches in several runs, one ref is no
        // answer; of one, the ref is of that run (every run has an r1).
        if (query.requestId !== undefined && sentRef !== undefined && totals.runsMatched < 2)
          process.stderr.write(
            `mbn-diag: ${safe(sentByRefNote(query.requestId, sentRef.ref))}${sentRef.run === undefined ? '' : ` It is in ${safe(sentRef.run)}.`}\n`,
          );
        else if (query.requestId !== undefined && totals.runsMatched >= 2)
          process.stderr.write(
            `mbn-diag: ${sentInRunsNote(query.requestId, totals.runsMatched)}\n`,
          );
        // A range that held nothing: the log's own times, to choose one within them. Words
        // logged outside it are none of the shown words the note on words suspects (it sent a
        // technician after the wrong cause), so that note waits for a search with no range.
        const ranged = (query.since ?? query.until) !== undefined;
        if (totals.matches === 0 && options.text && !ranged)
          process.stderr.write(`mbn-diag: ${safe(wordsAsLoggedNote(options.text))}\n`);
        // From the times the search passed, a range's export's within its range (its header); of
        // several runs, from the first run's start to the last one's end.
        const span =
          totals.matches === 0 && ranged && opened
            ? timeSpanWords(totals.times, order ? undefined : sourceHeader(opened).range)
            : undefined;
        if (span) process.stderr.write(`mbn-diag: ${span}\n`);
        // A search numbers identifiers as it meets them (the log's devices, then its matches); an
        // export, in the whole log's order: "IMSI-1 rejected", quoted from a search, named another
        // SIM in the export. Said when a match shown held one.
        if (shownHeld.identifiers)
          process.stderr.write(
            'mbn-diag: Identifiers are shown as numbered tokens (IMSI-1, …) that are this search’s own: an export of the log numbers them afresh. `mbn-diag --show-ids search …` shows them in full.\n',
          );
        // Matches of several services counted together: said, as `close` refuses such a name.
        if (options.service !== undefined && totals.servicesMatched.size > 1)
          process.stderr.write(
            `mbn-diag: note: --service "${safe(options.service)}" matched ${String(totals.servicesMatched.size)} services, searched together: ${safe([...totals.servicesMatched].join(', '))}. Give more of a name, or an ID, for one.\n`,
          );
        // Refused only when no run searched has the service: a service of some runs is a search.
        if (totals.serviceNotInLog && totals.serviceNotInEvery && options.service !== undefined)
          throw new CliError(
            safe(serviceNotInLogNote(options.service, totals.serviceNotInLog)),
            EXIT.usage,
          );
        const zoneWords = totals.zonesUnknown ? undefined : zones.words();
        if (zoneWords) process.stderr.write(`mbn-diag: ${safe(zoneWords)}. Times above are UTC.\n`);
        // As grep's 2 for a file it could not read, whatever it found in the others: a script
        // told 0 (or 1, "nothing found") would take a week with a night unsearched as searched.
        process.exitCode =
          totals.unread.length > 0 ? EXIT.usage : totals.matches > 0 ? EXIT.ok : EXIT.failed;
      } catch (error) {
        await names?.stop();
        progress.clear();
        if (output.closed) {
          process.exitCode = out.written() > 0 ? EXIT.ok : EXIT.failed;
          return;
        }
        // Ctrl+C: said as export says it, not as an "unexpected error".
        if (controller.signal.aborted)
          throw new CliError(
            cancelledWords(reached, out.written(), searching),
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

function toQuery(options: SearchOptions) {
  // Spaces alone (an empty variable in a script: `--text "$WORDS"`) are nothing to look for:
  // searched, `--text "  "` matched every record, exit 0, as the window's blank box does not.
  for (const [flag, value] of [
    ['--service', options.service],
    ['--hresult', options.hresult],
    ['--request', options.request],
    ['--text', options.text],
  ] as const)
    if (value !== undefined && value.trim() === '')
      throw new CliError(`${flag} needs something to look for, not "${safe(value)}"`);
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
  const outcomes = [...new Set(options.outcome ?? [])];
  if (outcomes.includes('problems') && outcomes.length > 1)
    throw new CliError(
      '--outcome problems takes in failed, refused and every other outcome gone wrong already: give it alone',
    );
  const query = {
    ...(outcomes[0] === 'problems'
      ? { problems: true as const }
      : outcomes.length > 0
        ? { outcomes: outcomes.filter((o): o is RecordOutcome => o !== 'problems') }
        : {}),
    ...(options.service ? { service: options.service } : {}),
    ...(options.hresult ? { hresult: options.hresult } : {}),
    ...(ref ? { ref } : {}),
    ...(requestId === undefined ? {} : { requestId }),
    ...(options.text ? { text: options.text } : {}),
    ...timeRange(options),
  };
  if (Object.keys(query).length === 0)
    throw new CliError(
      'say what to look for: --outcome, --service, --hresult, --request, --text, --since or --until',
    );
  return query;
}

/**
 * The range --since and --until ask for, each read as export's --from and --to are
 * (time-option.ts), as ISO 8601 in UTC for the query.
 */
function timeRange(options: SearchOptions): { since?: string; until?: string } {
  const since =
    options.since === undefined ? undefined : optionTimeMs(options.since, '--since', 'start');
  const until =
    options.until === undefined ? undefined : optionTimeMs(options.until, '--until', 'end');
  if (since !== undefined && until !== undefined && since >= until)
    throw new CliError(
      `--since (${safe(options.since ?? '')}) must be before --until (${safe(options.until ?? '')}): the range holds no time`,
    );
  return {
    ...(since === undefined ? {} : { since: new Date(since).toISOString() }),
    ...(until === undefined ? {} : { until: new Date(until).toISOString() }),
  };
}

function line(
  row: number,
  record: JournalRecord,
  device: string | null,
  json: boolean | undefined,
  commandId: number | null,
  run: string | undefined,
): string {
  // A completion's record does not carry the command its request sent: said beside it, when the
  // search read that request. Of several runs, the run's name: rows are numbered in each run.
  if (json)
    return `${safeJson(withCommandId(run === undefined ? { row, record } : { run, row, record }, commandId))}\n`;
  const outcome = recordOutcome(record);
  // An error or an outage: its word, as the window's Outcome column and the report show it. A hit
  // is read alone: a call's "Waiting" says it was when logged, as the window's search says it.
  const words =
    outcome === null ? (troubleLabel(record) ?? '') : rowOutcomeWords(outcome, 'as-logged');
  // The time as the window, the report and the CLI's export words write it ("2026-01-05
  // 16:47:59.286 Z"), not as logged: a technician comparing them read two notations for one time.
  return `#${String(row)}  ${safe(formatTimestamp(record.time, 'utc'))}  ${words.padEnd(19)}  ${safe(recordWords(record, device, commandId))}\n`;
}

/**
 * A search stopped by Ctrl+C, in the window's terms: how many matches it had found and how much
 * of the log it had searched; and how many were written out, to a reader that may have taken
 * fewer (a paused pipe holds them), not how many were found or queued.
 */
function cancelledWords(
  reached: SearchProgressCounts | undefined,
  written: number,
  run: string | undefined,
): string {
  const found = reached?.matches ?? 0;
  const share = reached ? searchPercent(reached) : 0;
  return `The search was cancelled with ${String(share)}% of ${run ?? 'the log'} searched: ${formatCount(found)} ${found === 1 ? 'match' : 'matches'} found so far, ${formatCount(written)} written.`;
}

/**
 * Why a run could not be searched, in words: a file gone was said as Node's "ENOENT: no such
 * file or directory, stat '…'" (a review's run whose first journal file was a link to a share no
 * longer mounted).
 */
function unreadWords(error: unknown): string {
  const { code, path } = error as NodeJS.ErrnoException;
  if (code === 'ENOENT' && path !== undefined)
    return `${basename(path)} is not there (deleted or moved since it was listed, or a link to a file that is not there)`;
  return error instanceof Error ? error.message : String(error);
}
