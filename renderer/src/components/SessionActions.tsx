import { useEffect, useRef, useState } from 'react';
import type { RequestStory, ServiceRow } from '../../../electron/ipc/contract';
import { type RequestOp, serviceKey } from '../../../shared/model';
import { hasEnded } from '../../../shared/request/outcome';
import { disarm, giveUp, sendSession } from '../store/actions';
import { useApp } from '../store/app-store';

interface Props {
  service: ServiceRow;
  request: RequestStory | undefined;
  disabled: boolean;
}

/**
 * Close Session (and Open Session where the session is closed, or its state unknown). When the
 * session is not open the Close button says so, and sending anyway takes a second, explicit
 * confirmation.
 */
export function SessionActions({ service, request, disabled }: Props) {
  const armed = useApp((s) => s.armed);
  const key = serviceKey(service.interfaceId, service.serviceId);
  const name = service.name;
  const waiting = request && !hasEnded(request.outcome) ? request : undefined;
  const closeRef = useRef<HTMLButtonElement>(null);
  // Only this cell's own confirmations: the Commands section has its own, and its own focus.
  const armedHere = armed === `${key}|close` || armed === `${key}|open`;
  const wasArmed = useRef(false);
  /** The overdue request the technician chose to keep waiting for (the offer folds away). */
  const [keptWaiting, setKeptWaiting] = useState<string | null>(null);
  const stopRef = useRef<HTMLButtonElement>(null);
  const pendingRef = useRef<HTMLButtonElement>(null);
  // A button that folds away under the keyboard's focus would drop it to the page's top: Close
  // and Open hand it to the pending button that takes their place, which hands it back to Close
  // once the request ends; Keep waiting hands it to Stop waiting, and Stop waiting to Close once
  // the service is free again.
  const handFocus = useRef<'pending' | 'stop' | 'close' | null>(null);
  /** The service's last request when Close or Open was pressed: a newer one means it was sent. */
  const sentAfter = useRef<string | undefined>(undefined);
  useEffect(() => {
    // Refused at once, the request never waits: no pending button comes, the focus goes to Close.
    if (
      handFocus.current === 'pending' &&
      !waiting &&
      request !== undefined &&
      request.ref !== sentAfter.current
    )
      handFocus.current = 'close';
    const target =
      handFocus.current === 'pending'
        ? pendingRef.current
        : handFocus.current === 'stop'
          ? stopRef.current
          : handFocus.current === 'close'
            ? closeRef.current
            : null;
    // Close is there only once the request has ended: until then, the hand-over waits.
    if (!target) return;
    target.focus();
    // The pending button, still focused when its request ends, hands the focus on to Close.
    handFocus.current = handFocus.current === 'pending' ? 'close' : null;
  });
  // Focus moved elsewhere meanwhile (a click, Tab): nothing is taken back from there.
  const letGo = () => {
    if (handFocus.current === 'close') handFocus.current = null;
  };
  const handToPending = (e: { currentTarget: HTMLElement }) => {
    if (e.currentTarget !== document.activeElement) return;
    handFocus.current = 'pending';
    sentAfter.current = request?.ref;
  };
  // Backing out of the confirmation (Escape, Cancel) returns focus to the Close button.
  useEffect(() => {
    if (wasArmed.current && !armedHere) closeRef.current?.focus();
    wasArmed.current = armedHere;
  }, [armedHere]);

  if (waiting) {
    const verb = PENDING_WORDS[waiting.op];
    // Not `disabled`, which would drop the keyboard's focus: it does nothing, and says so.
    const pending = (
      <button
        ref={pendingRef}
        type="button"
        className="action is-pending"
        aria-disabled="true"
        onBlur={letGo}
      >
        {verb}… {waiting.requestId === null ? '' : `request #${waiting.requestId}`}
      </button>
    );
    if (waiting.outcome !== 'overdue') return pending;
    // Overdue is not a dead end: wait on (a late completion is still recorded) or stop waiting,
    // which main records as given up and which frees the service to try again.
    const kept = keptWaiting === waiting.ref;
    return (
      <div className="overdue-offer" role="group" aria-label={`No completion yet for ${name}`}>
        {pending}
        <div className="offer-buttons">
          <button
            ref={stopRef}
            type="button"
            className="action secondary"
            aria-label={`Stop waiting: ${name}`}
            onClick={(e) => {
              if (e.currentTarget === document.activeElement) handFocus.current = 'close';
              void giveUp(waiting);
            }}
          >
            Stop waiting
          </button>
          {kept ? null : (
            <button
              type="button"
              className="small"
              aria-label={`Keep waiting: ${name}`}
              onClick={(e) => {
                if (e.currentTarget === document.activeElement) handFocus.current = 'stop';
                setKeptWaiting(waiting.ref);
              }}
            >
              Keep waiting
            </button>
          )}
        </div>
      </div>
    );
  }

  for (const op of ['close', 'open'] as const) {
    if (armed === `${key}|${op}`)
      return <Confirm op={op} service={service} onSend={handToPending} />;
  }

  const state = service.sessionState;
  const open = state === 'open';
  // Not known (MBIM cannot say whether a DSS session is open, so every state starts unknown): the
  // Close button says so rather than "not open", and Open is offered as where it is closed, or
  // the technician with a modem on Linux had no way to open a session from the window.
  const notOpen = open ? null : state === 'unknown' ? NOT_KNOWN_OPEN : NOT_OPEN;
  return (
    <div className="actions">
      <button
        ref={closeRef}
        type="button"
        className={`action ${open ? 'primary' : 'secondary'}`}
        disabled={disabled}
        aria-label={notOpen ? `Close session (${notOpen.said}): ${name}` : `Close session: ${name}`}
        onClick={(e) => {
          handToPending(e);
          void sendSession('close', service);
        }}
      >
        {notOpen ? notOpen.label : 'Close session'}
      </button>
      {state === 'closed' || state === 'unknown' ? (
        <button
          type="button"
          className="action secondary"
          disabled={disabled}
          aria-label={`Open session: ${name}`}
          onClick={(e) => {
            handToPending(e);
            void sendSession('open', service);
          }}
        >
          Open session
        </button>
      ) : null}
    </div>
  );
}

