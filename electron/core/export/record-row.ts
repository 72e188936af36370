/**
 * One record as the columns of a table: what the CSV export and the report's log table show.
 * The columns are a stable contract for spreadsheets people build on top of exports; add new
 * ones at the end.
 */
import type { JournalRecord } from '../../../shared/journal/record.js';
import { commandName } from '../../../shared/commands/names.js';
import { describeRecord } from '../../../shared/journal/record-text.js';
import { recordModel } from '../../../shared/journal/record-fields.js';
import { recordOutcome } from '../../../shared/request/story.js';
import { rowOutcomeWords } from '../../../shared/request/words.js';

export const ROW_COLUMNS = [
  'seq',
  'time',
  'mono_ms',
  'kind',
  'device',
  'service',
  'service_id',
  'op',
  'ref',
  'request_id',
  'hresult',
  'hresult_name',
  'latency_ms',
  'outcome',
  'details',
  /** Added in journal format 2: the outcome in words, and how a completion matched. */
  'outcome_label',
  'match',
  /** The device's model beside its interface ID, so a reader need not look the GUID up. */
  'model',
  /**
   * Device-service commands: the command ID and its well-known name (QUERY, SET) on every row of
   * the request, the event ID of a notification, the response ID, and the payload bytes in hex
   * (sent, answered or notified), a space between bytes (csvBytes).
   */
  'command_id',
  'command_name',
  'event_id',
  'response_id',
  'data',
] as const;

export type RowValue = string | number | null;
export type Row = RowValue[];

/**
 * Device models by interface ID, learned from the records as they stream past: a device is listed
 * (`device-info`) before anything is logged about it, so one pass is enough.
 */
export class DeviceModels {
  private readonly models: Map<string, string>;
  /** Changes whenever a model is learned or changes: rows made ahead with another are stale. */
  version = 0;

  /** `known`: models learned before (a helper thread's copy of the writer's). */
  constructor(known: readonly (readonly [string, string])[] = []) {
    this.models = new Map(known);
  }

  /** What is known now, for a helper thread making rows ahead (see line-check-pool.ts). */
  snapshot(): [string, string][] {
    return [...this.models];
  }

  /** The model of this device, when known (learns nothing). */
  known(interfaceId: string): string | null {
    return this.models.get(interfaceId) ?? null;
  }

  /** Learns from this record, then returns the model of the device it is about (or null). */
  of(record: JournalRecord): string | null {
    const model = recordModel(record);
    if (model !== null && 'interfaceId' in record) {
      if (this.models.get(record.interfaceId) !== model) this.version += 1;
      this.models.set(record.interfaceId, model);
    }
    const id = (record as Partial<Record<string, unknown>> & JournalRecord).interfaceId;
    return typeof id === 'string' ? (this.models.get(id) ?? null) : null;
  }
}

/**
 * `hresult` holds what the call returned, or for a completion its status (both HRESULTs);
 * `model` is the device's model when known (see DeviceModels); `commandId`, the command its
 * request sent (QUERY, SET), for a record that does not carry it (see RequestCommands).
 */
export function recordRow(
  record: JournalRecord,
  model: string | null = null,
  commandId: number | null = null,
): Row {
  const r = record as Partial<Record<string, unknown>> & JournalRecord;
  let code: string | null = null;
  let codeName: string | null = null;
  const outcome = recordOutcome(record);
  const command = num(r.commandId) ?? commandId;
  if (record.kind === 'request-returned') {
    code = record.hresult;
    codeName = record.hresultName;
  } else if (record.kind === 'completion') {
    code = record.status;
    codeName = record.statusName;
  }
  return [
    record.seq,
    record.time,
    record.mono,
    record.kind,
    str(r.interfaceId),
    str(r.serviceName),
    str(r.serviceId),
    str(r.op),
    str(r.ref),
    num(r.requestId),
    code,
    codeName,
    num(r.latencyMs),
    outcome,
    describeRecord(record),
    // As the report and the CLI say it: a row read alone says it was waiting when logged, not
    // that its request still is ("Waiting" beside a request that ended a row later misled).
    outcome === null ? null : rowOutcomeWords(outcome, 'as-logged'),
    record.kind === 'completion' ? record.match : null,
    model,
    command,
    command === null ? null : commandNameOf(str(r.serviceId) ?? '', command),
    num(r.eventId),
    num(r.responseId),
    csvBytes(str(r.data)),
  ];
}

/**
 * A payload's hex as a spreadsheet keeps it: bytes apart (`01 00 00 00`), one byte as `0x10`.
 * Written whole, `0100000001000000` was a number to Excel (1.00000001E+14), to pandas and to
 * Miller, and `03000000` lost its zero and its meaning (a support engineer's review); a lone `10`
 * read as ten. Text that is not whole bytes of hex is left as it is.
 */
function csvBytes(hex: string | null): string | null {
  if (hex === null || hex.length === 0 || !WHOLE_BYTES.test(hex)) return hex;
  return hex.length === 2 ? `0x${hex}` : hex.replace(EACH_BYTE_BUT_LAST, '$& ');
}

const WHOLE_BYTES = /^(?:[0-9a-f]{2})+$/i;
/** Each byte but the last (a space goes after it). */
const EACH_BYTE_BUT_LAST = /..(?!$)/g;

// At module level, not inside recordRow: bundlers that keep function names (the CLI build, tsx)
// wrap every function expression in a naming call, which made a million rows measurably slower.
function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** A command's well-known name (for the services whose CIDs have names), or null. */
export function commandNameOf(serviceId: string, commandId: number): string | null {
  return commandName(serviceId, commandId) ?? null;
}
