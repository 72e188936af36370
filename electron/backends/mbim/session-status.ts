/**
 * What the MBIM backend tells the engine as its session with the modem goes and comes back: a
 * `backend-status` unavailable when the modem closed its MBIM session or its device went away,
 * and available once a new session answers. The engine re-reads every known service's session
 * states on that return (electron/engine/reconnect-reread.ts), as after an MBN service restart;
 * without it the window kept showing "Open" for a session that ended with the old MBIM session.
 * The first open is none of this: it is the backend's start, said by the engine's first record.
 */

/** Where the session ran, for the words. */
export interface SessionPlace {
  devicePath: string;
  proxy: boolean;
}

export class SessionStatus {
  /** What was said since the modem was last there; undefined while it is. */
  private said: Set<string> | undefined;

  constructor(private readonly tell: (available: boolean, message: string) => void) {}

  /**
   * The modem is not there, for this reason. Each reason is said once per outage: through an
   * mbim-proxy that keeps answering NOT_OPENED, every request opens a new session in vain, and
   * that is one outage, not one per request.
   */
  down(message: string): void {
    if (this.said?.has(message)) return;
    (this.said ??= new Set()).add(message);
    this.tell(false, message);
  }

  /** The modem answers again, in a new session: said only after an outage. */
  up(message: string): void {
    if (this.said === undefined) return;
    this.said = undefined;
    this.tell(true, message);
  }
}

function through({ proxy }: SessionPlace): string {
  return proxy ? ' through mbim-proxy' : '';
}

/** The modem answered NOT_OPENED: its MBIM session closed under the backend. */
export function closedItsSession(place: SessionPlace): string {
  return `The modem on ${place.devicePath} closed its MBIM session (it answered NOT_OPENED); opening a new one${through(place)}.`;
}

/** The link ended: the device node went away, or mbim-proxy dropped the connection. */
export function wentAway(place: SessionPlace, reason: string): string {
  if (place.proxy)
    return `Lost ${place.devicePath} through mbim-proxy (${reason}): the modem went away or mbim-proxy stopped; it is opened again once it answers.`;
  return `${place.devicePath} went away (${reason}); it is opened again when it comes back.`;
}

/** A new session answers, after the modem closed the old one or after the device came back. */
export function reopened(place: SessionPlace, after: 'closed' | 'gone'): string {
  const cause =
    after === 'closed'
      ? 'after the modem closed the old one'
      : `after ${place.devicePath} came back`;
  return `Reopened the MBIM session with the modem on ${place.devicePath}${through(place)}, ${cause}.`;
}
