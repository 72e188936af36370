import { BACKEND_HEADLINES } from '../labels';
import type { ViewDef } from '../views/views';
import type { ViewId } from '../views/view-ids';
import { setTheme } from '../store/actions';
import { useApp, type Theme } from '../store/app-store';
import { NARROW_WINDOW, useMediaQuery } from './use-media-query';

interface Props {
  views: readonly ViewDef[];
  current: ViewId;
  onSelect: (id: ViewId) => void;
  /** Lists the keyboard shortcuts (ShortcutsOverlay), as `?` does. */
  onShortcuts: () => void;
}

/**
 * Title, which backend is in use and why, view tabs (once there are several), the keyboard
 * shortcuts, theme.
 */
export function Header({ views, current, onSelect, onShortcuts }: Props) {
  const backend = useApp((s) => s.backend);
  const theme = useApp((s) => s.theme);
  const simulated = backend?.kind === 'simulator';
  // On half a screen the button's word goes, its key stays (and its name, for a screen reader):
  // with it, the header took a third line there, and the timeline lost a lane's height.
  const narrow = useMediaQuery(NARROW_WINDOW);
  return (
    <header className="header">
      <div className="header-row">
        <h1 className="title">MBN Diagnostics</h1>
        {views.length > 1 ? (
          <nav aria-label="Views" className="views">
            {views.map((v) => (
              <button
                key={v.id}
                type="button"
                className="view-tab"
                aria-current={v.id === current ? 'page' : undefined}
                onClick={() => onSelect(v.id)}
              >
                {v.label}
              </button>
            ))}
          </nav>
        ) : null}
        <div className="header-spacer" />
        {backend ? (
          <span className={`backend-badge ${simulated ? 'is-sim' : 'is-real'}`}>
            {backend.label}
            {backend.available ? '' : ' (unavailable)'}
          </span>
        ) : null}
        {/* Said on screen: a review found `?` listed the keys, and nothing said `?` did. */}
        <button
          type="button"
          className="small shortcuts-button"
          aria-keyshortcuts="?"
          title="Keyboard shortcuts (?)"
          onClick={onShortcuts}
        >
          <span className={narrow ? 'visually-hidden' : undefined}>Shortcuts </span>
          <kbd>?</kbd>
        </button>
        <label className="theme-picker">
          Theme{' '}
          <select value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
      </div>
      {backend ? (
        <p className={`backend-reason ${simulated ? 'is-sim' : ''}`} role="note">
          <strong>{BACKEND_HEADLINES[backend.kind]} </strong>
          {backend.reason}
        </p>
      ) : null}
    </header>
  );
}
