/**
 * Turns a journal record into the row the live log shows. Done in main so that the renderer gets
 * the same words as the CLI (`describeRecord`) and decoded HRESULTs without shipping the tables.
 */
import { parseHresult } from '../../shared/hresult.js';
import type { JournalRecord } from '../../shared/journal/record.js';
import { describeRecord } from '../../shared/journal/record-text.js';
import { hresultView } from '../core/request-view.js';
import type { LogOutcome, LogRow } from './contract.js';

export function toLogRow(record: JournalRecord): LogRow {
  const row: LogRow = {
    seq: record.seq,
    time: record.time,
    kind: record.kind,
    interfaceId: 'interfaceId' in record ? record.interfaceId : null,
    serviceId: 'serviceId' in record ? record.serviceId : null,
    serviceName: 'serviceName' in record ? record.serviceName : null,
    ref: 'ref' in record ? record.ref : null,
    requestId: 'requestId' in record ? record.requestId : null,
    outcome: null,
    hresult: null,
    latencyMs: null,
    sessionState: record.kind === 'session-state' ? record.to : null,
    text: describeRecord(record),
  };
  switch (record.kind) {
    case 'request':
      row.outcome = 'pending';
      break;
    case 'request-returned':
      row.hresult = decoded(record.hresult);
      row.outcome = record.state === 'rejected' ? 'rejected' : null;
      break;
    case 'completion':
      row.hresult = decoded(record.status);
      row.latencyMs = record.latencyMs;
      row.outcome = completionOutcome(record.match, row.hresult?.succeeded ?? false);
      break;
    case 'overdue':
      row.outcome = 'overdue';
      break;
    case 'abandoned':
      row.outcome = 'abandoned';
      break;
    case 'error':
      row.outcome = 'failed';
      break;
    default:
      break;
  }
  return row;
}

function decoded(hex: string): LogRow['hresult'] {
  const value = parseHresult(hex);
  return value === undefined ? null : hresultView(value);
}

function completionOutcome(
  match: Extract<JournalRecord, { kind: 'completion' }>['match'],
  ok: boolean,
): LogOutcome {
  switch (match) {
    case 'late':
      return 'late';
    case 'matched':
    case 'before-return':
      return ok ? 'succeeded' : 'failed';
    default:
      return 'unmatched';
  }
}
