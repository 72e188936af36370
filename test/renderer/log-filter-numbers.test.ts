/**
 * Numbers in the log's rows are searched as the rows write them (a duration's "30.0 s", "1 byte"
 * against "2 bytes", a command's name): examples a technician would type, each checked against the
 * per-row rules too.
 */
import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../shared/journal/record';
import { NO_FILTER } from '../../renderer/src/store/log-filter';
import { LogModel } from '../../renderer/src/store/log-model';
import { BASIC_CONNECT } from './support/log-filter-records';
import { expected, sent, shown } from './support/log-filter-reference';

describe('log filters over the columns', () => {
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
});
