import { dismissNotice } from '../store/actions';
import { useApp } from '../store/app-store';

/** Errors a request came back with (device gone, backend closed...), announced to screen readers. */
export function NoticeBar() {
  const notice = useApp((s) => s.notice);
  const status = useApp((s) => s.status);
  return (
    <div className="notice-area" role="status" aria-live="polite">
      {status === 'connecting' ? <p className="notice info">Connecting to the backend…</p> : null}
      {notice ? (
        <p className={`notice ${notice.tone}`}>
          {notice.text}{' '}
          <button type="button" className="link-button" onClick={dismissNotice}>
            Dismiss
          </button>
        </p>
      ) : null}
    </div>
  );
}
