/**
 * The self-contained HTML report: one file, no scripts, no external resources, readable offline
 * and printable. Its bytes are in reading order (header, summary, next steps, timeline,
 * environment, reading problems, log), so a browser paints the summary from the file's first
 * kilobytes: written last and moved up by CSS, it showed only once a week's 1.3 GB report was
 * parsed, 80 s after it was opened. The summary needs the whole log, so the log is made first,
 * record by record, into `later`, which the caller streams to a part file beside the destination
 * and appends after `out` at the end (write-export.ts, bundle.ts): the report never holds its log
 * in memory.
 *
 * Huge logs stay usable: the first TABLE_ROWS records are a real table; the rest follow as plain
 * text in collapsed sections of CHUNK_ROWS lines each (`<details>`), so the browser keeps them as
 * a few large text nodes instead of millions of table cells, and printing skips them. The log
 * holds the log's first LOG_RECORDS records and the later ones with a problem, and says so
 * (html-log-cap.ts).
 */
import { KIND_LABELS } from '../../../shared/journal/kind-labels.js';
import {
  isTroubleRecord,
  troubleLabel,
  type JournalRecord,
} from '../../../shared/journal/record.js';
import { isProblemRecord } from '../../../shared/request/story.js';
import { describeRecord, failureMeaning } from '../../../shared/journal/record-text.js';
import { commandLabel } from '../../../shared/commands/names.js';
import { createHash } from 'node:crypto';
import type { ExportContext, FormatWriter, FormatWriterFactory } from './format-writer.js';
import { abnormalRunsNote, runLineText } from './html-runs.js';
import { UnfinishedRequests } from './html-unfinished.js';
import { runNumber, type RunNumber } from './run-numbers.js';
import { esc } from './html-escape.js';
import {
  deviceNameHtml,
  environmentSection,
  fmtMs,
  nextStepsSection,
  problemsSection,
  summarySection,
  timelineSection,
} from './html-sections.js';
import { REPORT_CSS } from './html-style.js';
import type { RequestFold } from '../../../shared/request/fold.js';
import { foldedCommandId, writerFold, type SharedFold } from './shared-fold.js';
import { recordOutcome } from '../../../shared/request/story.js';
import { answerText, exportedField } from '../../../shared/commands/answer-text.js';
import { rowOutcomeWords } from '../../../shared/request/words.js';
import { SummaryCollector, summaryDeviceNames } from './summary.js';
import { formatTimestamp } from '../../../shared/time.js';
import { rangeWords } from '../../../shared/export-range.js';
import { hresultView, parseHresult } from '../../../shared/hresult.js';
import { TextBuffer } from './text-buffer.js';
import { formatCount } from '../../../shared/format-count.js';
import { TimelineCollector } from './timeline-model.js';
import {
  LOG_CHARS,
  LOG_RECORDS,
  PROBLEM_CHARS,
  PROBLEM_RECORDS,
  cutWords,
  heldWords,
  logNoteWords,
  type LogHeld,
} from './html-log-cap.js';

const TABLE_ROWS = 2000;

/**
 * The report's own Content-Security-Policy, so it holds wherever the file is opened (a mail
 * client's preview, a browser from a file share): nothing runs, nothing is fetched, nothing is
 * submitted; only its own stylesheet applies (by hash, so a style injected into the log through
 * a record could not). Must come before anything it governs, so it is the first tag after the
 * charset.
 */
const REPORT_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(REPORT_CSS).digest('base64')}'`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const CHUNK_ROWS = 20_000;
/** Origins of log lines kept escaped (HtmlReportWriter.origin): far more than a log's services. */
const MAX_ORIGINS = 4096;

