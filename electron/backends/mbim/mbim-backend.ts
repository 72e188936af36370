/**
 * The MBIM backend: a real modem on Linux, through its control device (/dev/cdc-wdmN,
 * /dev/wwan0mbim0) or through mbim-proxy so it coexists with ModemManager. It keeps the same
 * contract as the simulator and the MBN addon:
 *
 * - the device comes from DEVICE_CAPS (+ SUBSCRIBER_READY_STATUS), its services from
 *   DEVICE_SERVICES (the DSS service itself, the transport for streams, is not listed);
 * - Open/Close Session are DSS_CONNECT activate/deactivate; the call returns once the command is
 *   written, with a request ID of ours, and the completion is the COMMAND_DONE, its MBIM status
 *   travelling as an HRESULT (electron/core/mbim-status.ts) so it is named like any other;
 * - every message that crosses is reported as an `mbim-message` event (journaled with its bytes);
 *   indications are device events named by service and CID;
 * - stream data (WriteData, read data) is not on the control channel: refused in words;
 * - QUERY and SET are MBIM COMMAND query/set on the service's UUID with the CID and the bytes as
 *   the InformationBuffer; QuerySupportedCommands answers from the service's CIDs in
 *   DEVICE_SERVICES; INDICATE_STATUS on a device service is an event notification
 *   (commands.ts and notifications.ts say the details, and why the command session is local).
 *
 * The session with the modem (opened, replaced, lost, found again) is mbim-session.ts's; the
 * services' table is service-table.ts's, the DSS session IDs held dss-session-ids.ts's; what crosses for each call
 * and what its answer means is mbim-calls.ts's.
 */
import {
  normalizeServiceId,
  type BackendEvent,
  type CallResult,
  type DeviceInfo,
  type InterfaceId,
  type ServiceId,
  type ServiceInfo,
} from '../../../shared/model.js';
import { serviceDisplayName } from '../../../shared/well-known-services.js';
import { ConnectStopped } from '../connect-stopped.js';
import {
  BackendError,
  type BackendDescription,
  type BackendListener,
  type MbnBackend,
} from '../contract.js';
import type { ByteLink } from './bridge.js';
import {
  malformed,
  queryBasicConnect,
  readyState,
  succeeded,
  type CommandDone,
} from './basic-connect.js';
import { decodeDeviceCaps } from './info.js';
import { maxCommandSize } from './commands.js';
import { DssSessionFile } from './dss-session-file.js';
import { DssSessionIds } from './dss-session-ids.js';
import { MbimCalls } from './mbim-calls.js';
import { MbimSession } from './mbim-session.js';
import { ServiceTable, type ServiceEntry } from './service-table.js';
import { usbManufacturer } from './sysfs.js';
import { CID, formatUuid, UUID_DSS } from './uuid.js';

export interface MbimBackendOptions {
  devicePath: string;
  /** Through mbim-proxy (shared with ModemManager) rather than opening the device. */
  proxy: boolean;
  /** How long the caps/services queries may take. */
  queryTimeoutMs?: number;
  /**
   * How long MBIM OPEN may take in all, an unanswered OPEN being sent again every 5 s
   * (connect.ts); 30 s by default, as mbimcli allows.
   */
  openTimeoutMs?: number;
  /** Why this backend was chosen, for describe(). */
  reason?: string;
  /**
   * Where the DSS session IDs held are kept between processes (the CLI's, beside its journals:
   * dss-session-file.ts); in memory alone when undefined (the window is one process).
   */
  dssSessionFile?: string;
  /** Replaces the bridge, for tests. */
  openLink?: () => Promise<ByteLink>;
}

export class MbimBackend implements MbnBackend {
  private readonly listeners = new Set<BackendListener>();
  /** What happened before anyone listened (proxy configuration, OPEN), given to the first listener. */
  private early: BackendEvent[] = [];
  private readonly session: MbimSession;
  private readonly services: ServiceTable;
  private readonly calls: MbimCalls;
  private readonly timeoutMs: number;

  private constructor(private readonly options: MbimBackendOptions) {
    this.timeoutMs = options.queryTimeoutMs ?? 5000;
    this.session = new MbimSession(options, {
      onNote: (note) => this.calls.note(note),
      onMessage: (message) => this.calls.unsolicited(message),
      onReplacing: () => {
        this.calls.sessionReplaced();
        this.services.sessionReplaced();
      },
      onReplaced: () => this.services.resubscribe(),
      onLost: () => {
        this.services.forget();
        this.calls.forget();
        this.emit({ type: 'interface-removal', interfaceId: this.interfaceId });
      },
      onReturned: () => {
        this.emit({ type: 'interface-arrival', interfaceId: this.interfaceId });
        // The services are listed and their indications subscribed in the new session: a new
        // mbim-proxy client starts from libmbim's standard list, which drops every vendor
        // service's notification, and nothing else in the session asks for them again. A listing
        // that fails here is the engine's re-read's to report.
        this.services.refresh().catch(() => undefined);
      },
      onStatus: (available, message) => this.emit({ type: 'backend-status', available, message }),
      holdsDataSession: () => this.calls.holdsDataSession(),
      onFunctionClosed: () => this.calls.dataSessionsEnded(),
    });
    this.services = new ServiceTable(this.session, this.timeoutMs);
    this.calls = new MbimCalls(
      this.session,
      this.interfaceId,
      (interfaceId, serviceId) => this.service(interfaceId, serviceId),
      (event) => this.emit(event),
      new DssSessionIds(
        options.dssSessionFile !== undefined
          ? new DssSessionFile(options.dssSessionFile, options.devicePath)
          : undefined,
      ),
    );
  }

