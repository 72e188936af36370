/**
 * A ref as a checked block's lines give it (line-block-check.ts): a helper thread gives each row
 * it makes its ref's key (shared/request/ref-key.ts), so the CSV writer, which must look up every
 * made row's request while it keeps any (RequestCommands), neither reads the line nor makes a
 * string for it.
 */
import { refNumber } from '../../../shared/request/ref-key.js';

/** In a checked block's lines: the line has no ref (or a null one). */
export const NO_REF = -1;
/** In a checked block's lines: the ref is not the tracker's `r<n>`; read it from the line. */
export const OTHER_REF = -2;

/** A ref as a checked block's lines give it: its number, NO_REF or OTHER_REF. */
export function lineRefKey(ref: unknown): number {
  if (typeof ref !== 'string') return NO_REF;
  const n = refNumber(ref);
  return n < 0 ? OTHER_REF : n;
}