export class HtmlReportWriter implements FormatWriter {
  /**
   * The report's log: made as the records come, it follows everything `out` is given (the
   * summary, made at the end), so the caller keeps it aside until then (FormatWriter.later).
   */
  readonly later = new TextBuffer();
  /** What the report says about the whole log; the bundle's manifest reads it too. */
  readonly summary: SummaryCollector;
  private readonly timeline: TimelineCollector;
  /** Its own fold, or none when a bundle drives a shared one (shared-fold.ts). */
  private readonly requests: RequestFold | undefined;
  /** The fold it asks about requests: its own, or the shared one. */
  private readonly fold: RequestFold;
  private rows = 0;
  /** Records listed from the start, and the characters of their text (html-log-cap.ts). */
  private listed = 0;
  private listedChars = 0;
  private listedTo: string | null = null;
  /** Later records with a problem, those listed, and the characters of their text. */
  private laterProblems = 0;
  private problemsListed = 0;
  private problemChars = 0;
  private readonly chunk = new TextBuffer();
  private chunkRows = 0;
  private chunkFirst = 0;
  private chunkLast = 0;
  /**
   * The runs (counted from 1) of the section's first and last records, and whether its numbers
   * start again within it: records are numbered again in each run, and a section across two runs
   * read "Records 4,990 to 12". It then names the runs.
   */
  private chunkFirstRun: RunNumber = { n: 0 };
  /** Requests left without an outcome, listed by name in the summary. */
  private readonly unfinished = new UnfinishedRequests();
  /** The run of the record listed last (0: none yet), for the line that says a run changed. */
  private shownRun = 0;
  private chunkLastRun: RunNumber = { n: 0 };
  private chunkRestarts = false;
  /** What the collapsed section being filled holds: the log's start, or later problems. */
  private chunkOf: 'start' | 'problems' = 'start';
  private names: (interfaceId: string) => string = () => '';
  private namedDevices = -1;
  /** Device records written, and how many there were when `names` was made. */
  private deviceRecords = 0;
  private namedAt = 0;
  /** Each origin's escaped text (`origin`), by interface ID, service name and command. */
  private readonly origins = new Map<string | undefined, Map<string, Map<string, string>>>();
  private originCount = 0;
  /** A record's details text (made once per record for a bundle's writers: SharedFold). */
  private readonly details: (record: JournalRecord) => string;

  constructor(
    private readonly out: TextBuffer,
    private readonly context: ExportContext,
    shared?: SharedFold,
  ) {
    this.summary = new SummaryCollector(context.range);
    this.timeline = new TimelineCollector(context.range);
    const folds = writerFold(shared, (request) => {
      this.timeline.addSpan(request);
      this.unfinished.ended(request);
    });
    this.requests = folds.driven;
    this.fold = folds.fold;
    this.details = shared ? (record) => shared.details(record) : describeRecord;
    const title = `MBN diagnostic report — ${context.sourceLabel}`;
    out.push(
      `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="${esc(`${context.app.name} ${context.app.version}`)}"><title>${esc(title)}</title><style>${REPORT_CSS}</style></head>\n<body><main class="report">`,
      `<header class="sec-head"><h1>MBN diagnostic report</h1><p class="meta">${esc(context.sourceLabel)}${context.range ? ` · only ${esc(rangeWords(context.range))}` : ''} · exported ${esc(formatTimestamp(context.generatedAt.toISOString(), 'utc'))} by ${esc(`${context.app.name} ${context.app.version}`)} · ${
        context.redacted
          ? '<span class="badge on">personal identifiers redacted</span>'
          : '<span class="badge off">NOT redacted: contains device and subscriber identifiers</span>'
      }</p></header>\n`,
    );
    this.later.push(
      '<div class="log-wrap"><table class="log"><thead><tr><th class="n" title="The entry\u2019s sequence number in its run: the CSV\u2019s seq, the live log\u2019s #">Seq</th><th>Time (UTC)</th><th class="n">t (ms)</th><th>Event</th><th>Device</th><th>Service</th><th>Request</th><th>Result</th><th class="n">Latency</th><th>Outcome</th><th>Details</th></tr></thead><tbody>\n',
    );
  }

