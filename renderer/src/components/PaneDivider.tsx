/**
 * The bar between the timeline and the log. On a 13-inch screen the timeline's own height left
 * the log two rows: a technician reading the log drags the bar up for rows, one studying requests
 * drags it down for lanes. Focused, ↑ and ↓ move it, Home gives the log the most room, and Enter
 * (or a double-click) gives the timeline its own height again.
 *
 * The timeline is the element just above the bar; the log below takes what is left, and CSS keeps
 * each its least useful size (the log's rows, the timeline's toolbar), so no drag hides either.
 */
import { useLayoutEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { MIN_TIMELINE_PX, useLayout } from '../store/layout-store';

/** How far one key press moves the bar: about two log rows. */
const STEP_PX = 48;

export function PaneDivider() {
  const height = useLayout((s) => s.timelineHeight);
  const setHeight = useLayout((s) => s.setTimelineHeight);
  const bar = useRef<HTMLDivElement>(null);

  const timelineHeight = (): number | undefined =>
    bar.current?.previousElementSibling?.getBoundingClientRect().height;

  // The separator's value is the timeline's share of the two panes, as laid out (CSS may clamp).
  useLayoutEffect(() => {
    const el = bar.current;
    const above = el?.previousElementSibling;
    const below = el?.nextElementSibling;
    if (!el || !above || !below) return;
    const update = (): void => {
      // Dragged smaller than its toolbar and least plot need (or its selection's details grew):
      // the timeline takes the height its content needs, rather than spill over the log.
      const spill = above.scrollHeight - above.clientHeight;
      if (height !== null && spill > 1) {
        setHeight(above.getBoundingClientRect().height + spill);
        return;
      }
      const a = above.getBoundingClientRect().height;
      const b = below.getBoundingClientRect().height;
      const share = a + b > 0 ? Math.round((100 * a) / (a + b)) : 50;
      el.setAttribute('aria-valuenow', String(share));
      el.setAttribute('aria-valuetext', `timeline ${share}% of the height, log ${100 - share}%`);
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(above);
    observer.observe(below);
    return () => {
      observer.disconnect();
    };
  }, [height, setHeight]);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    const start = timelineHeight();
    if (start === undefined || event.button !== 0) return;
    event.preventDefault();
    const el = event.currentTarget;
    const startY = event.clientY;
    el.setPointerCapture(event.pointerId);
    const move = (e: globalThis.PointerEvent): void => {
      setHeight(start + e.clientY - startY);
    };
    const stop = (): void => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', stop);
      el.removeEventListener('pointercancel', stop);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', stop);
    el.addEventListener('pointercancel', stop);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const now = timelineHeight();
    if (now === undefined) return;
    if (event.key === 'ArrowUp') setHeight(now - STEP_PX);
    else if (event.key === 'ArrowDown') setHeight(now + STEP_PX);
    else if (event.key === 'Home') setHeight(MIN_TIMELINE_PX);
    else if (event.key === 'Enter') setHeight(null);
    else return;
    event.preventDefault();
  };

  return (
    <div
      ref={bar}
      className="pane-divider"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Timeline and log"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={50}
      tabIndex={0}
      title="Drag (or ↑ ↓) to give the timeline or the log more room · double-click: the timeline's own height"
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onDoubleClick={() => {
        setHeight(null);
      }}
    />
  );
}
