/**
 * The sandboxed preload: exposes exactly one object, `window.mbnDiag`, whose two functions relay
 * requests and events on the contract's channels and nothing else (as VS Code's preload checks
 * its channel prefix). No Electron or Node object crosses into the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventChannel, isRequestChannel, type RequestChannel } from './ipc/channels.js';
import type {
  EventMap,
  IpcResult,
  MbnDiagApi,
  RequestPayload,
  ResponseMap,
} from './ipc/contract.js';

const refused = (channel: unknown): IpcResult<never> => ({
  ok: false,
  error: { code: 'unknown-channel', message: `There is no channel ${String(channel)}.` },
});

function invoke<C extends RequestChannel>(
  channel: C,
  payload: RequestPayload<C>,
): Promise<IpcResult<ResponseMap[C]>> {
  if (!isRequestChannel(channel)) return Promise.resolve(refused(channel));
  // The preload is the one place that talks to ipcRenderer; the page only sees `api`.
  // eslint-disable-next-line no-restricted-syntax
  return ipcRenderer.invoke(channel, payload) as Promise<IpcResult<ResponseMap[C]>>;
}

const api: MbnDiagApi = {
  invoke,
  on(channel, listener) {
    if (!isEventChannel(channel)) return () => undefined;
    const relay = (_event: IpcRendererEvent, batch: unknown): void =>
      listener(batch as EventMap[typeof channel]);
    // eslint-disable-next-line no-restricted-syntax
    ipcRenderer.on(channel, relay);
    // eslint-disable-next-line no-restricted-syntax
    return () => void ipcRenderer.removeListener(channel, relay);
  },
};

contextBridge.exposeInMainWorld('mbnDiag', Object.freeze(api));
