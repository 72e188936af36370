/**
 * A busy live log fills its window (250,000 rows) within a minute and from then on drops its
 * oldest 25,000 every few seconds. Each drop made every row kept into a record and kept it again,
 * a second and more with the window frozen; the rows kept are now copied as they are kept
 * (row-columns.ts `without`). Whatever the log held, the rows kept must read as they did before
 * the drop, the filters show the same of them, and the rows that come after go on as in a window
 * that never dropped any: a row's words do not change under the technician reading it because
 * older rows went. Following live, the rows kept are not copied at all (row-columns.ts
 * `dropFront`): the copy of 225,000 rows was still 100–500 ms of a frozen window at each drop.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../electron/ipc/contract';
import { toLogRow } from '../../electron/ipc/log-row';
import { NO_FILTER } from '../../renderer/src/store/log-filter';
import { LogModel } from '../../renderer/src/store/log-model';
import { log } from './support/log-filter-records';
import { filterOf, sent, shown } from './support/log-filter-reference';
import { readData } from './support/request-rows';
import { rowPages } from '../../bench/timeline-rows';

const BASIC_CONNECT = '{A289CC33-BCBB-8B4F-B6B0-133EC2AAE6DF}';
const at = (seq: number) => ({
  v: 2 as const,
  seq,
  mono: seq,
  time: '2026-11-23T09:00:00.000Z',
  interfaceId: 'dev-1',
  serviceId: BASIC_CONNECT,
  serviceName: 'Basic Connect',
  op: 'query' as const,
});
const query = (seq: number, ref: string): LogRow =>
  toLogRow({
    ...at(seq),
    kind: 'request',
    ref,
    outcome: 'sending',
    sessionOpenBefore: true,
    commandId: 3,
    byteLength: 0,
    data: '',
  });
const accepted = (seq: number, ref: string, requestId: number): LogRow =>
  toLogRow({
    ...at(seq),
    kind: 'request-returned',
    ref,
    outcome: 'waiting',
    requestId,
    hresult: '0x00000000',
    hresultName: 'S_OK',
    callMs: 2,
  });
const completed = (seq: number, ref: string, requestId: number): LogRow =>
  toLogRow({
    ...at(seq),
    kind: 'completion',
    ref,
    requestId,
    status: '0x00000000',
    statusName: 'S_OK',
    match: 'matched',
    outcome: 'succeeded',
    latencyMs: 42,
  });

/** A row as the window shows and copies it, field by field. */
const read = (r: LogRow) => ({
  seq: r.seq,
  time: r.time,
  kind: r.kind,
  interfaceId: r.interfaceId,
  serviceId: r.serviceId,
  serviceName: r.serviceName,
  ref: r.ref,
  requestId: r.requestId,
  outcome: r.outcome,
  hresult: r.hresult,
  latencyMs: r.latencyMs,
  sessionState: r.sessionState,
  text: r.text,
  record: r.record,
});

/** Every row the model holds, as read, in order. */
const held = (model: LogModel) =>
  Array.from({ length: model.rows.length }, (_, i) => model.rows.at(i))
    .filter((row): row is LogRow => row !== undefined)
    .map(read);

/** The rows, sent in batches of `batch` to a window of `capacity` and to one that keeps them all. */
function windows(rows: readonly LogRow[], capacity: number, batch: number) {
  const small = new LogModel(capacity);
  const whole = new LogModel();
  for (let i = 0; i < rows.length; i += batch) {
    small.insert(structuredClone(rows.slice(i, i + batch)));
    whole.insert(structuredClone(rows.slice(i, i + batch)));
  }
  return { small, whole };
}

