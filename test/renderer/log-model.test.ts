import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../electron/ipc/contract';
import { serviceKey } from '../../renderer/src/format';
import { LogModel, NO_FILTER } from '../../renderer/src/store/log-model';

const DEV = 'dev-1';
function row(seq: number, patch: Partial<LogRow> = {}): LogRow {
  return {
    seq,
    time: '2026-11-23T09:00:00.000Z',
    kind: 'read-data',
    interfaceId: DEV,
    serviceId: 'svc',
    serviceName: 'SMS',
    ref: null,
    requestId: null,
    outcome: null,
    hresult: null,
    latencyMs: null,
    sessionState: null,
    text: `row ${seq}`,
    record: {
      v: 2,
      seq,
      time: '2026-11-23T09:00:00.000Z',
      mono: seq,
      kind: 'read-data',
      interfaceId: DEV,
      serviceId: 'svc',
      serviceName: 'SMS',
      byteLength: 1,
      preview: '00',
    },
    ...patch,
  };
}
const seqs = (rows: LogRow[]) => rows.map((r) => r.seq);

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
    model.insert([row(1), row(2, { outcome: 'failed', text: 'close failed E_FAIL' })]);
    model.setFilter({ ...NO_FILTER, outcome: 'problems' });
    expect(seqs(model.visible)).toEqual([2]);
    model.insert([row(3, { outcome: 'succeeded' }), row(4, { outcome: 'overdue' })]);
    expect(seqs(model.visible)).toEqual([2, 4]);
    model.setFilter(NO_FILTER);
    expect(model.visible).toBe(model.rows);
  });

  it('filters by device, service, kind and text together', () => {
    const model = new LogModel();
    model.insert([
      row(1, { kind: 'completion', text: 'close #1001 completed: E_ACCESSDENIED' }),
      row(2, {
        kind: 'completion',
        interfaceId: 'dev-2',
        text: 'close #1002 completed: E_ACCESSDENIED',
      }),
      row(3, { kind: 'request', text: 'close data session sent to SMS' }),
      row(4, { kind: 'completion', serviceId: 'other', text: 'E_ACCESSDENIED' }),
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
    model.insert([
      row(1, {
        requestId: 1002,
        hresult: {
          hex: '0x80004005',
          name: 'E_FAIL',
          meaning: 'Unspecified failure',
          succeeded: false,
        },
      }),
      row(2),
    ]);
    model.setFilter({ ...NO_FILTER, text: '#1002' });
    expect(seqs(model.visible)).toEqual([1]);
    model.setFilter({ ...NO_FILTER, text: '0x80004005' });
    expect(seqs(model.visible)).toEqual([1]);
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
});
