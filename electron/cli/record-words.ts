/**
 * What the CLI prints of a record after its time: which modem, which service, what happened,
 * joined as every view joins them (shared/journal/entry-line.ts). A completion's own words do
 * not say where it happened, nor which command it answered: `commandId` is the one its request
 * sent, as the reader knows it (shared/request/request-commands.ts). `watch` and `search` both
 * print this, so a line reads the same in either.
 */
import { describeRecord } from '../../shared/journal/record-text.js';
import { recordServiceName } from '../../shared/journal/record-fields.js';
import type { JournalRecord } from '../../shared/journal/record.js';
import { entryLine } from '../../shared/journal/entry-line.js';

export function recordWords(
  record: JournalRecord,
  device: string | null,
  commandId: number | null = null,
): string {
  return entryLine([device, recordServiceName(record), describeRecord(record, commandId)]);
}
