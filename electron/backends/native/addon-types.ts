/**
 * What the native addon (native/, `mbn_diag.node`) exposes to JavaScript, declared here because a
 * `.node` file carries no types. HRESULTs and request IDs are unsigned 32-bit numbers.
 */

/** Which step a call's HRESULT belongs to: only `call` means the MBN method itself ran. */
type AddonCallStage = 'call' | 'context' | 'lookup' | 'service' | 'internal';

export interface AddonStartResult {
  hresult: number;
  /** The step that failed (`CoCreateInstance(MbnInterfaceManager)`, `Advise(...)`), or ''. */
  step: string;
}

export interface AddonInterface {
  interfaceId: string;
  /** S_OK, or E_PENDING while the MBN service still probes the device. */
  capsHresult: number;
  manufacturer: string;
  model: string;
  firmware: string;
  deviceId: string;
  cellularClass: number;
  dataClass: number;
  readyStateHresult: number;
  /** MBN_READY_STATE, meaningful only when `readyStateHresult` is S_OK. */
  readyState: number;
}

export interface AddonInterfacesResult {
  hresult: number;
  interfaces: AddonInterface[];
}

interface AddonService {
  serviceId: string;
  dataReadSupported: boolean;
  dataWriteSupported: boolean;
  /** HRESULT of GetDeviceService + IsDataSessionOpen; `dataSessionOpen` is valid only on S_OK. */
  sessionHresult: number;
  dataSessionOpen: boolean;
}

export interface AddonServicesResult {
  /** '' on success, else `context` (GetDeviceServicesContext) or `enumerate`. */
  stage: '' | 'context' | 'enumerate';
  hresult: number;
  services: AddonService[];
}

export interface AddonCallResult {
  stage: AddonCallStage;
  hresult: number;
  requestId: number;
  /** For isDataSessionOpen. */
  open: boolean;
}

export type AddonEvent =
  | {
      type: 'completion';
      op: 'open' | 'close' | 'write';
      interfaceId: string;
      serviceId: string;
      status: number;
      requestId: number;
    }
  | { type: 'read-data'; interfaceId: string; serviceId: string; data: Uint8Array }
  | {
      type: 'interface-arrival' | 'interface-removal';
      interfaceId: string;
      /** IMbnInterfaceManagerEvents or IMbnDeviceServicesEvents::OnInterfaceStateChange. */
      source: 'interface-manager' | 'device-services';
    };

export interface AddonClient {
  start(): Promise<AddonStartResult>;
  listInterfaces(): Promise<AddonInterfacesResult>;
  listServices(interfaceId: string): Promise<AddonServicesResult>;
  openDataSession(interfaceId: string, serviceId: string): Promise<AddonCallResult>;
  closeDataSession(interfaceId: string, serviceId: string): Promise<AddonCallResult>;
  writeData(interfaceId: string, serviceId: string, data: Uint8Array): Promise<AddonCallResult>;
  isDataSessionOpen(interfaceId: string, serviceId: string): Promise<AddonCallResult>;
  /**
   * Unadvises, releases every COM object, aborts the event function and joins the COM thread.
   * Idempotent. False if the COM thread was stuck in a call and had to be left behind.
   */
  close(): boolean;
  readonly closed: boolean;
}

export type AddonClientConstructor = new (onEvent: (event: AddonEvent) => void) => AddonClient;

interface AddonCounters {
  liveClients: number;
  liveSinks: number;
}

/** The module as loaded: on Windows the client class; elsewhere only `platformSupported: false`. */
export type AddonModule =
  | {
      platformSupported: true;
      MbnClient: AddonClientConstructor;
      counters: () => AddonCounters;
    }
  | { platformSupported: false };
