/**
 * The runs of a report's log, when it holds several (every run of a journal folder: a kiosk's
 * week of nightly runs). Each run numbers its records from 1, so the report names them: a table of
 * them in Environment, and a line where the run changes among the log's text lines, which
 * otherwise read as one run's (seq 4,311, then seq 12). Runs are numbered as their folder numbers
 * them (run-numbers.ts), and one that ended abnormally is said to have, in the report itself: a
 * support engineer handed it never saw the technician's terminal.
 */
import type { RunStartRecord } from '../../../shared/journal/record.js';
import { formatCount } from '../../../shared/format-count.js';
import { endedAbnormallyWords } from '../../../shared/run-end-words.js';
import { formatTimestamp } from '../../../shared/time.js';
import { runNameOf } from '../run-name.js';
import { esc } from './html-escape.js';
import { runNumber, runNumberWords, type RunNumber } from './run-numbers.js';
import type { LogSummary } from './summary.js';

const ENDED_ABNORMALLY =
  '<span class="badge off" title="Its writer stopped without closing its journal (a crash, a power cut): its last entry is the last thing written.">ended abnormally</span>';

/**
 * The runs' table, escaped; empty for a log of one run. Numbered as their folder numbers them
 * (`folderRuns`); each of `abnormal` (by name) is said to have ended abnormally beside its name.
 */
export function runsTable(
  summary: LogSummary,
  folderRuns: readonly string[] | undefined,
  abnormal: readonly string[] = [],
): string {
  if (summary.runs < 2) return '';
  const rows = summary.runsListed.map(({ start, records }, i) => {
    const name = runNameOf(start);
    const { n, of } = runNumber(start, i + 1, folderRuns);
    return `<tr><td class="n">${formatCount(n)}${of === undefined ? '' : ` of ${formatCount(of)}`}</td><td><span class="mono">${esc(name)}</span>${abnormal.includes(name) ? ` ${ENDED_ABNORMALLY}` : ''}</td><td>${esc(formatTimestamp(start.time, 'utc'))}</td><td class="n">${formatCount(records)}</td><td>${esc(`${start.app.name} ${start.app.version}`)}</td><td>${esc(start.backend.label)}</td></tr>`;
  });
  const more = summary.runs - summary.runsListed.length;
  return [
    `<h3>Runs</h3><p class="note">Each run numbers its records from 1: the CSV's run column, and a line in the log below where the run changes, say which run a record is from.</p>`,
    `<div class="table-wrap"><table><thead><tr><th class="n">Run</th><th>Name (its folder)</th><th>Started (UTC)</th><th class="n">Records</th><th>Recorded by</th><th>Backend</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
    more > 0
      ? `<p class="note">And ${formatCount(more)} more ${more === 1 ? 'run' : 'runs'}, not listed here.</p>`
      : '',
  ].join('');
}

/**
 * The line, unescaped, that starts a run among the log's text lines: `── run 4 of 7:
 * run-20260108T020000350Z-8ae49a, started 2026-01-08 02:00:00.350 Z ──`.
 */
export function runLineText(number: RunNumber, start: RunStartRecord | undefined): string {
  const named = start ? `: ${runNameOf(start)}, started ${formatTimestamp(start.time, 'utc')}` : '';
  return `── ${runNumberWords(number)}${named} ──\n`;
}

/** The report's note on the runs read that ended abnormally, escaped; empty for none. */
export function abnormalRunsNote(abnormal: readonly string[] | undefined): string {
  if (!abnormal?.length) return '';
  return `<p class="note held"><strong>${abnormal.length === 1 ? 'A run' : 'Runs'} ended abnormally.</strong> ${esc(endedAbnormallyWords(abnormal))}</p>`;
}
