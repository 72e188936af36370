/**
 * The CSV row of a line LineCheck passed, made from the line's own text: no JSON.parse, no record
 * object, no number turned back into text. At a million lines, parsing each one and printing its
 * numbers again was most of a CSV export's time.
 *
 * LineCheck proved what this relies on: the line is a flat object of a known kind and key order
 * (`check.order`); every string is printable ASCII without `"` or `\`, so its JSON text is its
 * value; every number is written as JSON.stringify (and so String) writes it, so its text is its
 * cell (a duration's words read it back as a number: formatDuration rounds it). The row must be
 * exactly what csvRow(JSON.parse(line)) gives: the same columns, the same details text as
 * describeRecord, the same quoting. The tests compare the two on generated and
 * hostile lines of every kind; a kind missing here gives undefined, and the caller takes the full
 * path.
 */
import { abandonWords, describeRecord, opWords } from '../../../shared/journal/record-text.js';
import { formatDuration } from '../../../shared/time.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import type { RecordOutcome } from '../../../shared/request/story.js';
import { MATCH_WORDS, rowOutcomeWords } from '../../../shared/request/words.js';
import { EXCEL_CELL_LIMIT } from './csv-cell-limit.js';
import { csvField } from './format-csv.js';
import type { KeyOrder } from './line-check.js';
import { lineRefKey, NO_REF } from './ref-key.js';

/** The fields a passing line may have, each a slot in `Fields`. */
const SLOTS = [
  'v',
  'seq',
  'time',
  'mono',
  'kind',
  'interfaceId',
  'serviceId',
  'serviceName',
  'ref',
  'op',
  'outcome',
  'sessionOpenBefore',
  'precondition',
  'byteLength',
  'requestId',
  'hresult',
  'hresultName',
  'callMs',
  'status',
  'statusName',
  'match',
  'latencyMs',
  'timeoutMs',
  'reason',
  'waitedMs',
  'from',
  'to',
  'preview',
] as const;
type Slot = (typeof SLOTS)[number];
const SLOT = new Map<string, number>(SLOTS.map((name, i) => [name, i]));
/** Each field's slot by name: `fields[F.op]`. */
const F = Object.fromEntries(SLOTS.map((name, i) => [name, i])) as Record<Slot, number>;

/**
 * A line's values by slot: a string's value, a number's or boolean's text, `null` for JSON null,
 * undefined for a field the line does not have.
 */
type Fields = (string | null | undefined)[];

/** Fields no column or details text uses: passed over without being read. */
const UNUSED = new Set(['v', 'sessionOpenBefore', 'preview']);
const SKIP = -2;

/** How to read a line of one key order: each key's slot (-1: none, SKIP) and `"key":`'s length. */
interface Layout {
  slots: Int8Array;
  skips: Uint8Array;
}

const layouts = new WeakMap<KeyOrder, Layout>();

function layoutOf(order: KeyOrder): Layout {
  let found = layouts.get(order);
  if (!found) {
    found = {
      slots: Int8Array.from(order.keys, (key) => (UNUSED.has(key) ? SKIP : (SLOT.get(key) ?? -1))),
      skips: Uint8Array.from(order.keys, (key) => key.length + 3),
    };
    layouts.set(order, found);
  }
  return found;
}

/**
 * Reads `text[from, to)`, a line of `order`, into `fields` (whose other slots must be empty: all
 * of them, or those of the same order's last line, which this overwrites); false for a key with
 * no slot.
 */
function readFields(
  text: string,
  from: number,
  to: number,
  order: KeyOrder,
  fields: Fields,
): boolean {
  const { slots, skips } = layoutOf(order);
  let at = from + 1;
  const last = slots.length - 1;
  for (let i = 0; i <= last; i++) {
    const slot = slots[i] ?? -1;
    if (slot === -1) return false;
    at += skips[i] ?? 0;
    if (text.charCodeAt(at) === 34) {
      const end = text.indexOf('"', at + 1);
      if (slot !== SKIP) fields[slot] = text.slice(at + 1, end);
      at = end + 2;
    } else {
      // Numbers, booleans and null hold no comma; the last value ends at the closing brace.
      const end = i === last ? to - 1 : text.indexOf(',', at);
      if (slot !== SKIP) fields[slot] = text.charCodeAt(at) === 110 ? null : text.slice(at, end);
      at = end + 1;
    }
  }
  return true;
}

/** A number's text as its cell (null or missing: empty). */
const num = (value: string | null | undefined): string => value ?? '';
/**
 * A string's cell, as csvField makes it, for text made of a passing line's values and fixed
 * words: printable ASCII without `"` or `\` (LineCheck's proof), so only a comma, a semicolon, a
 * formula start or a length past Excel's limit needs csvField, and one character search tells
 * (cheaper than csvField's expression).
 */
function cell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const first = value.charCodeAt(0);
  // = + - @ (tab and CR cannot occur); a semicolon may start a cell too (csvField says why)
  return first === 61 ||
    first === 43 ||
    first === 45 ||
    first === 64 ||
    value.includes(',') ||
    value.includes(';') ||
    value.length > EXCEL_CELL_LIMIT
    ? csvField(value)
    : value;
}

const models = new Map<string, string>();
/** A device model's cell: any text (from device-info), so csvField; a few values, each once. */
function modelCell(model: string | null): string {
  if (model === null) return '';
  let found = models.get(model);
  if (found === undefined) {
    found = csvField(model);
    if (models.size >= 1024) models.clear();
    models.set(model, found);
  }
  return found;
}

const labels = new Map<string, string>();
/**
 * The outcome's label, as its cell (a handful of values: each worked out once), in the report's
 * words as record-row.ts writes it.
 */
