/**
 * What a whole-log search says besides its matches, in the window and the CLI alike: a damaged
 * line has no record to match, so a count of matches that kept quiet about them would read as
 * "nothing else there" to an engineer who searched a log with a cut-off or garbled stretch.
 */
export function damagedLinesNote(count: number): string {
  if (count === 0) return '';
  const lines = `${count.toLocaleString('en-US')} damaged ${count === 1 ? 'line' : 'lines'}`;
  return `${lines} could not be read, so ${count === 1 ? 'it was' : 'they were'} not searched.`;
}
