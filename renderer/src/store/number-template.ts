/**
 * A record's words, lowercased, as the parts between some of its numbers' digits: what a needle
 * with digits (an HRESULT's hex, a request ID) is searched in, row by row, without making each
 * row's record and words. Rows alike but for numbers of one class (./number-class.ts) have words
 * alike but for those numbers' digits; written by `String`, their words are these parts with each
 * row's numbers written between them, so a row's words are made by joining strings. A duration
 * (DURATION_FIELDS) is written as `formatDuration` writes it, unit and all, wherever it is written.
 *
 * Found by writing the words twice, each time with other numbers of the same class put in: the
 * parts are what lies between where those numbers were written, and must be the same both times.
 * A number the words do not write as itself (rounded, say) is not found twice alike: no template.
 */
import { DIGIT_FIELDS, DURATION_FIELDS } from '../../../shared/journal/record-text';
import { durationForm, formatDuration } from '../../../shared/time';
import { hasManyDigits, numberClass } from './number-class';

export interface NumberTemplate {
  /** The lowercased words cut where the numbers are written: one more part than numbers. */
  readonly parts: readonly string[];
  /** Which field's number is written after each part but the last. */
  readonly fields: readonly string[];
}

// Numbers unlike any a log carries (ten digits), so where they are written is where the field is.
const WHOLE = [7_359_211_048, 4_182_736_591];
const FRACTION = [7_359_211.25, 4_182_736.75];
const WHOLE_CLASS = numberClass(WHOLE[0] ?? 0);
// A duration's: so many minutes' worth that its written digits are unlike any a log carries.
const MINUTE = 60_000;

/** `n` of `field` as the words write it. */
export function writeNumber(field: string, n: number | undefined): string {
  return DURATION_FIELDS.has(field) && n !== undefined ? formatDuration(n) : String(n);
}

/**
 * The fields of `record` a template of its words stands numbers in for: its durations, and its
 * numbers of DIGIT_FIELDS that other rows write with other digits.
 */
export function templatedFields(record: Record<string, unknown>): string[] {
  const digits = [...DIGIT_FIELDS].filter((field) => {
    const n = record[field];
    return typeof n === 'number' && hasManyDigits(n);
  });
  const durations = [...DURATION_FIELDS].filter((field) => {
    const n = record[field];
    return typeof n === 'number' && durationForm(n) >= 0;
  });
  return [...digits, ...durations];
}

/** `record` with each of `fields` given the `which`th stand-in of its number's class. */
function withStandIns(
  record: Record<string, unknown>,
  fields: readonly string[],
  which: number,
): Record<string, unknown> {
  const out = { ...record };
  fields.forEach((field, f) => {
    const n = record[field];
    if (typeof n !== 'number') return;
    // Told apart by a step per field, so no two fields are written alike.
    const standIns = numberClass(n) === WHOLE_CLASS ? WHOLE : FRACTION;
    const standIn = (DURATION_FIELDS.has(field) ? WHOLE : standIns)[which] ?? 0;
    out[field] = (standIn + f * 1000) * (DURATION_FIELDS.has(field) ? MINUTE : 1);
  });
  return out;
}

/**
 * The template of the words `describe` writes for records like `record` but for the numbers in
 * `fields` (each a duration, or of class "two digits or more" or "fraction" in `record`), or null
 * when the words are not those parts with the numbers written between them.
 */
export function numberTemplate(
  record: Record<string, unknown>,
  fields: readonly string[],
  describe: (record: Record<string, unknown>) => string,
): NumberTemplate | null {
  const cut = (which: number): { parts: string[]; at: string[] } => {
    const standIn = withStandIns(record, fields, which);
    const text = describe(standIn).toLowerCase();
    const written = fields.map((field) => ({
      field,
      digits: writeNumber(field, standIn[field] as number),
    }));
    const parts: string[] = [];
    const at: string[] = [];
    let from = 0;
    for (;;) {
      // The next place any field's stand-in is written.
      let next = -1;
      let found: { field: string; digits: string } | undefined;
      for (const w of written) {
        const i = text.indexOf(w.digits, from);
        if (i >= 0 && (next < 0 || i < next)) {
          next = i;
          found = w;
        }
      }
      if (!found) break;
      parts.push(text.slice(from, next));
      at.push(found.field);
      from = next + found.digits.length;
    }
    parts.push(text.slice(from));
    return { parts, at };
  };
  const one = cut(0);
  const other = cut(1);
  const same =
    one.parts.length === other.parts.length &&
    one.parts.every((part, p) => part === other.parts[p]) &&
    one.at.every((field, p) => field === other.at[p]);
  return same ? { parts: one.parts, fields: one.at } : null;
}

/** Row's words from `template`, with `numberOf(field)` written where each field's number is. */
export function fillTemplate(
  template: NumberTemplate,
  numberOf: (field: string) => number | undefined,
): string {
  const { parts, fields } = template;
  let text = parts[0] ?? '';
  for (let p = 0; p < fields.length; p++)
    text += writeNumber(fields[p] ?? '', numberOf(fields[p] ?? '')) + (parts[p + 1] ?? '');
  return text;
}
