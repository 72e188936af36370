/**
 * Windowing for rows of one fixed height: which rows are on screen, from scrollTop and the
 * viewport height alone, so the cost per update is the visible rows, not the row count.
 * (@tanstack/react-virtual recomputes every row's offset whenever the count changes: at 100,000
 * rows and 60 updates a second that alone made 300 ms long tasks in bench/ui-latency.ts.)
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

export interface RowWindow {
  first: number;
  last: number;
  totalHeight: number;
}

export function useFixedRows(
  scrollRef: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan = 10,
): { window: RowWindow; onScroll: () => void } {
  const [view, setView] = useState({ top: 0, height: 600 });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const update = () => setView({ top: el.scrollTop, height: el.clientHeight });
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, [scrollRef]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (el) setView({ top: el.scrollTop, height: el.clientHeight });
  };

  const first = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + overscan);
  return { window: { first, last, totalHeight: count * rowHeight }, onScroll };
}
