/**
 * The log's text filter over its columns, for a needle without a space. A row's haystack is its
 * pieces (its words, service name, HRESULT name and hex, `#` request ID, ref) joined by spaces and
 * lowercased (`rowHaystack` in ./log-model.ts, the reference); a needle without a space cannot
 * span two pieces, so a row matches when one piece does. Each piece is asked as seldom as it can
 * be: the decoded HRESULT once per table entry; the words, service name and request ID once per
 * distinct set of the fields they are made of (./row-columns.ts `testFields`: rows of one shape
 * whose fields are the table's strings, small whole numbers, or numbers of one class share the
 * answer, ./fields-memo.ts), or, for a needle with digits, from a template of those rows' words
 * with each row's numbers (./number-template.ts), and by the command a row's request sent where
 * the words name it (./command-words.ts); the ref, a field of its own, last.
 */
import type { JournalRecord } from '../../../shared/journal/record';
import {
  recordRef,
  recordRequestId,
  recordServiceName,
} from '../../../shared/journal/record-fields';
import {
  describeRecord,
  DIGIT_FIELDS,
  DURATION_FIELDS,
  WORDLESS_FIELDS,
} from '../../../shared/journal/record-text';
import { wordsVerdict } from './command-words';
import { fillTemplate, numberTemplate, templatedFields } from './number-template';
import type { FieldKeys, FieldsMemo, RowTest } from './fields-memo';
import type { RowColumns } from './row-columns';

/** The fields the words are asked of: any but those they never show (and the ref). */
export const WORD_FIELDS: FieldKeys = { has: (key) => !WORDLESS_FIELDS.has(key) };
const REF_FIELDS: FieldKeys = new Set(['ref']);

/** ASCII digits: what a number's digits are written with (a needle with none cannot meet them). */
const DIGIT = /[0-9]/;

/** A piece as the haystack's `join` writes it: null as nothing. */
function piece(value: string | null): string {
  return value ?? '';
}

export class PieceSearch {
  /** By HRESULT table index: whether its name or hex holds the needle. */
  private readonly hresultHits: Uint8Array;
  private readonly words: FieldsMemo;
  private readonly refs: FieldsMemo;

  constructor(
    private readonly rows: RowColumns,
    needle: string,
  ) {
    // Lowercasing a string that has nothing to lower (a ref, mostly) makes no new one, and costs
    // half what a test for capitals did.
    const has = (text: string): boolean => text.toLowerCase().includes(needle);
    this.hresultHits = new Uint8Array(rows.hresultSlots);
    for (let slot = 0; slot < rows.hresultSlots; slot++) {
      const view = rows.hresultOfSlot(slot);
      if (view && (has(piece(view.name)) || has(piece(view.hex)))) this.hresultHits[slot] = 1;
    }
    // A service name repeats (one string of the table for every row of the service): asked once.
    const names = new Map<string, boolean>();
    const hasName = (name: string): boolean => {
      let hit = names.get(name);
      if (hit === undefined) {
        hit = has(name);
        names.set(name, hit);
      }
      return hit;
    };
    // A finite number's digits have no case to lower.
    const hasId = (requestId: number | null): boolean =>
      requestId !== null &&
      (Number.isFinite(requestId)
        ? `#${String(requestId)}`.includes(needle)
        : has(`#${String(requestId)}`));
    const wordsHave = (record: JournalRecord, commandId: number | null): boolean =>
      hasName(piece(recordServiceName(record))) ||
      hasId(recordRequestId(record)) ||
      has(describeRecord(record, commandId));
    const digits = DIGIT.test(needle);
    const wordsTest = (record: JournalRecord, commandId: number | null): boolean | RowTest => {
      // With no digit in the needle, the numbers' digits tell nothing (DIGIT_FIELDS, and the
      // durations' within one form: DURATION_FIELDS).
      if (!digits) return wordsHave(record, commandId);
      if (hasName(piece(recordServiceName(record)))) return true;
      return this.numbersTest(record, commandId, needle, wordsHave, hasId);
    };
    this.words = rows.fieldsMemo(
      WORD_FIELDS,
      (record: JournalRecord) => wordsVerdict(rows, record, wordsTest),
      undefined,
      DIGIT_FIELDS,
      DURATION_FIELDS,
    );
    // A record whose one field is a ref of `value`: `recordRef` reads it as it is.
    this.refs = rows.fieldsMemo(
      REF_FIELDS,
      (record: JournalRecord) => has(piece(recordRef(record))),
      has,
    );
  }

  /**
   * For a needle with digits: the answer for rows whose words' fields are `record`'s, with
   * `commandId` named, but for the numbers of DIGIT_FIELDS (of one class each) and DURATION_FIELDS (of one form each), or how
   * to answer each row by its numbers: its words made from a template of theirs
   * (./number-template.ts), not from its record.
   */
  private numbersTest(
    record: JournalRecord,
    commandId: number | null,
    needle: string,
    wordsHave: (record: JournalRecord, commandId: number | null) => boolean,
    hasId: (requestId: number | null) => boolean,
  ): boolean | RowTest {
    const fields = record as unknown as Record<string, unknown>;
    const written = templatedFields(fields);
    if (written.length === 0) return wordsHave(record, commandId);
    const idWritten = written.includes('requestId');
    if (!idWritten && hasId(recordRequestId(record))) return true;
    const rows = this.rows;
    const template = numberTemplate(fields, written, (r) =>
      describeRecord(r as unknown as JournalRecord, commandId),
    );
    // Words that do not write their numbers as themselves: each row's are made.
    if (template === null) return (index) => wordsHave(rows.recordOf(index), commandId);
    // A part every such row's words have holds the needle: every row does.
    if (template.parts.some((part) => part.includes(needle))) return true;
    return (index) =>
      fillTemplate(template, (field) => rows.numberAt(index, field)).includes(needle) ||
      (idWritten && `#${String(rows.numberAt(index, 'requestId'))}`.includes(needle));
  }

  /** Whether row `index`'s haystack holds the needle. */
  matches(index: number): boolean {
    const rows = this.rows;
    return (
      this.hresultHits[rows.hresultSlotAt(index)] === 1 ||
      rows.testFields(index, this.words) ||
      rows.testFields(index, this.refs)
    );
  }
}
