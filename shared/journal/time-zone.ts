/**
 * The recording machine's time zone, as a run's `run-start` record keeps it. Every time in the
 * journal and every export is UTC, but a technician's ticket says "about 14:05" in the kiosk's
 * own time: without the zone the kiosk's clock was set to, a support engineer reading the log
 * months later cannot line the two up. Pure: every view (report, window, CLI) reads it from here.
 */

/** The machine's clock setting when a run started. */
export interface TimeZone {
  /** Its IANA name (`Europe/Berlin`); absent when the machine gave none usable. */
  name?: string;
  /** Local time minus UTC at the start of the run, in minutes (Berlin in winter: 60). */
  utcOffsetMinutes: number;
}

/** The farthest from UTC a clock is set anywhere (Kiribati, UTC+14:00), in minutes, either way. */
const MAX_UTC_OFFSET_MINUTES = 14 * 60;
/** Longer than any IANA name (the longest are about 30 characters). */
const MAX_TIME_ZONE_NAME = 64;
/**
 * An IANA name as the tz database writes them (`America/Argentina/Buenos_Aires`, `Etc/GMT+5`,
 * `EST5EDT`): no spaces, quotes or control characters for a log to plant in a page or terminal.
 */
const ZONE_NAME = new RegExp(`^[A-Za-z][A-Za-z0-9_+\\-/]{0,${String(MAX_TIME_ZONE_NAME - 1)}}$`);

function isTimeZoneName(value: unknown): value is string {
  return typeof value === 'string' && ZONE_NAME.test(value);
}

function isUtcOffset(value: unknown): value is number {
  return Number.isInteger(value) && Math.abs(value as number) <= MAX_UTC_OFFSET_MINUTES;
}

/**
 * What is wrong with a recorded time zone, in words for the list of unreadable lines; undefined
 * when it is one. A log is input from outside: the value is never quoted back.
 */
export function timeZoneProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'it is not an object with "name" and "utcOffsetMinutes"';
  const zone = value as Record<string, unknown>;
  if (zone.name !== undefined && !isTimeZoneName(zone.name))
    return `its "name" is not a time zone name (letters, digits, "/", "_", "+" or "-", up to ${String(MAX_TIME_ZONE_NAME)} characters)`;
  if (!isUtcOffset(zone.utcOffsetMinutes))
    return 'its "utcOffsetMinutes" is not a whole number of minutes within 14 hours of UTC';
  return undefined;
}

export function isTimeZone(value: unknown): value is TimeZone {
  return timeZoneProblem(value) === undefined;
}

/**
 * The zone this runtime's clock is set to, with its offset at `wallMs`: what the journal records
 * (through its clock) and what a window compares a saved log's zone with. A name the runtime
 * does not give, or gives in a form the journal's reader would refuse, is left out.
 */