/**
 * The Close button of a session not known to be open: what it shows, and what a screen reader
 * hears. Unknown is shown short ("state unknown" whole pushed Open over the next column at 1366
 * px; the Data session badge beside it says Unknown already).
 */
const NOT_OPEN = { label: 'Close (not open)…', said: 'not open' };
const NOT_KNOWN_OPEN = { label: 'Close (unknown)…', said: 'state unknown' };

/** What the pending button says while a request of each kind waits for its completion. */
const PENDING_WORDS: Record<RequestOp, string> = {
  open: 'Opening',
  close: 'Closing',
  write: 'Writing',
  'supported-commands': 'Listing commands',
  'open-command-session': 'Opening command session',
  'close-command-session': 'Closing command session',
  query: 'Querying',
  set: 'Setting',
};

/** The deliberate second step: focus moves to it, Escape or Cancel backs out. */
function Confirm({
  op,
  service,
  onSend,
}: {
  op: 'close' | 'open';
  service: ServiceRow;
  /** Hands the focus on to the pending button that takes this group's place. */
  onSend: (e: { currentTarget: HTMLElement }) => void;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    confirmRef.current?.focus();
  }, []);
  const verb = op === 'close' ? 'Close' : 'Open';
  return (
    <div
      className="confirm"
      role="group"
      aria-label={`Confirm ${verb} for ${service.name}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') disarm();
      }}
    >
      <span className="confirm-text">
        {op === 'close'
          ? `The session is ${service.sessionState}. Send Close anyway?`
          : 'The session is already open. Send Open anyway?'}
      </span>
      <button
        ref={confirmRef}
        type="button"
        className="action danger"
        onClick={(e) => {
          onSend(e);
          void sendSession(op, service, true);
        }}
      >
        Send {verb} anyway
      </button>
      <button type="button" className="small" onClick={disarm}>
        Cancel
      </button>
    </div>
  );
}