  /**
   * Connects and says MBIM OPEN; rejects with BackendError('unavailable') in plain words, or with
   * ConnectStopped when `signal` aborts first (the device file is closed by then).
   */
  static async connect(options: MbimBackendOptions, signal?: AbortSignal): Promise<MbimBackend> {
    const backend = new MbimBackend(options);
    try {
      await backend.session.attach(signal);
    } catch (error) {
      if (error instanceof ConnectStopped) throw error;
      throw new BackendError(
        'unavailable',
        `Cannot talk MBIM to ${options.devicePath}${options.proxy ? ' through mbim-proxy' : ''}: ${(error as Error).message}`,
      );
    }
    return backend;
  }

  get interfaceId(): InterfaceId {
    return this.options.devicePath;
  }

  describe(): BackendDescription {
    return {
      kind: 'mbim',
      label: `MBIM modem at ${this.options.devicePath}${this.options.proxy ? ' (through mbim-proxy)' : ''}`,
      reason: this.options.reason ?? 'A Linux MBIM control device.',
    };
  }

  async listDevices(): Promise<DeviceInfo[]> {
    this.session.assertOpen();
    await this.session.settled();
    if (!this.session.present) return [];
    const caps = succeeded(await this.query(CID.deviceCaps), 'DEVICE_CAPS');
    const parsed = malformed('DEVICE_CAPS', () => decodeDeviceCaps(caps));
    return [
      {
        interfaceId: this.interfaceId,
        manufacturer: usbManufacturer(this.options.devicePath),
        model: parsed.hardwareInfo,
        firmware: parsed.firmwareInfo,
        deviceId: parsed.deviceId,
        readyState: await this.session.exchange((channel) => readyState(channel, this.timeoutMs)),
      },
    ];
  }

  async listServices(interfaceId: InterfaceId): Promise<ServiceInfo[]> {
    this.assertDevice(interfaceId);
    const services = await this.services.refresh();
    return services
      .filter((s) => s.serviceId !== formatUuid(UUID_DSS))
      .map((s) => ({
        interfaceId: this.interfaceId,
        serviceId: s.serviceId,
        name: serviceDisplayName(s.serviceId),
        dataReadSupported: (s.dssPayload & 2) !== 0,
        dataWriteSupported: (s.dssPayload & 1) !== 0,
        dataSessionOpen: this.calls.dataSessionOpen(s.serviceId),
        commandSessionOpen: this.calls.commandSessionOpen(s.serviceId),
        maxCommandSize: maxCommandSize(this.session.channel.maxTransfer),
      }));
  }

  openDataSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    return this.calls.dss('open', interfaceId, serviceId);
  }

  closeDataSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    return this.calls.dss('close', interfaceId, serviceId);
  }

  /** Answered from DEVICE_SERVICES (each service lists its CIDs there), completing at once. */
  async querySupportedCommands(
    interfaceId: InterfaceId,
    serviceId: ServiceId,
  ): Promise<CallResult> {
    const service = await this.service(interfaceId, serviceId);
    return this.calls.local('supported-commands', service, { commandIds: [...service.cids] });
  }

  async openCommandSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    const service = await this.service(interfaceId, serviceId);
    return this.calls.local('open-command-session', service, {});
  }

  async closeCommandSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    const service = await this.service(interfaceId, serviceId);
    return this.calls.local('close-command-session', service, {});
  }

  queryCommand(
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    commandId: number,
    data: Uint8Array,
  ): Promise<CallResult> {
    return this.calls.command('query', interfaceId, serviceId, commandId, data);
  }

  setCommand(
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    commandId: number,
    data: Uint8Array,
  ): Promise<CallResult> {
    return this.calls.command('set', interfaceId, serviceId, commandId, data);
  }

  writeData(
    _interfaceId: InterfaceId,
    _serviceId: ServiceId,
    _data: Uint8Array,
  ): Promise<CallResult> {
    return Promise.reject(
      new BackendError(
        'unavailable',
        'Writing to a data session is not available on the MBIM backend: device service stream data travels over the network device (on Linux, VLAN IDs 256–511 of the wwan interface), not over the MBIM control channel.',
      ),
    );
  }

  onEvent(listener: BackendListener): () => void {
    this.listeners.add(listener);
    const early = this.early;
    this.early = [];
    for (const event of early) listener(event);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.session.closed) return;
    await this.session.close();
    this.listeners.clear();
  }

  /** The listed device service a call names (the DSS transport itself is none). */
  private async service(interfaceId: InterfaceId, serviceId: ServiceId): Promise<ServiceEntry> {
    this.assertDevice(interfaceId);
    const wanted = typeof serviceId === 'string' ? normalizeServiceId(serviceId) : '';
    let service = this.services.find(wanted);
    if (!service) service = (await this.services.refresh()).find((s) => s.serviceId === wanted);
    if (!service || service.serviceId === formatUuid(UUID_DSS))
      throw new BackendError('unknown-service', `The modem has no device service "${serviceId}".`);
    return service;
  }

  private async query(cid: number): Promise<CommandDone> {
    if (!this.session.present) throw new BackendError('unknown-device', 'The modem has gone away.');
    return this.session.exchange((channel) => queryBasicConnect(channel, cid, this.timeoutMs));
  }

  private emit(event: BackendEvent): void {
    if (this.listeners.size === 0 && !this.session.closed && this.early.length < 64)
      this.early.push(event);
    for (const listener of this.listeners) listener(event);
  }

  private assertDevice(interfaceId: InterfaceId): void {
    this.session.assertOpen();
    if (interfaceId !== this.interfaceId || !this.session.present)
      throw new BackendError('unknown-device', `No device with interface ID "${interfaceId}".`);
  }
}