function labelCell(outcome: RecordOutcome): string {
  let cell = labels.get(outcome);
  if (cell === undefined) {
    cell = csvField(rowOutcomeWords(outcome, 'as-logged'));
    labels.set(outcome, cell);
  }
  return cell;
}

const REQUEST_MEMO = 4096;
const requestDetails = new Map<string, string>();

/**
 * A request's details depend only on its op, service, precondition and size (few distinct
 * values), so describeRecord itself says them, once for each.
 */
function requestText(fields: Fields): string {
  const op = fields[F.op] ?? '';
  const serviceName = fields[F.serviceName] ?? '';
  const serviceId = fields[F.serviceId] ?? '';
  const precondition = fields[F.precondition] ?? undefined;
  const byteLength = fields[F.byteLength] ?? undefined;
  const key = `${op}\n${serviceName}\n${serviceId}\n${precondition ?? ''}\n${byteLength ?? '-'}`;
  let details = requestDetails.get(key);
  if (details === undefined) {
    details = describeRecord({
      kind: 'request',
      op,
      serviceName,
      serviceId,
      precondition,
      byteLength: byteLength === undefined ? undefined : Number(byteLength),
    } as JournalRecord);
    if (requestDetails.size >= REQUEST_MEMO) requestDetails.clear();
    requestDetails.set(key, details);
  }
  return details;
}

/** A duration field's text as describeRecord writes its number (LineCheck proved it one). */
function duration(value: string | null | undefined): string {
  return formatDuration(Number(value));
}

/** describeRecord's words for the other kinds that pass, from the values' text. */
function details(kind: string, fields: Fields): string | undefined {
  const op = opWords(fields[F.op] ?? '');
  const id = fields[F.requestId] ?? '?';
  switch (kind) {
    case 'request':
      return requestText(fields);
    case 'request-returned':
      return fields[F.outcome] === 'refused'
        ? `${op} refused at once: ${fields[F.hresultName] ?? ''} (${fields[F.hresult] ?? ''})`
        : `${op} accepted, request #${id} (${duration(fields[F.callMs])} to return)`;
    case 'completion': {
      const latency = fields[F.latencyMs];
      const match = fields[F.match] as keyof typeof MATCH_WORDS;
      return `${op} #${id} completed: ${fields[F.statusName] ?? ''} (${fields[F.status] ?? ''})${latency === null ? '' : ` after ${duration(latency)}`}${match === 'matched' ? '' : ` — ${MATCH_WORDS[match]}`}`;
    }
    case 'overdue':
      return `${op} #${id} overdue: no completion within ${duration(fields[F.timeoutMs])}`;
    case 'given-up':
      return `${op} #${id} given up by the user after ${duration(fields[F.waitedMs])}: a later completion is still recorded`;
    case 'abandoned':
      return `${op} #${id} abandoned: ${abandonWords(fields[F.reason])}`;
    case 'session-state':
      return `${fields[F.serviceName] ?? ''} data session ${fields[F.from] ?? ''} → ${fields[F.to] ?? ''}`;
    case 'read-data':
      return `${fields[F.byteLength] ?? ''} bytes read from ${fields[F.serviceName] ?? ''}`;
    default:
      return undefined;
  }
}

/**
 * Makes CSV rows of passing lines. One per thread: it keeps a scratch array for the fields.
 */
export class LineCsvRows {
  private readonly fields: Fields = new Array<string | null | undefined>(SLOTS.length);
  private lastOrder: KeyOrder | undefined;
  /** The ref of the line last made a row of, as a checked block's lines say it (ref-key.ts). */
  ref = NO_REF;

  /**
   * The row of `text[from, to)`, a line LineCheck passed as `order`, CRLF included; `model` is
   * asked for the device's model. Undefined for a kind this does not know (take the full path).
   */
  row(
    text: string,
    from: number,
    to: number,
    order: KeyOrder,
    model: (interfaceId: string) => string | null,
  ): string | undefined {
    const fields = this.fields;
    // A line of another order may lack fields the last one had: they must read as missing.
    if (order !== this.lastOrder) fields.fill(undefined);
    this.lastOrder = order;
    if (!readFields(text, from, to, order, fields)) return undefined;
    const kind = order.kind;
    const said = details(kind, fields);
    if (said === undefined) return undefined;
    this.ref = lineRefKey(fields[F.ref]);
    let code: string | null | undefined;
    let codeName: string | null | undefined;
    let outcome: RecordOutcome | null;
    if (kind === 'request-returned') {
      code = fields[F.hresult];
      codeName = fields[F.hresultName];
    } else if (kind === 'completion') {
      code = fields[F.status];
      codeName = fields[F.statusName];
    }
    const written = fields[F.outcome] as RecordOutcome | null | undefined;
    if (kind === 'completion') outcome = written ?? 'unmatched';
    else outcome = written ?? null;
    const interfaceId = fields[F.interfaceId];
    const device = typeof interfaceId === 'string' ? model(interfaceId) : null;
    return `${num(fields[F.seq])},${fields[F.time] ?? ''},${num(fields[F.mono])},${kind},${cell(interfaceId)},${cell(fields[F.serviceName])},${cell(fields[F.serviceId])},${fields[F.op] ?? ''},${cell(fields[F.ref])},${num(fields[F.requestId])},${cell(code)},${cell(codeName)},${num(fields[F.latencyMs])},${outcome ?? ''},${cell(said)},${outcome === null ? '' : labelCell(outcome)},${kind === 'completion' ? (fields[F.match] ?? '') : ''},${modelCell(device)},,,,,\r\n`;
  }
}
