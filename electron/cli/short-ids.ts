/**
 * Service IDs short enough for an 80-column table, as git shortens hashes: the beginning of each
 * ID, its first group (8 hex digits) or more where two IDs share that, so the rows still tell the
 * services apart. That beginning, "…" and all, is what `pick.ts` takes for the whole ID.
 */
import { normalizeServiceId } from '../../shared/model.js';

/** A GUID's first group: random in any GUID, so it seldom needs more. */
const FIRST_GROUP = 8;

export function shortIds(ids: readonly string[]): string[] {
  const bare = ids.map(normalizeServiceId);
  const distinct = new Set(bare).size;
  let length = FIRST_GROUP;
  while (new Set(bare.map((id) => id.slice(0, length))).size < distinct) length += 1;
  return ids.map((id, i) => {
    if ((bare[i] ?? '').length <= length) return id;
    const text = id.trim();
    // The brace stays, so the beginning reads as the ID the wide table and --json show.
    return `${text.slice(0, length + (text.startsWith('{') ? 1 : 0))}…`;
  });
}
