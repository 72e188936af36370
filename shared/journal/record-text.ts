/**
 * One journal record as one line of plain text: what `mbn-diag watch` prints and what the log
 * table and exports show in their "details" column. Kept in one place so they all say the same.
 */
import { MATCH_WORDS } from '../request/words.js';
import type { JournalRecord, Precondition } from './record.js';

export function describeRecord(record: JournalRecord): string {
  switch (record.kind) {
    case 'run-start':
      return `${record.app.name} ${record.app.version} started on ${record.os.platform} ${record.os.release} (${record.backend.label})`;
    case 'request':
      return `${record.op} data session sent to ${record.serviceName}${record.precondition ? ` (${preconditionText(record.precondition)})` : ''}`;
    case 'request-returned':
      return record.outcome === 'refused'
        ? `${record.op} refused at once: ${record.hresultName} (${record.hresult})`
        : `${record.op} accepted, request #${record.requestId ?? '?'} (${record.callMs} ms to return)`;
    case 'completion':
      return `${record.op} #${record.requestId} completed: ${record.statusName} (${record.status})${record.latencyMs === null ? '' : ` after ${record.latencyMs} ms`}${matchText(record.match)}`;
    case 'overdue':
      return `${record.op} #${record.requestId ?? '?'} overdue: no completion within ${record.timeoutMs} ms`;
    case 'given-up':
      return `${record.op} #${record.requestId ?? '?'} given up by the user after ${Math.round(record.waitedMs)} ms: a later completion is still recorded`;
    case 'abandoned':
      return `${record.op} #${record.requestId ?? '?'} abandoned: ${record.reason === 'device-removed' ? 'the device was removed' : 'the backend closed'}`;
    case 'session-state':
      return `${record.serviceName} data session ${record.from} → ${record.to}`;
    case 'read-data':
      return `${record.byteLength} bytes read from ${record.serviceName}`;
    case 'device-arrival':
      return `device arrived${record.model ? `: ${record.model}` : ''}`;
    case 'device-removal':
      return `device removed${record.model ? `: ${record.model}` : ''}`;
    case 'device-info':
      return `device ${record.manufacturer} ${record.model}, firmware ${record.firmware}, ${record.readyState}`;
    case 'backend-status':
      return `backend ${record.backend} ${record.available ? 'available' : 'unavailable'}: ${record.message}`;
    case 'call-failed':
      return `${record.op} call failed, no request was started: ${record.message}`;
    case 'error':
      return `error in ${record.context}: ${record.message}`;
    case 'mbim-message':
      return `MBIM ${record.direction} ${record.type} #${record.transactionId}${record.serviceName ? ` ${record.serviceName}` : ''}${record.cidName ? ` ${record.cidName}` : ''}${record.statusName ? `: ${record.statusName}` : ''}${record.error ? ` (undecodable: ${record.error})` : ''}`;
  }
}

function preconditionText(precondition: Precondition): string {
  return precondition === 'session-not-open'
    ? 'the data session was not open'
    : 'the data session was already open';
}

function matchText(match: keyof typeof MATCH_WORDS): string {
  return match === 'matched' ? '' : ` — ${MATCH_WORDS[match]}`;
}
