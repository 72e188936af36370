/**
 * The log's text filter over its columns, for a needle with a space: such a needle may span two of
 * a row's pieces, so each row's whole haystack (`rowHaystack` in ./log-model.ts: its words, service
 * name, HRESULT name and hex, `#` request ID and ref, joined by spaces, lowercased) is searched.
 * It is made without making the row: the pieces that rows alike but for their numbers share are
 * lowercased once (the words as a template of them, ./number-template.ts), the HRESULT's once per
 * table entry, and a row's haystack is those joined with its own numbers and ref; rows whose words
 * name their request's command are asked by it (./command-words.ts). A space is
 * neither a letter nor ignored beside one in lowercasing, so each piece lowers as it would joined.
 */
import type { JournalRecord } from '../../../shared/journal/record';
import { recordRequestId, recordServiceName } from '../../../shared/journal/record-fields';
import { describeRecord, DIGIT_FIELDS, DURATION_FIELDS } from '../../../shared/journal/record-text';
import {
  numberTemplate,
  templatedFields,
  writeNumber,
  type NumberTemplate,
} from './number-template';
import { wordsVerdict } from './command-words';
import { PieceSearch, WORD_FIELDS } from './piece-search';
import type { FieldsMemo, RowTest } from './fields-memo';
import type { RowColumns } from './row-columns';

export class HaystackSearch {
  /** By HRESULT table index: its name and hex as the haystack writes them, lowercased. */
  private readonly hresults: string[] = [];
  private readonly words: FieldsMemo;
  /** A character the needle lacks. */
  private readonly gap: string;
  /**
   * The needle's longest run without a space, looked for first: a haystack holding the needle
   * holds it, and a run without a space lies in one piece (./piece-search.ts), asked once per
   * kind of row where the haystack is made per row. Most rows of a log are ruled out by it.
   */
  private readonly word: PieceSearch | null;

  /** `made`: the per-row rule, on the row made, for what the columns cannot write quickly. */
  constructor(
    private readonly rows: RowColumns,
    private readonly needle: string,
    private readonly made: RowTest,
  ) {
    const longest = needle.split(' ').reduce((a, b) => (b.length > a.length ? b : a), '');
    this.word = longest === '' ? null : new PieceSearch(rows, longest);
    let gap = 0xfffe;
    while (needle.includes(String.fromCharCode(gap))) gap--;
    this.gap = String.fromCharCode(gap);
    for (let slot = 0; slot < rows.hresultSlots; slot++) {
      const view = rows.hresultOfSlot(slot);
      this.hresults.push(`${view?.name ?? ''} ${view?.hex ?? ''}`.toLowerCase());
    }
    this.words = rows.fieldsMemo(
      WORD_FIELDS,
      (record: JournalRecord) =>
        wordsVerdict(rows, record, (words, commandId) => this.rowTest(words, commandId)),
      undefined,
      DIGIT_FIELDS,
      DURATION_FIELDS,
    );
  }

  /** Whether row `index`'s haystack holds the needle. */
  matches(index: number): boolean {
    if (this.word && !this.word.matches(index)) return false;
    return this.rows.testFields(index, this.words);
  }

  /**
   * How to search the haystack of each row whose words' fields are `record`'s (numbers aside),
   * with `commandId` named, or the answer for all of them when their words alone hold the needle.
   */
  private rowTest(record: JournalRecord, commandId: number | null): boolean | RowTest {
    const rows = this.rows;
    const fields = record as unknown as Record<string, unknown>;
    const written = templatedFields(fields);
    const describe = (r: Record<string, unknown>): string =>
      describeRecord(r as unknown as JournalRecord, commandId);
    const template: NumberTemplate | null =
      written.length === 0
        ? { parts: [describe(fields).toLowerCase()], fields: [] }
        : numberTemplate(fields, written, describe);
    // Words that do not write their numbers as themselves: each row made.
    if (template === null) return this.made;
    const requestId = recordRequestId(record);
    const idWritten = written.includes('requestId');
    // The service name and (unless a row's own) the request ID: the same for every such row.
    const service = ` ${(recordServiceName(record) ?? '').toLowerCase()} `;
    const id = requestId === null ? '' : `#${String(requestId)}`.toLowerCase();
    const last = template.parts.length - 1;
    const afterHresult = idWritten ? ' ' : ` ${id} `;
    // What every such row's haystack holds, whole: the needle there is in every one.
    if (
      template.parts.some((part, p) => (p === last ? part + service : part).includes(this.needle))
    )
      return true;
    // Else a match reaches into those parts only as far as from something a row has of its own.
    const kept = template.parts.slice(0, last).map((part, p) => this.edges(part, p > 0));
    const numbers = template.fields;
    // The words' last part to the ref (or to a row's own request ID): the same for every such row
    // with one HRESULT (a table index), so made once for it. Null: it holds the needle.
    const tails: (string | null | undefined)[] = [];
    const tailOf = (slot: number): string | null => {
      let tail = tails[slot];
      if (tail === undefined) {
        const whole = `${template.parts[last] ?? ''}${service}${this.hresults[slot] ?? ' '}${afterHresult}`;
        tail = whole.includes(this.needle) ? null : this.edges(whole, last > 0);
        tails[slot] = tail;
      }
      return tail;
    };
    return (index) => {
      const tail = tailOf(rows.hresultSlotAt(index));
      if (tail === null) return true;
      const ref = rows.stringAt(index, 'ref');
      // A ref that is not text: the row made.
      if (ref === undefined) return this.made(index);
      let haystack = kept[0] ?? '';
      for (let p = 0; p < numbers.length; p++)
        haystack +=
          writeNumber(numbers[p] ?? '', rows.numberAt(index, numbers[p] ?? '')) +
          (kept[p + 1] ?? '');
      haystack += tail;
      if (idWritten) haystack += `#${String(rows.numberAt(index, 'requestId'))} `;
      haystack += (ref ?? '').toLowerCase();
      return haystack.includes(this.needle);
    };
  }

  /**
   * `part` of a haystack (which does not hold the needle) as far as a match that also covers
   * something after it (and `before` it, if so) can reach into it: its first and last characters
   * but one a needle's length, a character the needle lacks between, so that no match spans it.
   */
  private edges(part: string, before: boolean): string {
    const reach = this.needle.length - 1;
    if (part.length <= 2 * reach + 1) return part;
    return (before ? part.slice(0, reach) : '') + this.gap + part.slice(part.length - reach);
  }
}
