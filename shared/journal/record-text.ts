/**
 * One journal record as one line of plain text: what `mbn-diag watch` prints and what the log
 * table and exports show in their "details" column. Kept in one place so they all say the same.
 */
import { UNKNOWN_MODEL } from '../device-name.js';
import { commandLabel } from '../commands/names.js';
import { MATCH_WORDS, OP_WORDS } from '../request/words.js';
import type { HresultView } from '../hresult.js';
import { formatDuration } from '../time.js';
import type { JournalRecord, Precondition, RunStartRecord } from './record.js';
import { timeZoneText } from './time-zone.js';

/**
 * Why a request was abandoned, in words. 'backend-closed' is the app (or the CLI, at its --timeout
 * or Ctrl+C) closing its own backend: "the backend closed" read as the Windows service or the
 * modem going away.
 */
export function abandonWords(reason: string | null | undefined): string {
  return reason === 'device-removed'
    ? 'the device was removed'
    : 'the app stopped waiting and closed its backend';
}

/**
 * A request's operation in the log's words, from the shared vocabulary: `open command session`,
 * not the record's `open-command-session` (the log said "open command session sent" in one row
 * and "open-command-session accepted" in the next). `op` is a record's text (the CSV fast path
 * reads it so): one the vocabulary does not know stays as it is.
 */
export function opWords(op: string): string {
  return (OP_WORDS as Partial<Record<string, string>>)[op]?.toLowerCase() ?? op;
}

/**
 * A request's operation and, for a QUERY or SET, the command it sent: `query RADIO_STATE (CID 3)`,
 * as its request's row says it (`requestText`), so every row of the request reads as its own.
 */
function requestWords(op: string, serviceId: string, commandId: number | null): string {
  return commandId === null ? opWords(op) : `${opWords(op)} ${commandLabel(serviceId, commandId)}`;
}

/**
 * What follows a record's words when its code is a failure: " — " and the code's meaning. Nothing
 * when the record carries the backend's own reason (describeRecord gives it): the meaning the code
 * has for every call ("The data session is not open.") then followed a reason that said otherwise.
 * The log, its details line, a copied entry and the HTML report all end a row with this.
 */
export function failureMeaning(record: JournalRecord, view: HresultView | null): string {
  if (!view || view.succeeded) return '';
  if (record.kind === 'request-returned' && record.message !== undefined) return '';
  return ` — ${view.meaning}`;
}

/**
 * The record in words. `commandId` is the command its request sent, for the records of a QUERY
 * or SET that do not carry it (their return, completion, overdue and the rest: RequestCommands
 * says which), so that a completion says what it answered; the request's own words name its own.
 * Exports, whose command has columns of its own, leave it out.
 */
export function describeRecord(record: JournalRecord, commandId: number | null = null): string {
  switch (record.kind) {
    case 'run-start':
      return `${record.app.name} ${record.app.version} started on ${record.os.platform} ${record.os.release} (${record.backend.label})${record.timeZone ? `, clock set to ${timeZoneText(record.timeZone)}` : ''}`;
    case 'request':
      return `${requestText(record)} sent to ${record.serviceName}${record.precondition ? ` (${preconditionText(record.precondition)})` : ''}${record.commandListed === false ? ' (not in the commands the service listed)' : ''}`;
    case 'request-returned':
      return record.outcome === 'refused'
        ? `${requestWords(record.op, record.serviceId, commandId)} refused at once: ${record.hresultName} (${record.hresult})${record.message === undefined ? '' : `. ${record.message}`}`
        : `${requestWords(record.op, record.serviceId, commandId)} accepted, request #${record.requestId ?? '?'} (${formatDuration(record.callMs)} to return)`;
    case 'completion':
      return `${requestWords(record.op, record.serviceId, commandId)} #${record.requestId} completed: ${record.statusName} (${record.status})${record.latencyMs === null ? '' : ` after ${formatDuration(record.latencyMs)}`}${carriedText(record)}${matchText(record.match)}`;
    case 'overdue':
      return `${requestWords(record.op, record.serviceId, commandId)} #${record.requestId ?? '?'} overdue: no completion within ${formatDuration(record.timeoutMs)}`;
    case 'given-up':
      return `${requestWords(record.op, record.serviceId, commandId)} #${record.requestId ?? '?'} given up by the user after ${formatDuration(record.waitedMs)}: a later completion is still recorded`;
    case 'abandoned':
      return `${requestWords(record.op, record.serviceId, commandId)} #${record.requestId ?? '?'} abandoned: ${abandonWords(record.reason)}`;
    case 'session-state':
      return `${record.serviceName} data session ${record.from} → ${record.to}`;
    case 'command-session-state':
      return `${record.serviceName} command session ${record.from} → ${record.to}`;
    case 'event-notification':
      return `notification event ${record.eventId} from ${record.serviceName}, ${bytesText(record.byteLength)}`;
    case 'read-data':
      return `${record.byteLength} bytes read from ${record.serviceName}`;
    case 'device-arrival':
      return `device arrived${record.model ? `: ${record.model}` : ''}`;
    case 'device-removal':
      return `device removed${record.model ? `: ${record.model}` : ''}`;
    case 'device-info':
      return deviceInfoText(record);
    case 'backend-status':
      return `backend ${record.backend} ${record.available ? 'available' : 'unavailable'}: ${record.message}`;
    case 'call-failed':
      return `${requestWords(record.op, record.serviceId, commandId)} call failed, no request was started: ${record.message}`;
    case 'error':
      return `error in ${record.context}: ${record.message}`;
    case 'mbim-message':
      return `MBIM ${record.direction} ${record.type} #${record.transactionId}${record.serviceName ? ` ${record.serviceName}` : ''}${record.cidName ? ` ${record.cidName}` : ''}${record.statusName ? `: ${record.statusName}` : ''}${record.error ? ` (undecodable: ${record.error})` : ''}`;
  }
}