  write(record: JournalRecord): void {
    this.rows += 1;
    // Listing stops for good at the first record past the cap: the log's start is one stretch.
    const listing =
      this.listed === this.rows - 1 && this.listed < LOG_RECORDS && this.listedChars < LOG_CHARS;
    const problem = !listing && isProblemRecord(record);
    // Asked of the fold before it observes the record (foldedCommandId), for a record listed only.
    const commandId = listing || problem ? foldedCommandId(this.fold, record) : null;
    const command = commandOf(record, commandId);
    // What a QUERY or SET was answered, decoded, as the CLI shows it (answer-text.ts).
    const answer =
      commandId === null
        ? undefined
        : answerText(record, commandId, exportedField(this.context.redacted));
    this.summary.observe(record);
    if (record.kind.startsWith('device-')) this.deviceRecords += 1;
    this.timeline.observe(record);
    this.requests?.observe(record);
    if (listing) this.list(record, command, answer);
    else if (problem) this.listProblem(record, command, answer);
  }

  /** A record of the log's start: in the table, or as a line of text past its rows. */
  private list(record: JournalRecord, command: string, answer: string | undefined): void {
    this.listed += 1;
    this.listedTo = record.time;
    if (this.listed <= TABLE_ROWS) {
      // Where the run changes within the table, a row says which it is: seq starts again.
      const run = this.summary.summary.runs;
      if (this.shownRun !== 0 && run !== this.shownRun)
        this.later.push(
          `<tr class="run-line"><td colspan="11">${esc(runLineText(this.runNow(), this.summary.summary.lastRunStart).trim())}</td></tr>\n`,
        );
      this.shownRun = run;
      const row = this.tableRow(record, command, answer);
      this.listedChars += row.length;
      this.later.push(row);
      return;
    }
    if (this.listed === TABLE_ROWS + 1) this.later.push('</tbody></table></div>\n');
    this.listedChars += this.addLine(record, command, answer);
  }

  /** A record with a problem after the log's start: a line of text, while its own cap allows. */
  private listProblem(record: JournalRecord, command: string, answer: string | undefined): void {
    this.laterProblems += 1;
    if (this.problemsListed >= PROBLEM_RECORDS || this.problemChars >= PROBLEM_CHARS) return;
    if (this.chunkOf === 'start') {
      this.closeStart(true);
      this.chunkOf = 'problems';
    }
    this.problemsListed += 1;
    this.problemChars += this.addLine(record, command, answer);
  }

  /** Adds the record's line to the collapsed section being filled; its length in characters. */
  private addLine(record: JournalRecord, command: string, answer: string | undefined): number {
    const run = this.summary.summary.runs;
    // Where the run changes since the record listed before (in the table or a line), a line says
    // which run the next records are of: later problems of a week read as one run's otherwise.
    const said =
      this.shownRun !== 0 && run !== this.shownRun
        ? esc(runLineText(this.runNow(), this.summary.summary.lastRunStart))
        : '';
    this.shownRun = run;
    if (this.chunkRows === 0) {
      this.chunkFirst = record.seq;
      this.chunkFirstRun = this.runNow();
      this.chunkRestarts = false;
    } else if (record.seq <= this.chunkLast) this.chunkRestarts = true;
    this.chunkLast = record.seq;
    this.chunkLastRun = this.runNow();
    const line = said + this.textLine(record, command, answer);
    this.chunk.push(line);
    this.chunkRows += 1;
    if (this.chunkRows >= CHUNK_ROWS) this.flushChunk();
    return line.length;
  }

  /**
   * Ends the log's start: its table, if nothing came after it, and its last section; and says
   * there that the records after it are left out, if any are. `problemsFollow`: some of them,
   * with a problem, are listed next.
   */
  private closeStart(problemsFollow: boolean): void {
    if (this.listed <= TABLE_ROWS) this.later.push('</tbody></table></div>\n');
    this.flushChunk();
    if (this.rows > this.listed)
      this.later.push(
        `<p class="note held">${esc(cutWords({ listed: this.listed, listedTo: this.listedTo }, problemsFollow))}</p>\n`,
      );
  }

