import { useEffect, useRef } from 'react';
import { NOT_LOADED } from '../../../shared/log-window';

/** Every keyboard shortcut the app has, where it works. Keep in step with the handlers. */
const SHORTCUTS: readonly { where: string; keys: readonly (readonly [string, string])[] }[] = [
  {
    where: 'Anywhere',
    keys: [
      ['?', 'Show or hide this list'],
      ['Esc', 'Close this list'],
    ],
  },
  {
    where: 'Session log (when it has focus)',
    keys: [
      ['↑ ↓', 'Select the previous or next entry'],
      ['Ctrl+C', 'Copy the selected entry (as its Copy button does)'],
      [
        'Enter',
        `Bring in the entries ${NOT_LOADED} on the line beside the selected entry (a saved log)`,
      ],
      ['Page Up, Page Down', 'Scroll; scrolling up pauses following live'],
      ['End', 'The last entry (live: the newest, following live again)'],
      ['Esc', 'Clear the selection'],
    ],
  },
  {
    where: 'Timeline (when it has focus)',
    keys: [
      ['+ −', 'Zoom in or out, about the selected request or the pointer'],
      ['F', 'Zoom to the selected request (nothing selected: the view it opened on)'],
      ['Home', 'Fit everything'],
      ['← →', 'Pan'],
      ['[ ]', 'Select the previous or next request'],
      ['L', 'Follow live'],
      ['Esc', 'Clear the selection'],
    ],
  },
  {
    where: "A whole-log search's matches (one Tab stop)",
    keys: [
      ['↑ ↓', 'The previous or next match'],
      ['Page Up, Page Down', 'A box of matches up or down'],
      ['Home, End', 'The first or last match listed'],
      ['Enter', 'Show the match in the log'],
    ],
  },
  {
    where: 'The bar above the log, under the timeline or the services (when it has focus)',
    keys: [
      ['↑ ↓', 'Give the log or the pane above it more room (or drag the bar)'],
      ['Home', 'Give the log the most room'],
      ['Enter', "The pane's own height again (or double-click the bar)"],
    ],
  },
];

/** Typing in a field is typing, not a shortcut. */
function typing(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))
  );
}

interface Props {
  open: boolean;
  setOpen: (open: boolean | ((was: boolean) => boolean)) => void;
}

/**
 * The `?` overlay: the keyboard shortcuts, as a modal dialog that Esc closes. Opened by `?` or
 * the header's Shortcuts button (App holds whether it is open).
 */
export function ShortcutsOverlay({ open, setOpen }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      setOpen((was) => !was);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setOpen]);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="shortcuts"
      aria-labelledby="shortcuts-heading"
      onClose={() => setOpen(false)}
    >
      {/* Rendered only while open: closed, its words would stand in for the live ones. */}
      {open ? (
        <>
          <div className="panel-head">
            <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
            <button type="button" className="small" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
          <div className="shortcuts-groups">
            {SHORTCUTS.map((group) => (
              <section key={group.where}>
                <h3>{group.where}</h3>
                <dl>
                  {group.keys.map(([keys, what]) => (
                    <div key={keys + what}>
                      <dt>
                        <kbd>{keys}</kbd>
                      </dt>
                      <dd>{what}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
        </>
      ) : null}
    </dialog>
  );
}