type Entry<K extends JournalRecord['kind']> = Extract<JournalRecord, { kind: K }>;

/** What was sent: `close data session`, `query RADIO_STATE (CID 3), 4 bytes`. */
function requestText(record: Entry<'request'>): string {
  switch (record.op) {
    case 'open':
    case 'close':
      return `${record.op} data session`;
    case 'write':
      return `write${record.byteLength === undefined ? '' : ` of ${bytesText(record.byteLength)}`}`;
    case 'query':
    case 'set':
      return `${record.op} ${record.commandId === undefined ? 'command' : commandLabel(record.serviceId, record.commandId)}, ${bytesText(record.byteLength ?? 0)}`;
    case 'supported-commands':
      return 'supported commands query';
    case 'open-command-session':
      return 'open command session';
    case 'close-command-session':
      return 'close command session';
  }
}

/** What a completion brought back, when it carries something. */
function carriedText(record: Entry<'completion'>): string {
  if (record.commandIds !== undefined)
    return `, ${record.commandIds.length} command${record.commandIds.length === 1 ? '' : 's'} listed`;
  if (record.byteLength !== undefined)
    return `, response ${record.responseId ?? '?'} with ${bytesText(record.byteLength)}`;
  return '';
}

function bytesText(count: number): string {
  return `${count} byte${count === 1 ? '' : 's'}`;
}

const PRECONDITION_TEXT: Record<Precondition, string> = {
  'session-not-open': 'the data session was not open',
  'session-already-open': 'the data session was already open',
  'command-session-not-open': 'the command session was not open',
  'command-session-already-open': 'the command session was already open',
};

function preconditionText(precondition: Precondition): string {
  return PRECONDITION_TEXT[precondition];
}

function matchText(match: keyof typeof MATCH_WORDS): string {
  return match === 'matched' ? '' : ` — ${MATCH_WORDS[match]}`;
}

/**
 * Record fields `describeRecord` never shows (a test holds it to that): a view searching the words
 * may ask them of the other fields alone, so rows that differ only in these (every request of one
 * service; every read of data, whose bytes differ) are asked once.
 */
export const WORDLESS_FIELDS: ReadonlySet<string> = new Set([
  'v',
  'seq',
  'time',
  'mono',
  'ref',
  'data',
  'preview',
  'bytes',
  'fragments',
  'cid',
]);

/**
 * Number fields `describeRecord` writes only as `String(n)`, or chooses "byte" or "bytes" by, and
 * never reads otherwise (a test holds it to that): text without a digit cannot tell apart rows
 * that differ only in these numbers' digits. Not `commandId`, which the words name by a table.
 */
export const DIGIT_FIELDS: ReadonlySet<string> = new Set([
  'requestId',
  'eventId',
  'transactionId',
  'responseId',
  'byteLength',
]);

/**
 * Number fields `describeRecord` writes only as `formatDuration(n)` and never reads otherwise (a
 * test holds it to that): text without a digit cannot tell apart rows whose numbers here differ
 * only within one of its forms (`durationForm`), and the exact number is in the record for whoever
 * searches or exports it.
 */
export const DURATION_FIELDS: ReadonlySet<string> = new Set([
  'latencyMs',
  'callMs',
  'timeoutMs',
  'waitedMs',
]);

/**
 * "device Sierra Wireless EM7565, firmware SWI9X50C_01.14.03.00, initialized": what a modem that
 * names none of these says is said in words, never as blanks ("device , firmware , initialized").
 */
function deviceInfoText(record: Extract<JournalRecord, { kind: 'device-info' }>): string {
  const what = [record.manufacturer, record.model].filter((s) => s.trim() !== '').join(' ');
  const firmware = record.firmware.trim() === '' ? 'unknown' : record.firmware;
  return `device ${what || UNKNOWN_MODEL}, firmware ${firmware}, ${record.readyState}`;
}

/**
 * Longest backend label a saved log's banner repeats (a log from elsewhere may say anything, and
 * its OS's platform and release are held to 40 characters each too).
 */
const RECORDED_WITH_MAX = 120;

/**
 * What recorded a run, as a saved log's banner says it: its backend and the machine's OS
 * ("Windows Mobile Broadband service on win32 10.0.22631"). A support engineer reading a customer's
 * log beside a header that describes this machine's own backend (the simulator, say) must see
 * that the log itself came from a real modem service, or not.
 */
export function recordedWith(record: RunStartRecord): string {
  const { label } = record.backend;
  const { platform, release } = record.os;
  return `${cutTo(label, RECORDED_WITH_MAX)} on ${cutTo(platform, 40)} ${cutTo(release, 40)}`;
}

function cutTo(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
