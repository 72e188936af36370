/**
 * An export of a time range: only the records written in it, and before them the few that say
 * what the rest are about (the run's start: app, OS, backend; each device's details, which name
 * the CSV's model column and the report's devices), the latest of each (LatestContext): held
 * back until the range's first record, and sent out before it. A request sent before the range
 * shows only its completion: the completion carries the request's ID, outcome and latency, as it
 * does where a rotated run's oldest files were dropped.
 *
 * Times are compared as the journal writes them (ISO 8601 UTC to the millisecond, which sorts as
 * it reads), in the line's bytes: a line passed as bytes (RawLine) is not parsed for its time. The
 * clock may step back, so every record is looked at; none is assumed in or out by its neighbours.
 */
import type { JournalRecord } from '../../../shared/journal/record.js';
import {
  CONTEXT_KINDS,
  LatestContext,
  rangeIso,
  rangeWords,
  type ExportRange,
} from '../../../shared/export-range.js';
import type { KeptFromBefore } from '../../../shared/range-count-words.js';
import { ExportError } from './export-error.js';
import type { ExportItem } from './export-request.js';
import { LineRun, RawLine } from './raw-line.js';
import { LateDeviceIdError, literalDeviceId } from './redact.js';

const CONTEXT_MARKS = [...CONTEXT_KINDS].map((kind) => Buffer.from(`"kind":"${kind}"`));
const RUN_START_MARK = Buffer.from('"kind":"run-start"');
const TIME_KEY = Buffer.from('"time":"');
const DEVICE_ID_KEY = '"deviceId"';
/** `2026-01-05T10:00:00.000Z`: how long a time the journal writes is. */
const ISO_LENGTH = 24;

const BEFORE = -1;
const WITHIN = 0;
const AFTER = 1;
type Place = typeof BEFORE | typeof WITHIN | typeof AFTER;

class RangeFilter {
  /** Records written in the range (context records from before it not counted). */
  within = 0;
  /**
   * Device IDs in records left out that the redactor would look for as written (a hex ESN, a
   * serial) and was not told of: one may be in the range's text, which would go out as it was.
   */
  readonly unknownIds = new Set<string>();
  /** As the redactor looks for them (literalDeviceId). */
  private readonly knownIds: Set<string> | undefined;
  private readonly from: Buffer;
  private readonly to: Buffer;
  /**
   * Context from before the range, held until the range's first record: only the latest of each
   * is sent. Parsed records, not lines: a line's memory is the reader's again after its batch.
   */
  private held: LatestContext | undefined = new LatestContext();
  /** Device IDs of context replaced while held, as the redactor looks for them. */
  private readonly replacedIds = new Set<string>();

  constructor(
    readonly range: ExportRange,
    /** Redacting: the device IDs the redactor knows from the start; undefined when not. */
    knownIds: Iterable<string> | undefined,
    /** Counts, as they go out, the records kept from before the range. */
    private readonly kept: KeptFromBefore,
  ) {
    this.knownIds = knownIds && new Set([...knownIds].flatMap((id) => literalDeviceId(id) ?? []));
    const iso = rangeIso(range);
    this.from = Buffer.from(iso.from, 'latin1');
    this.to = Buffer.from(iso.to, 'latin1');
  }

  /** The batch's items that go out: those in the range, and context from before it. */
  keep(batch: readonly ExportItem[]): ExportItem[] {
    const out: ExportItem[] = [];
    for (const item of batch) {
      if (item instanceof LineRun) this.keepRun(item, out);
      else this.take(item, out);
    }
    return out;
  }

  /** Said when nothing was written in the range: the export is refused, not saved empty. */
  nothingWithin(): ExportError {
    return new ExportError(
      `Nothing was logged from ${rangeWords(this.range)}: choose a range within the log's times. Nothing was saved.`,
      'nothing-to-export',
    );
  }

