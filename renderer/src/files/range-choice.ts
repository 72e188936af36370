/**
 * The export's time range as the technician typed it: two times written as the log writes them
 * (or a date alone, its whole day, as the search's boxes and the CLI's --from take it), read in
 * the zone the log shows (shared/typed-time.ts, as Go to time reads its box), and what is
 * wrong with them in words, said beside the boxes before anything is asked of main.
 */
import { rangeProblem, type ExportRange } from '../../../shared/export-range';
import { formatTimestamp, type TimeZoneChoice } from '../../../shared/time';
import { TYPED_TIME_PLACEHOLDER, typedRangeEndMs } from '../../../shared/typed-time';
import type { SheetRest } from '../../../shared/sheet-rows';

export interface RangeChoice {
  /** Only a range (else the whole log). */
  on: boolean;
  from: string;
  to: string;
  /**
   * A box was typed in: what it holds is the technician's, kept when the range is chosen again.
   * Boxes only filled for them are filled afresh then (another entry may be selected by now).
   */
  typed?: true;
}

export type ChosenRange =
  | { range: ExportRange | null; problem: null }
  /** `field`: the box to mend ('both' when each reads but the end comes first). */
  | { range: null; problem: string; field: 'from' | 'to' | 'both' };

export function chosenRange(choice: RangeChoice, zone: TimeZoneChoice): ChosenRange {
  if (!choice.on) return { range: null, problem: null };
  const from = timeOf(choice.from, 'start', zone);
  if (typeof from === 'string') return { range: null, problem: from, field: 'from' };
  const to = timeOf(choice.to, 'end', zone);
  if (typeof to === 'string') return { range: null, problem: to, field: 'to' };
  const range = { from, to };
  const problem = rangeProblem(range);
  return problem === null ? { range, problem: null } : { range: null, problem, field: 'both' };
}

/** The time typed, or why it is not one. */
function timeOf(text: string, which: 'start' | 'end', zone: TimeZoneChoice): number | string {
  if (text.trim() === '') return `Type the range's ${which} as ${TYPED_TIME_PLACEHOLDER}.`;
  return (
    typedRangeEndMs(text, zone, which) ??
    `The range's ${which} is not a time: type it as ${TYPED_TIME_PLACEHOLDER} (a row's time can be copied as it is), or a date alone for the whole day.`
  );
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The boxes filled when a range is first chosen with no entry selected: the hour up to the end of
 * the minute now (a session's latest hour, the usual ask), in the zone the log shows.
 */
export function lastHourChoice(now: number, zone: TimeZoneChoice): RangeChoice {
  const to = Math.floor(now / MINUTE) * MINUTE + MINUTE;
  return hourChoice(to - HOUR, zone);
}

/**
 * The boxes filled when a range is first chosen with an entry selected (the failed request a
 * support engineer was asked about): the hour around it, from the minute half an hour before.
 */
export function aroundChoice(at: number, zone: TimeZoneChoice): RangeChoice {
  return hourChoice(Math.floor((at - HOUR / 2) / MINUTE) * MINUTE, zone);
}

function hourChoice(from: number, zone: TimeZoneChoice): RangeChoice {
  const shown = (ms: number) => formatTimestamp(new Date(ms).toISOString(), zone);
  return { on: true, from: shown(from), to: shown(from + HOUR) };
}

/**
 * The boxes for the rest of a CSV a spreadsheet leaves out (shared/sheet-rows.ts): from its first
 * record left out to just past its last (not the window's newest entry: a long saved log's newest
 * may not be in yet). Times as logged: a record a clock set back wrote earlier falls outside.
 */
export function restOfSheet(rest: SheetRest, zone: TimeZoneChoice): RangeChoice {
  const past = new Date(Date.parse(rest.last) + 1).toISOString();
  return {
    on: true,
    from: formatTimestamp(rest.from, zone),
    to: formatTimestamp(past, zone),
    typed: true,
  };
}
