/**
 * The log's filters read its columns without making rows (renderer/src/store/log-model.ts,
 * piece-search.ts, row-columns.ts `testFields`): whatever a technician filters by, the rows shown
 * must be exactly those the per-row rules (`rowMatches`, on the rows main sends) select, in order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../electron/ipc/contract';
import { toLogRow } from '../../electron/ipc/log-row';
import type { JournalRecord } from '../../shared/journal/record';
import { describeRecord } from '../../shared/journal/record-text';
import { serviceKey } from '../../renderer/src/format';
import {
  LogModel,
  NO_FILTER,
  rowMatches,
  type LogFilter,
} from '../../renderer/src/store/log-model';
import { WORDLESS_FIELDS } from '../../renderer/src/store/piece-search';

/** Strings a journal may carry that trip up lowercasing, splitting and lookups. */
const HOSTILE = [
  '',
  ' ',
  'Σ',
  'ΟΔΟΣ',
  'İstanbul',
  'ß',
  'K',
  '__proto__',
  'constructor',
  'E_FAIL',
  'e_fail ',
  '#12',
  '→',
  '\u0000',
  '\u00a0x',
  'a  b',
  '{DEV-1}',
  ' {dev-1} ',
];
const text = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);
const small = fc.constantFrom('{DEV-1}', '{dev-1}', 'dev-2', 'Σ', '__proto__', '');
const time = fc.oneof(
  fc.integer({ min: 0, max: 4e12 }).map((ms) => new Date(ms).toISOString()),
  fc.constantFrom('not a time', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000+00:00'),
);
const status = fc.constantFrom(
  ['0x80004005', 'E_FAIL'],
  ['0x00000000', 'S_OK'],
  ['0x80070005', 'E_ACCESSDENIED'],
  ['0x8000ffff', 'Σ_WEIRD'],
  ['not hex', 'odd'],
);
const outcome = fc.constantFrom(
  'sending',
  'succeeded',
  'failed',
  'late',
  'overdue',
  'abandoned',
  'refused',
);

const record = (seq: number): fc.Arbitrary<JournalRecord> =>
  fc
    .record({
      time,
      mono: fc.oneof(fc.nat(), fc.double({ noNaN: true, noDefaultInfinity: true })),
      interfaceId: small,
      serviceId: fc.oneof(small, fc.constantFrom('svc-1', '{SVC}', 'SVC')),
      serviceName: text,
      ref: fc.oneof(
        text,
        fc.nat().map((n) => `Ref-${String(n)}`),
      ),
      requestId: fc.oneof(fc.nat(), fc.constant(12)),
      status,
      outcome,
      kind: fc.constantFrom(
        'request',
        'completion',
        'overdue',
        'read-data',
        'error',
        'session-state',
      ),
      message: text,
      latency: fc.option(fc.nat(), { nil: null }),
    })
    .map((f) => {
      const base = { v: 2 as const, seq, time: f.time, mono: f.mono };
      const place = {
        interfaceId: f.interfaceId,
        serviceId: f.serviceId,
        serviceName: f.serviceName,
      };
      switch (f.kind) {
        case 'request':
          return {
            ...base,
            ...place,
            kind: 'request',
            ref: f.ref,
            op: 'close',
            outcome: 'sending',
            sessionOpenBefore: true,
          };
        case 'completion':
          return {
            ...base,
            ...place,
            kind: 'completion',
            op: 'close',
            requestId: f.requestId,
            status: f.status[0],
            statusName: f.status[1],
            match: f.latency === null ? 'unmatched' : 'matched',
            ref: f.latency === null ? null : f.ref,
            outcome: f.latency === null ? null : f.outcome === 'failed' ? 'failed' : 'succeeded',
            latencyMs: f.latency,
          };
        case 'overdue':
          return {
            ...base,
            ...place,
            kind: 'overdue',
            ref: f.ref,
            op: 'close',
            outcome: 'overdue',
            requestId: null,
            timeoutMs: 1000,
          };
        case 'read-data':
          return { ...base, ...place, kind: 'read-data', byteLength: 16, preview: '00' };
        case 'session-state':
          return { ...base, ...place, kind: 'session-state', from: 'open', to: 'closed' };
        default:
          return { ...base, kind: 'error', context: f.serviceName, message: f.message };
      }
    }) as fc.Arbitrary<JournalRecord>;

const log = fc
  .integer({ min: 0, max: 60 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => record(i + 1))));

