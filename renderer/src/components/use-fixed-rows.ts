/**
 * Windowing for rows of one fixed height: which rows are on screen, from scrollTop and the
 * viewport height alone, so the cost per update is the visible rows, not the row count.
 * (@tanstack/react-virtual recomputes every row's offset whenever the count changes: at 100,000
 * rows and 60 updates a second that alone made 300 ms long tasks in bench/ui-latency.ts.)
 */
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

export interface RowWindow {
  first: number;
  last: number;
  totalHeight: number;
}

/** Where the box was last seen scrolled to, and how tall it is. */
interface RowView {
  top: number;
  height: number;
}

/**
 * The rows on screen (with `overscan` either side) of `count` rows in a box scrolled to `view`,
 * or to its end when `atEnd` (a log following live: its box is scrolled there as rows come).
 * Read where the box can scroll to now: when rows went (a full live window dropped its oldest
 * 25,000), the scroll last seen can lie past the rows' end until the box's next scroll event, and
 * read as it was, the window was empty, a log holding 225,000 rows drawn with none.
 */
export function rowWindow(
  view: RowView,
  count: number,
  rowHeight: number,
  overscan: number,
  atEnd = false,
): RowWindow {
  const totalHeight = count * rowHeight;
  const end = totalHeight - view.height;
  const top = Math.max(0, atEnd ? end : Math.min(view.top, end));
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((top + view.height) / rowHeight) + overscan);
  return { first, last, totalHeight };
}

export function useFixedRows(
  scrollRef: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan = 10,
  atEnd = false,
): { window: RowWindow; onScroll: () => void } {
  const [view, setView] = useState<RowView>({ top: 0, height: 600 });

  // Also what a caller that scrolls the box itself calls in its layout effect: the rows of the
  // new scroll are then drawn before the browser paints, not a frame later. Unchanged, it draws
  // nothing again.
  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const top = el.scrollTop;
    const height = el.clientHeight;
    setView((v) => (v.top === top && v.height === height ? v : { top, height }));
  }, [scrollRef]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    onScroll();
    const observer = new ResizeObserver(onScroll);
    observer.observe(el);
    return () => observer.disconnect();
  }, [scrollRef, onScroll]);

  return { window: rowWindow(view, count, rowHeight, overscan, atEnd), onScroll };
}
