/**
 * Turns a journal record into the row the live log shows. Done in main so that the renderer gets
 * the same words as the CLI (`describeRecord`) and decoded HRESULTs without shipping the tables.
 * The outcome is the one the record carries: nothing here decides what happened to a request.
 */
import { hresultView, parseHresult } from '../../shared/hresult.js';
import type { JournalRecord } from '../../shared/journal/record.js';
import { describeRecord } from '../../shared/journal/record-text.js';
import { recordOutcome } from '../../shared/request/story.js';
import type { LogRow, SavedRow } from './contract.js';
import {
  recordInterfaceId,
  recordLatencyMs,
  recordRef,
  recordRequestId,
  recordServiceId,
  recordServiceName,
  recordSessionState,
} from '../../shared/journal/record-fields.js';

/** What a caller may know of a record beyond it: see toLogRow. */
interface KnownOfRecord {
  /**
   * The command the record's request sent, when the caller knows it and the record does not
   * carry it (a search hit's: log-search.ts), for its words to name.
   */
  commandId: number | null;
}

const NOTHING_MORE: KnownOfRecord = { commandId: null };

/**
 * The row of a record. What else is known comes as an object, not a number: `pages.map(toLogRow)`
 * once passed each record's place in its page as its command ID, and a reloaded window read
 * "close CID 6 #1001 overdue" of a close.
 */
export function toLogRow(record: JournalRecord, known: KnownOfRecord = NOTHING_MORE): LogRow {
  const { commandId } = known;
  return {
    seq: record.seq,
    time: record.time,
    kind: record.kind,
    interfaceId: recordInterfaceId(record),
    serviceId: recordServiceId(record),
    serviceName: recordServiceName(record),
    ref: recordRef(record),
    requestId: recordRequestId(record),
    outcome: recordOutcome(record),
    hresult: recordHresultView(record),
    latencyMs: recordLatencyMs(record),
    sessionState: recordSessionState(record),
    text: describeRecord(record, commandId),
    record,
  };
}

/** The row of a saved log's page, numbered `seq`: the window makes the rest from its record. */
export function toSavedRow(record: JournalRecord, seq: number): SavedRow {
  return { seq, hresult: recordHresultView(record), record };
}

/** The HRESULT a call returned or a completion carried, decoded. */
function recordHresultView(record: JournalRecord): LogRow['hresult'] {
  return record.kind === 'request-returned'
    ? decoded(record.hresult)
    : record.kind === 'completion'
      ? decoded(record.status)
      : null;
}

/**
 * Decoded once per code: a log repeats a handful of them, and a saved log's window sent a fresh
 * copy for each of its 250,000 rows. Bounded, since a damaged or hostile log may hold any number.
 */
const views = new Map<string, LogRow['hresult']>();
const MAX_VIEWS = 1024;

function decoded(hex: string): LogRow['hresult'] {
  let view = views.get(hex);
  if (view === undefined) {
    const value = parseHresult(hex);
    view = value === undefined ? null : Object.freeze(hresultView(value));
    if (views.size >= MAX_VIEWS) views.clear();
    views.set(hex, view);
  }
  return view;
}
