/**
 * The timeline benchmark's log rows, made as main makes them: from journal records of each kind
 * through the real `toLogRow`, a saved log's page (MAX_PAGE rows, or a little more) at a time.
 * Bundled into the benchmark's page, which copies each page as IPC would before keeping it.
 */ import { MAX_PAGE, type LogRow } from '../electron/ipc/contract.js';
import { toLogRow } from '../electron/ipc/log-row.js';
import type { JournalRecord } from '../shared/journal/record.js';

export const DEVICES = 4;
export const SERVICES = 6;

type Kind = 'request' | 'overdue' | 'abandoned' | 'completion' | 'read-data';
type Outcome = 'sending' | 'overdue' | 'abandoned' | 'late' | 'failed' | 'succeeded' | null;

function row(seq: number, t: number, kind: Kind, lane: number, ref: string, outcome: Outcome) {
  const device = Math.floor(lane / SERVICES);
  const base = {
    v: 2 as const,
    seq,
    time: new Date(t).toISOString(),
    mono: t,
    interfaceId: `{DEV-${String(device)}}`,
    serviceId: `svc-${String(lane)}`,
    serviceName: `Service ${String(lane % SERVICES)}`,
  };
  const request = { ...base, ref, op: 'close' as const };
  let record: JournalRecord;
  switch (kind) {
    case 'request':
      record = { ...request, kind, outcome: 'sending', sessionOpenBefore: true };
      break;
    case 'overdue':
      record = { ...request, kind, outcome: 'overdue', requestId: seq, timeoutMs: 1000 };
      break;
    case 'abandoned':
      record = { ...request, kind, outcome: 'abandoned', requestId: seq, reason: 'device-removed' };
      break;
    case 'completion':
      record = {
        ...request,
        kind,
        outcome: outcome === 'failed' || outcome === 'late' ? outcome : 'succeeded',
        requestId: seq,
        status: outcome === 'failed' ? '0x80004005' : '0x00000000',
        statusName: outcome === 'failed' ? 'E_FAIL' : 'S_OK',
        match: outcome === 'late' ? 'late' : 'matched',
        latencyMs: 40,
      };
      break;
    default:
      record = { ...base, kind: 'read-data', byteLength: 16, preview: '00' };
  }
  return toLogRow(record);
}

/** The rows of `spans` requests across 24 service lanes, a page at a time. */
export function* rowPages(spans: number): Generator<LogRow[]> {
  let rows: LogRow[] = [];
  let seq = 1;
  let t = Date.UTC(2026, 0, 1, 8);
  for (let i = 0; i < spans; i++) {
    const lane = i % (DEVICES * SERVICES);
    const ref = `r${String(i + 1)}`;
    t += 7 + (i % 13);
    rows.push(row(seq++, t, 'request', lane, ref, 'sending'));
    const kind = i % 97;
    if (kind === 0) {
      rows.push(row(seq++, t + 1e3, 'overdue', lane, ref, 'overdue'));
      rows.push(row(seq++, t + 1500, 'completion', lane, ref, 'late'));
    } else if (kind === 1) {
      rows.push(row(seq++, t + 300, 'abandoned', lane, ref, 'abandoned'));
    } else {
      const outcome = kind < 5 ? 'failed' : 'succeeded';
      rows.push(row(seq++, t + 20 + (i % 50), 'completion', lane, ref, outcome));
    }
    if (i % 10 === 0) rows.push(row(seq++, t + 5, 'read-data', lane, ref, null));
    if (rows.length >= MAX_PAGE) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length > 0) yield rows;
}
