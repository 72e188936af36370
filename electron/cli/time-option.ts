/**
 * A time given to a command's option (export --from/--to, search --since/--until), read one way
 * for both: as the CLI prints times, in UTC unless a zone is written (shared/typed-time.ts, as the
 * window's boxes read them), as ISO 8601 to any fraction of a second (as a log may write it), or a
 * date alone, taken as a whole UTC day.
 */
import { isoTimeMs, TYPED_TIME_PLACEHOLDER, typedRangeEndMs } from '../../shared/typed-time.js';
import { CliError } from './exit-codes.js';
import { safe } from './terminal-text.js';

/**
 * `text` as epoch ms. A date alone is its UTC day: from its start for the range's `start`, to its
 * end (the next day's start, the range's end being the first time left out) for its `end`, so
 * `--from 2026-01-05 --to 2026-01-07` is those three days. A clear error naming `flag` otherwise,
 * the text quoted (a double space in it, unquoted, could not be seen).
 */
export function optionTimeMs(text: string, flag: string, end: 'start' | 'end'): number {
  const typed = typedRangeEndMs(text, 'utc', end);
  if (typed !== null) return typed;
  const iso = isoTimeMs(text);
  if (iso !== null) return iso;
  throw new CliError(
    `${flag} “${safe(text)}” is not a time: write it as the log does, ${TYPED_TIME_PLACEHOLDER} (UTC unless a zone is written: 2026-01-05 15:00 +01:00), as ISO 8601 (2026-01-05T15:00:00Z), or a date alone (2026-01-05)`,
  );
}
