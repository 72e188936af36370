/**
 * What the native addon (native/, `mbn_diag.node`) exposes to JavaScript, declared here because a
 * `.node` file carries no types. HRESULTs and request IDs are unsigned 32-bit numbers.
 */
import type { EventNotificationsDropped, ReadDataDropped } from '../../../shared/model.js';

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
  /**
   * Interfaces left out because their ID could not be read (get_InterfaceID failed): while there
   * are any, a device missing from `interfaces` is not known to be gone.
   */
  unreadable: number;
}

export interface AddonService {
  serviceId: string;
  dataReadSupported: boolean;
  dataWriteSupported: boolean;
  /** HRESULT of GetDeviceService + IsDataSessionOpen; `dataSessionOpen` is valid only on S_OK. */
  sessionHresult: number;
  dataSessionOpen: boolean;
  /** HRESULT of GetDeviceService + IsCommandSessionOpen; `commandSessionOpen` is valid only on S_OK. */
  commandSessionHresult: number;
  commandSessionOpen: boolean;
  /** HRESULT of the device's IMbnDeviceServicesContext::get_MaxCommandSize (same on each service). */
  maxCommandSizeHresult: number;
  maxCommandSize: number;
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
  /** For isDataSessionOpen and isCommandSessionOpen. */
  open: boolean;
}

/** The addon's names for the MBN calls that complete later: the model's RequestOp names. */
type AddonOp =
  | 'open'
  | 'close'
  | 'write'
  | 'supported-commands'
  | 'open-command-session'
  | 'close-command-session'
  | 'query'
  | 'set';

export type AddonEvent =
  | {
      type: 'completion';
      op: AddonOp;
      interfaceId: string;
      serviceId: string;
      status: number;
      requestId: number;
      /** supported-commands with status S_OK: the list, read as VT_UI4 or VT_I4 elements. */
      commandIds?: number[];
      /**
       * supported-commands with status S_OK whose list was not of 4-byte integers: the VARTYPE
       * found (0 when the array carried none). The list's element type is undocumented.
       */
      commandListVartype?: number;
      /** query and set with status S_OK: the response, its bytes copied. */
      response?: { responseId: number; data: Uint8Array };
    }
  | { type: 'read-data'; interfaceId: string; serviceId: string; data: Uint8Array }
  /**
   * Reads dropped because more than `limitBytes` of read data waited for JS: sent once, right
   * after the last read that was accepted before them, in all and by service (those the addon's ID
   * cache could not name, and any past the sixteenth, under null IDs). The backend passes it on.
   */
  | ReadDataDropped
  /** Notifications dropped over their own budget (16 MiB), said as reads dropped are. */
  | EventNotificationsDropped
  | {
      /** OnEventNotification: no status, no request ID; the bytes copied. */
      type: 'event-notification';
      interfaceId: string;
      serviceId: string;
      eventId: number;
      data: Uint8Array;
    }
  | {
      type: 'interface-arrival' | 'interface-removal';
      interfaceId: string;
      /** IMbnInterfaceManagerEvents or IMbnDeviceServicesEvents::OnInterfaceStateChange. */
      source: 'interface-manager' | 'device-services';
    }
  | {
      /** After IMbnInterfaceEvents: the interfaces listed afresh on the COM thread. */
      type: 'interfaces-changed';
      reason: 'ready-state' | 'capability';
      hresult: number;
      interfaces: AddonInterface[];
    }
  | {
      /** The MBN service stopped answering; the addon dropped all its objects. */
      type: 'service-lost';
      hresult: number;
      /** The call that found out, e.g. `OpenDataSession`. */
      step: string;
    };

/** What close() settles with. */
export interface AddonCloseResult {
  /** Every subscription undone and every MBN object released (false: not within the limit). */
  released: boolean;
  /** The COM thread did it itself; false when it was stuck in a hung call and left behind. */
  threadStopped: boolean;
}

export interface AddonClient {
  start(): Promise<AddonStartResult>;
  listInterfaces(): Promise<AddonInterfacesResult>;
  listServices(interfaceId: string): Promise<AddonServicesResult>;
  openDataSession(interfaceId: string, serviceId: string): Promise<AddonCallResult>;
  closeDataSession(interfaceId: string, serviceId: string): Promise<AddonCallResult>;
  writeData(interfaceId: string, serviceId: string, data: Uint8Array): Promise<AddonCallResult>;
  isDataSessionOpen(interfaceId: string, serviceId: string): Promise<AddonCallResult>;
  querySupportedCommands(interfaceId: string, serviceId: string): Promise<AddonCallResult>;
  openCommandSession(interfaceId: string, serviceId: string): Promise<AddonCallResult>;
  closeCommandSession(interfaceId: string, serviceId: string): Promise<AddonCallResult>;
  /** `commandId` is a ULONG; anything else is a TypeError. `data` is copied before it returns. */
  queryCommand(
    interfaceId: string,
    serviceId: string,
    commandId: number,
    data: Uint8Array,
  ): Promise<AddonCallResult>;
  setCommand(
    interfaceId: string,
    serviceId: string,
    commandId: number,
    data: Uint8Array,
  ): Promise<AddonCallResult>;
  isCommandSessionOpen(interfaceId: string, serviceId: string): Promise<AddonCallResult>;
  /**
   * Stops events at once, rejects outstanding calls, and asks the COM thread to unadvise and
   * release everything. Returns at once, never blocking the JS thread; the promise settles when
   * that is done (a watchdog does it if a call hangs), at most about 2 s later. Idempotent.
   */
  close(): Promise<AddonCloseResult>;
  readonly closed: boolean;
}

export type AddonClientConstructor = new (onEvent: (event: AddonEvent) => void) => AddonClient;

interface AddonCounters {
  liveClients: number;
  liveSinks: number;
  /** COM threads not yet ended (one stuck in a hung MBN call counts until it returns). */
  runningComThreads: number;
  /** Event callbacks that had to call into the MBN service for a service's IDs (never now). */
  sinkOutgoingCalls: number;
  /**
   * Events whose service object the ID cache did not know: named by the COM thread, which asks
   * the object, outside the callback.
   */
  deferredIdLookups: number;
  /** The most bytes of read data ever queued to JS at once (its budget: 32 MiB). */
  maxQueuedReadBytes: number;
  /** Reads dropped because that budget was full. */
  readsDropped: number;
  /** The same of notifications, against their own budget (16 MiB). */
  maxQueuedNotificationBytes: number;
  notificationsDropped: number;
  /** Reads, and notifications, accepted and then lost undelivered with their service. */
  readsLost: number;
  notificationsLost: number;
  /** EnumerateDeviceServices answers read as VT_RECORD arrays. */
  recordArraysRead: number;
}

/** The module as loaded: on Windows the client class; elsewhere only `platformSupported: false`. */
export type AddonModule =
  | {
      platformSupported: true;
      MbnClient: AddonClientConstructor;
      counters: () => AddonCounters;
    }
  | { platformSupported: false };
