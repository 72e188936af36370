/**
 * What a JSON line of `search --json` or `watch --json` shows, with `commandId` beside it: the
 * command a QUERY's or SET's request sent, said on its return, completion and later records too,
 * whose own fields carry only the request's ref (shared/request/request-commands.ts says which,
 * from the records the command read in order). A script sorting failures by command reads it
 * there, as the text line reads its words. `null` (the request was not read: another run's, a
 * bucket the search skipped, another app's completion) adds nothing rather than a guess.
 *
 * One rule for both commands: search puts it beside `{ row, record }`, watch beside the record's
 * own fields (a watch line is the record itself, and a request's line already has its commandId).
 */
export function withCommandId<T extends object>(
  shown: T,
  commandId: number | null,
): T | (T & { commandId: number }) {
  return commandId === null ? shown : { ...shown, commandId };
}
