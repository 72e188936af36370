/**
 * The bar between a pane and the log below it: the timeline (the live timeline, a saved log) or
 * the live view's services. On a 13-inch screen the timeline's own height left the log two rows,
 * and the services table half the window: a technician reading the log drags the bar up for rows,
 * one studying requests or services drags it down. Focused, ↑ and ↓ move it, Home gives the log
 * the most room, and Enter (or a double-click) gives the pane its own height again.
 *
 * The pane is the element just above the bar; the log below takes what is left. No drag hides
 * either: CSS keeps the log its filters and a few rows (more with a search or Commands open) and
 * the timeline its toolbar, and a dragged pane keeps at least MIN_PANE_PX (the services their
 * heading and a row). Over 900 px the device list shares the services' row, and its height.
 */
import { useLayoutEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { MIN_PANE_PX, useLayout, type UpperPane } from '../store/layout-store';

/** How far one key press moves the bar: about two log rows. */
const STEP_PX = 48;

/** Each pane's words: the bar's name, and the pane as its value and its title call it. */
const PANE_WORDS: Readonly<Record<UpperPane, { label: string; name: string; own: string }>> = {
  timeline: { label: 'Timeline and log', name: 'timeline', own: "the timeline's own height" },
  services: { label: 'Services and log', name: 'services', own: "the services' own height" },
};

export function PaneDivider({ pane }: { pane: UpperPane }) {
  const height = useLayout((s) => s.heights[pane]);
  const setPaneHeight = useLayout((s) => s.setHeight);
  const words = PANE_WORDS[pane];
  const bar = useRef<HTMLDivElement>(null);

  const setHeight = (to: number | null): void => {
    setPaneHeight(pane, to);
  };
  const paneHeight = (): number | undefined =>
    bar.current?.previousElementSibling?.getBoundingClientRect().height;

  // The separator's value is the pane's share of the two, as laid out (CSS may clamp).
  useLayoutEffect(() => {
    const el = bar.current;
    const above = el?.previousElementSibling;
    const below = el?.nextElementSibling;
    if (!el || !above || !below) return;
    const update = (): void => {
      // Dragged smaller than its toolbar and least plot need (or its selection's details grew):
      // the pane takes the height its content needs, rather than spill over the log.
      const spill = above.scrollHeight - above.clientHeight;
      if (height !== null && spill > 1) {
        setPaneHeight(pane, above.getBoundingClientRect().height + spill);
        return;
      }
      const a = above.getBoundingClientRect().height;
      const b = below.getBoundingClientRect().height;
      const share = a + b > 0 ? Math.round((100 * a) / (a + b)) : 50;
      el.setAttribute('aria-valuenow', String(share));
      el.setAttribute(
        'aria-valuetext',
        `${words.name} ${share}% of the height, log ${100 - share}%`,
      );
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(above);
    observer.observe(below);
    return () => {
      observer.disconnect();
    };
  }, [height, pane, setPaneHeight, words]);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    const start = paneHeight();
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
    const now = paneHeight();
    if (now === undefined) return;
    if (event.key === 'ArrowUp') setHeight(now - STEP_PX);
    else if (event.key === 'ArrowDown') setHeight(now + STEP_PX);
    else if (event.key === 'Home') setHeight(MIN_PANE_PX[pane]);
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
      aria-label={words.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={50}
      tabIndex={0}
      title={`Drag (or ↑ ↓) to give the ${words.name} or the log more room · double-click: ${words.own}`}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onDoubleClick={() => {
        setHeight(null);
      }}
    />
  );
}
