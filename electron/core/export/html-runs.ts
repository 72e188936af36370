/**
 * The runs of a report's log, when it holds several (every run of a journal folder: a kiosk's
 * week of nightly runs). Each run numbers its records from 1, so the report names them: a table of
 * them in Environment, and a line where the run changes among the later records with a problem,
 * which otherwise read as one run's (seq 4,311, then seq 12).
 */
import type { RunStartRecord } from '../../../shared/journal/record.js';
import { formatCount } from '../../../shared/format-count.js';
import { formatTimestamp } from '../../../shared/time.js';
import { runNameOf } from '../run-name.js';
import { esc } from './html-escape.js';
import type { LogSummary } from './summary.js';

/** The runs' table, escaped; empty for a log of one run. */
export function runsTable(summary: LogSummary): string {
  if (summary.runs < 2) return '';
  const rows = summary.runsListed.map(
    ({ start, records }, i) =>
      `<tr><td class="n">${formatCount(i + 1)}</td><td class="mono">${esc(runNameOf(start))}</td><td>${esc(formatTimestamp(start.time, 'utc'))}</td><td class="n">${formatCount(records)}</td><td>${esc(`${start.app.name} ${start.app.version}`)}</td><td>${esc(start.backend.label)}</td></tr>`,
  );
  const more = summary.runs - summary.runsListed.length;
  return [
    `<h3>Runs</h3><p class="note">Each run numbers its records from 1: the CSV's run column and the lines between the later records below say which run a record is from.</p>`,
    `<div class="table-wrap"><table><thead><tr><th class="n">Run</th><th>Name (its folder)</th><th>Started (UTC)</th><th class="n">Records</th><th>Recorded by</th><th>Backend</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
    more > 0
      ? `<p class="note">And ${formatCount(more)} more ${more === 1 ? 'run' : 'runs'}, not listed here.</p>`
      : '',
  ].join('');
}

/**
 * The line, unescaped, that starts run `n` among the log's text lines: `── run 4:
 * run-20260108T020000350Z-8ae49a, started 2026-01-08 02:00:00.350 Z ──`.
 */
export function runLineText(n: number, start: RunStartRecord | undefined): string {
  const named = start ? `: ${runNameOf(start)}, started ${formatTimestamp(start.time, 'utc')}` : '';
  return `── run ${formatCount(n)}${named} ──\n`;
}
