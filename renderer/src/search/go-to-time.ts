/** The "Go to time" box's words; the time typed in it is read by shared/typed-time.ts. */
import type { TimeZoneChoice } from '../../../shared/time';

/** The box's label, naming the zone its time is read in (the same as the log's Time column). */
export function goToTimeLabel(zone: TimeZoneChoice): string {
  return zone === 'utc' ? 'Go to time (UTC)' : 'Go to time (local)';
}
