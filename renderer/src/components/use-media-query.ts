import { useCallback, useSyncExternalStore } from 'react';

/**
 * A window narrower than a 13-inch laptop's screen (half of one is 683 pixels): the header and the
 * search's notes say less there.
 */
export const NARROW_WINDOW = '(max-width: 999px)';

/**
 * The live view in one column (styles.css's `max-width: 900px` rules): with the whole-log search
 * open, the view scrolls there, and the log can lie below its fold.
 */
export const ONE_COLUMN_LIVE = '(max-width: 900px)';

/**
 * A window in one column too short for the live view's panels (800x600): the log's least height
 * beside the devices left the services none, so the view scrolls there.
 */
export const SHORT_ONE_COLUMN = '(max-width: 900px) and (max-height: 709px)';

/**
 * A window too short for a timeline above a log (600 or 614 pixels high: a kiosk's 1024x600, a
 * 13-inch screen at 125 %), or that and in one column: the log's least height left the lanes
 * none, so the Timeline's views scroll there.
 */
export const SHORT_FOR_LANES = `(max-height: 640px), ${SHORT_ONE_COLUMN}`;

/** Whether the window matches a CSS media query now, re-read as it starts or stops matching. */
export function useMediaQuery(query: string): boolean {
  // The same subscription each render, so React keeps it rather than making it again.
  const subscribe = useCallback(
    (changed: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', changed);
      return () => list.removeEventListener('change', changed);
    },
    [query],
  );
  // Drawn without a window (a test's first frame on the server): as on a wide screen.
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}
