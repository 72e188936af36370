/**
 * A request's ref as a key that needs no string: the number of a ref the tracker wrote (`r1`,
 * `r2`, …), the text of any other. What RequestCommands keeps its requests by; the CSV's helper
 * threads give each row they make its ref's key (electron/core/export/ref-key.ts), so the CSV
 * writer neither reads the line nor makes a string for it.
 */
export type RefKey = number | string;

/** The number of `r<n>` as the tracker writes it (no leading zero, under a billion), else -1. */
export function refNumber(ref: string): number {
  const length = ref.length;
  if (length < 2 || length > 10 || ref.charCodeAt(0) !== 114) return -1;
  if (ref.charCodeAt(1) === 48) return length === 2 ? 0 : -1;
  let n = 0;
  for (let i = 1; i < length; i++) {
    const digit = ref.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

export function refKey(ref: string): RefKey {
  const n = refNumber(ref);
  return n < 0 ? ref : n;
}
