/**
 * The "Go to time" box in the zone the log shows. A datetime-local value carries no zone: read on
 * the technician's own clock while the log shows UTC, a time copied off a UTC row would land an
 * hour or more away from that row.
 */
import type { TimeZoneChoice } from '../../../shared/time';

/** Milliseconds since the epoch of a datetime-local value read in `zone`, or null if unreadable. */
export function goToTimeMs(value: string, zone: TimeZoneChoice): number | null {
  const text = value.trim();
  // Only the datetime-local shapes: a zone written into the text would be read twice.
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,3})?)?$/.test(text)) return null;
  const ms = Date.parse(zone === 'utc' ? `${text}Z` : text);
  return Number.isNaN(ms) ? null : ms;
}

/** The box's label, naming the zone its time is read in (the same as the log's Time column). */
export function goToTimeLabel(zone: TimeZoneChoice): string {
  return zone === 'utc' ? 'Go to time (UTC)' : 'Go to time (local)';
}
