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