describe('a full window dropping its oldest rows', () => {
  it('keeps the rest as they read, and filters them as the window that kept every row', () => {
    fc.assert(
      fc.property(
        log.chain((records) => {
          const rows = sent(records);
          return fc.tuple(
            fc.constant(rows),
            fc.integer({ min: 1, max: 30 }),
            fc.integer({ min: 1, max: 7 }),
            fc.array(filterOf(rows), { minLength: 1, maxLength: 3 }),
          );
        }),
        ([rows, capacity, batch, filters]) => {
          const { small, whole } = windows(rows, capacity, batch);
          const kept = held(small);
          const seqs = new Set(kept.map((row) => row.seq));
          // Each row kept, field by field (its words, codes, times, record), as the whole log's.
          expect(kept).toEqual(held(whole).filter((row) => seqs.has(row.seq)));
          for (const filter of filters) {
            small.setFilter(filter);
            whole.setFilter(filter);
            expect(shown(small)).toEqual(shown(whole).filter((seq) => seqs.has(seq)));
          }
          small.setFilter(NO_FILTER);
          expect(shown(small)).toEqual(kept.map((row) => row.seq));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("names a query's command in its rows kept, its request's row dropped before them", () => {
    // RADIO_STATE asked (its row names the command; the rows after it do not say it), then
    // enough rows to fill the window: the request's row goes, its return and completion stay.
    const rows = [
      query(1, 'r1'),
      ...Array.from({ length: 9 }, (_, i) => readData(2 + i)),
      accepted(11, 'r1', 77),
      ...Array.from({ length: 5 }, (_, i) => readData(12 + i)),
    ];
    const model = new LogModel(10);
    const whole = new LogModel();
    for (const row of rows) {
      model.insert([structuredClone(row)]);
      whole.insert([structuredClone(row)]);
    }
    model.insert([completed(17, 'r1', 77)]);
    whole.insert([completed(17, 'r1', 77)]);
    expect(model.rows.indexOfSeq(1)).toBe(-1);
    const said = (m: LogModel, seq: number) => held(m).find((row) => row.seq === seq)?.text;
    expect(said(model, 11)).toMatch(/RADIO_STATE/);
    expect(said(model, 17)).toMatch(/RADIO_STATE/);
    expect(held(model)).toEqual(held(whole).filter((row) => row.seq >= (model.firstSeq ?? 0)));
    // Every row the window holds shown, the newest last.
    expect(shown(model).at(-1)).toBe(17);
    expect(model.visible.length).toBe(model.rows.length);
  });

  it('drops the oldest following live without copying the rows kept, which read as they did', () => {
    // Rows through several of the columns' chunks (16,384 rows), drops letting go of the oldest.
    const rows = [...rowPages(40_000)].flatMap((page) => structuredClone(page));
    const capacity = 20_000;
    const small = new LogModel(capacity);
    const whole = new LogModel();
    const failed = { ...NO_FILTER, outcome: 'failed' as const };
    small.setFilter(failed);
    for (let i = 0; i < rows.length; i += 1_000) {
      small.insert(structuredClone(rows.slice(i, i + 1_000)));
      whole.insert(structuredClone(rows.slice(i, i + 1_000)));
    }
    expect(rows.length).toBeGreaterThan(capacity * 4);
    expect(small.droppedShown).toBeGreaterThan(0);
    expect(small.rowsCopied).toBe(0);
    // The columns let go of the rows dropped (a chunk at a time, a drop late): the window holds
    // its own rows' worth, not every row that went through it.
    expect(small.rows.byteLength).toBeLessThan(whole.rows.byteLength * 0.6);
    // Every row kept, as the log that kept them all reads it; and the failed ones of them.
    const kept = held(small);
    expect(kept.length).toBeGreaterThan(capacity * 0.8);
    expect(kept).toEqual(held(whole).slice(-kept.length));
    whole.setFilter(failed);
    const seqs = new Set(kept.map((row) => row.seq));
    expect(shown(small)).toEqual(shown(whole).filter((seq) => seqs.has(seq)));
    small.setFilter(NO_FILTER);
    expect(shown(small)).toEqual(kept.map((row) => row.seq));
    expect(small.findHole()).toBeNull();
  });
});
