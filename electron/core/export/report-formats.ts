/**
 * The bundle's report and trace, made from the bundle's own JSON Lines entry: the records exactly
 * as the bundle holds them (already redacted), one per line. Fed those bytes, this gives the same
 * report and trace as being handed the records themselves, so it can run on a helper thread
 * (report-side.ts) while the calling thread reads, checks, redacts and writes the JSON Lines and
 * CSV: the report and the trace are about half of a bundle's formatting.
 *
 * Plain data in and out (bytes, strings, the facts the manifest needs), nothing that cannot cross
 * to a thread.
 */
import type { ReadProblem } from '../journal-reader.js';
import { EXPORT_HEADER_KIND, type JournalRecord } from '../../../shared/journal/record.js';
import type { TimeZone } from '../../../shared/journal/time-zone.js';
import type { ExportRange } from '../../../shared/export-range.js';
import { HtmlReportWriter } from './format-html.js';
import { TraceWriter } from './format-trace.js';
import type { ExportContext } from './format-writer.js';
import { SharedFold } from './shared-fold.js';
import type { DeviceSummary, LogSummary } from './summary.js';
import { TextBuffer } from './text-buffer.js';
import { utf8Text } from './utf8-text.js';

/** ExportContext as it crosses to a thread: the time as text, the problems given at the end. */
export interface ReportContext {
  app: { name: string; version: string };
  generatedAt: string;
  redacted: boolean;
  sourceLabel: string;
  range?: ExportRange | undefined;
  folderRuns?: readonly string[];
  abnormalRuns?: readonly string[];
}

/** What the bundle's manifest says about the log's environment, from the report's summary. */
export interface ManifestFacts {
  runStart: LogSummary['runStart'];
  runs: number;
  timeZones: TimeZone[];
  runsWithoutTimeZone: number;
  firstTime: string | null;
  lastTime: string | null;
  devices: DeviceSummary[];
  /** Of a range's export: the records kept from before the range (the run's start, devices). */
  keptFromBefore: number;
}

export interface ReportOutput {
  /** The report's text that goes first: its head, and at the end its summary. */
  html: Buffer[];
  /** The report's log, made as the lines come, to follow all of `html` (FormatWriter.later). */
  later: Buffer[];
  trace: Buffer[];
}

const LF = 10;
/** Bytes of whole lines decoded at a time (`lines`): well under V8's large-object size. */
const PIECE = 32 * 1024;

export class ReportFormats {
  private readonly html = new TextBuffer();
  private readonly trace = new TextBuffer();
  /** The report and the trace both need requests as they end: one fold serves both. */
  private readonly requests = new SharedFold();
  private readonly report: HtmlReportWriter;
  private readonly traceWriter: TraceWriter;
  private problems: readonly ReadProblem[] = [];
  private problemsLeftOut = 0;
  /** The start of a line cut by the end of the last bytes given. */
  private carry: Buffer | undefined;

  constructor(context: ReportContext) {
    const full: ExportContext = {
      ...context,
      range: context.range,
      generatedAt: new Date(context.generatedAt),
      problems: () => this.problems,
      problemsLeftOut: () => this.problemsLeftOut,
    };
    this.report = new HtmlReportWriter(this.html, full, this.requests);
    this.traceWriter = new TraceWriter(this.trace, full, this.requests);
  }

  /** More of the JSON Lines entry, in order; a line may be cut between two calls. */
  lines(bytes: Buffer): void {
    let from = 0;
    if (this.carry) {
      // Only the cut line is joined, not the whole of `bytes` copied after it.
      const lf = bytes.indexOf(LF);
      if (lf < 0) {
        this.carry = Buffer.concat([this.carry, bytes]);
        return;
      }
      const line = Buffer.concat([this.carry, bytes.subarray(0, lf)]);
      this.carry = undefined;
      this.piece(line, 0, line.length);
      from = lf + 1;
    }
    const end = bytes.lastIndexOf(LF);
    if (end < from) {
      if (from < bytes.length) this.carry = Buffer.from(bytes.subarray(from));
      return;
    }
    if (end + 1 < bytes.length) this.carry = Buffer.from(bytes.subarray(end + 1));
    // Decoded a piece of whole lines at a time, each small enough to be an ordinary young
    // object: decoding a MiB at once made a string the collector counts as old, and the old
    // generation then filled with them and was collected again and again.
    while (from < end) {
      let to = end;
      if (end - from > PIECE) {
        to = bytes.lastIndexOf(LF, from + PIECE);
        // A line longer than a piece: the piece is that line.
        if (to < from) to = bytes.indexOf(LF, from + PIECE);
      }
      this.piece(bytes, from, to);
      from = to + 1;
    }
  }

  /** The records of the whole lines in `bytes[from, to)`. */
  private piece(bytes: Buffer, from: number, to: number): void {
    // JSON text never holds a raw LF, so splitting the decoded text on it splits the lines.
    const text = utf8Text(bytes.subarray(from, to));
    let at = 0;
    while (at <= text.length) {
      let next = text.indexOf('\n', at);
      if (next < 0) next = text.length;
      if (next > at) this.record(JSON.parse(text.slice(at, next)) as JournalRecord);
      at = next + 1;
    }
  }

  /** The report's and the trace's text made so far, to be written in order. */
  drain(): ReportOutput {
    return { html: this.html.drain(), later: this.report.later.drain(), trace: this.trace.drain() };
  }

  /**
   * Text `drain` gave, written (or copied) and no longer needed: its memory is filled again
   * rather than new memory taken for every MiB (TextBuffer.recycle).
   */
  recycle(out: ReportOutput): void {
    this.html.recycle(out.html);
    this.report.later.recycle(out.later);
    this.trace.recycle(out.trace);
    this.report.recycle(out.later);
  }

  /** After the last line: the sections that need the whole log, and the read problems in them. */
  finish(problems: readonly ReadProblem[], leftOut = 0): ReportOutput {
    this.problems = problems;
    this.problemsLeftOut = leftOut;
    this.requests.fold.finish();
    this.report.finish();
    this.traceWriter.finish();
    return this.drain();
  }

  facts(): ManifestFacts {
    const s = this.report.summary.summary;
    return {
      runStart: s.runStart,
      runs: s.runs,
      timeZones: s.timeZones.list(),
      runsWithoutTimeZone: s.timeZones.unrecorded,
      firstTime: s.firstTime,
      lastTime: s.lastTime,
      devices: [...s.devices.values()],
      keptFromBefore: s.keptFromBefore,
    };
  }

  private record(record: JournalRecord): void {
    // The entry's first line says whether it was redacted; it is not a record.
    if ((record.kind as string) === EXPORT_HEADER_KIND) return;
    this.report.write(record);
    this.traceWriter.write(record);
    // After both writers have the record, as each writer's own fold would have run.
    this.requests.fold.observe(record);
  }
}
