import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../electron/ipc/contract';
import type { JournalRecord } from '../../shared/journal/record';
import { toLogRow } from '../../electron/ipc/log-row';
import { serviceKey } from '../../shared/model';
import { NO_FILTER } from '../../renderer/src/store/log-filter';
import { LogModel } from '../../renderer/src/store/log-model';
import { rowsBetween, type Rows } from '../../renderer/src/store/row-list';

const DEV = 'dev-1';
const TIME = '2026-11-23T09:00:00.000Z';
type Place = { interfaceId?: string; serviceId?: string };
const base = (seq: number, place: Place = {}) => ({
  v: 2 as const,
  seq,
  time: TIME,
  mono: seq,
  interfaceId: place.interfaceId ?? DEV,
  serviceId: place.serviceId ?? '{SVC}',
  serviceName: 'SMS',
});
/**
 * The row main sends for `record` (its words, decoded codes and all), copied as IPC copies it:
 * the log must read the same from what it keeps.
 */
const sent = (record: JournalRecord): LogRow => structuredClone(toLogRow(record));
const row = (seq: number, place?: Place): LogRow =>
  sent({ ...base(seq, place), kind: 'read-data', byteLength: 1, preview: '00' });
const request = (seq: number, ref: string): LogRow =>
  sent({
    ...base(seq),
    kind: 'request',
    ref,
    op: 'close',
    outcome: 'sending',
    sessionOpenBefore: true,
  });
const completion = (
  seq: number,
  requestId: number,
  outcome: 'succeeded' | 'failed',
  status: [string, string],
  place?: Place,
): LogRow =>
  sent({
    ...base(seq, place),
    kind: 'completion',
    op: 'close',
    requestId,
    status: status[0],
    statusName: status[1],
    match: 'matched',
    ref: `r${String(seq)}`,
    outcome,
    latencyMs: 40,
  });
const overdue = (seq: number): LogRow =>
  sent({
    ...base(seq),
    kind: 'overdue',
    ref: `r${String(seq)}`,
    op: 'close',
    outcome: 'overdue',
    requestId: null,
    timeoutMs: 1000,
  });
const E_FAIL: [string, string] = ['0x80004005', 'E_FAIL'];
const E_ACCESSDENIED: [string, string] = ['0x80070005', 'E_ACCESSDENIED'];
const S_OK: [string, string] = ['0x00000000', 'S_OK'];
/** The rows a list holds, made as the log shows them. */
const all = (rows: Rows): LogRow[] => rowsBetween(rows, 0, rows.length);
const seqs = (rows: Rows) => all(rows).map((r) => r.seq);

