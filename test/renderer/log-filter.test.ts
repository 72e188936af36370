/**
 * The log's filters read its columns without making rows (renderer/src/store/log-model.ts,
 * piece-search.ts, row-columns.ts `testFields`): whatever a technician filters by, the rows shown
 * must be exactly those the per-row rules (`rowMatches`, on the rows main sends) select, in order.
 * The record words the filters rely on are in log-filter-record-words.test.ts, numbers searched
 * as rows write them in log-filter-numbers.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../electron/ipc/contract';
import type { JournalRecord } from '../../shared/journal/record';
import { DIGIT_FIELDS, DURATION_FIELDS } from '../../shared/journal/record-text';
import { serviceKey } from '../../shared/model';
import { NO_FILTER, rowHaystack } from '../../renderer/src/store/log-filter';
import { LogModel } from '../../renderer/src/store/log-model';
import { log, number, record } from './support/log-filter-records';
import { expected, filterOf, needles, sent, shown } from './support/log-filter-reference';

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

  it('keep a still-sending or still-waiting view exact as rows arrive, a batch held back too', () => {
    // Rows arrive after the filter is set: a request's later rows take its rows out as they come.
    fc.assert(
      fc.property(
        log.chain((records) => {
          const rows = sent(records);
          return fc.tuple(
            fc.constant(rows),
            filterOf(rows).chain((f) =>
              fc.constantFrom('sending', 'waiting').map((outcome) => ({ ...f, outcome })),
            ),
            fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 12 }),
            fc.nat(),
          );
        }),
        ([rows, filter, sizes, heldBack]) => {
          const batches: LogRow[][] = [];
          for (let from = 0, b = 0; from < rows.length; b++) {
            const to = from + (sizes[b % Math.max(1, sizes.length)] ?? rows.length);
            batches.push(rows.slice(from, to));
            from = to;
          }
          // One batch comes last (a hole, paged in after the rows that followed it).
          const late = batches.length > 2 ? 1 + (heldBack % (batches.length - 2)) : -1;
          const model = new LogModel();
          model.setFilter(filter);
          const arrived: LogRow[] = [];
          const order = [...batches.keys()].filter((b) => b !== late);
          if (late >= 0) order.push(late);
          for (const b of order) {
            const batch = batches[b] ?? [];
            model.insert(batch.map((r) => structuredClone(r)));
            arrived.push(...batch);
            arrived.sort((x, y) => x.seq - y.seq);
            expect(shown(model)).toEqual(expected(arrived, filter));
          }
        },
      ),
      { numRuns: 300 },
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

describe('"Any problem" in the log', () => {
  it('shows the backend going unavailable and an error beside the failed requests', () => {
    const head = (seq: number) => ({
      v: 2 as const,
      seq,
      time: `2026-11-23T09:00:0${String(seq)}.000Z`,
      mono: seq,
    });
    const place = { interfaceId: 'i', serviceId: '{SVC}', serviceName: 'SMS' };
    const records: JournalRecord[] = [
      {
        ...head(1),
        ...place,
        kind: 'request',
        ref: 'r1',
        op: 'close',
        outcome: 'sending',
        sessionOpenBefore: true,
      },
      { ...head(2), kind: 'backend-status', backend: 'mbn', available: false, message: 'Gone.' },
      { ...head(3), kind: 'error', context: 'events', message: 'Event could not be read' },
      { ...head(4), kind: 'backend-status', backend: 'mbn', available: true, message: 'Back.' },
      {
        ...head(5),
        ...place,
        kind: 'request-returned',
        ref: 'r1',
        op: 'close',
        outcome: 'refused',
        requestId: null,
        hresult: '0x80070005',
        hresultName: 'E_ACCESSDENIED',
        callMs: 1,
      },
    ];
    const model = new LogModel();
    model.insert(sent(records));
    model.setFilter({ ...NO_FILTER, outcome: 'problems' });
    // The outage, the error and the refusal: not the request still sending, nor "back".
    expect(shown(model)).toEqual([2, 3, 5]);
  });
});
