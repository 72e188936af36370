/**
 * The CSV row of a line LineCheck passed, made from the line's own text: no JSON.parse, no record
 * object, no number turned back into text. At a million lines, parsing each one and printing its
 * numbers again was most of a CSV export's time.
 *
 * LineCheck proved what this relies on: the line is a flat object of a known kind and key order
 * (`check.order`); every string is printable ASCII without `"` or `\`, so its JSON text is its
 * value; every number is written as JSON.stringify (and so String) writes it, so its text is its
 * cell (a duration's words read it back as a number: formatDuration rounds it). The row is
 * csv-row-steps.ts's steps, read here over the line's values: it must be exactly what
 * csvRow(JSON.parse(line)) gives. The tests compare the two on generated and hostile lines of every
 * kind; a kind missing there gives undefined, and the caller takes the full path. Where the
 * WebAssembly reader makes a block's rows, this makes those of the lines it leaves.
 */
import { formatDuration } from '../../../shared/time.js';
import { EXCEL_CELL_LIMIT } from './csv-cell-limit.js';
import { csvRowSteps, fieldWords, type RowStep } from './csv-row-steps.js';
import { csvField } from './format-csv.js';
import type { KeyOrder } from './line-check.js';
import { lineRefKey, NO_REF } from './ref-key.js';
import { LINE_FIELD_COUNT, lineFieldNumber } from '../journal-line-shapes.js';

const fieldNumbers = new Map<string, number>();
/**
 * A field's slot in `Fields`: its number as the WebAssembly reader numbers it
 * (journal-line-shapes.ts), so both readers name a line's fields alike; 0, never filled, for a
 * key no kind's line has.
 */
function slotOf(key: string): number {
  let slot = fieldNumbers.get(key);
  if (slot === undefined) fieldNumbers.set(key, (slot = lineFieldNumber(key)));
  return slot;
}

/**
 * A line's values by slot: a string's value, a number's or boolean's text, `null` for JSON null,
 * undefined for a field the line does not have.
 */
type Fields = (string | null | undefined)[];

/**
 * Keys no column or details text reads: passed over. The kind is the order's own (it has no
 * number); the others are fields.
 */
const UNUSED = new Set(['v', 'kind', 'sessionOpenBefore', 'preview']);
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
      slots: Int8Array.from(order.keys, (key) => (UNUSED.has(key) ? SKIP : slotOf(key) || -1)),
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

/** Each words field's word → its index in the field's list (csv-row-steps.ts fieldWords). */
const wordIndexes = new Map<string, Map<string, number>>();
function wordIndex(key: string, value: string | null | undefined): number {
  let indexes = wordIndexes.get(key);
  if (!indexes) {
    indexes = new Map(fieldWords(key).map((word, i) => [word, i]));
    wordIndexes.set(key, indexes);
  }
  return value === null || value === undefined ? -1 : (indexes.get(value) ?? -1);
}

/** The text of `steps` (csv-row-steps.ts) over a line's fields. */
function stepsText(
  steps: readonly RowStep[],
  fields: Fields,
  model: (interfaceId: string) => string | null,
  rows: LineCsvRows,
): string {
  let text = '';
  for (const step of steps) {
    if (typeof step === 'string') {
      text += step;
      continue;
    }
    if ('raw' in step) text += fields[slotOf(step.raw)] ?? step.or ?? '';
    else if ('cell' in step) text += cell(fields[slotOf(step.cell)]);
    else if ('quoted' in step) text += cell(stepsText(step.quoted, fields, model, rows));
    else if ('word' in step) {
      const i = wordIndex(step.word, fields[slotOf(step.word)]);
      text += step.texts[i < 0 ? step.texts.length - 1 : i] ?? '';
    } else if ('ifWord' in step)
      text += stepsText(
        fields[slotOf(step.ifWord)] === step.is ? step.then : step.else,
        fields,
        model,
        rows,
      );
    else if ('ifNone' in step)
      text += stepsText(
        (fields[slotOf(step.ifNone)] ?? null) === null ? step.then : step.else,
        fields,
        model,
        rows,
      );
    else if ('duration' in step) text += formatDuration(Number(fields[slotOf(step.duration)]));
    else if ('bytes' in step) {
      const count = fields[slotOf(step.bytes)];
      text += `${count} byte${count === '1' ? '' : 's'}`;
    } else if ('model' in step) {
      const id = fields[slotOf(step.model)];
      text += modelCell(typeof id === 'string' ? model(id) : null);
    } else rows.ref = lineRefKey(fields[slotOf(step.ref)]);
  }
  return text;
}

/**
 * Makes CSV rows of passing lines. One per thread: it keeps a scratch array for the fields.
 */
export class LineCsvRows {
  private readonly fields: Fields = new Array<string | null | undefined>(LINE_FIELD_COUNT + 1);
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
    const steps = csvRowSteps(order.kind);
    if (steps === undefined) return undefined;
    return stepsText(steps, fields, model, this);
  }
}