  finish(): void {
    this.requests?.finish();
    if (this.chunkOf === 'start') this.closeStart(false);
    else this.flushChunk();
    this.later.push('</section>\n</main></body></html>\n');
    const s = this.summary.summary;
    const held: LogHeld = {
      total: this.rows,
      listed: this.listed,
      listedTo: this.listedTo,
      laterProblems: this.laterProblems,
      problemsListed: this.problemsListed,
    };
    // In reading order, after the header: the zone is known only once every run-start has been
    // read. The log's heading and note end this text; its entries follow from `later`.
    this.out.push(
      `<p class="meta sec-zone">${esc(s.timeZones.words())}. Every time in this report is UTC.</p>\n`,
      abnormalRunsNote(this.context.abnormalRuns),
      summarySection(
        s,
        heldWords(held),
        this.context.problems().length > 0,
        this.unfinished.section(s, this.context),
      ),
      nextStepsSection(s),
      timelineSection(this.timeline, s),
      environmentSection(s, this.context),
      problemsSection(this.context.problems(), this.context.problemsLeftOut?.() ?? 0),
      `<section class="sec-log" id="log"><h2>Log</h2><p class="note${held.listed + held.problemsListed < held.total ? ' held' : ''}">${esc(logNoteWords(held, TABLE_ROWS, CHUNK_ROWS))}${esc(keptNote(s.keptFromBefore, held.total))}</p>\n`,
    );
  }

  /** The report's text, written: the memory of its collapsed sections' lines is filled again. */
  recycle(buffers: readonly Buffer[]): void {
    this.chunk.recycle(buffers);
  }

  /** The number of the run being read, as its folder numbers it when known (run-numbers.ts). */
  private runNow(): RunNumber {
    const s = this.summary.summary;
    return runNumber(s.lastRunStart, s.runs, this.context.folderRuns);
  }

  /**
   * `2,001 to 22,000`; of a log of several runs, `2,001 to 22,000 of run 3`, or where the numbers
   * start again, `4,990 of run 1 to 12 of run 2`.
   */
  private chunkSpan(): string {
    const first = formatCount(this.chunkFirst);
    const last = formatCount(this.chunkLast);
    // Of a log of several runs, the run is named even where the section stays within one.
    const several = this.summary.summary.runs > 1 || (this.context.folderRuns?.length ?? 0) > 1;
    if (!this.chunkRestarts && !several) return `${first} to ${last}`;
    if (this.chunkFirstRun.n === this.chunkLastRun.n)
      return `${first} to ${last} of run ${formatCount(this.chunkLastRun.n)}`;
    return `${first} of run ${formatCount(this.chunkFirstRun.n)} to ${last} of run ${formatCount(this.chunkLastRun.n)}`;
  }

  private flushChunk(): void {
    if (this.chunkRows === 0) return;
    // The lines wait, already encoded, until the section's heading can name its first and last.
    const what = this.chunkOf === 'start' ? 'Records' : 'Later records with a problem';
    this.later.push(
      `<details class="chunk${this.chunkOf === 'start' ? '' : ' problems'}"><summary>${what} ${this.chunkSpan()} (${formatCount(this.chunkRows)})</summary><pre>`,
    );
    this.later.pushBuffers(this.chunk.drain());
    this.later.push('</pre></details>\n');
    this.chunkRows = 0;
  }

  /**
   * What the report calls the device, as every view does (shared/device-name.ts). The log is
   * written as it is read, so a row names its device among those seen so far: made again only
   * when a record has named a device (the engine lists them first, so most logs once).
   */
  private device(interfaceId: string): string {
    this.refreshNames();
    return this.names(interfaceId);
  }

