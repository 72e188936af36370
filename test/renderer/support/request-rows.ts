/**
 * Log rows of one service's requests, as main sends them (toLogRow, then copied as IPC copies
 * them): what the tests of rows still in flight, filtered or drawn, are made of.
 */
import type { LogRow } from '../../../electron/ipc/contract';
import { toLogRow } from '../../../electron/ipc/log-row';
import type { JournalRecord } from '../../../shared/journal/record';

const place = {
  v: 2 as const,
  time: '2026-11-23T09:00:00.000Z',
  interfaceId: 'dev-1',
  serviceId: '{SVC}',
  serviceName: 'SMS',
  op: 'close' as const,
};
const sent = (record: JournalRecord): LogRow => structuredClone(toLogRow(record));
const at = (seq: number) => ({ ...place, seq, mono: seq });

export const request = (seq: number, ref: string) =>
  sent({ ...at(seq), kind: 'request', ref, outcome: 'sending', sessionOpenBefore: true });
export const accepted = (seq: number, ref: string, requestId = 1000 + seq) =>
  sent({
    ...at(seq),
    kind: 'request-returned',
    ref,
    outcome: 'waiting',
    requestId,
    hresult: '0x00000000',
    hresultName: 'S_OK',
    callMs: 2,
  });
export const completed = (seq: number, ref: string, requestId = 1000 + seq) =>
  sent({
    ...at(seq),
    kind: 'completion',
    ref,
    requestId,
    status: '0x00000000',
    statusName: 'S_OK',
    match: 'matched',
    outcome: 'succeeded',
    latencyMs: 40,
  });
export const overdue = (seq: number, ref: string, requestId = 7) =>
  sent({ ...at(seq), kind: 'overdue', ref, outcome: 'overdue', requestId, timeoutMs: 10_000 });
export const givenUp = (seq: number, ref: string, requestId = 7) =>
  sent({ ...at(seq), kind: 'given-up', ref, outcome: 'given-up', requestId, waitedMs: 12_000 });
export const runStart = (seq: number) =>
  sent({
    v: 2,
    seq,
    time: place.time,
    mono: 0,
    kind: 'run-start',
    format: 'mbn-diag-journal',
    runId: `run-${String(seq)}`,
    app: { name: 'mbn-diag', version: '1.0.0' },
    os: { platform: 'win32', release: '10.0.22631', arch: 'x64' },
    backend: { kind: 'simulator', label: 'Simulator', reason: 'no MBN service' },
  });
export const readData = (seq: number) =>
  sent({ ...at(seq), kind: 'read-data', byteLength: 1, preview: '00' });
