/**
 * One page's WebSocket to the preview: requests in, answers and event batches out. A client is
 * untrusted in how it behaves even after it has passed the token and Origin checks (a stuck tab,
 * a fuzzer, a script in another tab that found the URL), so what it can cost is bounded:
 *
 * - a bad frame (too large, invalid UTF-8, a reserved opcode) closes this connection only: ws
 *   reports it as an 'error' event, which without a listener would end the whole process;
 * - at most `maxInFlight` requests are being handled at once; later ones wait in a backlog of at
 *   most `maxBacklogBytes`, and a client that overflows it is disconnected;
 * - at most `maxBuffered` bytes wait to be sent: a client that stopped reading is disconnected
 *   (the page's bridge reconnects and pages in what it missed) instead of growing our heap;
 * - when it goes, everything it held is released: its event subscription, its backlog, and the
 *   socket itself (answers still to come find nothing to write to and are dropped).
 *
 * The socket is never paused to apply backpressure: a paused socket also stops noticing that its
 * client has gone, which would keep everything above alive for ever.
 */
import type { WebSocket } from 'ws';
import type { IpcHost } from '../ipc/ipc-host.js';
import { clientMessageSchema } from './protocol.js';

/** What the IPC host learns about a preview connection: it passed the token and origin checks. */
export interface PreviewSender {
  kind: 'preview';
  authenticated: boolean;
}

export interface ConnectionLimits {
  /** Requests being handled at once, per connection. */
  maxInFlight: number;
  /** Requests received while `maxInFlight` are being handled, in bytes, before disconnecting. */
  maxBacklogBytes: number;
  /** Bytes queued for a client that is not reading, before it is disconnected. */
  maxBuffered: number;
}

export const DEFAULT_LIMITS: ConnectionLimits = {
  maxInFlight: 32,
  maxBacklogBytes: 1024 * 1024,
  maxBuffered: 16 * 1024 * 1024,
};

/** Close code for a client that broke the rules of the connection (RFC 6455 §7.4.1). */
const POLICY_VIOLATION = 1008;

export function serveConnection(
  ws: WebSocket,
  host: IpcHost<PreviewSender>,
  limits: ConnectionLimits = DEFAULT_LIMITS,
): void {
  const sender: PreviewSender = { kind: 'preview', authenticated: true };
  let socket: WebSocket | undefined = ws;
  let inFlight = 0;
  const backlog: Buffer[] = [];
  let backlogBytes = 0;

  const release = (): void => {
    if (!socket) return;
    socket = undefined;
    backlog.length = 0;
    backlogBytes = 0;
    off();
  };

  const drop = (why: string): void => {
    const s = socket;
    release();
    if (!s) return;
    s.close(POLICY_VIOLATION, `Closed: ${why}.`);
    // A client that is not reading may never answer the close handshake either.
    setTimeout(() => s.terminate(), 1000).unref();
  };

  const send = (text: string): void => {
    if (socket?.readyState !== ws.OPEN) return;
    if (socket.bufferedAmount + text.length > limits.maxBuffered) {
      drop('not reading what it is sent');
      return;
    }
    socket.send(text);
  };

  /** Starts one request; a message that is no request is dropped, unanswered. */
  const start = (data: Buffer): void => {
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    const parsed = clientMessageSchema.safeParse(message);
    if (!parsed.success) return;
    const { id, channel, payload } = parsed.data;
    inFlight += 1;
    void host
      .invoke(channel, payload, sender)
      .then(
        (result) => send(answerText(id, result)),
        () => undefined,
      )
      .finally(() => {
        inFlight -= 1;
        startWaiting();
      });
  };

  /**
   * Starts what waits in the backlog while there is room, in order. A loop, not one request per
   * answer: a message that is no request starts nothing, and the ones behind it (a real request)
   * waited for ever once nothing else was in flight to end and take the next.
   */
  const startWaiting = (): void => {
    while (socket && inFlight < limits.maxInFlight) {
      const next = backlog.shift();
      if (!next) return;
      backlogBytes -= next.length;
      start(next);
    }
  };

  const off = host.subscribe((channel, batch) => {
    const text = jsonText({ event: channel, batch });
    // Too large to send (search hits from a log of huge lines): the page reconnects and pages in
    // what it missed, as after any drop, rather than the throw ending the process.
    if (text === undefined) drop('an event too large to send');
    else send(text);
  });
  ws.once('close', release);
  // A bad frame: ws closes the connection itself (1002/1007/1009) right after this event.
  ws.on('error', release);
  ws.on('message', (data: Buffer, isBinary) => {
    if (isBinary || !socket) return;
    if (inFlight < limits.maxInFlight && backlog.length === 0) {
      start(data);
      return;
    }
    backlogBytes += data.length;
    if (backlogBytes > limits.maxBacklogBytes) drop('too many requests at once');
    else backlog.push(data);
  });
}

/**
 * An answer as the page reads it. One too large for a string (a saved log of huge lines can make
 * a page of several hundred megabytes) becomes an error the page can show: JSON.stringify's
 * RangeError, thrown inside the promise chain, used to end the whole preview process.
 */
function answerText(id: number, result: unknown): string {
  return (
    jsonText({ id, result }) ??
    JSON.stringify({
      id,
      result: {
        ok: false,
        error: {
          code: 'internal',
          message: 'The answer was too large to send to the page. Export the log to read it.',
        },
      },
    })
  );
}

/** JSON text, or undefined when there is too much of it for one string. */
function jsonText(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
