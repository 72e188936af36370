import { useEffect, useRef, type RefObject } from 'react';

/**
 * Brings what an action ends with into view as it appears: an export's "Saved …", its failure or
 * its cancelling, said below Export…, was drawn past the bottom of a 1366×768 screen (the format
 * list and the range fill it), and the technician who clicked saw nothing happen. Scrolled only
 * as far as it takes (`nearest`: Export…, where the keyboard's focus is, stays in view above it),
 * at once where the system asks for less motion. A result already shown when the panel is drawn
 * again (the tab chosen anew) is left where it is: the page does not jump under the reader.
 *
 * `said`: the result shown, or null; a new one (another object or text) is brought into view.
 */
export function useIntoView(ref: RefObject<HTMLElement | null>, said: unknown): void {
  // The result the page was drawn with, or last brought into view: read twice (React's strict
  // mode runs an effect twice), it is not new.
  const shown = useRef(said);
  useEffect(() => {
    if (said === shown.current) return;
    shown.current = said;
    if (said === null || said === undefined) return;
    const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    ref.current?.scrollIntoView({ block: 'nearest', behavior: still ? 'auto' : 'smooth' });
  }, [ref, said]);
}