export function localTimeZone(wallMs: number): TimeZone {
  // getTimezoneOffset is UTC minus local; a zone keeps local minus UTC (and never -0).
  const behind = new Date(wallMs).getTimezoneOffset();
  const zone: TimeZone = { utcOffsetMinutes: behind === 0 ? 0 : -behind };
  const name: unknown = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (isTimeZoneName(name)) zone.name = name;
  return zone;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "UTC+01:00", "UTC-05:30", "UTC+00:00". */
function utcOffsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "Europe/Berlin (UTC+01:00)", or "UTC+01:00" when the machine gave no name. */
export function timeZoneText(zone: TimeZone): string {
  const offset = utcOffsetText(zone.utcOffsetMinutes);
  return zone.name === undefined ? offset : `${zone.name} (${offset})`;
}

/** Zones a tally lists by name: a hostile log of a million run-starts must not grow it. */
const MAX_ZONES = 8;

/**
 * The time zones of a log's runs, as its run-start records are met: which zones (in the order
 * first met), and how many runs recorded none (written before the zone was, or hand-made).
 */
export class TimeZoneTally {
  /**
   * Each distinct zone, by its name (by its offset when it has none), with the time of the first
   * run recorded in it and every offset it had: one zone across a change to or from daylight
   * saving is one zone, not two ("Recorded in 2 time zones: Europe/Berlin (UTC+01:00),
   * Europe/Berlin (UTC+02:00)" read as a log from two places).
   */
  private readonly zones = new Map<
    string,
    { zone: TimeZone; at: string | undefined; offsets: number[] }
  >();
  /** Distinct zones met beyond MAX_ZONES, counted only. */
  private moreZones = 0;
  runs = 0;
  unrecorded = 0;

  /** A run-start record's zone (undefined when it has none), and when the run started. */
  add(zone: TimeZone | undefined, at?: string): void {
    this.runs += 1;
    if (zone === undefined) {
      this.unrecorded += 1;
      return;
    }
    const key = zone.name ?? timeZoneText(zone);
    const known = this.zones.get(key);
    if (known) {
      if (!known.offsets.includes(zone.utcOffsetMinutes) && known.offsets.length < MAX_ZONES)
        known.offsets.push(zone.utcOffsetMinutes);
      return;
    }
    // Only the two fields a zone has: a hostile log's extra ones go no further (a manifest).
    const clean: TimeZone = { utcOffsetMinutes: zone.utcOffsetMinutes };
    if (zone.name !== undefined) clean.name = zone.name;
    if (this.zones.size < MAX_ZONES)
      this.zones.set(key, { zone: clean, at, offsets: [zone.utcOffsetMinutes] });
    else this.moreZones += 1;
  }

  /** The distinct zones met, first met first (at most MAX_ZONES). */
  list(): TimeZone[] {
    return [...this.zones.values()].map((z) => z.zone);
  }

  /** The first run recorded in each distinct zone: its zone and when it started. */
  firstRuns(): { zone: TimeZone; at: string | undefined }[] {
    return [...this.zones.values()];
  }

  /** More than one zone: a reader must not be shown one of them as if it were the log's. */
  get several(): boolean {
    return this.zones.size + this.moreZones > 1;
  }

  /**
   * Where the log was recorded, in words: "Recorded in Europe/Berlin (UTC+01:00)"; "Recorded in
   * 2 time zones: …" when its runs differ (none is picked silently); "Recording machine's time
   * zone not recorded" when no run says, and how many runs did not when only some said.
   */
  words(): string {
    const known = [...this.zones.values()].map(({ zone, offsets }) =>
      offsets.length === 1
        ? timeZoneText(zone)
        : `${zone.name ?? ''} (${offsets.map(utcOffsetText).join(' and ')}, daylight saving)`,
    );
    if (known.length === 0) return "Recording machine's time zone not recorded";
    const count = known.length + this.moreZones;
    const more = this.moreZones > 0 ? ` and ${String(this.moreZones)} more` : '';
    const zones =
      count === 1
        ? `Recorded in ${known[0] ?? ''}`
        : `Recorded in ${String(count)} time zones: ${known.join(', ')}${more}`;
    return this.unrecorded === 0
      ? zones
      : `${zones}; not recorded for ${String(this.unrecorded)} of ${String(this.runs)} runs`;
  }
}

/**
 * Whether a view showing times in a zone whose offset at a moment is `shownOffsetAt(iso)` (UTC's,
 * or the viewer's own) must say where the log was recorded: when its runs were recorded in
 * several zones, or its one zone's offset differs from the view's at the start of the run (so the
 * times shown are not the ones on the recording machine's clock). Not when none is known.
 */
export function zoneDiffers(
  tally: TimeZoneTally,
  shownOffsetAt: (iso: string | undefined) => number,
): boolean {
  if (tally.several) return true;
  const [first] = tally.firstRuns();
  return first !== undefined && first.zone.utcOffsetMinutes !== shownOffsetAt(first.at);
}

/**
 * The line a saved log's view shows when zoneDiffers: where it was recorded, then what the times
 * on screen are in (`shown`: UTC, or the viewer's own zone).
 */
export function recordedZoneNote(tally: TimeZoneTally, shown: TimeZone | 'utc'): string {
  const where = tally.words();
  if (shown === 'utc') return `${where}; the times here are UTC.`;
  return `${where}; the times here are this computer's, ${timeZoneText(shown)}.`;
}
