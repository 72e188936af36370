/**
 * Focuses the element with `id` once the view that holds it is drawn: on a busy machine React
 * drew the saved log's view a frame or more after the open, and one frame's try found no heading
 * (the focus then fell to the page). Tries for about a second of frames.
 */
export function focusWhenShown(id: string, frames = 60): void {
  const element = document.getElementById(id);
  if (element) element.focus();
  else if (frames > 0) requestAnimationFrame(() => focusWhenShown(id, frames - 1));
}

/**
 * Focuses the first element any of `selectors` finds, in their order, once the view that holds
 * it is drawn (as focusWhenShown, for an element known by its place rather than an id).
 */
export function focusFirstShown(selectors: readonly string[], frames = 60): void {
  for (const selector of selectors) {
    const element = document.querySelector<HTMLElement>(selector);
    if (element) {
      element.focus();
      return;
    }
  }
  if (frames > 0) requestAnimationFrame(() => focusFirstShown(selectors, frames - 1));
}
