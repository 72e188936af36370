/**
 * The words of the search panel's boxes for a time: "Go to time", and the search's From and To.
 * The time typed in each is read by shared/typed-time.ts, in the zone the log shows.
 */
import type { TimeZoneChoice } from '../../../shared/time';

/** "(local)" or "(UTC)": the zone a time typed is read in, the same as the log's Time column. */
export function zoneWord(zone: TimeZoneChoice): string {
  return zone === 'utc' ? '(UTC)' : '(local)';
}

/** The box's label, naming the zone its time is read in (the same as the log's Time column). */
export function goToTimeLabel(zone: TimeZoneChoice): string {
  return `Go to time ${zoneWord(zone)}`;
}

/** The search's range boxes: From (entries at or after it) and To (entries before it). */
export function rangeFieldLabel(field: 'since' | 'until', zone: TimeZoneChoice): string {
  return `${field === 'since' ? 'From' : 'To'} ${zoneWord(zone)}`;
}
