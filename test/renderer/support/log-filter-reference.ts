/**
 * The reference the log-filter tests hold the log model to: the rows main sends, the filters and
 * needles a technician might set, and the seqs the per-row rules (`rowMatches`) select for them.
 */
import fc from 'fast-check';
import type { LogRow } from '../../../electron/ipc/contract';
import { toLogRow } from '../../../electron/ipc/log-row';
import type { JournalRecord } from '../../../shared/journal/record';
import { serviceKey } from '../../../renderer/src/format';
import { rowMatches, type LogFilter, type LogModel } from '../../../renderer/src/store/log-model';
import { small, text } from './log-filter-records';

/** A needle a technician might type: any text, or a piece of one of some row's pieces in any case. */
export function needles(rows: readonly LogRow[]): fc.Arbitrary<string> {
  const pieces = rows.flatMap((r) => [
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
      arbitrary: fc.constantFrom('e', 'e_', 'e_fail', '#1', 'ς', 'σ', 'i̇', '  ', 'sent to'),
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
      fc.constantFrom('failed', 'succeeded', 'problems', 'unmatched', 'sending', 'overdue'),
      { nil: null },
    ),
    text: needles(rows),
  });
}

/** The rows main sends for the records, copied as IPC copies them. */
export const sent = (records: readonly JournalRecord[]): LogRow[] =>
  records.map((r) => structuredClone(toLogRow(r)));

/** The seqs the per-row rules select, in order: the reference. */
export const expected = (rows: readonly LogRow[], filter: LogFilter): number[] => {
  const needle = filter.text.trim().toLowerCase();
  return rows.filter((row) => rowMatches(row, filter, needle)).map((row) => row.seq);
};

export const shown = (model: LogModel): number[] =>
  Array.from({ length: model.visible.length }, (_, i) => model.visible.seqAt(i) ?? -1);
