/**
 * How many records an export holds, in the words its confirmation says them in, the CLI's and the
 * window's alike. A range's export holds its range's records and, before them, the run's start and
 * the devices' details from before the range (shared `keptFromBefore`): counted together, "505
 * records from 06:00 to 06:05", a support engineer who counted the range's rows found one fewer.
 */
import { countOf, formatCount } from './format-count.js';
import { rangeWords, type ExportRange } from './export-range.js';
import type { TimeZoneChoice } from './time.js';

/** What a range's export kept from before its range, besides the range's own records. */
export interface KeptFromBefore {
  /** Runs' starts: the latest before the range, and any the clock set back wrote in it. */
  runStarts: number;
  /** Devices' details. */
  devices: number;
}

function keptTotal(kept: KeptFromBefore | null | undefined): number {
  return kept ? kept.runStarts + kept.devices : 0;
}

/**
 * "505 records", or of a range "504 records from … to …, with the run's start kept from before
 * it": `records` is every record the export wrote (its confirmation's count before), of which
 * `kept` came from before the range.
 */
export function recordsWords(
  records: number,
  range: ExportRange | null | undefined,
  kept: KeptFromBefore | null | undefined,
  zone: TimeZoneChoice = 'utc',
): string {
  if (!range) return countOf(records, 'record', 'records');
  const within = Math.max(0, records - keptTotal(kept));
  const words = `${countOf(within, 'record', 'records')} from ${rangeWords(range, zone)}`;
  const what = keptWords(kept);
  return what ? `${words}, with ${what} kept from before it` : words;
}

/** "the run's start and 2 devices' details", or '' when nothing was kept. */
function keptWords(kept: KeptFromBefore | null | undefined): string {
  if (!kept) return '';
  const parts = [
    kept.runStarts === 1 ? "the run's start" : '',
    kept.runStarts > 1 ? `${formatCount(kept.runStarts)} runs' starts` : '',
    kept.devices > 0 ? countOf(kept.devices, "device's details", "devices' details") : '',
  ].filter((part) => part !== '');
  return parts.join(' and ');
}
