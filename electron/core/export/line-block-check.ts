/**
 * LineCheck over a block of whole lines at once (see LineSplitter.pushBlocks): what an export's
 * helper threads run, and the calling thread too when no helper is available. The result is
 * where each line is and whether it passed, and for a CSV export the rows of the passing lines,
 * made with the device models known when the block was sent (the writer takes them only if
 * those are still the models it knows): the same whichever thread made it.
 */
import type { JournalRecord } from '../../../shared/journal/record.js';
import { MAX_LINE_BYTES } from '../line-splitter.js';
import { csvRow } from './format-csv.js';
import type { AheadState } from './format-writer.js';
import type { LineCheck } from './line-check.js';
import { LineCsvRows } from './line-csv-row.js';
import { LINE_FIELDS } from './raw-line.js';
import { lineRefKey, NO_REF } from './ref-key.js';
import { DeviceModels } from './record-row.js';

/**
 * LINE_FIELDS (seven) numbers a line: its bounds (LF excluded), its verdict, the preview to redact
 * (or -1), where the made text ends after it (rows so far, in bytes; 0 when none are made), and
 * the ref of a line given a row, as ref-key.ts says it (NO_REF when none is made).
 */
const LINE_FAILED = 0;
export const LINE_PASSED = 1;
export const LINE_TOO_LONG = 2;
/**
 * Several passing lines in a row with nothing to patch, as one entry: its bounds run from the
 * first's start to the last's end (LF excluded), and RUN_LINES holds how many lines it is. Made
 * only when no rows are asked for (a row is made per line).
 */
export const LINE_RUN = 3;
export const RUN_LINES = 4;
const PIECE_BYTES = 64 * 1024;

export interface BlockResult {
  /** LINE_FIELDS numbers per line or run (LINE_RUN), offsets relative to the block's `from`. */
  lines: Int32Array<ArrayBuffer>;
  /** How many entries `lines` holds (a run is one). */
  count: number;
  /** The CSV rows of the passing lines, UTF-8, when asked for; `made.byteLength` may be larger. */
  made?: Uint8Array<ArrayBuffer> | undefined;
  /** The AheadState version the rows were made with. */
  madeVersion?: number | undefined;
}

/** Rows appended to a buffer that grows as needed. */
class Rows {
  buf: Buffer<ArrayBuffer>;
  used = 0;
  private readonly fromLines = new LineCsvRows();
  private readonly model: (interfaceId: string) => string | null;

  /**
   * `bytes`: the block's size, about what its rows take (CSV rows are shorter than the lines);
   * `memory`: where to make them, when the caller has it (used again from block to block).
   */
  constructor(
    private readonly models: DeviceModels,
    bytes: number,
    memory: ArrayBuffer | undefined,
  ) {
    this.buf =
      memory && memory.byteLength >= Math.max(bytes, 1 << 16)
        ? Buffer.from(memory)
        : Buffer.allocUnsafeSlow(Math.max(bytes, 1 << 16));
    // Rows of a block are mostly of one device: its model is looked up once for a run of them.
    let lastId: string | undefined;
    let lastModel: string | null = null;
    this.model = (interfaceId) => {
      if (interfaceId !== lastId) {
        lastId = interfaceId;
        lastModel = models.known(interfaceId);
      }
      return lastModel;
    };
  }

  /** The ref of the line last given a row (ref-key.ts). */
  ref = NO_REF;

  /** The row of the line `check` just passed: from its text, or parsed when that cannot be. */
  addPassed(
    check: LineCheck,
    from: number,
    to: number,
    buf: Buffer,
    at: number,
    end: number,
  ): void {
    const order = check.order;
    const row = order && this.fromLines.row(check.tested, from, to, order, this.model);
    if (row !== undefined) {
      this.ref = this.fromLines.ref;
      this.append(row);
      return;
    }
    // LineCheck proved it a valid record of the current format, printable ASCII.
    const record = JSON.parse(buf.toString('latin1', at, end)) as JournalRecord;
    this.ref = lineRefKey('ref' in record ? record.ref : null);
    this.append(csvRow(record, this.models.of(record)));
  }