  private keepRun(run: LineRun, out: ExportItem[]): void {
    // Most runs lie wholly in or out of the range: only a run across its edge is taken apart.
    let within = 0;
    let context = 0;
    let runStarts = 0;
    let at = run.from;
    while (at <= run.to) {
      const end = lineEnd(run.buf, at, run.to);
      const reason = this.reasonToKeepLine(run.buf, at, end);
      if (reason === 'within') within += 1;
      else if (reason === 'context') {
        context += 1;
        if (isRunStartLine(run.buf, at, end)) runStarts += 1;
      }
      at = end + 1;
    }
    // Its lines are looked at one by one only where one may name a device the redactor must know.
    const named = this.knownIds !== undefined && run.includes(DEVICE_ID_KEY);
    // Context is sent in a run only once the range has begun; before, it is held (LatestContext).
    // With context held, line by line: the range's first line decides what the held context is.
    if (within + context === run.count && this.held === undefined) {
      this.within += within;
      if (within > 0) this.begin(out);
      out.push(run);
      this.kept.runStarts += runStarts;
      this.kept.devices += context - runStarts;
      if (named) for (const line of run.lines()) this.learn(line);
    } else if (within + context > 0 || named) for (const line of run.lines()) this.take(line, out);
  }

  /** A record or line: sent, held as context, or left out. */
  private take(item: JournalRecord | RawLine, out: ExportItem[]): void {
    const reason = this.reasonToKeep(item);
    if (reason === 'within') {
      this.within += 1;
      this.begin(out, item);
      this.goesOut(item, out);
    } else if (reason === 'context') {
      if (this.held) this.hold(item instanceof RawLine ? item.record() : item);
      else this.keptGoesOut(item, out);
    } else this.leftOut(item);
  }

  /** Context from before the range, held; what it replaces is left out. */
  private hold(record: JournalRecord): void {
    for (const replaced of this.held?.add(record) ?? []) {
      const id = this.knownIds && deviceIdOf(replaced);
      if (id !== undefined) this.replacedIds.add(id);
    }
  }

  /**
   * The range's first record, `first`, is next: the context held goes out before it. A device ID
   * only the replaced context named is one the redactor never meets (left out), known only when
   * the context sent names it too. When `first` starts a run, the context held is an earlier
   * run's, which nothing in the range needs: it is left out. (Sent, a range opening on a run's
   * start began with the run before's start, and its report counted two runs for one.)
   */
  private begin(out: ExportItem[], first?: JournalRecord | RawLine): void {
    if (!this.held) return;
    const runStart =
      first instanceof RawLine
        ? isRunStartLine(first.buf, first.from, first.to)
        : first?.kind === 'run-start';
    for (const record of this.held.records())
      if (runStart) this.leftOut(record);
      else this.keptGoesOut(record, out);
    this.held = undefined;
    for (const id of this.replacedIds) if (!this.knownIds?.has(id)) this.unknownIds.add(id);
  }

  /** Context from before the range exported: counted, for the confirmation to say it apart. */
  private keptGoesOut(item: JournalRecord | RawLine, out: ExportItem[]): void {
    this.countKept(item);
    this.goesOut(item, out);
  }

  private countKept(item: JournalRecord | RawLine): void {
    const runStart =
      item instanceof RawLine
        ? isRunStartLine(item.buf, item.from, item.to)
        : item.kind === 'run-start';
    if (runStart) this.kept.runStarts += 1;
    else this.kept.devices += 1;
  }

  /**
   * Counts the item as kept from before the range when it is (context written before it); false
   * once it is not, or a line of the run is not: the records kept lead a range's export.
   */
  countLeading(item: ExportItem): boolean {
    for (const one of item instanceof LineRun ? item.lines() : [item]) {
      if (this.reasonToKeep(one) !== 'context') return false;
      this.countKept(one);
    }
    return true;
  }

  /** An item exported: the redactor meets the device ID it names, and knows it from then on. */
  private goesOut(item: JournalRecord | RawLine, out: ExportItem[]): void {
    out.push(item);
    this.learn(item);
  }

  private learn(item: JournalRecord | RawLine): void {
    const id = this.knownIds && deviceIdOf(item);
    if (id !== undefined) this.knownIds?.add(id);
  }

  /** A record or line not exported: the device ID it names, if the redactor must know it. */
  private leftOut(item: JournalRecord | RawLine): void {
    const id = this.knownIds && deviceIdOf(item);
    if (id !== undefined && !this.knownIds?.has(id)) this.unknownIds.add(id);
  }

  private reasonToKeep(item: JournalRecord | RawLine): 'within' | 'context' | undefined {
    if (item instanceof RawLine) return this.reasonToKeepLine(item.buf, item.from, item.to);
    const place = this.placeOf(Date.parse(item.time));
    if (place === WITHIN) return 'within';
    return place === BEFORE && CONTEXT_KINDS.has(item.kind) ? 'context' : undefined;
  }

