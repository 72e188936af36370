/**
 * The device IDs a log holds, found before its export begins. The export is one pass, and the
 * redactor learns a device's ID from its device-info line: an ID no rule finds by its digits (a
 * hex ESN or MEID, a serial) met in text before that line went out as it was. Known first, it
 * is looked for from the first line on.
 *
 * Only lines holding a `deviceId` key are parsed and checked as the reader checks them, found by
 * a byte search; the rest of the log is read and searched, never parsed. A key written with a
 * JSON escape (`device\u0049d`) is not found here: the redactor still replaces that field, and
 * learns it where it meets it.
 */
import { checkRecord, upgraderFor } from '../journal-check.js';
import { locateLog } from './log-location.js';
import { openParts, partsBytes } from './log-parts.js';

const KEY = Buffer.from('"deviceId"');
const LF = 0x0a;
const COLON = 0x3a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** As many as the redactor looks for as literals: a hostile log must not make this grow. */
export const MAX_DEVICE_IDS = 100;
/** A line longer than this is not a journal record the reader would take (line-splitter.ts). */
const MAX_CARRY = 16 * 1024 * 1024;

/**
 * Every `deviceId` string in the records of the log at `source`, in the order met. `onRead`
 * hears the bytes searched so far after each chunk, and the log's size when known: a week-long
 * log takes seconds, and the export says how far along the search is.
 */
export async function deviceIdsIn(
  source: string,
  signal?: AbortSignal,
  onRead?: (readBytes: number, logBytes: number | undefined) => void,
): Promise<string[]> {
  const opened = await openParts(await locateLog(source));
  const ids = new Set<string>();
  /** This read, for the upgrade of format 1 lines (journal-check.ts). */
  const read = {};
  const logBytes = partsBytes(opened.parts);
  let readBytes = 0;
  try {
    for (const part of opened.parts) {
      /** The start of a line the last chunk cut off. */
      let carry: Buffer | undefined;
      // A part that cannot be read to its end is the export's to report (open-log.ts): what was
      // read is searched.
      for await (const chunk of readable(part.open(0), signal)) {
        let from = 0;
        if (carry) {
          // Only the cut line is joined up; the chunk itself is searched where it lies.
          const lf = chunk.indexOf(LF);
          if (lf === -1) {
            carry = carry.length <= MAX_CARRY ? Buffer.concat([carry, chunk]) : undefined;
            continue;
          }
          const line = Buffer.concat([carry, chunk.subarray(0, lf)]);
          idsInLines(line, 0, line.length, ids, read);
          from = lf + 1;
        }
        const end = chunk.lastIndexOf(LF) + 1;
        if (end > from) idsInLines(chunk, from, end, ids, read);
        const tail = chunk.subarray(Math.max(from, end));
        carry = tail.length > 0 ? Buffer.from(tail) : undefined;
        if (ids.size >= MAX_DEVICE_IDS) return [...ids];
        readBytes += chunk.length;
        onRead?.(readBytes, logBytes);
      }
      if (carry) idsInLines(carry, 0, carry.length, ids, read);
    }
  } finally {
    opened.close();
  }
  return [...ids];
}

/**
 * The IDs of the lines in `buf[from, end)` (whole lines) that hold the key and are records the
 * export reads: a damaged line is left out of it, and its ID is not looked for either.
 */
function idsInLines(buf: Buffer, from: number, end: number, ids: Set<string>, read: object): void {
  let at = buf.indexOf(KEY, from);
  while (at !== -1 && at < end) {
    const start = buf.lastIndexOf(LF, at) + 1;
    let to = buf.indexOf(LF, at);
    if (to === -1 || to > end) to = end;
    if (!namesOnlyKnown(buf, at, to, ids)) {
      const line = parsed(buf.toString('utf8', Math.max(start, from), to));
      const checked = checkRecord(line, upgraderFor(read));
      if ('record' in checked) collect(checked.record, ids);
    }
    at = buf.indexOf(KEY, to);
  }
}

/**
 * Whether every `deviceId` key of the line from `at` (its first) to `to` is written plainly
 * (`"deviceId":"…"`, no escape) with an ID already found: such a line can add none, and is not
 * parsed. A modem names its ID in nearly every record: parsed each time, a one-hour export of
 * a week-long log spent 10-15 s here first (ten million events) finding the same one or two IDs.
 * Anything else (a new ID, spaces, an escape) is parsed and checked as before.
 */
function namesOnlyKnown(buf: Buffer, at: number, to: number, ids: ReadonlySet<string>): boolean {
  if (ids.size === 0) return false;
  for (let key = at; key !== -1 && key < to; key = buf.indexOf(KEY, key + KEY.length)) {
    const open = key + KEY.length;
    if (buf[open] !== COLON || buf[open + 1] !== QUOTE) return false;
    const close = buf.indexOf(QUOTE, open + 2);
    if (close === -1 || close >= to) return false;
    const value = buf.subarray(open + 2, close);
    if (value.includes(BACKSLASH)) return false;
    const id = value.toString('utf8').trim();
    if (id !== '' && !ids.has(id)) return false;
  }
  return true;
}

/** The chunks of a part, ending quietly where reading fails; throws only when cancelled. */
async function* readable(
  chunks: AsyncIterable<Buffer>,
  signal?: AbortSignal,
): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of chunks) {
      if (signal?.aborted) break;
      yield chunk;
    }
  } catch {
    // Reported by the export's own read of the part.
  }
  if (signal?.aborted) throw new Error('The export was cancelled.');
}

function parsed(line: string): unknown {
  try {
    return JSON.parse(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
  } catch {
    return undefined;
  }
}

/** Every `deviceId` string in `value`, at any depth, as the redactor replaces them. */
function collect(value: unknown, ids: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) collect(item, ids);
  else if (typeof value === 'object' && value !== null)
    for (const [key, field] of Object.entries(value)) {
      if (key === 'deviceId' && typeof field === 'string' && field.trim() !== '') {
        if (ids.size < MAX_DEVICE_IDS) ids.add(field.trim());
      } else collect(field, ids);
    }
}
