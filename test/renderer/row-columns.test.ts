/**
 * The log's rows kept in columns read back as the rows main sent: every field of every kind of
 * row, key order and odd values included, whether read while still fresh or made again from the
 * columns, after a merge, and through a filtered view.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../electron/ipc/contract';
import { toLogRow } from '../../electron/ipc/log-row';
import type { JournalRecord } from '../../shared/journal/record';
import { NO_FILTER } from '../../renderer/src/store/log-filter';
import { LogModel } from '../../renderer/src/store/log-model';
import { RowColumns } from '../../renderer/src/store/row-columns';
import { RowSubset, rowsBetween } from '../../renderer/src/store/row-list';

const TIME = '2026-11-23T09:00:00.123Z';
const IF = '{3D01DCB5-8DCA-4B5E-A3F2-1F0A2E4C5B6D}';
const SVC = '{533FBEEB-14FE-4467-9F90-33A223E56C3F}';
const base = { v: 2 as const, time: TIME, mono: 1234.567 };
const service = { interfaceId: IF, serviceId: SVC, serviceName: 'SMS' };
/** Strings a device, a scenario or a log could carry: control characters, markup, odd Unicode. */
const HOSTILE = '\u001b[2J<img src=x onerror=alert(1)>\u0000\ud800 "é" \u202e';

/** One record of every kind, with hostile strings where the record carries free text. */
const EVERY_KIND: JournalRecord[] = [
  {
    ...base,
    seq: 1,
    kind: 'run-start',
    format: 'mbn-diag-journal',
    runId: 'run-1',
    app: { name: 'mbn-diag', version: '1.0.0' },
    os: { platform: 'win32', release: '10.0.22631', arch: 'x64' },
    backend: { kind: 'simulator', label: HOSTILE, reason: 'no MBN service' },
  },
  {
    ...base,
    ...service,
    seq: 2,
    kind: 'request',
    ref: 'r1',
    op: 'query',
    outcome: 'sending',
    sessionOpenBefore: null,
    precondition: 'command-session-not-open',
    byteLength: 4,
    commandId: 11,
    commandListed: false,
    data: '01000000',
  },
  {
    ...base,
    ...service,
    seq: 3,
    kind: 'request-returned',
    ref: 'r1',
    op: 'query',
    outcome: 'waiting',
    requestId: 4294967295,
    hresult: '0x00000000',
    hresultName: 'S_OK',
    callMs: 0.25,
  },
  {
    ...base,
    ...service,
    seq: 4,
    kind: 'completion',
    op: 'supported-commands',
    requestId: 1001,
    status: '0x80070005',
    statusName: 'E_ACCESSDENIED',
    match: 'matched',
    ref: 'r1',
    outcome: 'failed',
    latencyMs: 40.5,
    commandIds: [1, 2, 3],
    responseId: 7,
    byteLength: 0,
    data: '',
  },
  {
    ...base,
    ...service,
    seq: 5,
    kind: 'completion',
    op: 'close',
    requestId: 0,
    status: '0xZZ',
    statusName: HOSTILE,
    match: 'unknown-request',
    ref: null,
    outcome: null,
    latencyMs: null,
  },
  {
    ...base,
    ...service,
    seq: 6,
    kind: 'overdue',
    ref: 'r2',
    op: 'close',
    outcome: 'overdue',
    requestId: null,
    timeoutMs: 10000,
  },
  {
    ...base,
    ...service,
    seq: 7,
    kind: 'given-up',
    ref: 'r2',
    op: 'close',
    outcome: 'given-up',
    requestId: null,
    waitedMs: 12000.5,
  },
  {
    ...base,
    ...service,
    seq: 8,
    kind: 'abandoned',
    ref: 'r3',
    op: 'open',
    outcome: 'abandoned',
    requestId: 3,
    reason: 'device-removed',
  },
  {
    ...base,
    ...service,
    seq: 9,
    kind: 'call-failed',
    ref: 'r4',
    op: 'close',
    outcome: 'call-failed',
    message: HOSTILE,
  },
  { ...base, ...service, seq: 10, kind: 'session-state', from: 'open', to: 'closed' },
  { ...base, ...service, seq: 11, kind: 'command-session-state', from: 'closed', to: 'open' },
  {
    ...base,
    ...service,
    seq: 12,
    kind: 'event-notification',
    eventId: 3,
    byteLength: 2,
    data: 'beef',
  },
  { ...base, ...service, seq: 13, kind: 'read-data', byteLength: 16, preview: '00ff' },
  { ...base, seq: 14, kind: 'device-arrival', interfaceId: IF, model: HOSTILE },
  { ...base, seq: 15, kind: 'device-removal', interfaceId: IF },
  {
    ...base,
    seq: 16,
    kind: 'device-info',
    interfaceId: IF,
    manufacturer: 'Quectel',
    model: 'EM7565',
    firmware: '1.0',
    deviceId: '359000000000000',
    readyState: 'initialized',
  },
  { ...base, seq: 17, kind: 'backend-status', backend: 'mbn', available: false, message: HOSTILE },
  { ...base, seq: 18, kind: 'error', message: HOSTILE, context: 'journal' },
  {
    ...base,
    seq: 19,
    kind: 'mbim-message',
    interfaceId: IF,
    direction: 'received',
    transactionId: 9,
    type: 'command-done',
    service: null,
    serviceName: null,
    cid: null,
    cidName: null,
    status: '0x00000000',
    statusName: 'MBIM_STATUS_SUCCESS',
    requestId: null,
    fragments: 1,
    bytes: '03000080',
    error: HOSTILE,
  },
];

