/**
 * What the CLI prints of a record after its time: which modem, which service, what happened,
 * joined as the window's entry line joins them ("EM7565 (…8E47) · SMS · open #1023 completed:
 * E_FAIL …"). A completion's own words do not say where it happened; `watch` and `search` both
 * print this, so a line reads the same in either.
 */
import { describeRecord } from '../../shared/journal/record-text.js';
import { recordServiceName } from '../../shared/journal/record-fields.js';
import type { JournalRecord } from '../../shared/journal/record.js';

export function recordWords(record: JournalRecord, device: string | null): string {
  return [device, recordServiceName(record), describeRecord(record)]
    .filter((part) => part !== null && part !== '')
    .join(' · ');
}
