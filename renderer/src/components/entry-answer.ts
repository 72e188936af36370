/**
 * What a selected QUERY or SET completion was answered, decoded (shared answer-text.ts), as the
 * entry's details show it and its Copy copies it: its identifiers masked as the Commands panel
 * masks them (decoded-value.ts), until Show device IDs.
 */
import type { LogRow } from '../../../electron/ipc/contract';
import { answerText } from '../../../shared/commands/answer-text';
import type { RowColumns } from '../store/row-columns';
import { shownFieldValue } from './decoded-value';

/** `rows`: the log's own, which know the command each row's request sent (a completion's too). */
export function entryAnswer(rows: RowColumns, row: LogRow, reveal: boolean): string | undefined {
  const commandId = rows.commandAt(rows.indexOfSeq(row.seq));
  return answerText(row.record, commandId, (field) => shownFieldValue(field, reveal));
}
