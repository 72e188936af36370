/**
 * The requests a report's log left without an outcome: still waiting when their run ended (the
 * app stopped, the kiosk crashed). The summary counted them ("1 no outcome") and the log showed
 * each as one "Waiting" row among thousands alike, so which request was in flight when a kiosk
 * died, what a support engineer reads the week for, was nowhere to be found (a review). Listed
 * by name here, with the run each was sent in.
 */
import type { FoldedRequest } from '../../../shared/request/fold.js';
import { formatCount } from '../../../shared/format-count.js';
import { formatTimestamp } from '../../../shared/time.js';
import { runNameOf } from '../run-name.js';
import type { ExportContext } from './format-writer.js';
import { esc } from './html-escape.js';
import { runNumber, runNumberWords } from './run-numbers.js';
import { summaryDeviceNames, type LogSummary } from './summary.js';

/** Requests listed at most; the rest are counted. */
const LISTED = 50;

export class UnfinishedRequests {
  private readonly listed: FoldedRequest[] = [];
  private count = 0;

  /** A request the fold ended: kept when it ended without an outcome. */
  ended(request: FoldedRequest): void {
    if (request.outcome !== 'unfinished') return;
    this.count += 1;
    if (this.listed.length < LISTED) this.listed.push(request);
  }

  /** The section, escaped; empty when every request had an outcome. */
  section(summary: LogSummary, context: ExportContext): string {
    if (this.count === 0) return '';
    const nameOf = summaryDeviceNames(summary);
    const several = summary.runs > 1;
    const items = this.listed.map((r) => {
      const start = summary.runsListed[r.run - 1]?.start;
      const crashed = start !== undefined && context.abnormalRuns?.includes(runNameOf(start));
      const run = several
        ? ` · ${runNumberWords(runNumber(start, r.run, context.folderRuns))}${start ? ` (${runNameOf(start)})` : ''}`
        : '';
      const id = r.requestId === null ? '' : ` · request #${String(r.requestId)}`;
      return `<li><span class="mono">${esc(r.ref)}</span> ${esc(`${r.op} · ${r.serviceName} on ${nameOf(r.interfaceId)}${id} · sent ${formatTimestamp(r.sentTime, 'utc')}${run}`)}${crashed ? ', which ended abnormally' : ''}</li>`;
    });
    const more = this.count - this.listed.length;
    return [
      `<h3>Left waiting when ${several ? 'their run' : 'the log'} ended (${formatCount(this.count)})</h3>`,
      '<p class="note">Sent, and no completion, abandonment or overdue logged before the end: the summary counts them as No outcome.</p>',
      `<ul class="unfinished">${items.join('')}</ul>`,
      more > 0
        ? `<p class="note">And ${formatCount(more)} more, not listed here (the log below has each).</p>`
        : '',
    ].join('');
  }
}
