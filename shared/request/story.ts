/**
 * A request's story: everything a person is told about one request, built by one reducer from the
 * records of its life. The session tracker applies this reducer to each record it writes (the
 * live app and the CLI read its stories); the fold applies it to records read back (saved logs,
 * exports, the window's timeline). The same records give the same story, wherever it is told.
 */
import {
  isTroubleRecord,
  type AbandonReason,
  type JournalEntry,
  type JournalRecord,
  type Precondition,
  type RequestRef,
} from '../journal/record.js';
import type { InterfaceId, ServiceId, RequestOp } from '../model.js';
import { REQUEST_OUTCOMES, isProblem, type RequestOutcome } from './outcome.js';

/** A record's outcome as a log shows it: a completion that ended none of our requests is unmatched. */
export type RecordOutcome = RequestOutcome | 'unmatched';

/**
 * The outcomes a technician means by "show me what went wrong": the problem outcomes and a
 * completion that matched no request. With trouble that is no request's outcome (an error, the
 * backend unavailable), what isProblemRecord selects; the index counts these outcomes per bucket.
 */
export const PROBLEM_RECORD_OUTCOMES: readonly RecordOutcome[] = [
  ...REQUEST_OUTCOMES.filter(isProblem),
  'unmatched',
];

const PROBLEM_OUTCOME_SET: ReadonlySet<string> = new Set(PROBLEM_RECORD_OUTCOMES);

/**
 * A record a technician means by "show me what went wrong": one carrying a problem outcome, or a
 * completion that matched no request (PROBLEM_RECORD_OUTCOMES), or trouble that is no request's
 * outcome: an error, or the backend unavailable (isTroubleRecord). A kiosk's outage is often
 * the very thing looked for in a week of log. The log's "Any problem", the whole-log search,
 * the CLI's `--outcome problems` and the overview's problem band all read it.
 */
export function isProblemRecord(record: JournalRecord): boolean {
  const outcome = recordOutcome(record);
  return (outcome !== null && PROBLEM_OUTCOME_SET.has(outcome)) || isTroubleRecord(record);
}

/** The outcome a record carries (the request's, after the record), for log rows and tables. */
export function recordOutcome(record: JournalEntry): RecordOutcome | null {
  return kindOutcome(record.kind, 'outcome' in record ? (record.outcome ?? null) : null);
}

/**
 * recordOutcome by a record's kind and the outcome written in it (null for none): what a reader
 * of lines that has not made the record (the index's) counts.
 */
export function kindOutcome<O extends string = RequestOutcome>(
  kind: string,
  outcome: O | null,
): O | 'unmatched' | null {
  return kind === 'completion' ? (outcome ?? 'unmatched') : outcome;
}

export interface RequestStory {
  ref: RequestRef;
  op: RequestOp;
  interfaceId: InterfaceId;
  serviceId: ServiceId;
  serviceName: string;
  outcome: RequestOutcome;
  /** The MBN request ID, once the call returned one (never for a refused call). */
  requestId: number | null;
  /** What the call returned at once, as 8 hex digits; `null` until it returns (or if it threw). */
  callHresult: string | null;
  /** The completion's status, as 8 hex digits; `null` until a completion ends the request. */
  status: string | null;
  /** Sent → completion, monotonic ms; `null` without a completion. */
  latencyMs: number | null;
  /** Sent although the session was not in the state the call needs. */
  precondition: Precondition | null;
  /** It was declared overdue at some point (still so, or completed late). */
  wentOverdue: boolean;
  /** The technician stopped waiting for it (it may have completed late since). */
  givenUp: boolean;
  /** How long it had been waited for when the technician stopped waiting; `null` if never. */
  givenUpAfterMs: number | null;
  /** Its completion overtook the call's return. */
  overtook: boolean;
  /** Completions that came after it had ended: duplicates, or after it was abandoned. */
  strayCompletions: number;
  /** Why it was abandoned, or what the failed call said. */
  abandonReason: AbandonReason | null;
  /** What the backend said of a call that threw, or of one it refused at once (when it said). */
  errorMessage: string | null;
  /** `query` and `set`: the command ID (CID) sent. */
  commandId: number | null;
  /** `query` and `set`: whether the service had listed it; `null` when its list was never asked. */
  commandListed: boolean | null;
  /** `query` and `set`: the bytes sent, as hex. */
  sentData: string | null;
  /** `supported-commands`: the command IDs the service listed, once it answered. */
  commandIds: number[] | null;
  /** `query` and `set`: the response a completion carried. */
  response: CommandResponseText | null;
}

