/**
 * A log row as the renderer keeps it: the record once, and nothing else it can be told from.
 *
 * A row arrives from main with its record and a dozen fields taken from that record, all copies
 * (IPC copies every string of every row on its own), plus its line of text. Kept as it came, a
 * saved log of 211,000 rows held about 150 MB of the renderer's heap (issue 14: under 300 MB
 * throughout). Kept here: the seq (a saved log numbers its lines, which is not the record's seq),
 * the decoded HRESULT (main decodes it, so the renderer ships no tables), shared by every row with
 * the same code, and the record, whose strings that repeat from row to row (kinds, interfaces,
 * services, outcomes, status names) are one string each. Every other field is read from the
 * record by the shared readers main's `toLogRow` uses (shared/journal/record-fields.ts), and the
 * text is made when asked for (about thirty rows are on screen; a text filter reads each row's
 * once), by the same `describeRecord` main uses.
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

/** Record fields whose values repeat from row to row: kept as one string each. */
const REPEATING = [
  'kind',
  'interfaceId',
  'serviceId',
  'serviceName',
  'op',
  'outcome',
  'status',
  'statusName',
  'hresult',
  'hresultName',
  'match',
  'reason',
  'from',
  'to',
  'precondition',
  'model',
  'manufacturer',
  'firmware',
  'readyState',
  'deviceId',
  'backend',
  'direction',
  'type',
  'service',
  'cidName',
] as const;

/**
 * Past this many distinct strings, the table starts over: repeating values are few (services,
 * names, codes), so only a log of unusual variety gets here, and then it costs only sharing.
 */
const STRINGS_KEPT = 65_536;

const strings = new Map<string, string>();
const hresults = new Map<string, HresultView>();

function shared(value: string): string {
  const kept = strings.get(value);
  if (kept !== undefined) return kept;
  if (strings.size >= STRINGS_KEPT) strings.clear();
  strings.set(value, value);
  return value;
}

function sharedHresult(view: HresultView | null): HresultView | null {
  if (view === null) return null;
  // One value, one view: main decodes a code the same way every time.
  const kept = hresults.get(view.hex);
  if (kept) return kept;
  if (hresults.size >= STRINGS_KEPT) hresults.clear();
  hresults.set(view.hex, view);
  return view;
}

/** Replaces the record's repeating strings with the shared ones (the values stay equal). */
function shareStrings(record: JournalRecord): JournalRecord {
  const fields = record as unknown as Record<string, unknown>;
  for (const key of REPEATING) {
    const value = fields[key];
    if (typeof value === 'string') fields[key] = shared(value);
  }
  return record;
}

class KeptRow implements LogRow {
  readonly seq: number;
  readonly hresult: HresultView | null;
  readonly record: JournalRecord;

  constructor(row: LogRow) {
    this.seq = row.seq;
    this.hresult = sharedHresult(row.hresult);
    this.record = shareStrings(row.record);
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
    return describeRecord(this.record);
  }
}

/** The row as the renderer keeps it (a row already kept is kept as it is). */
export function keepRow(row: LogRow): LogRow {
  return row instanceof KeptRow ? row : new KeptRow(row);
}
