/**
 * A log entry told in one line after its time, as every view tells it: which modem, which
 * service, what happened ("EM7565 (…8E47) · SMS · close #1023 completed: E_FAIL …"). The window's
 * search hits and copied entries and the CLI's `watch` and `search` lines all join their parts
 * here, so the order and the separator are one rule.
 */
export const ENTRY_SEPARATOR = ' · ';

/** The parts present (not null, undefined or empty), joined. */
export function entryLine(parts: readonly (string | null | undefined)[]): string {
  return parts
    .filter((part) => part !== null && part !== undefined && part !== '')
    .join(ENTRY_SEPARATOR);
}
