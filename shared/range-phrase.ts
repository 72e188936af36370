/**
 * A search's time range as its count says it, in the window and the CLI alike: " from A to B",
 * " from A on" or " before B" (each time as `at` writes it); empty for the whole log's time.
 */
export function rangePhrase(
  since: string | undefined,
  until: string | undefined,
  at: (iso: string) => string,
): string {
  if (since === undefined && until === undefined) return '';
  if (since === undefined) return ` before ${at(until ?? '')}`;
  if (until === undefined) return ` from ${at(since)} on`;
  return ` from ${at(since)} to ${at(until)}`;
}
