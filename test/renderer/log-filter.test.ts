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
import {
  describeRecord,
  DIGIT_FIELDS,
  DURATION_FIELDS,
  WORDLESS_FIELDS,
} from '../../shared/journal/record-text';
import { durationForm } from '../../shared/time';
import { serviceKey } from '../../renderer/src/format';
import {
  LogModel,
  NO_FILTER,
  rowHaystack,
  rowMatches,
  type LogFilter,
} from '../../renderer/src/store/log-model';
import { numberClass } from '../../renderer/src/store/number-class';

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
/** A service whose commands the words name (`RADIO_STATE (CID 3)`). */
const BASIC_CONNECT = '{A289CC33-BCBB-8B4F-B6B0-133EC2AAE6DF}';
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
/**
 * Numbers a record may carry, written every way `String` writes one: the 0, 1 and many a text may
 * choose words by, fractions (latencies are), and those written with a sign or an exponent.
 */
const number = fc.oneof(
  fc.constantFrom(0, 1, 2, 12, -0, -1, -2.5, 0.5, 40.125, 1e-7, 1e21, 2 ** 32, 2 ** 53),
  fc.nat(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
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
      serviceId: fc.oneof(small, fc.constantFrom('svc-1', '{SVC}', 'SVC', BASIC_CONNECT)),
      serviceName: text,
      ref: fc.oneof(
        text,
        fc.nat().map((n) => `Ref-${String(n)}`),
      ),
      requestId: fc.oneof(fc.nat(), fc.constant(12), number),
      n1: number,
      n2: number,
      n3: number,
      op: fc.constantFrom('close', 'query', 'set', 'write'),
      bytes: fc.oneof(text, fc.constantFrom('00', 'E_FAIL', 'deadBEEF')),
      status,
      outcome,
      kind: fc.constantFrom(
        'request',
        'request-returned',
        'completion',
        'overdue',
        'given-up',
        'read-data',
        'event-notification',
        'mbim-message',
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
            op: f.op,
            outcome: 'sending',
            sessionOpenBefore: true,
            ...(f.op === 'close' ? {} : { byteLength: f.n1, data: f.bytes }),
            ...(f.op === 'query' || f.op === 'set' ? { commandId: f.n2 } : {}),
          };
        case 'request-returned':
          return {
            ...base,
            ...place,
            kind: 'request-returned',
            ref: f.ref,
            op: f.op,
            outcome: f.latency === null ? 'refused' : 'waiting',
            requestId: f.latency === null ? null : f.requestId,
            hresult: f.status[0],
            hresultName: f.status[1],
            callMs: f.n1,
          };
        case 'completion':
          return {
            ...base,
            ...place,
            kind: 'completion',
            op: f.op,
            requestId: f.requestId,
            status: f.status[0],
            statusName: f.status[1],
            match: f.latency === null ? 'unmatched' : 'matched',
            ref: f.latency === null ? null : f.ref,
            outcome: f.latency === null ? null : f.outcome === 'failed' ? 'failed' : 'succeeded',
            latencyMs: f.latency === null ? null : f.n3,
            ...(f.op === 'query' || f.op === 'set'
              ? { responseId: f.n1, byteLength: f.n2, data: f.bytes }
              : {}),
          };
        case 'given-up':
          return {
            ...base,
            ...place,
            kind: 'given-up',
            ref: f.ref,
            op: f.op,
            outcome: 'given-up',
            requestId: f.requestId,
            waitedMs: f.n1,
          };
        case 'event-notification':
          return {
            ...base,
            ...place,
            kind: 'event-notification',
            eventId: f.n1,
            byteLength: f.n2,
            data: f.bytes,
          };
        case 'mbim-message':
          return {
            ...base,
            kind: 'mbim-message',
            interfaceId: f.interfaceId,
            direction: 'received',
            transactionId: f.n1,
            type: 'command-done',
            service: f.serviceId,
            serviceName: f.latency === null ? null : f.serviceName,
            cid: f.n2,
            cidName: f.message,
            status: f.status[0],
            statusName: f.status[1],
            requestId: f.latency === null ? null : f.requestId,
            fragments: f.n3,
            bytes: f.bytes,
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
            timeoutMs: f.n1,
          };
        case 'read-data':
          return { ...base, ...place, kind: 'read-data', byteLength: f.n1, preview: f.bytes };
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

  it("writes a record's digit fields only as their digits", () => {
    // For a needle with no digit, the words are asked once for rows whose numbers in these fields
    // differ only within a class; were the words to read one otherwise (name a command by it, say
    // "1 byte" but "2 bytes" of another class), rows would be found by another row's words.
    const alike = (n: number, seed: number): number => {
      switch (numberClass(n)) {
        case 2:
          return 2 + seed * (seed % 3 === 0 ? 2 ** 20 : 1);
        case 3:
          return seed % 2 === 0 ? seed + 0.375 : 1e-6 * (1 + (seed % 9));
        default:
          return n;
      }
    };
    const digitsApart = (words: string): string[] => words.split(/[0-9]+/);
    fc.assert(
      fc.property(record(1), fc.nat({ max: 2 ** 30 }), (r, seed) => {
        const changed: Record<string, unknown> = { ...r };
        for (const key of DIGIT_FIELDS) {
          const value = changed[key];
          if (typeof value === 'number') changed[key] = alike(value, seed);
        }
        expect(digitsApart(describeRecord(changed as unknown as JournalRecord))).toEqual(
          digitsApart(describeRecord(r)),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it("writes a record's durations only as their form's digits", () => {
    // For a needle with no digit, the words are asked once for rows whose durations differ only
    // within one of formatDuration's forms; were the words to read one otherwise, rows would be
    // found by another row's words.
    const FORMS: readonly (readonly [number, number])[] = [
      [0, 0.9],
      [1, 999],
      [1000, 9990],
      [10_000, 119_900],
      [120_000, 1e12],
    ];
    const digitsApart = (words: string): string[] => words.split(/[0-9]+/);
    fc.assert(
      fc.property(record(1), fc.double({ min: 0, max: 1, noNaN: true }), (r, at) => {
        const changed: Record<string, unknown> = { ...r };
        for (const key of DURATION_FIELDS) {
          const value = changed[key];
          const range = FORMS[typeof value === 'number' ? durationForm(value) : -1];
          if (range) changed[key] = range[0] + (range[1] - range[0]) * at;
        }
        expect(digitsApart(describeRecord(changed as unknown as JournalRecord))).toEqual(
          digitsApart(describeRecord(r)),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('searches durations as the row writes them: "30.0 s", not the exact 30000', () => {
    const at = { v: 2, time: '2026-01-01T00:00:00.000Z', interfaceId: '{DEV-1}' } as const;
    const request = { serviceId: 'svc-1', serviceName: 'Phonebook', op: 'close' } as const;
    const records: JournalRecord[] = [
      ...[40.125, 30012.418, 412, 1500.5].map((latencyMs, i): JournalRecord => ({
        ...at,
        ...request,
        seq: i + 1,
        mono: i,
        kind: 'completion',
        ref: `r${String(i)}`,
        outcome: 'succeeded',
        requestId: 1000 + i,
        status: '0x00000000',
        statusName: 'S_OK',
        match: 'matched',
        latencyMs,
      })),
      {
        ...at,
        ...request,
        seq: 5,
        mono: 5,
        kind: 'overdue',
        ref: 'r9',
        outcome: 'overdue',
        requestId: 1009,
        timeoutMs: 30000,
      },
    ];
    const rows = sent(records);
    const model = new LogModel();
    model.insert(rows);
    const found = (needle: string): number[] => {
      const filter = { ...NO_FILTER, text: needle };
      model.setFilter(filter);
      expect(shown(model)).toEqual(expected(rows, filter));
      return shown(model);
    };
    // Needles without a digit tell one form of duration from another.
    expect(found('ms')).toEqual([1, 3]);
    expect(found('.')).toEqual([2, 4, 5]);
    expect(found('30.0 s')).toEqual([2, 5]);
    expect(found('after 30.0')).toEqual([2]);
    expect(found('1.50 s')).toEqual([4]);
    expect(found('412 ms')).toEqual([3]);
    // The exact numbers are the record's (exports, Search the whole log), not the row's words.
    expect(found('30000')).toEqual([]);
    expect(found('30012')).toEqual([]);
  });

  it('tells "1 byte" from "2 bytes", and one named command from another, in rows of one shape', () => {
    const at = { v: 2, time: '2026-01-01T00:00:00.000Z', interfaceId: '{DEV-1}' } as const;
    const notices: JournalRecord[] = [1, 2, 0, 1, 7].map((n, i) => ({
      ...at,
      seq: i + 1,
      mono: i,
      kind: 'event-notification',
      serviceId: 'svc-1',
      serviceName: 'SMS',
      eventId: 100 + i,
      byteLength: n,
      data: '00',
    }));
    // Command 3 is RADIO_STATE, 12 CONNECT: the words name them.
    const queries: JournalRecord[] = [3, 12, 3, 12].map((cid, i) => ({
      ...at,
      seq: 6 + i,
      mono: 6 + i,
      kind: 'request',
      serviceId: BASIC_CONNECT,
      serviceName: 'Basic Connect',
      ref: `r${String(i)}`,
      op: 'query',
      outcome: 'sending',
      sessionOpenBefore: true,
      byteLength: 4,
      commandId: cid,
      data: '00000000',
    }));
    const rows = sent([...notices, ...queries]);
    const model = new LogModel();
    model.insert(rows);
    for (const needle of ['bytes', 'byte', '1 byte', 'radio_state', 'connect', 'cid', '102']) {
      const filter = { ...NO_FILTER, text: needle };
      model.setFilter(filter);
      expect(shown(model)).toEqual(expected(rows, filter));
    }
    model.setFilter({ ...NO_FILTER, text: 'bytes' });
    expect(shown(model)).toEqual([2, 3, 5, 6, 7, 8, 9]);
    model.setFilter({ ...NO_FILTER, text: 'radio' });
    expect(shown(model)).toEqual([6, 8]);
    model.setFilter({ ...NO_FILTER, text: '102' });
    expect(shown(model)).toEqual([3]);
  });

  it('find a needle with a space across any two pieces of a row', () => {
    const at = { v: 2, time: '2026-01-01T00:00:00.000Z', interfaceId: '{DEV-1}' } as const;
    const service = { serviceId: 'svc-1', serviceName: 'Σ Service' } as const;
    const records: JournalRecord[] = [
      {
        ...at,
        ...service,
        seq: 1,
        mono: 1,
        kind: 'completion',
        op: 'close',
        requestId: 4242,
        status: '0x80004005',
        statusName: 'E_FAIL',
        match: 'matched',
        ref: 'Ref-7',
        outcome: 'failed',
        latencyMs: 40.125,
      },
      {
        ...at,
        ...service,
        seq: 2,
        mono: 2,
        kind: 'request-returned',
        ref: 'r8',
        op: 'close',
        outcome: 'refused',
        requestId: null,
        hresult: '0x80070005',
        hresultName: 'E_ACCESSDENIED',
        callMs: 3,
      },
    ];
    // A row whose decoded HRESULT differs from another's though its record's fields do not.
    const first = sent(records)[0];
    const rows = sent(records);
    if (first) rows.push({ ...first, seq: 3, hresult: rows[1]?.hresult ?? null });
    const model = new LogModel();
    model.insert(rows);
    for (const row of rows) {
      const haystack = rowHaystack(row);
      for (let from = 0; from < haystack.length; from++)
        for (let to = from + 3; to <= Math.min(haystack.length, from + 14); to++) {
          const filter = { ...NO_FILTER, text: haystack.slice(from, to).toUpperCase() };
          if (!filter.text.trim().includes(' ')) continue;
          model.setFilter(filter);
          expect(shown(model)).toEqual(expected(rows, filter));
        }
    }
  });

  it('show the rows the per-row rules select in a log of one record but for its numbers', () => {
    // Rows alike but for their numbers share one answer for a needle with no digit: a needle with
    // digits, or numbers of two classes, must still tell them apart.
    const numbers = fc.array(fc.tuple(number, number, number, number), {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(
        record(1)
          .chain((r) => fc.tuple(fc.constant(r), numbers))
          .chain(([r, values]) => {
            const records = values.map(([a, b, c, d], i) => {
              const changed: Record<string, unknown> = { ...r, seq: i + 1 };
              [...DIGIT_FIELDS, ...DURATION_FIELDS, 'commandId'].forEach((key, k) => {
                if (typeof changed[key] === 'number') changed[key] = [a, b, c, d][k % 4];
              });
              return changed as unknown as JournalRecord;
            });
            const rows = sent(records);
            return fc.tuple(fc.constant(rows), needles(rows));
          }),
        ([rows, needle]) => {
          const model = new LogModel();
          model.insert(rows.map((r) => structuredClone(r)));
          for (let n = 1; n <= needle.length; n++) {
            const filter = { ...NO_FILTER, text: needle.slice(0, n) };
            model.setFilter(filter);
            expect(shown(model)).toEqual(expected(rows, filter));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
