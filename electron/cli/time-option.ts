/**
 * A time given to a command's option (export --from/--to, search --since/--until), read one way
 * for both: as the CLI prints times, in UTC unless a zone is written (shared/typed-time.ts, as the
 * window's boxes read them), as ISO 8601 to any fraction of a second (as a log may write it), or a
 * date alone, taken as a whole UTC day.
 */
import { LATEST_MS } from '../../shared/export-range.js';
import { isoTimeMs, TYPED_TIME_PLACEHOLDER, typedTimeMs } from '../../shared/typed-time.js';
import { CliError } from './exit-codes.js';
import { safe } from './terminal-text.js';

/** A date alone, as the log writes its dates: 2026-01-08. */
const DATE = /^\d{4}-\d\d-\d\d$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `text` as epoch ms. A date alone is its UTC day: from its start for the range's `start`, to its
 * end (the next day's start, the range's end being the first time left out) for its `end`, so
 * `--from 2026-01-05 --to 2026-01-07` is those three days. A clear error naming `flag` otherwise,
 * the text quoted (a double space in it, unquoted, could not be seen).
 */
export function optionTimeMs(text: string, flag: string, end: 'start' | 'end'): number {
  const value = text.trim();
  const typed = typedTimeMs(value, 'utc');
  if (typed !== null) return typed;
  const iso = isoTimeMs(value);
  if (iso !== null) return iso;
  const day = DATE.test(value) ? typedTimeMs(`${value} 00:00`, 'utc') : null;
  if (day !== null) return end === 'start' ? day : Math.min(day + DAY_MS, LATEST_MS);
  throw new CliError(
    `${flag} “${safe(text)}” is not a time: write it as the log does, ${TYPED_TIME_PLACEHOLDER} (UTC unless a zone is written: 2026-01-05 15:00 +01:00), as ISO 8601 (2026-01-05T15:00:00Z), or a date alone (2026-01-05)`,
  );
}
