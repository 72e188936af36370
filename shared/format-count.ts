/**
 * A count as it is read, thousands apart with commas ("1,234,567"): every count the CLI, the
 * exports and the window show, in one form. Whole numbers are grouped here rather than by
 * `toLocaleString`, whose first call in a process loads the locale data: 20 ms of a 0.28 s
 * `mbn-diag search`, for the same text. A fraction (rare: a limit in MiB) is left to it.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const grouped = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

/** "1 request", "2 requests": a count and its noun, one or many ("1 requests" was read). */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