/** A needle a technician might type: any text, or a piece of one of some row's pieces in any case. */
function needles(rows: readonly LogRow[]): fc.Arbitrary<string> {
  const pieces = rows.flatMap((r) => [
    r.text,
    r.serviceName ?? '',
    r.hresult?.name ?? '',
    r.hresult?.hex ?? '',
    r.requestId === null ? '' : `#${String(r.requestId)}`,
    r.ref ?? '',
    `${r.text} ${r.serviceName ?? ''}`,
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

function filterOf(rows: readonly LogRow[]): fc.Arbitrary<LogFilter> {
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
const sent = (records: readonly JournalRecord[]): LogRow[] =>
  records.map((r) => structuredClone(toLogRow(r)));

/** The seqs the per-row rules select, in order: the reference. */
const expected = (rows: readonly LogRow[], filter: LogFilter): number[] => {
  const needle = filter.text.trim().toLowerCase();
  return rows.filter((row) => rowMatches(row, filter, needle)).map((row) => row.seq);
};

const shown = (model: LogModel): number[] =>
  Array.from({ length: model.visible.length }, (_, i) => model.visible.seqAt(i) ?? -1);

describe('log filters over the columns', () => {
  it('show exactly the rows the per-row rules select, for any filter', () => {
    fc.assert(
      fc.property(
        log.chain((records) => {
          const rows = sent(records);
          return fc.tuple(
            fc.constant(rows),
            fc.array(filterOf(rows), { minLength: 1, maxLength: 4 }),
          );
        }),
        ([rows, filters]) => {
          const model = new LogModel();
          model.insert(rows.map((r) => structuredClone(r)));
          for (const filter of filters) {
            model.setFilter(filter);
            expect(shown(model)).toEqual(expected(rows, filter));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('show the same rows as a technician types a needle on, one key at a time', () => {
    fc.assert(
      fc.property(
        log.chain((records) => {
          const rows = sent(records);
          return fc.tuple(fc.constant(rows), needles(rows), filterOf(rows));
        }),
        ([rows, needle, place]) => {
          const model = new LogModel();
          model.insert(rows.map((r) => structuredClone(r)));
          for (let n = 1; n <= needle.length; n++) {
            const filter = { ...place, text: needle.slice(0, n) };
            model.setFilter(filter);
            expect(shown(model)).toEqual(expected(rows, filter));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('read a log of hundreds of services (too many strings for one number a place) right', () => {
    const records: JournalRecord[] = Array.from({ length: 2000 }, (_, i) => ({
      v: 2,
      seq: i + 1,
      time: new Date(Date.UTC(2026, 0, 1) + i).toISOString(),
      mono: i,
      interfaceId: `{DEV-${String(i % 7)}}`,
      serviceId: `svc-${String(i % 300)}`,
      serviceName: `Service ${String(i % 311)}`,
      kind: 'request',
      ref: `r${String(i)}`,
      op: 'close',
      outcome: 'sending',
      sessionOpenBefore: true,
    }));
    const rows = sent(records);
    const model = new LogModel();
    model.insert(rows);
    for (const filter of [
      { ...NO_FILTER, service: serviceKey('{DEV-3}', 'svc-17') },
      { ...NO_FILTER, text: 'service 12' },
      { ...NO_FILTER, text: 'service 12', interfaceId: '{DEV-5}' },
      { ...NO_FILTER, text: '299' },
    ]) {
      model.setFilter(filter);
      expect(shown(model)).toEqual(expected(rows, filter));
      expect(shown(model).length).toBeGreaterThan(0);
    }
  });

  it("asks a record's words only of the fields they can show", () => {
    // The text filter asks a record's words once for rows that differ only in these fields; were
    // the words to show one of them, rows would be found by another row's words.
    fc.assert(
      fc.property(record(1), text, fc.nat(), (r, other, n) => {
        const changed: Record<string, unknown> = { ...r };
        for (const key of WORDLESS_FIELDS)
          if (key in changed)
            changed[key] = key === 'v' || key === 'seq' || key === 'mono' ? n : other;
        expect(describeRecord(changed as unknown as JournalRecord)).toBe(describeRecord(r));
      }),
    );
  });
});