/** A QUERY or SET response as recorded: hex (the first RECORDED_DATA_BYTES) and the full size. */
interface CommandResponseText {
  responseId: number;
  byteLength: number;
  data: string;
}

type Entry<K extends JournalEntry['kind']> = Extract<JournalEntry, { kind: K }>;

export function storyFromRequest(record: Entry<'request'>): RequestStory {
  return {
    ref: record.ref,
    op: record.op,
    interfaceId: record.interfaceId,
    serviceId: record.serviceId,
    serviceName: record.serviceName,
    outcome: record.outcome,
    requestId: null,
    callHresult: null,
    status: null,
    latencyMs: null,
    precondition: record.precondition ?? null,
    wentOverdue: false,
    givenUp: false,
    givenUpAfterMs: null,
    overtook: false,
    strayCompletions: 0,
    abandonReason: null,
    errorMessage: null,
    commandId: record.commandId ?? null,
    commandListed: record.commandListed ?? null,
    sentData: record.data ?? null,
    commandIds: null,
    response: null,
  };
}

/**
 * Applies one record of the request's life (already known to be about `story.ref`). Returns
 * whether the story changed. Unrelated kinds are ignored.
 */
export function applyToStory(story: RequestStory, record: JournalEntry): boolean {
  switch (record.kind) {
    case 'request-returned':
      if (record.requestId !== null) story.requestId = record.requestId;
      story.callHresult = record.hresult;
      story.outcome = record.outcome;
      if (record.message !== undefined) story.errorMessage = record.message;
      return true;
    case 'completion':
      if (record.outcome === null) {
        story.strayCompletions += 1;
        return true;
      }
      story.requestId = record.requestId;
      story.status = record.status;
      story.latencyMs = record.latencyMs;
      story.overtook = record.match === 'before-return';
      story.outcome = record.outcome;
      if (record.commandIds !== undefined) story.commandIds = record.commandIds;
      // The documentation says a response is valid only on success: one without bytes is none.
      if (record.responseId !== undefined && record.data !== undefined)
        story.response = {
          responseId: record.responseId,
          byteLength: record.byteLength ?? 0,
          data: record.data ?? '',
        };
      return true;
    case 'overdue':
      if (record.requestId !== null) story.requestId = record.requestId;
      story.wentOverdue = true;
      story.outcome = record.outcome;
      return true;
    case 'given-up':
      if (record.requestId !== null) story.requestId = record.requestId;
      story.givenUp = true;
      story.givenUpAfterMs = record.waitedMs;
      story.outcome = record.outcome;
      return true;
    case 'abandoned':
      story.abandonReason = record.reason;
      story.outcome = record.outcome;
      return true;
    case 'call-failed':
      story.errorMessage = record.message;
      story.outcome = record.outcome;
      return true;
    default:
      return false;
  }
}

/** The record's request, for the kinds that belong to one. */
export function refOf(record: JournalEntry): RequestRef | null {
  switch (record.kind) {
    case 'request':
    case 'request-returned':
    case 'overdue':
    case 'given-up':
    case 'abandoned':
    case 'call-failed':
      return record.ref;
    case 'completion':
      return record.ref;
    default:
      return null;
  }
}

/** What a row of a request's record needs of the request to name the command it sent. */
export type RequestCommand = Pick<RequestStory, 'op' | 'interfaceId' | 'serviceId' | 'commandId'>;

/** Whether a record may be of a request that sent a command (QUERY, SET: what has an ID). */
export function mayNameCommand(record: JournalEntry): boolean {
  return 'op' in record && (record.op === 'query' || record.op === 'set');
}

/**
 * Whether a record of this op, device and service under a request's ref is of that request. A
 * ref names one request within a run; under another op, device or service it is another run's (a
 * log whose run-start was rotated away), and the command that request sent is not this one's.
 */
export function isOfRequest(
  request: RequestCommand,
  op: string,
  interfaceId: string,
  serviceId: string,
): boolean {
  return (
    request.op === op && request.serviceId === serviceId && request.interfaceId === interfaceId
  );
}

/**
 * The command ID (QUERY, SET) of the request a record belongs to, so that every row of the
 * request says it, not only the request's own (its return, completion, overdue and the rest do not
 * carry it): the record's own for a request; else that of `request`, the one its ref names as far
 * as the reader knows, if the record is of it (isOfRequest). None rather than a wrong one.
 */
export function recordCommandId(
  record: JournalEntry,
  request: RequestCommand | undefined,
): number | null {
  if (record.kind === 'request') return record.commandId ?? null;
  if (request === undefined || request.commandId === null || !('op' in record)) return null;
  return isOfRequest(request, record.op, record.interfaceId, record.serviceId)
    ? request.commandId
    : null;
}
