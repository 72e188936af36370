/**
 * The export formats a technician can choose, with what each is for. The renderer offers these
 * names; main maps the choice to a save dialog filter with `extension`.
 */
import { formatCount } from '../../../shared/format-count.js';
import { LOG_RECORDS } from './html-log-limits.js';

export const EXPORT_FORMATS = ['jsonl', 'csv', 'html', 'trace', 'zip', 'pcapng'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The formats whose file ends with a record naming the lines it lacks (left-out-lines.ts): the
 * files that travel alone and held no word of it. The report lists what could not be read in a
 * section of its own, and a bundle in its manifest (`readProblems`) as well as its report; its
 * entries are left as they were, for the report and trace it makes from its JSON Lines would
 * otherwise count one more error than those exported alone. The trace and the capture are read
 * in other tools.
 */
export const ENDS_WITH_LEFT_OUT_LINES: ReadonlySet<ExportFormat> = new Set(['jsonl', 'csv']);

export interface FormatInfo {
  format: ExportFormat;
  /** Without the dot. */
  extension: string;
  label: string;
  description: string;
}

export const FORMAT_INFO: Readonly<Record<ExportFormat, FormatInfo>> = {
  jsonl: {
    format: 'jsonl',
    extension: 'jsonl',
    label: 'JSON Lines log',
    description: 'The log itself, one record per line; opens again in mbn-diag.',
  },
  csv: {
    format: 'csv',
    extension: 'csv',
    label: 'CSV spreadsheet',
    description: 'One row per event, for Excel or LibreOffice.',
  },
  html: {
    format: 'html',
    extension: 'html',
    label: 'HTML report',
    // Not "full log": a week's report lists only the log's start and its later problems, and a
    // support engineer reading the bundle's manifest must not look there for the rest.
    description: `Summary, timeline picture and the log in one file (of a log over ${formatCount(LOG_RECORDS)} records, the first ${formatCount(LOG_RECORDS)} and the later ones with a problem); opens in any browser.`,
  },
  trace: {
    format: 'trace',
    extension: 'json',
    label: 'Chrome trace',
    description: 'Opens in ui.perfetto.dev or chrome://tracing.',
  },
  zip: {
    format: 'zip',
    extension: 'zip',
    label: 'Diagnostic bundle',
    description: 'All of the above plus environment details, in one .zip for support.',
  },
  pcapng: {
    format: 'pcapng',
    extension: 'pcapng',
    label: 'MBIM capture',
    description:
      'The MBIM messages exchanged with the modem, for Wireshark; only for logs recorded with the MBIM backend.',
  },
};
