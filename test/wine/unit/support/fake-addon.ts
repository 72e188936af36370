/**
 * A scripted stand-in for the native addon (its client's calls answer what the script says, and
 * its events are emitted by hand), for the native backend's adapter tests, which need no Wine.
 */
import type {
  AddonCallResult,
  AddonClient,
  AddonCloseResult,
  AddonEvent,
  AddonInterfacesResult,
  AddonServicesResult,
  AddonStartResult,
} from '../../../../electron/backends/native/addon-types.js';
import { BackendError } from '../../../../electron/backends/contract.js';
import {
  NativeBackend,
  type NativeBackendOptions,
} from '../../../../electron/backends/native/native-backend.js';

export const ERROR_NOT_FOUND = 0x80070490;
export const ERROR_NOT_SUPPORTED = 0x80070032;
export const E_PENDING = 0x8000000a;
export const E_ACCESSDENIED = 0x80070005;

export interface Script {
  start?: AddonStartResult;
  interfaces?: AddonInterfacesResult;
  services?: AddonServicesResult;
  call?: AddonCallResult;
}

export function fakeAddon(script: Script, options: NativeBackendOptions = {}) {
  let emit: (e: AddonEvent) => void = () => undefined;
  let closed = false;
  const calls: string[] = [];
  const guard = <T>(value: T | undefined, fallback: T): Promise<T> =>
    closed
      ? Promise.reject(Object.assign(new Error('closed'), { code: 'backend-closed' }))
      : Promise.resolve(value ?? fallback);
  const callResult: AddonCallResult = { stage: 'call', hresult: 0, requestId: 7, open: true };
  class Client implements AddonClient {
    constructor(onEvent: (e: AddonEvent) => void) {
      emit = onEvent;
    }
    get closed(): boolean {
      return closed;
    }
    start = (): Promise<AddonStartResult> => guard(script.start, { hresult: 0, step: '' });
    listInterfaces = (): Promise<AddonInterfacesResult> =>
      guard(script.interfaces, { hresult: 0, interfaces: [], unreadable: 0 });
    listServices = (): Promise<AddonServicesResult> =>
      guard(script.services, { stage: '', hresult: 0, services: [] });
    openDataSession = (i: string, s: string): Promise<AddonCallResult> => {
      calls.push(`open ${i} ${s}`);
      return guard(script.call, callResult);
    };
    closeDataSession = (i: string, s: string): Promise<AddonCallResult> => {
      calls.push(`close ${i} ${s}`);
      return guard(script.call, callResult);
    };
    writeData = (): Promise<AddonCallResult> => guard(script.call, callResult);
    isDataSessionOpen = (): Promise<AddonCallResult> => guard(script.call, callResult);
    querySupportedCommands = (i: string, s: string): Promise<AddonCallResult> => {
      calls.push(`supported-commands ${i} ${s}`);
      return guard(script.call, callResult);
    };
    openCommandSession = (i: string, s: string): Promise<AddonCallResult> => {
      calls.push(`open-command-session ${i} ${s}`);
      return guard(script.call, callResult);
    };
    closeCommandSession = (i: string, s: string): Promise<AddonCallResult> => {
      calls.push(`close-command-session ${i} ${s}`);
      return guard(script.call, callResult);
    };
    queryCommand = (i: string, s: string, cid: number, d: Uint8Array): Promise<AddonCallResult> => {
      calls.push(`query ${i} ${s} ${cid} ${d.length}`);
      return guard(script.call, callResult);
    };
    setCommand = (i: string, s: string, cid: number, d: Uint8Array): Promise<AddonCallResult> => {
      calls.push(`set ${i} ${s} ${cid} ${d.length}`);
      return guard(script.call, callResult);
    };
    isCommandSessionOpen = (): Promise<AddonCallResult> => guard(script.call, callResult);
    close = (): Promise<AddonCloseResult> => {
      closed = true;
      return Promise.resolve({ released: true, threadStopped: true });
    };
  }
  const backend = new NativeBackend(
    Client,
    { kind: 'mbn', label: 'test', reason: 'test' },
    options,
  );
  return { backend, emit: (e: AddonEvent) => emit(e), calls };
}

export const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: unknown) => (e instanceof BackendError ? e.code : `not a BackendError: ${String(e)}`),
  );
