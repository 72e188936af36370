/**
 * The text filter's answer for rows whose words may name their request's command (./row-columns.ts
 * `commandAt`): their words are their record's and that command's, so rows alike in the fields
 * the words are made of (one key of a filter memo, ./fields-memo.ts) still differ by it. Asked
 * once per command met among them, not once per row: a log of one vendor command polled all day
 * is asked twice (with and without it), as its rows would be without commands.
 */
import type { JournalRecord } from '../../../shared/journal/record';
import { answer, type RowTest } from './fields-memo';
import type { RowColumns } from './row-columns';

/** `test`, for the words of `record` with `commandId` named (null: none). */
type CommandTest = (record: JournalRecord, commandId: number | null) => boolean | RowTest;

/**
 * The memo's answer for rows with `record`'s fields: `test`'s without a command when no row's can
 * name one (a request's names its own; rows of no request have none), else each row's by its
 * command.
 */
export function wordsVerdict(
  rows: RowColumns,
  record: JournalRecord,
  test: CommandTest,
): boolean | RowTest {
  if (!rows.hasCommands || record.kind === 'request' || !('op' in record))
    return test(record, null);
  const verdicts = new Map<number | null, boolean | RowTest>();
  return (index) => {
    const commandId = rows.commandAt(index);
    let verdict = verdicts.get(commandId);
    if (verdict === undefined) {
      verdict = test(record, commandId);
      verdicts.set(commandId, verdict);
    }
    return answer(verdict, index);
  };
}
