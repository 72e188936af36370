/**
 * The parts of the report that need the whole log: overview, per-service summary, timeline,
 * environment and reading problems. Pure functions from the collected summary to HTML.
 */
import { serviceLabels } from './service-labels.js';
import { formatDuration, formatTimestamp } from '../../../shared/time.js';
import { rangeWords } from '../../../shared/export-range.js';
import { basename } from 'node:path';
import type { ReadProblem } from '../journal-reader.js';
import { esc } from './html-escape.js';
import { runsTable } from './html-runs.js';
import { endedAbnormallyWords } from '../../../shared/run-end-words.js';
import type { ExportContext } from './format-writer.js';
import {
  spanMs,
  noOutcome,
  successRate,
  summaryDeviceNames,
  type LogSummary,
  type ServiceSummary,
} from './summary.js';
import { onClock } from './timeline-axis.js';
import { colourOf, hatchOf, hatchPatterns, pointMarkSvg, timelineSvg } from './timeline-svg.js';
import { BINS, type TimelineCollector } from './timeline-model.js';
import { MARK_LEGEND, SPAN_MARKS, type SpanMark } from '../../../shared/request/marks.js';
import {
  MARK_LOOKS,
  POINT_LOOKS,
  markParts,
  markPartsSvg,
} from '../../../shared/request/mark-looks.js';
import { recordOutcomeLabel } from '../../../shared/request/words.js';
import { formatCount } from '../../../shared/format-count.js';

/** A duration as the whole product writes it; a dash where there is none. */
export function fmtMs(ms: number | null): string {
  return ms === null ? '—' : formatDuration(ms);
}

/** How a success rate reads: ` good` from 99.9 %, ` bad` under 90 %, ` warn` between. */
function rateClass(rate: number | null): string {
  return rate === null ? '' : rate >= 0.999 ? ' good' : rate < 0.9 ? ' bad' : ' warn';
}

/**
 * A success rate to a tenth of a percent; to a hundredth, cut rather than rounded, where rounding
 * would carry it over the line its colour keeps: 99.8997 % read "99.9%" in orange beside a green
 * "99.9%" (99.90 %), and a support engineer could not tell why.
 */
function pct(rate: number | null): string {
  if (rate === null) return '—';
  const tenths = Math.round(rate * 1000) / 10;
  if (rateClass(tenths / 100) === rateClass(rate)) return `${tenths.toFixed(1)}%`;
  return `${(Math.floor(rate * 10000) / 100).toFixed(2)}%`;
}

function cell(n: number, cls: 'bad' | 'warn'): string {
  return `<td class="n${n > 0 ? ` ${cls}` : ''}">${formatCount(n)}</td>`;
}

function overviewSection(summary: LogSummary): string {
  const services = [...summary.services.values()];
  const total = (pick: (s: ServiceSummary) => number): number =>
    services.reduce((sum, s) => sum + pick(s), 0);
  const requests = total((s) => s.requests);
  const ok = total((s) => s.succeeded);
  const pending = total(noOutcome);
  const known = requests - pending;
  const duration = spanMs(summary);
  const figure = (value: string, label: string): string =>
    `<div class="figure"><b>${esc(value)}</b><span>${esc(label)}</span></div>`;
  return [
    '<div class="overview">',
    figure(formatCount(requests), 'requests'),
    figure(known === 0 ? '—' : pct(ok / known), 'succeeded'),
    figure(formatCount(total((s) => s.failed + s.refused)), 'failed or refused'),
    // "went overdue", "came late": a request that passed the timeout is counted again by what
    // came after (read as "2 overdue, 1 late", seven problems among four requests added up).
    figure(formatCount(total((s) => s.overdue)), 'went overdue'),
    figure(formatCount(total((s) => s.late)), 'came late'),
    figure(formatCount(total((s) => s.abandoned)), 'abandoned'),
    pending > 0 ? figure(formatCount(pending), 'no outcome in log') : '',
    figure(formatCount(summary.errors), 'errors'),
    figure(fmtMs(duration), 'duration'),
    // A range's own, as its confirmation counts them ("6,054 records from …, with the run's start
    // kept from before it"): the report said 6,055.
    summary.keptFromBefore > 0
      ? figure(formatCount(summary.records - summary.keptFromBefore), 'records in the range')
      : figure(formatCount(summary.records), 'records'),
    '</div>',
  ].join('');
}

/**
 * A device's name in the report, the end of its interface ID kept on one line: a table cell that
 * wrapped after `(…` left `2B30)` reading as something of its own.
 */