  /** Makes `names` again when a record may have changed what a device is called. */
  private refreshNames(): void {
    const devices = this.summary.summary.devices;
    if (this.namedDevices !== devices.size || this.deviceRecords !== this.namedAt) {
      this.names = summaryDeviceNames(this.summary.summary);
      this.namedDevices = devices.size;
      this.namedAt = this.deviceRecords;
      // The lines' origins name devices by the names made before.
      this.forgetOrigins();
    }
  }

  /**
   * `command`: the command its request sent, as a row says it (commandOf); `answer`: what it was
   * answered, decoded (answerText).
   */
  private tableRow(record: JournalRecord, command: string, answer: string | undefined): string {
    const r = record as JournalRecord & Partial<Record<string, unknown>>;
    const iface = typeof r.interfaceId === 'string' ? r.interfaceId : null;
    const svc = typeof r.serviceName === 'string' ? r.serviceName : '';
    const ref = typeof r.ref === 'string' ? r.ref : '';
    const op = typeof r.op === 'string' ? r.op : '';
    const reqId = typeof r.requestId === 'number' ? ` #${r.requestId}` : '';
    let result = '';
    let latency: number | null = null;
    if (record.kind === 'request-returned') {
      result = `${codeName(record.hresultName)} <span class="mono">${esc(record.hresult)}</span>`;
    } else if (record.kind === 'completion') {
      result = `${codeName(record.statusName)} <span class="mono">${esc(record.status)}</span>`;
      latency = record.latencyMs;
    }
    const rowOutcome = recordOutcome(record);
    // An error or an outage has no outcome, but its word, as the window's Outcome column shows.
    // Written in one pass, before it knows what became of a request: a bare "Waiting" beside a
    // call completed a row later read as a call still in flight.
    const outcome =
      rowOutcome === null ? (troubleLabel(record) ?? '') : rowOutcomeWords(rowOutcome, 'as-logged');
    return `<tr class="${rowClass(record)}"><td class="n">${record.seq}</td><td class="mono tm">${timeCell(record.time)}</td><td class="n">${record.mono.toFixed(1)}</td><td class="t">${esc(kindLabel(record.kind))}</td><td class="t"${iface ? ` title="${esc(iface)}"` : ''}>${iface ? deviceNameHtml(this.device(iface)) : ''}</td><td>${esc(svc)}</td><td class="t">${esc(`${op}${command} ${ref}${reqId}`.trim())}</td><td class="t">${result}</td><td class="n">${latency === null ? '' : fmtMs(latency)}</td><td>${esc(outcome)}</td><td class="d">${esc(this.details(record))}${esc(meaningAfter(record))}${answer === undefined ? '' : `<div class="answer">${esc(answer)}</div>`}</td></tr>\n`;
  }

  /**
   * Escaped piece by piece (escaping is character by character, so the pieces escaped give the
   * line escaped): the part naming the device, service and command repeats on most lines and is
   * escaped once (`origin`); only the record's own text is escaped for every line.
   */
  private textLine(record: JournalRecord, command: string, answer: string | undefined): string {
    const r = record as JournalRecord & Partial<Record<string, unknown>>;
    const iface = typeof r.interfaceId === 'string' ? r.interfaceId : null;
    const svc = typeof r.serviceName === 'string' ? r.serviceName : '';
    return `${esc(`${String(record.seq).padStart(8)}  ${record.time}  ${kindLabel(record.kind).padEnd(16)}  `)}${this.origin(iface, svc, command)}  ${esc(this.details(record))}${answer === undefined ? '' : esc(` — ${answer}`)}\n`;
  }