  /** Rows made elsewhere (the WebAssembly reader), as UTF-8. */
  appendBytes(bytes: Uint8Array): void {
    if (bytes.length > this.buf.length - this.used) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.used + bytes.length));
      this.buf.copy(grown, 0, 0, this.used);
      this.buf = grown;
    }
    this.buf.set(bytes, this.used);
    this.used += bytes.length;
  }

  private append(row: string): void {
    if (row.length * 3 > this.buf.length - this.used) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, 1 << 16, row.length * 3));
      this.buf.copy(grown, 0, 0, this.used);
      this.buf = grown;
    }
    this.used += this.buf.write(row, this.used, 'utf8');
  }
}

/**
 * Checks `buf[from, to)`, whole lines; with `ahead`, makes the CSV rows of the passing lines too,
 * in `madeMemory` when given and large enough (`made` is then a view of it, unless they
 * outgrew it).
 */
export function checkBlock(
  check: LineCheck,
  buf: Buffer,
  from: number,
  to: number,
  maxLineBytes = MAX_LINE_BYTES,
  ahead?: AheadState,
  madeMemory?: ArrayBuffer,
): BlockResult {
  // Only passing lines get rows, and no passing kind teaches a model: the snapshot holds all along.
  const rows = ahead ? new Rows(new DeviceModels(ahead.models), to - from, madeMemory) : undefined;
  // Rows are made a line at a time, each with an entry of its own: the WebAssembly reader makes
  // them as it checks each line (csvLines) where it can, else the runs it takes are gone through
  // line by line below (LineCheck.scanRun).
  const scans = !rows && check.scans;
  const rowScans = rows !== undefined && ahead !== undefined && check.csvModels(ahead.models);
  // Room for a block's lines at a journal line's usual length, grown when short: a block of one
  // line (a certified bucket's line checked again) zeroed room for 4,096, and on a bucket a time
  // that allocation cost more than the check. Checked in WebAssembly, a block is a few runs.
  let lines: Int32Array<ArrayBuffer> = new Int32Array(
    LINE_FIELDS * (scans ? 16 : Math.min(4096, Math.ceil((to - from) / 128) + 1)),
  );
  let count = 0;
  let at = from;
  // LineCheck reads a piece of the block at a time, as one string: a whole block (a MiB) would
  // be an external string, which the collector frees late, so every thread's memory grew by tens
  // of MB; pieces this small are collected young.
  let piece = buf;
  let pieceFrom = 0;
  let pieceTo = -1;
  /** Room for `n` more entries. */
  const room = (n = 1): void => {
    if (lines.length >= (count + n) * LINE_FIELDS) return;
    const grown = new Int32Array(Math.max(lines.length * 2, (count + n) * LINE_FIELDS));
    grown.set(lines);
    lines = grown;
  };
  /**
   * Appends an entry with no row, `[start, end)` in `buf`: a run of passing lines (LINE_RUN, its
   * line count in RUN_LINES), or a passing line with its preview's hex `[third, fourth)`.
   */
  const entry = (start: number, end: number, verdict: number, third: number, fourth: number) => {
    room();
    const i = count * LINE_FIELDS;
    lines[i] = start - from;
    lines[i + 1] = end - from;
    lines[i + 2] = verdict;
    lines[i + 3] = third;
    lines[i + 4] = fourth;
    lines[i + 5] = 0;
    lines[i + 6] = NO_REF;
    count += 1;
  };
  const run = (runFrom: number, runTo: number, n: number): void => {
    entry(runFrom, runTo, LINE_RUN, -1, n);
  };
  while (at < to) {
    if (scans) {
      // A run at a time in WebAssembly, split where a preview holds an identifier (that line goes
      // alone, its hex to be replaced); the line it stopped at goes to the expressions below.
      const taken = check.scanLines(buf, at, to, maxLineBytes);
      let first = 0;
      let runFrom = at;
      for (let m = 0; m < check.scanMarks; m++) {
        const mark = check.scanMark(buf, m);
        if (!mark) continue;
        const ordinal = mark[0] ?? 0;
        const start = mark[1] ?? 0;
        const end = mark[2] ?? 0;
        if (ordinal > first) run(runFrom, start - 1, ordinal - first);
        entry(start, end, LINE_PASSED, (mark[3] ?? 0) - from, (mark[4] ?? 0) - from);
        first = ordinal + 1;
        runFrom = end + 1;
      }
      if (taken > first) run(runFrom, check.scanStopped - 1, taken - first);
      if (taken > 0) at = check.scanStopped;
      if (at >= to) break;
    } else if (rows && rowScans) {
      // Lines and their rows a run at a time in WebAssembly; the line it stopped at (a kind or key
      // order not learned yet, a cell it leaves to csvField) goes to the expressions below.
      const taken = check.csvLines(buf, at, to, maxLineBytes, from, rows.used);
      if (taken > 0) {
        room(taken);
        lines.set(check.csvEntries, count * LINE_FIELDS);
        rows.appendBytes(check.csvMade);
        count += taken;
        at = check.scanStopped;
      }
      if (at >= to) break;
    } else if (at >= pieceFrom && at < pieceTo) {
      // Lines are passed a run at a time (LineCheck.scanRun), within the piece.
      const runEnd = check.scanRun(piece, at - pieceFrom, pieceTo - pieceFrom, maxLineBytes);
      // Offsets in the piece's text from here: its string's indexOf costs less than a Buffer's.
      const text = check.tested;
      let lineAt = at - pieceFrom;
      while (lineAt < runEnd) {
        const end = text.indexOf('\n', lineAt);
        room();
        const i = count * LINE_FIELDS;
        lines[i] = lineAt + pieceFrom - from;
        lines[i + 1] = end + pieceFrom - from;
        lines[i + 2] = end - lineAt > maxLineBytes ? LINE_TOO_LONG : LINE_PASSED;
        lines[i + 3] = -1;
        lines[i + 4] = -1;
        if (check.previewOf(lineAt, end)) {
          lines[i + 3] = check.previewFrom + pieceFrom - from;
          lines[i + 4] = check.previewTo + pieceFrom - from;
        }
        if (rows) {
          // The row needs the line's key order: known from its kind, or test() tells.
          if (!check.orderOf(lineAt, end)) check.test(piece, lineAt, end);
          rows.addPassed(check, lineAt, end, buf, lineAt + pieceFrom, end + pieceFrom);
        }
        lines[i + 5] = rows?.used ?? 0;
        lines[i + 6] = rows?.ref ?? NO_REF;
        count += 1;
        lineAt = end + 1;
      }
      at = lineAt + pieceFrom;
      if (at >= to) break;
    }
    let end = buf.indexOf(10, at);
    if (end === -1 || end >= to) end = to;
    room();
    const i = count * LINE_FIELDS;
    lines[i] = at - from;
    lines[i + 1] = end - from;
    lines[i + 3] = -1;
    lines[i + 4] = -1;
    lines[i + 6] = NO_REF;
    if (end - at > maxLineBytes) lines[i + 2] = LINE_TOO_LONG;
    else {
      if (end > pieceTo) {
        pieceFrom = at;
        pieceTo = Math.min(to, Math.max(at + PIECE_BYTES, end));
        piece = buf.subarray(pieceFrom, pieceTo);
      }
      if (check.test(piece, at - pieceFrom, end - pieceFrom)) {
        lines[i + 2] = LINE_PASSED;
        if (rows) {
          rows.addPassed(check, at - pieceFrom, end - pieceFrom, buf, at, end);
          lines[i + 6] = rows.ref;
        }
        if (check.previewFrom >= 0) {
          lines[i + 3] = check.previewFrom + pieceFrom - from;
          lines[i + 4] = check.previewTo + pieceFrom - from;
        }
      } else lines[i + 2] = LINE_FAILED;
    }
    lines[i + 5] = rows?.used ?? 0;
    count += 1;
    at = end + 1;
  }
  const made = rows ? new Uint8Array(rows.buf.buffer, 0, rows.used) : undefined;
  // A view, not a copy: a block's lines are a few hundred KB, and an export of a million lines
  // copied 30 MB more of them, which the collector then chased as memory outside its heap.
  return {
    lines: lines.subarray(0, count * LINE_FIELDS),
    count,
    made,
    madeVersion: ahead?.version,
  };
}
