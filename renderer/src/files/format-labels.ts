/**
 * Words for the export formats. The renderer may import only types from the contract, so the
 * list lives here, typed as a complete record: a new format cannot go unlabelled.
 */
import type { ExportFormat } from '../../../electron/ipc/contract';
import { formatCount } from '../../../shared/format-count';
import { REPORT_LOG_RECORDS } from '../../../shared/report-log-limit';
import { SHEET_RECORDS } from '../../../shared/sheet-rows';

export const FORMAT_CHOICES: Record<ExportFormat, { label: string; description: string }> = {
  zip: {
    label: 'Diagnostic bundle (.zip)',
    description: 'Everything below plus environment details, in one file for support.',
  },
  jsonl: {
    label: 'JSON Lines log (.jsonl)',
    description: 'The log itself; opens again in MBN Diagnostics.',
  },
  html: {
    label: 'HTML report (.html)',
    // Not "full log": a week's report lists its first records and its problems (bundle's words).
    description: `Summary, timeline picture and the log (of a long one, the first ${formatCount(REPORT_LOG_RECORDS)} entries and every problem); opens in any browser, prints.`,
  },
  csv: {
    label: 'CSV spreadsheet (.csv)',
    // A week's log is millions of events; a sheet holds about one (shared/sheet-rows.ts).
    description: `One row per event, for Excel or LibreOffice, which open ${formatCount(SHEET_RECORDS)} events at most.`,
  },
  trace: {
    label: 'Chrome trace (.json)',
    description: 'Opens in ui.perfetto.dev or chrome://tracing.',
  },
  pcapng: {
    label: 'MBIM capture (.pcapng)',
    description: 'The MBIM messages exchanged with the modem, for Wireshark.',
  },
};
