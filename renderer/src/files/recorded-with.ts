/**
 * A saved log's banner line on what recorded its runs (shared `recordedWith`: backend and OS): the
 * first few, and that there are others, so a folder whose first runs were simulated never reads
 * as all simulated. The header above describes this machine's backend, not the log's.
 */
import { RECORDED_WITH_SHOWN } from '../store/files-store';

export function recordedWithLine(setups: ReadonlySet<string>): string | null {
  const list = recordedWithList(setups);
  return list === null ? null : `Recorded with ${list}.`;
}

/** The setups as the banner lists them (`A; B; and others`); null for none known. */
export function recordedWithList(setups: ReadonlySet<string>): string | null {
  if (setups.size === 0) return null;
  const shown = [...setups].slice(0, RECORDED_WITH_SHOWN).join('; ');
  return `${shown}${setups.size > RECORDED_WITH_SHOWN ? '; and others' : ''}`;
}
