/**
 * Which of a search's hits the list draws: those in its box, and a few either side, from its
 * scroll and height alone. Every row main sent (5,000) can be scrolled to, while the page holds a
 * few dozen: drawn whole, 500 of them (over 5,000 elements) cost the window 1-4 s of style and
 * layout as the first hits came, and each progress event after.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

/** A hit's height before one is measured (the wide layout's, in CSS pixels). */
const ROW_PX = 24;
/** Rows drawn beyond the box either way: a wheel's turn shows drawn rows, not a gap. */
const OVERSCAN = 8;

export interface HitWindow {
  /** The first hit drawn, and the one after the last. */
  first: number;
  last: number;
  /** The rows not drawn above and below, in pixels (the list's padding keeps their place). */
  above: number;
  below: number;
}

export function hitWindow(
  view: { top: number; height: number },
  count: number,
  rowPx: number,
): HitWindow {
  const top = Math.max(0, Math.min(view.top, count * rowPx - view.height));
  const first = Math.max(0, Math.floor(top / rowPx) - OVERSCAN);
  const last = Math.min(count, Math.ceil((top + view.height) / rowPx) + OVERSCAN);
  return { first, last, above: first * rowPx, below: Math.max(0, count - last) * rowPx };
}

/**
 * The hits `box` shows of `count`, kept as it scrolls and resizes. A row's height is read off the
 * first drawn (two lines in a narrow log, one in a wide one), each time the box changes size.
 */
export function useHitWindow(
  box: RefObject<HTMLElement | null>,
  count: number,
): { window: HitWindow; onScroll: () => void } {
  // Before the box is measured: about what the list's box shows at most.
  const [view, setView] = useState<HitView>({ top: 0, height: 320, rowPx: ROW_PX });
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const update = () => setView((v) => viewOf(el, v));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, [box]);
  const onScroll = () => {
    const el = box.current;
    if (el) setView((v) => viewOf(el, v));
  };
  return { window: hitWindow(view, count, view.rowPx), onScroll };
}

interface HitView {
  top: number;
  height: number;
  rowPx: number;
}

/** The box as it is now (`last` itself when unchanged: nothing is drawn again). */
function viewOf(el: HTMLElement, last: HitView): HitView {
  const row = el.querySelector('li');
  const drawn = row ? row.getBoundingClientRect().height : 0;
  const rowPx = drawn > 0 ? drawn : ROW_PX;
  const { scrollTop: top, clientHeight: height } = el;
  return last.top === top && last.height === height && last.rowPx === rowPx
    ? last
    : { top, height, rowPx };
}
