/**
 * The saved log's word on where it was recorded, for the banner: a log from a kiosk in Chicago,
 * read in Paris, shows Paris times (or UTC), while the technician's ticket says "about 14:05" on
 * the kiosk's clock. Said only when the times on screen are not the kiosk's own, or its runs
 * were recorded in several zones; a log from this computer's zone says nothing more.
 */
import {
  localTimeZone,
  recordedZoneNote,
  zoneDiffers,
  type TimeZone,
  type TimeZoneTally,
} from '../../../shared/journal/time-zone';
import { zoneOf, type TimeMode } from '../store/time-store';

/** This computer's zone, with its offset when a run started (now, when that is unknown). */
function viewerZone(iso: string | undefined): TimeZone {
  const at = iso === undefined ? Number.NaN : Date.parse(iso);
  return localTimeZone(Number.isNaN(at) ? Date.now() : at);
}

/** The banner's line for times shown in `mode`, or null when the times shown are the log's own. */
export function savedZoneNote(
  tally: TimeZoneTally,
  mode: TimeMode,
  viewer: (iso: string | undefined) => TimeZone = viewerZone,
): string | null {
  const utc = zoneOf(mode) === 'utc';
  if (!zoneDiffers(tally, (at) => (utc ? 0 : viewer(at).utcOffsetMinutes))) return null;
  return recordedZoneNote(tally, utc ? 'utc' : viewer(tally.firstRuns()[0]?.at));
}
