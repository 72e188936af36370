import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * Whether any of the boxes a component clamps (a max-height with overflow hidden) cuts its text
 * off: asked after each render and whenever the component's box changes size (the window
 * narrowed, a column widened), so "Show all" is offered only when there is more to show. One
 * observer for the component's life: the services table renders on every request's change.
 */
export function useClamped<T extends HTMLElement>(
  container: RefObject<T | null>,
  clamped: readonly RefObject<HTMLElement | null>[],
  active: boolean,
): boolean {
  const [cut, setCut] = useState(false);
  const measure = useRef<() => void>(() => undefined);
  // After every render: the text, the fold or the width may have changed.
  useLayoutEffect(() => {
    measure.current = () =>
      setCut(
        active &&
          clamped.some((box) => {
            const el = box.current;
            return el !== null && el.scrollHeight > el.clientHeight + 1;
          }),
      );
    measure.current();
  });
  useLayoutEffect(() => {
    const el = container.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(() => measure.current());
    observer.observe(el);
    return () => observer.disconnect();
  }, [container]);
  return cut;
}