export function deviceNameHtml(name: string): string {
  const at = name.lastIndexOf(' (');
  return at < 0
    ? esc(name)
    : `${esc(name.slice(0, at))} <span class="nw">${esc(name.slice(at + 1))}</span>`;
}

/**
 * `held`: what the report's log leaves out of the log, in words (html-log-cap.ts), said under the
 * figures that count the whole log; empty when it holds every record. `unread`: some of the log's
 * lines could not be read (problemsSection lists them).
 */
/** A service's name, and its ID where another of its device's services has that name too. */
function serviceHtml(label: { name: string; id: string | null }): string {
  return label.id === null
    ? esc(label.name)
    : `${esc(label.name)} <span class="note mono nw">${esc(label.id)}</span>`;
}

export function summarySection(
  summary: LogSummary,
  held = '',
  unread = false,
  /** Escaped, after the figures: the requests left waiting (html-unfinished.ts). */
  after = '',
): string {
  const nameOf = summaryDeviceNames(summary);
  const labelOf = serviceLabels(summary.services.values());
  const rows = [...summary.services.values()].map((s) => {
    const rate = successRate(s);
    const rateCls = rateClass(rate);
    const device = nameOf(s.interfaceId);
    return `<tr><td>${deviceNameHtml(device)}</td><td>${serviceHtml(labelOf(s))}</td><td class="n">${formatCount(s.requests)}</td><td class="n${rateCls}">${pct(rate)}</td><td class="n">${formatCount(s.succeeded)}</td>${cell(s.failed, 'bad')}${cell(s.refused, 'bad')}<td class="n">${fmtMs(s.latency.quantile(0.5))}</td><td class="n">${fmtMs(s.latency.quantile(0.95))}</td><td class="n">${fmtMs(s.latency.max)}</td>${cell(s.overdue, 'warn')}${cell(s.late, 'warn')}${cell(s.abandoned, 'bad')}${cell(noOutcome(s), 'warn')}</tr>`;
  });
  return [
    '<section class="sec-summary"><h2>Summary by device service</h2>',
    overviewSection(summary),
    held === '' ? '' : `<p class="held">${esc(held)} <a href="#log">The log</a> says more.</p>`,
    // Said where the figures are read: far below them, the damage went unseen.
    unread
      ? '<p class="held">Some lines of the log could not be read: these figures count only the lines that could. <a href="#problems">Reading problems</a> lists them.</p>'
      : '',
    rows.length === 0
      ? '<p class="note">No requests were sent in this log.</p>'
      : `<div class="table-wrap"><table class="summary"><thead><tr><th>Device</th><th>Service</th><th class="n">Requests</th><th class="n">Success rate</th><th class="n">Succeeded</th><th class="n">Failed</th><th class="n">Refused</th><th class="n">Latency p50</th><th class="n">p95</th><th class="n">max</th><th class="n">Overdue</th><th class="n">Late</th><th class="n">Abandoned</th><th class="n">No outcome</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
    '<p class="note">Success rate: requests whose completion reported success, out of those with an outcome. Failed: the completion reported a failure. Refused: the call itself failed, so no completion could come. Latency: from sending the request to its completion, on the monotonic clock; p50 and p95 are read from a histogram with 1% wide buckets (within ±0.5%), max is exact. Overdue: no completion came within the timeout; each such request is counted again by what came after. Late: its completion came after the timeout, and it is also in Succeeded or Failed by what it reported. Abandoned: the device went away or the app closed before its completion came. No outcome: no completion by the end of its run (still waiting when it stopped, or given up). Succeeded, Failed, Refused, Abandoned and No outcome add up to Requests; Overdue and Late overlap them.</p>',
    after,
    '</section>',
  ].join('');
}

/**
 * What to try next for each service that had problems, from the shared table (the services panel
 * gives the same advice), most frequent first, each with the source of its cause.
 */
export function nextStepsSection(summary: LogSummary): string {
  const nameOf = summaryDeviceNames(summary);
  const labelOf = serviceLabels(summary.services.values());
  const items = [...summary.services.values()]
    .filter((s) => s.nextSteps.size > 0)
    .map((s) => {
      const device = nameOf(s.interfaceId);
      const steps = [...s.nextSteps.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(
          ([step, count]) =>
            `<li>${esc(step.cause)} ${esc(step.check)} <span class="note">(${formatCount(count)}× — source: ${esc(step.source)})</span></li>`,
        );
      return `<li><b>${serviceHtml(labelOf(s))}</b> <span class="note">on ${deviceNameHtml(device)}</span><ul>${steps.join('')}</ul></li>`;
    });
  if (items.length === 0) return '';
  return `<section class="sec-next"><h2>What to try next</h2><ul class="next-steps">${items.join('')}</ul></section>`;
}

export function timelineSection(model: TimelineCollector, summary: LogSummary): string {
  const rs = summary.runStart;
  // The axis's zero on the wall clock, where the picture runs on one clock from it: a later run
  // is drawn where its start's time puts it (RunClock), unless one had to be moved on past the
  // run before it (the clock set back): then it is counted from the first run's start.
  const zeroTime =
    model.startTime ??
    (rs && model.onWallClock ? new Date(Date.parse(rs.time) - rs.mono).toISOString() : null);
  const svg = timelineSvg(model, { device: summaryDeviceNames(summary), zeroTime });
  const legend = timelineLegend();
  const zeroWords =
    model.startTime !== null
      ? `the range's first entry, ${formatTimestamp(model.startTime, 'utc')}`
      : rs
        ? `when the ${model.runs > 1 ? 'first ' : ''}run started, ${formatTimestamp(new Date(Date.parse(rs.time) - rs.mono).toISOString(), 'utc')}`
        : '';
  // Each run's steady clock starts again: said where there is more than one (the runs the
  // picture drew, as its axis label counts them).
  const runs =
    model.runs <= 1
      ? ''
      : model.onWallClock
        ? ' Each later run is drawn from where the time its start was logged puts it.'
        : ' Each later run is drawn after the one before it (a run started before the one before it had ended, by the times logged).';
  const zero =
    zeroWords === ''
      ? ''
      : onClock(model.endMono - model.startMono, zeroTime)
        ? ` The axis's times are counted by the run's steady clock from ${zeroWords}.${runs}`
        : ` 0 s is ${zeroWords}.${runs}`;
  const note = model.detailed
    ? `Each request is drawn from when it was sent to when it ended; hover over one for its details.${zero}`
    : `${formatCount(model.requests)} requests are too many to draw one by one: each lane is cut into ${BINS} columns of ${fmtMs(model.binWidth)}, each a small bar of the outcomes in it in proportion (any outcome present shows at least a sliver, so rare failures stay visible). The full detail is in the log below and in the trace export.${zero}`;
  return `<section class="sec-timeline"><h2>Timeline</h2><div class="legend">${legend}</div><div class="timeline-wrap">${svg}</div><p class="note">${esc(note)}</p></section>`;
}

/**
 * The timeline's legend: each outcome's mark drawn from the same pieces as the spans (and as the
 * window's legend, shared/request/mark-looks.ts), and the point marks in the window's symbols.
 */
function timelineLegend(): string {
  const swatch = (body: string, label: string): string =>
    `<span><svg width="30" height="18" aria-hidden="true">${body}</svg>${esc(label)}</span>`;
  const glyph = (mark: SpanMark): string =>
    markPartsSvg(
      MARK_LOOKS[mark].shape === 'diamond'
        ? markParts(mark, 15, 0, 9, 10)
        : markParts(mark, 2, 22, 9, 10),
      colourOf,
      hatchOf,
    );
  const point = (d: string, kind: keyof typeof POINT_LOOKS): string =>
    `<path d="${d}" fill="${colourOf(POINT_LOOKS[kind].colour)}"/>`;
  const diamond = 'M15 2L21 9L15 16L9 9Z';
  return [
    // The hatches' patterns, once: the swatches below fill with them.
    `<svg width="0" height="0" class="tl-defs" aria-hidden="true"><defs>${hatchPatterns()}</defs></svg>`,
    ...SPAN_MARKS.map((mark) => swatch(glyph(mark), MARK_LEGEND[mark])),
    swatch(pointMarkSvg('unmatched', 15, 9), recordOutcomeLabel('unmatched')),
    swatch(
      `<rect x="14" y="11" width="2" height="5" fill="${colourOf(POINT_LOOKS.read.colour)}"/>`,
      'Data read',
    ),
    swatch(point('M9 15L21 15L15 3Z', 'arrival'), 'Device arrived'),
    swatch(point('M9 3L21 3L15 15Z', 'removal'), 'Device removed'),
    swatch(point(diamond, 'backend'), 'Backend status'),
    swatch(point(diamond, 'backend-down'), 'Backend unavailable'),
    swatch(pointMarkSvg('error', 15, 9), 'Error'),
  ].join('');
}

export function environmentSection(summary: LogSummary, context: ExportContext): string {
  const rs = summary.runStart;
  const kv = (k: string, v: string): string => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`;
  const nameOf = summaryDeviceNames(summary);
  const devices = [...summary.devices.values()].map(
    (d) =>
      `<tr><td>${deviceNameHtml(nameOf(d.interfaceId))}</td><td>${esc(d.manufacturer ?? '—')}</td><td class="mono">${esc(d.firmware ?? '—')}</td><td class="mono">${esc(d.deviceId ?? '—')}</td><td>${esc(d.readyState ?? '—')}</td><td class="mono">${esc(d.interfaceId)}</td><td class="n">${d.arrivals}/${d.removals}</td></tr>`,
  );
  return [
    '<section class="sec-env"><h2>Environment</h2><table class="kv"><tbody>',
    kv('Recorded by', rs ? `${rs.app.name} ${rs.app.version}` : 'unknown (no run-start record)'),
    kv('Operating system', rs ? `${rs.os.platform} ${rs.os.release} (${rs.os.arch})` : 'unknown'),
    kv('Backend', rs ? rs.backend.label : 'unknown'),
    kv('Why this backend', rs ? rs.backend.reason : 'unknown'),
    kv(
      summary.runs > 1 ? 'First run' : 'Run',
      rs ? `${rs.runId}, started ${formatTimestamp(rs.time, 'utc')}` : 'unknown',
    ),
    kv('Runs in this log', runsWords(summary.runs, context.problems())),
    ...(summary.runs < 2 && context.abnormalRuns?.length
      ? [kv('How it ended', endedAbnormallyWords(context.abnormalRuns))]
      : []),
    kv('Time zone at run start', summary.timeZones.words()),
    ...(context.range
      ? [
          kv(
            'Exported range',
            `${rangeWords(context.range)} only: the run's start and the devices' details from before it are kept; a request sent before it shows only its completion`,
          ),
        ]
      : []),
    kv(
      'Log covers',
      `${summary.firstTime ? formatTimestamp(summary.firstTime, 'utc') : '—'} to ${summary.lastTime ? formatTimestamp(summary.lastTime, 'utc') : '—'}`,
    ),
    kv(
      'Personal identifiers',
      context.redacted
        ? 'redacted: device IDs, IMSIs, ICCIDs and phone numbers are replaced by tokens such as IMEI-1; the same token always stands for the same value in this export'
        : 'NOT redacted: this report contains the original device and subscriber identifiers',
    ),
    '</tbody></table>',
    runsTable(summary, context.folderRuns, context.abnormalRuns),
    devices.length === 0
      ? '<p class="note">No devices were listed in this log.</p>'
      : `<h3>Devices</h3><div class="table-wrap"><table><thead><tr><th>Device</th><th>Manufacturer</th><th>Firmware</th><th>Device ID</th><th>Ready state</th><th>Interface ID</th><th class="n">Arrived/removed</th></tr></thead><tbody>${devices.join('')}</tbody></table></div>`,
    '</section>',
  ].join('');
}

/** The runs read, and those of an export of every run that could not be (each is listed). */
function runsWords(read: number, problems: readonly ReadProblem[]): string {
  const notRead = problems.filter((p) => p.wholeRun).length;
  if (notRead === 0) return formatCount(read);
  return `${formatCount(read)}, and ${formatCount(notRead)} that could not be read (Reading problems names ${notRead === 1 ? 'it' : 'them'}): ${notRead === 1 ? 'its' : 'their'} records are missing`;
}

export function problemsSection(problems: readonly ReadProblem[], leftOut = 0): string {
  if (problems.length === 0)
    return '<section class="sec-problems" id="problems"><h2>Reading problems</h2><p class="note">Every line of the log was read.</p></section>';
  // Line 0: of a file or run as a whole (a run that could not be read), not of a line of it.
  const items = problems.map(
    (p) =>
      `<li>${esc(basename(p.file))}${p.line > 0 ? `, line ${formatCount(p.line)}` : ''}: ${esc(p.message)}</li>`,
  );
  // The first 200 are listed: the rest counted, or the list read as all of them (a review: 362
  // more said on the terminal, none here).
  const more =
    leftOut > 0
      ? `<p>And ${formatCount(leftOut)} more ${leftOut === 1 ? 'line' : 'lines'} that could not be read, not listed here.</p>`
      : '';
  return `<section class="sec-problems" id="problems"><h2>Reading problems</h2><p>Some of the log could not be read and is missing from this report:</p><ul>${items.join('')}</ul>${more}</section>`;
}
