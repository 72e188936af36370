/**
 * Where an export of an export came from, nearest first: `["r2.jsonl", "r1.jsonl", "log"]`. An
 * export's header (and a bundle's manifest) names its source, and an export of it named only that
 * export: a support engineer handed r2.jsonl could not tell which log it was made of.
 */

/**
 * How many names a chain holds at most. Past it the nearest are kept and the original last (the
 * log a support engineer asks for), those between left out: exports of exports seldom go so deep.
 */
export const MAX_SOURCES = 5;
/** A file name is at most 255 bytes on every file system the app runs on: longer is no name. */
const MAX_NAME = 255;

/**
 * The names a source that is itself an export says it came from, nearest first: its header's
 * `sources` when it has them (itself made of an export), else its `source`. Undefined when it
 * names none (a journal, or a header written by no version of the app). Read from a file that
 * may be anyone's: only strings, a few, each no longer than a file name.
 */
export function namedSources(said: { source?: unknown; sources?: unknown }): string[] | undefined {
  const written: unknown[] = Array.isArray(said.sources) ? said.sources : [said.source];
  const names = written.filter(
    (name): name is string => typeof name === 'string' && name !== '' && name.length <= MAX_NAME,
  );
  // All of them, for the chain to keep the original: at most what a header of the app holds.
  return names.length > 0 ? capped(names) : undefined;
}

/**
 * The chain an export of `nearest` writes: `nearest`, then what it came from (`older`, as its
 * header said it), each name passed through `name` (a file name alone, redacted as `source` is).
 */
export function sourceChain(
  nearest: string,
  older: readonly string[],
  name: (written: string) => string,
): string[] {
  return capped([nearest, ...older.map(name)]);
}

/** At most MAX_SOURCES: the nearest, and the original last. */
function capped(names: readonly string[]): string[] {
  if (names.length <= MAX_SOURCES) return [...names];
  return [...names.slice(0, MAX_SOURCES - 1), names[names.length - 1] ?? ''];
}