describe('log model', () => {
  it('appends in order, ignores duplicates, and reports the hole a late batch leaves', () => {
    const model = new LogModel();
    expect(model.insert([row(1), row(2)])).toBeNull();
    expect(model.insert([row(2), row(3)])).toBeNull();
    expect(model.insert([row(7), row(8)])).toEqual({ fromSeq: 4, toSeq: 6 });
    expect(model.findHole()).toEqual({ fromSeq: 4, toSeq: 6 });
    model.insert([row(4), row(5), row(6)]);
    expect(seqs(model.rows)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(model.findHole()).toBeNull();
  });

  it('keeps the filtered view up to date as rows arrive', () => {
    const model = new LogModel();
    model.insert([row(1), completion(2, 1001, 'failed', E_FAIL)]);
    model.setFilter({ ...NO_FILTER, outcome: 'problems' });
    expect(seqs(model.visible)).toEqual([2]);
    model.insert([completion(3, 1002, 'succeeded', S_OK), overdue(4)]);
    expect(seqs(model.visible)).toEqual([2, 4]);
    model.setFilter(NO_FILTER);
    expect(model.visible).toBe(model.rows);
  });

  it('filters by device, service, kind and text together', () => {
    const model = new LogModel();
    model.insert([
      completion(1, 1001, 'failed', E_ACCESSDENIED),
      completion(2, 1002, 'failed', E_ACCESSDENIED, { interfaceId: 'dev-2' }),
      request(3, 'r3'),
      completion(4, 1004, 'failed', E_ACCESSDENIED, { serviceId: 'other' }),
    ]);
    model.setFilter({
      interfaceId: DEV,
      service: serviceKey(DEV, '{SVC}'),
      kind: 'completion',
      outcome: null,
      text: '  e_accessdenied ',
    });
    expect(seqs(model.visible)).toEqual([1]);
    model.setFilter({ ...NO_FILTER, text: '#1002' });
    expect(seqs(model.visible)).toEqual([2]);
  });

  it('searches request IDs and HRESULT names as a technician types them', () => {
    const model = new LogModel();
    model.insert([completion(1, 1002, 'failed', E_FAIL), row(2)]);
    model.setFilter({ ...NO_FILTER, text: '#1002' });
    expect(seqs(model.visible)).toEqual([1]);
    model.setFilter({ ...NO_FILTER, text: '0x80004005' });
    expect(seqs(model.visible)).toEqual([1]);
    model.setFilter({ ...NO_FILTER, text: 'unspecified' });
    expect(seqs(model.visible)).toEqual([]);
    model.setFilter({ ...NO_FILTER, text: 'e_fail' });
    expect(seqs(model.visible)).toEqual([1]);
  });

  it('finds the same rows as the technician types on, rows that arrived meanwhile included', () => {
    const model = new LogModel();
    model.insert([
      completion(1, 1001, 'failed', E_FAIL),
      row(2),
      completion(3, 1003, 'failed', E_ACCESSDENIED),
    ]);
    model.setFilter({ ...NO_FILTER, text: 'e_' });
    expect(seqs(model.visible)).toEqual([1, 3]);
    model.insert([completion(4, 1004, 'failed', E_FAIL)]);
    model.setFilter({ ...NO_FILTER, text: 'e_f' });
    expect(seqs(model.visible)).toEqual([1, 4]);
    // Text taken back, or another filter: every row is looked at again.
    model.setFilter({ ...NO_FILTER, text: 'e_' });
    expect(seqs(model.visible)).toEqual([1, 3, 4]);
    model.setFilter({ ...NO_FILTER, text: 'e_fail', kind: 'read-data' });
    expect(seqs(model.visible)).toEqual([]);
    model.setFilter({ ...NO_FILTER, text: 'e_fail' });
    expect(seqs(model.visible)).toEqual([1, 4]);
  });

  it('shows every row as main made it: its words, codes, outcome and place', () => {
    const model = new LogModel();
    const made = [
      request(1, 'r1'),
      completion(2, 1001, 'failed', E_FAIL),
      overdue(3),
      row(4, { serviceId: 'other' }),
      completion(5, 1002, 'succeeded', S_OK, { interfaceId: 'dev-2' }),
    ];
    model.insert(made.map((r) => structuredClone(r)));
    const shown = (r: LogRow) => ({
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
    expect(all(model.rows).map(shown)).toEqual(made.map(shown));
    expect(model.rows.at(1)?.text).toBe('close #1001 completed: E_FAIL (0x80004005) after 40 ms');
  });

  it('drops the oldest rows past its capacity (they stay pageable from the journal)', () => {
    const model = new LogModel(100);
    model.insert(Array.from({ length: 150 }, (_, i) => row(i + 1)));
    expect(model.rows.length).toBeLessThanOrEqual(100);
    expect(model.lastSeq).toBe(150);
    expect(model.findHole()).toBeNull();
    // Paging back in puts older rows in front.
    model.insert([row(40)]);
    expect(model.firstSeq).toBe(40);
  });

  it('keeps the rows before the newest beside them, counting and dropping the newest alone', () => {
    // A large saved log: its first page, a jump's rows, then its newest rows from 1001 on.
    const model = new LogModel(100);
    const first = Array.from({ length: 20 }, (_, i) => row(i + 1));
    model.insert([...first, row(500), row(501)]);
    model.keepBefore(1001);
    model.insert(Array.from({ length: 100 }, (_, i) => row(1001 + i)));
    // Every one of the newest, the first page and the jump's rows where they were.
    expect(model.rows.length).toBe(122);
    expect(model.keptCount).toBe(22);
    expect(model.rows.indexOfSeq(7)).toBe(6);
    expect(model.rows.indexOfSeq(1001)).toBe(22);
    // Past capacity, the oldest of the newest go; the rows kept stay.
    model.insert([row(1101)]);
    expect(model.rows.indexOfSeq(7)).toBe(6);
    expect(model.rows.indexOfSeq(501)).toBe(21);
    expect(model.rows.indexOfSeq(1001)).toBe(-1);
    expect(model.lastSeq).toBe(1101);
    expect(model.rows.length - model.keptCount).toBeLessThanOrEqual(100);
    // Another log: one stretch again, all of it counted.
    model.clear();
    expect(model.keptCount).toBe(0);
  });
});

/**
 * The live overview adds the window's problems past the newest entry it counted (Overview.tsx):
 * "2 with a problem" above a third failure in the log read as a miss.
 */
describe('problems past the overview', () => {
  it('counts the problem rows after an entry, as rows come and as a hole fills', () => {
    const model = new LogModel();
    model.insert([row(1), completion(2, 7, 'failed', E_FAIL)]);
    expect(model.problemsAfter(0)).toBe(1);
    expect(model.problemsAfter(2)).toBe(0);
    model.insert([row(3), overdue(6)]);
    expect(model.problemsAfter(2)).toBe(1);
    // The hole 4-5 fills with a failure: among the rows counted, so counted again.
    model.insert([completion(4, 8, 'failed', E_ACCESSDENIED), completion(5, 9, 'succeeded', S_OK)]);
    expect(model.problemsAfter(2)).toBe(2);
    model.clear();
    expect(model.problemsAfter(0)).toBe(0);
  });
});
