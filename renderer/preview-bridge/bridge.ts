/**
 * The browser preview's stand-in for the Electron preload: gives the page the same
 * `window.mbnDiag` object, carried over the preview server's loopback WebSocket. The token comes
 * from the page URL's fragment, which the browser never sends to a server. Built on its own into
 * dist/preview and injected by the preview server only, so it never ships in the app.
 */
import type {
  EventChannel,
  IpcResult,
  MbnDiagApi,
  RequestChannel,
  RequestPayload,
  ResponseMap,
} from '../../electron/ipc/contract';

type Pending = (result: IpcResult<unknown>) => void;
type Listener = (batch: unknown) => void;

const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
const pending = new Map<number, Pending>();
const listeners = new Map<string, Set<Listener>>();
const outbox: string[] = [];
let nextId = 1;
let socket: WebSocket | undefined;
let retryMs = 250;

function connect(): void {
  const ws = new WebSocket(`ws://${location.host}/ipc?token=${encodeURIComponent(token)}`);
  socket = ws;
  ws.onopen = () => {
    retryMs = 250;
    for (const message of outbox.splice(0)) ws.send(message);
  };
  ws.onmessage = (event: MessageEvent<string>) => {
    const message = JSON.parse(event.data) as
      { id: number; result: IpcResult<unknown> } | { event: string; batch: unknown };
    if ('id' in message) {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else {
      for (const listener of listeners.get(message.event) ?? []) listener(message.batch);
    }
  };
  ws.onclose = () => {
    socket = undefined;
    for (const [id, resolve] of pending) {
      resolve({
        ok: false,
        error: { code: 'unavailable', message: 'The connection to the preview server closed.' },
      });
      pending.delete(id);
    }
    // The log pages in whatever it missed once batches flow again.
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 5000);
  };
}

function invoke<C extends RequestChannel>(
  channel: C,
  payload: RequestPayload<C>,
): Promise<IpcResult<ResponseMap[C]>> {
  const id = nextId++;
  const message = JSON.stringify({ id, channel, payload });
  return new Promise((resolve) => {
    pending.set(id, resolve as Pending);
    if (socket?.readyState === WebSocket.OPEN) socket.send(message);
    else outbox.push(message);
  });
}

const api: MbnDiagApi = {
  invoke,
  on(channel: EventChannel, listener) {
    const set = listeners.get(channel) ?? new Set<Listener>();
    listeners.set(channel, set);
    const wrapped = listener as Listener;
    set.add(wrapped);
    return () => set.delete(wrapped);
  },
};

Object.defineProperty(window, 'mbnDiag', { value: Object.freeze(api), enumerable: true });
connect();