/** The row main sends for `record`, copied as IPC copies it. */
const sent = (record: JournalRecord, seq = record.seq): LogRow =>
  structuredClone({ ...toLogRow(record), seq });

/**
 * The rows the window shows for main's: the same, but that the query's return (r1's, seq 3) names
 * the command its request sent, which main's words leave out (the completion under r1 is of
 * another op: another request's, so it names none).
 */
const inWindow = (rows: readonly LogRow[]): LogRow[] =>
  rows.map((row) =>
    row.record.seq === 3
      ? { ...row, text: 'query CID 11 accepted, request #4294967295 (0.3 ms to return)' }
      : row,
  );

/** Every field a technician can see of a row, and the record with its keys in their order. */
function seen(row: LogRow | undefined) {
  if (!row) return undefined;
  return {
    seq: row.seq,
    time: row.time,
    kind: row.kind,
    interfaceId: row.interfaceId,
    serviceId: row.serviceId,
    serviceName: row.serviceName,
    ref: row.ref,
    requestId: row.requestId,
    outcome: row.outcome,
    hresult: row.hresult,
    latencyMs: row.latencyMs,
    sessionState: row.sessionState,
    text: row.text,
    keys: Object.keys(row.record),
    record: row.record,
  };
}

/** Columns holding `rows`, read back only from the columns (nothing kept as it arrived). */
function kept(rows: readonly LogRow[]): RowColumns {
  const columns = new RowColumns();
  for (const row of rows) columns.push(row);
  columns.settle();
  return columns;
}

