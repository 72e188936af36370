/**
 * Excel and LibreOffice Calc hold at most 1,048,576 rows in a sheet. A CSV of more opens cut
 * short: each says it could not load everything, but neither says where it stopped, and a
 * week-long kiosk log is ten million events. So the CSV's choice says the limit before an export,
 * and its confirmation says how far a spreadsheet shows it and how to get the rest after one.
 */
import { formatCount } from './format-count.js';
import { formatTimestamp, type TimeZoneChoice } from './time.js';

export const SHEET_ROWS = 1_048_576;
/** Records of a CSV a spreadsheet shows: its header takes the first row. */
export const SHEET_RECORDS = SHEET_ROWS - 1;

/** The records of a CSV a sheet leaves out: the times of the first and the last of them. */
export interface SheetRest {
  from: string;
  last: string;
}

/**
 * Said of a CSV of more records than a sheet holds: from the first record it leaves out on is the
 * range to export for the rest. `rest`: how, given that record's time as shown, in the words of
 * where it is said (the CLI names its option).
 */
export function sheetCutWords(
  rest: SheetRest,
  zone: TimeZoneChoice = 'utc',
  how = (from: string) => `the rest begin at ${from}: export them as a time range from then on`,
): string {
  return `Excel and LibreOffice Calc open only its first ${formatCount(SHEET_RECORDS)} records; ${how(formatTimestamp(rest.from, zone))}.`;
}