  /**
   * `EM7565 (…8E47) / Basic Connect / QUERY …`, escaped: made once per device (none for a record
   * of no device: key `undefined`), service and command.
   */
  private origin(interfaceId: string | null, svc: string, command: string): string {
    this.refreshNames();
    const key = interfaceId ?? undefined;
    const known = this.origins.get(key)?.get(svc)?.get(command);
    if (known !== undefined) return known;
    const iface = interfaceId === null ? '' : this.names(interfaceId);
    const text = esc(`${iface}${svc ? ` / ${svc}` : ''}${command ? ` /${command}` : ''}`);
    // A log naming ever more services or devices (it is input) must not grow this without end.
    if (this.originCount >= MAX_ORIGINS) this.forgetOrigins();
    let services = this.origins.get(key);
    if (!services) {
      services = new Map();
      this.origins.set(key, services);
    }
    let commands = services.get(svc);
    if (!commands) {
      commands = new Map();
      services.set(svc, commands);
    }
    commands.set(command, text);
    this.originCount += 1;
    return text;
  }

  private forgetOrigins(): void {
    this.origins.clear();
    this.originCount = 0;
  }
}

/**
 * ` RADIO_STATE (CID 3)`: the command a QUERY or SET request sent, on every row of the request
 * (its completion's too, which does not carry it), so a reader of any row sees what it answered;
 * empty for the other rows.
 */
function commandOf(record: JournalRecord, commandId: number | null): string {
  if (commandId === null || !('serviceId' in record)) return '';
  return ` ${commandLabel(record.serviceId, commandId)}`;
}

/**
 * A result code's name, free to wrap after its "(": HRESULT_FROM_WIN32( / ERROR_NOT_SUPPORTED)
 * reads as the name it is, where one unbroken line pushed the log's Details column off a 1366 px
 * screen, and a break anywhere split it mid-word.
 */
function codeName(name: string): string {
  return esc(name).replaceAll('(', '(<wbr>');
}

/** The date, then the time with its zone kept on one line: a narrow column wraps between them. */
function timeCell(iso: string): string {
  const text = formatTimestamp(iso, 'utc');
  const space = text.indexOf(' ');
  if (space < 0) return esc(text);
  return `${esc(text.slice(0, space))} <span class="nw">${esc(text.slice(space + 1))}</span>`;
}

/** " — the caller lacks privileges…": what a failed code means, as the app's log says it. */
function meaningAfter(record: JournalRecord): string {
  const hex =
    record.kind === 'request-returned'
      ? record.hresult
      : record.kind === 'completion'
        ? record.status
        : null;
  const value = hex === null ? undefined : parseHresult(hex);
  return value === undefined ? '' : failureMeaning(record, hresultView(value));
}

/** The kind as the window's Kind column names it (the journal's word for a kind it does not know). */
function kindLabel(kind: string): string {
  return Object.hasOwn(KIND_LABELS, kind) ? KIND_LABELS[kind as keyof typeof KIND_LABELS] : kind;
}

/** The row's colour: by the outcome it carries, or by kind for a device arriving or leaving, and errors. */
function rowClass(record: JournalRecord): string {
  switch (recordOutcome(record)) {
    case 'failed':
    case 'refused':
    case 'call-failed':
      return 'failed';
    case 'late':
      return 'late';
    case 'overdue':
    case 'unmatched':
      return 'overdue';
    case 'abandoned':
    case 'given-up':
      return 'abandoned';
    default:
      break;
  }
  // A device's details (device-info) are routine, written each time it is listed: not shaded.
  if (record.kind === 'device-arrival' || record.kind === 'device-removal') return 'device';
  return isTroubleRecord(record) ? 'error' : '';
}

export const htmlWriter: FormatWriterFactory = (out, context) => new HtmlReportWriter(out, context);

/**
 * What of a range's log came from before the range, said where the log is counted: its note read
 * "All 1,210 records are in the table below" under a figure of 1,209 records in the range.
 */
function keptNote(kept: number, total: number): string {
  if (kept === 0) return '';
  const before = kept === 1 ? 'One is' : `${formatCount(kept)} are`;
  return ` ${before} from before the range (the run's start and the devices' details, kept so the rows read); the range's own are ${formatCount(total - kept)}, as the figures above count them.`;
}
