/**
 * The reference the log-filter tests hold the log model to: the rows main sends, the filters and
 * needles a technician might set, and the seqs the per-row rules (`rowMatches`) select for them on
 * the rows as the window words them (`inWindow`), less, for a passing outcome (sending, waiting),
 * the rows whose request a later row moved on.
 */
import fc from 'fast-check';
import type { LogRow } from '../../../electron/ipc/contract';
import { toLogRow } from '../../../electron/ipc/log-row';
import type { JournalRecord } from '../../../shared/journal/record';
import { describeRecord } from '../../../shared/journal/record-text';
import { RequestCommands } from '../../../shared/request/request-commands';
import { serviceKey } from '../../../shared/model';
import { rowMatches, type LogFilter } from '../../../renderer/src/store/log-filter';
import type { LogModel } from '../../../renderer/src/store/log-model';
import { isPassing, stillSays } from '../../../shared/request/outcome';
import { small, text } from './log-filter-records';

/** A needle a technician might type: any text, or a piece of one of some row's pieces in any case. */
export function needles(sentRows: readonly LogRow[]): fc.Arbitrary<string> {
  const pieces = inWindow(sentRows).flatMap((r) => [
    r.text,
    r.serviceName ?? '',
    r.hresult?.name ?? '',
    r.hresult?.hex ?? '',
    r.requestId === null ? '' : `#${String(r.requestId)}`,
    r.ref ?? '',
    `${r.text} ${r.serviceName ?? ''}`,
    // The whole haystack, so a needle with a space may span any two pieces.
    [
      r.text,
      r.serviceName ?? '',
      r.hresult?.name ?? '',
      r.hresult?.hex ?? '',
      r.requestId === null ? '' : `#${String(r.requestId)}`,
      r.ref ?? '',
    ].join(' '),
  ]);
  const cut = pieces.length
    ? fc
        .tuple(fc.constantFrom(...pieces), fc.nat(), fc.nat({ max: 12 }), fc.boolean())
        .map(([line, at, len, upper]) => {
          const start = at % Math.max(1, line.length);
          const piece = line.slice(start, start + len);
          return upper ? piece.toUpperCase() : piece;
        })
    : fc.constant('');
  return fc.oneof(
    { arbitrary: cut, weight: 4 },
    { arbitrary: text, weight: 1 },
    {
      arbitrary: fc.constantFrom(
        'e',
        'e_',
        'e_fail',
        '#1',
        'ς',
        'σ',
        'i̇',
        '  ',
        'sent to',
        // A command as a row names it, and across the words around it.
        'cid 2',
        'cid 12 #',
        'query c',
        'pin_list',
      ),
      weight: 1,
    },
  );
}

export function filterOf(rows: readonly LogRow[]): fc.Arbitrary<LogFilter> {
  return fc.record({
    interfaceId: fc.option(small, { nil: null }),
    service: fc.option(
      fc.oneof(
        fc.constant('x|y'),
        fc.tuple(small, fc.constantFrom('svc-1', '{SVC}', 'SVC')).map(([i, s]) => serviceKey(i, s)),
      ),
      { nil: null },
    ),
    kind: fc.option(fc.constantFrom('request', 'completion', 'overdue', 'read-data', 'error'), {
      nil: null,
    }),
    outcome: fc.option(
      fc.constantFrom(
        'failed',
        'succeeded',
        'problems',
        'unmatched',
        'sending',
        'waiting',
        'overdue',
      ),
      { nil: null },
    ),
    text: needles(rows),
  });
}

/** The rows main sends for the records, copied as IPC copies them. */
export const sent = (records: readonly JournalRecord[]): LogRow[] =>
  records.map((r) => structuredClone(toLogRow(r)));

/**
 * The rows as the window words them: those of a QUERY's or SET's life name the command their
 * request sent (the shared rule, over the rows held, in order; none across a gap in their seqs).
 */
export function inWindow(rows: readonly LogRow[]): LogRow[] {
  const commands = new RequestCommands();
  return rows.map((row, at) => {
    if (at > 0 && row.seq !== (rows[at - 1]?.seq ?? 0) + 1) commands.forgetAll();
    const commandId = commands.observe(row.record);
    return commandId === null ? row : { ...row, text: describeRecord(row.record, commandId) };
  });
}

/** The seqs the per-row rules select, in order: the reference. */
export const expected = (sentRows: readonly LogRow[], filter: LogFilter): number[] => {
  const needle = filter.text.trim().toLowerCase();
  const rows = inWindow(sentRows);
  return rows
    .filter((row, at) => rowMatches(row, filter, needle) && stillShown(rows, at, filter))
    .map((row) => row.seq);
};

/**
 * Whether row `at`, selected, is still so: for a passing outcome, no later row moved its request
 * past it (the shared rule), nor began a new run, with none missing in between. Row by row, from
 * the rows themselves: not the model's bookkeeping.
 */
function stillShown(rows: readonly LogRow[], at: number, filter: LogFilter): boolean {
  const said = filter.outcome;
  const row = rows[at];
  if (!row || said === null || said === 'problems' || said === 'unmatched' || !isPassing(said))
    return true;
  // A request's rows all carry its ref: a row without one is no request's, and stays.
  if (row.ref === null) return true;
  for (let j = at + 1; j < rows.length; j++) {
    const later = rows[j];
    const before = rows[j - 1];
    if (!later || !before || later.seq !== before.seq + 1 || later.kind === 'run-start')
      return false;
    const now = later.outcome;
    if (later.ref !== row.ref || now === null || now === 'unmatched') continue;
    if (!stillSays(said, now)) return false;
  }
  return true;
}

export const shown = (model: LogModel): number[] =>
  Array.from({ length: model.visible.length }, (_, i) => model.visible.seqAt(i) ?? -1);
