/**
 * A log row as the renderer shows it, made from what its columns keep (./row-columns.ts): the
 * seq (a saved log numbers its lines, which is not the record's seq), the decoded HRESULT (main
 * decodes it, so the renderer ships no tables) and the record. Every other field is read from the
 * record by the shared readers main's `toLogRow` uses (shared/journal/record-fields.ts), and the
 * text is made when asked for (about thirty rows are on screen; a text filter reads each row's
 * once), by the same `describeRecord` main uses, naming the command the row's request sent when
 * the record does not carry it (the columns learn it from the rows before).
 */
import type { JournalKind, LogOutcome, LogRow } from '../../../electron/ipc/contract';
import type { HresultView } from '../../../shared/hresult';
import type { JournalRecord } from '../../../shared/journal/record';
import { describeRecord } from '../../../shared/journal/record-text';
import {
  recordInterfaceId,
  recordLatencyMs,
  recordRef,
  recordRequestId,
  recordServiceId,
  recordServiceName,
  recordSessionState,
} from '../../../shared/journal/record-fields';
import type { SessionState } from '../../../shared/model';
import { recordOutcome } from '../../../shared/request/story';

class KeptRow implements LogRow {
  readonly seq: number;
  readonly hresult: HresultView | null;
  readonly record: JournalRecord;
  private readonly commandId: number | null;

  constructor(
    seq: number,
    hresult: HresultView | null,
    record: JournalRecord,
    commandId: number | null,
  ) {
    this.seq = seq;
    this.hresult = hresult;
    this.record = record;
    this.commandId = commandId;
  }

  get time(): string {
    return this.record.time;
  }

  get kind(): JournalKind {
    return this.record.kind;
  }

  get interfaceId(): LogRow['interfaceId'] {
    return recordInterfaceId(this.record);
  }

  get serviceId(): LogRow['serviceId'] {
    return recordServiceId(this.record);
  }

  get serviceName(): string | null {
    return recordServiceName(this.record);
  }

  get ref(): string | null {
    return recordRef(this.record);
  }

  get requestId(): number | null {
    return recordRequestId(this.record);
  }

  get outcome(): LogOutcome | null {
    return recordOutcome(this.record);
  }

  get latencyMs(): number | null {
    return recordLatencyMs(this.record);
  }

  get sessionState(): SessionState | null {
    return recordSessionState(this.record);
  }

  get text(): string {
    return describeRecord(this.record, this.commandId);
  }
}

/**
 * A row made from what the log's columns keep (./row-columns.ts): the rest is read from it.
 * `commandId`: the command its request sent, when the record does not say it (none: null).
 */
export function keptRow(
  seq: number,
  hresult: HresultView | null,
  record: JournalRecord,
  commandId: number | null = null,
): LogRow {
  return new KeptRow(seq, hresult, record, commandId);
}