describe('log rows kept in columns', () => {
  it('reads back every kind of row as main sent it, field by field', () => {
    const rows = EVERY_KIND.map((record) => sent(record));
    const columns = kept(rows);
    expect(columns.length).toBe(rows.length);
    for (const [i, row] of inWindow(rows).entries()) {
      expect(seen(columns.at(i))).toStrictEqual(seen(row));
      // Not the object that arrived: the row was made again from the columns.
      expect(columns.at(i)).not.toBe(row);
    }
    expect(columns.at(4)?.text).toContain(HOSTILE);
  });

  it("keeps a saved log's own row numbers, not the records' seqs", () => {
    const columns = kept(EVERY_KIND.map((record, i) => sent(record, 1000 + i)));
    expect(columns.seqAt(0)).toBe(1000);
    expect(columns.at(3)?.seq).toBe(1003);
    expect(columns.at(3)?.record.seq).toBe(4);
    expect(columns.indexOfSeq(1005)).toBe(5);
    expect(columns.indexOfSeq(4)).toBe(-1);
  });

  it('keeps odd values exactly: negative zero, huge and fractional numbers, odd times', () => {
    const odd = [
      { ...base, seq: 1, mono: -0, time: '2026-11-23T09:00:00Z' },
      { ...base, seq: 2 ** 53 - 1, mono: 2 ** 32, time: 'not a time' },
      { ...base, seq: 3, mono: Number.NaN, time: '+275760-09-13T00:00:00.000Z' },
      { ...base, seq: 4, mono: -1.5, time: '1969-12-31T23:59:59.999Z' },
    ].map((b): JournalRecord => ({ ...b, kind: 'error', message: '', context: '' }));
    const columns = kept(odd.map((record) => sent(record)));
    for (const [i, record] of odd.entries()) {
      const back = columns.at(i)?.record as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(record))
        expect(Object.is(back[key], value)).toBe(true);
      expect(Object.keys(back)).toEqual(Object.keys(record));
    }
  });

  it('reads back any ISO time as it was written, from year -271821 to 275760', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -8.64e15, max: 8.64e15 }), { minLength: 1 }),
        (times) => {
          const written = times.map((ms) => new Date(ms).toISOString());
          const columns = kept(
            written.map((time, i) => sent({ ...(EVERY_KIND[12] as JournalRecord), time }, i + 1)),
          );
          expect(written.map((_, i) => columns.at(i)?.time)).toEqual(written);
        },
      ),
    );
  });

  it('reads back any record: its values, their kinds and its key order', () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.jsonValue(),
    );
    const key = fc.oneof(
      fc.constantFrom('kind', 'time', 'status', 'outcome', 'ref', '__proto__', 'constructor'),
      fc.string(),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(key, value), { maxLength: 12 }), { minLength: 1, maxLength: 8 }),
        (records) => {
          const made = records.map((fields) => {
            const record: Record<string, unknown> = {};
            for (const [k, v] of fields)
              Object.defineProperty(record, k, {
                value: v,
                enumerable: true,
                writable: true,
                configurable: true,
              });
            return record;
          });
          const rows = made.map((record, i): LogRow => ({
            ...sent(EVERY_KIND[1] as JournalRecord, i + 1),
            record: record as unknown as JournalRecord,
          }));
          const columns = kept(rows);
          for (const [i, record] of made.entries()) {
            const back = columns.at(i)?.record as unknown as Record<string, unknown>;
            expect(Object.keys(back)).toEqual(Object.keys(record));
            for (const k of Object.keys(record)) {
              const want = record[k];
              const got = Object.getOwnPropertyDescriptor(back, k)?.value;
              if (typeof want === 'object' && want !== null) expect(got).toBe(want);
              else expect(Object.is(got, want)).toBe(true);
            }
          }
        },
      ),
    );
  });

  it('reads the same after history is merged in front, and through a filter', () => {
    const rows = EVERY_KIND.map((record) => sent(record));
    const model = new LogModel();
    model.insert(rows.slice(10));
    model.insert(rows.slice(0, 10));
    expect(rowsBetween(model.rows, 0, model.rows.length).map(seen)).toStrictEqual(
      inWindow(rows).map(seen),
    );
    model.setFilter({ ...NO_FILTER, kind: 'completion' });
    expect(model.visible).toBeInstanceOf(RowSubset);
    expect(rowsBetween(model.visible, 0, model.visible.length).map(seen)).toStrictEqual(
      rows.filter((r) => r.kind === 'completion').map(seen),
    );
    expect(model.visible.indexOfSeq(5)).toBe(1);
    expect(model.visible.seqAt(1)).toBe(5);
  });
});
