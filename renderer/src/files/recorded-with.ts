/**
 * A saved log's banner line on what recorded its runs (shared `recordedWith`: backend and OS): the
 * first few, and that there are others, so a folder whose first runs were simulated never reads
 * as all simulated; or that it does not say. The header above describes this machine's backend,
 * not the log's.
 */
import { RECORDED_WITH_SHOWN } from '../store/files-store';

export function recordedWithLine(setups: ReadonlySet<string>, complete: boolean): string | null {
  // Said once every page is in, so a log cut from a longer one (no run start of its own) does not
  // leave a support engineer to take the header's simulator for what recorded it. A large log's
  // unread middle could hold one: said of the entries read.
  if (setups.size === 0)
    return complete ? 'No run start among the entries read: what recorded them is not said.' : null;
  const shown = [...setups].slice(0, RECORDED_WITH_SHOWN).join('; ');
  return `Recorded with ${shown}${setups.size > RECORDED_WITH_SHOWN ? '; and others' : ''}.`;
}