  /** As reasonToKeep, for a line in its chunk: a run's lines are looked at with no object each. */
  private reasonToKeepLine(
    buf: Buffer,
    from: number,
    to: number,
  ): 'within' | 'context' | undefined {
    const place = this.placeOfLine(buf, from, to);
    if (place === WITHIN) return 'within';
    return place === BEFORE && isContextLine(buf, from, to) ? 'context' : undefined;
  }

  private placeOf(ms: number): Place {
    return ms < this.range.from ? BEFORE : ms < this.range.to ? WITHIN : AFTER;
  }

  private placeOfLine(buf: Buffer, from: number, to: number): Place {
    const key = buf.indexOf(TIME_KEY, from);
    const at = key + TIME_KEY.length;
    if (key === -1 || at + ISO_LENGTH >= to || buf[at + ISO_LENGTH] !== 0x22)
      // Not the journal's own form of a time (LineCheck passes only lines that have it).
      return this.placeOf(
        Date.parse((JSON.parse(buf.toString('latin1', from, to)) as { time: string }).time),
      );
    // The line's time against the range's ends: negative when the line's sorts first.
    if (buf.compare(this.from, 0, ISO_LENGTH, at, at + ISO_LENGTH) < 0) return BEFORE;
    return buf.compare(this.to, 0, ISO_LENGTH, at, at + ISO_LENGTH) < 0 ? WITHIN : AFTER;
  }
}

/** The device ID a record or line names, as the redactor looks for it (literalDeviceId). */
function deviceIdOf(item: JournalRecord | RawLine): string | undefined {
  if (item instanceof RawLine && !item.includes(DEVICE_ID_KEY)) return undefined;
  const record = item instanceof RawLine ? item.record() : item;
  const value = 'deviceId' in record ? record.deviceId : undefined;
  return typeof value === 'string' ? literalDeviceId(value) : undefined;
}

function lineEnd(buf: Buffer, at: number, to: number): number {
  const end = buf.indexOf(10, at);
  return end === -1 || end > to ? to : end;
}

function isContextLine(buf: Buffer, from: number, to: number): boolean {
  const line = buf.subarray(from, to);
  return CONTEXT_MARKS.some((mark) => line.includes(mark));
}

/** Of a context line: a run's start, not a device's details. */
function isRunStartLine(buf: Buffer, from: number, to: number): boolean {
  return buf.subarray(from, to).includes(RUN_START_MARK);
}

/**
 * The source's batches with only what the range keeps; refused at the end if none was in it.
 * Redacting (`knownIds` given), a device ID the redactor was not told of, in a record left out,
 * ends it as a redactor told to fail on a late ID does (redact.ts), for the export to be made
 * again with every device ID of the log known first (export-saved-log.ts). What goes out from
 * before the range is counted in `kept`, for the confirmation to say the range's own count.
 */
export async function* withinRange(
  source: AsyncIterable<readonly ExportItem[]>,
  range: ExportRange,
  knownIds?: Iterable<string>,
  kept: KeptFromBefore = { runStarts: 0, devices: 0 },
): AsyncGenerator<readonly ExportItem[]> {
  const filter = new RangeFilter(range, knownIds, kept);
  for await (const batch of source) {
    const kept = filter.keep(batch);
    if (kept.length > 0) yield kept;
  }
  if (filter.within === 0) throw filter.nothingWithin();
  if (filter.unknownIds.size > 0)
    throw new ExportError(
      'A device ID was listed outside the range after text in it that may hold it. Nothing was saved.',
      'write-failed',
      { cause: new LateDeviceIdError() },
    );
}

/**
 * A range's export exported again whole: every record goes out as it is, and those it kept from
 * before its range (the header's, source-header.ts), which lead it, are counted in `kept`, for the
 * confirmation to say the range's own count apart: "6,052 records" before, of 6,051 in the range
 * and the run's start. Only the first records are looked at, up to the first that is not such.
 */
export async function* countingKept(
  source: AsyncIterable<readonly ExportItem[]>,
  range: ExportRange,
  kept: KeptFromBefore,
): AsyncGenerator<readonly ExportItem[]> {
  const filter = new RangeFilter(range, undefined, kept);
  let leading = true;
  for await (const batch of source) {
    for (const item of batch) {
      if (!leading) break;
      leading = filter.countLeading(item);
    }
    yield batch;
  }
}
