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
 * DSS session IDs: the backend uses the service's position in the device's DEVICE_SERVICES list.
 * Each service thus has one stable ID below 256 (the NDP signature's limit), so a `close` from one
 * CLI run closes the session an `open` from an earlier run made, which a per-process counter could
 * not do.
 */
import { existsSync } from 'node:fs';
import {
  normalizeServiceId,
  type BackendEvent,
  type CallResult,
  type DeviceInfo,
  type InterfaceId,
  type ServiceId,
  type ServiceInfo,
  type RequestOp,
} from '../../../shared/model.js';
import { serviceDisplayName } from '../../../shared/well-known-services.js';
import {
  BackendError,
  type BackendDescription,
  type BackendListener,
  type MbnBackend,
} from '../contract.js';
import { openBridge, type ByteLink } from './bridge.js';
import { MbimChannel, type MessageNote } from './channel.js';
import { configureProxy, openProxyLink, openSession } from './connect.js';
import { messageFields } from './describe-message.js';
import {
  deviceServices,
  malformed,
  queryBasicConnect,
  readyState,
  setSubscribeList,
  succeeded,
  type CommandDone,
} from './basic-connect.js';
import { decodeDeviceCaps, DSS_LINK, encodeDssConnect } from './info.js';
import {
  checkCommandArguments,
  COMMAND_SESSION_NOT_OPEN,
  maxCommandSize,
  needsOpenCommandSession,
} from './commands.js';
import { COMMAND_TYPE, isNotOpened, type MbimMessage } from './message.js';
import { isEventNotification, subscribeList } from './notifications.js';
import { MbimRequests } from './requests.js';
import { usbManufacturer } from './sysfs.js';
import { CID, CID_DSS_CONNECT, formatUuid, parseUuid, UUID_DSS } from './uuid.js';

/**
 * Through mbim-proxy, a new connection still meets NOT_OPENED when the proxy does not reopen a
 * device that reported its session closed: libmbim before 1.31.2 force-closed the device but left
 * it marked open (fixed by libmbim commit f459174, "set open_status to OPEN_STATUS_CLOSED in
 * mbim_device_close_force"; Debian 12 ships 1.28.2). Only a new proxy process opens it again.
 */
const PROXY_STUCK =
  'The modem closed its MBIM session, and mbim-proxy still answers NOT_OPENED for it after a new connection: this mbim-proxy (libmbim before 1.31.2) does not reopen such a device. End the mbim-proxy process (it is started again when next needed) and try again.';

/** HRESULT_FROM_WIN32(ERROR_DEVICE_NOT_CONNECTED): the command could not be written. */
const DEVICE_NOT_CONNECTED = 0x8007048f;

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
  /** Replaces the bridge, for tests. */
  openLink?: () => Promise<ByteLink>;
}

interface ServiceEntry {
  serviceId: string;
  dssPayload: number;
  sessionId: number;
  /** The CIDs the modem listed for it in DEVICE_SERVICES. */
  cids: readonly number[];
}

export class MbimBackend implements MbnBackend {
  private readonly listeners = new Set<BackendListener>();
  /** What happened before anyone listened (proxy configuration, OPEN), given to the first listener. */
  private early: BackendEvent[] = [];
  private readonly sessions = new Map<string, boolean>();
  /** Command sessions are this tool's own bookkeeping: MBIM has none (see commands.ts). */
  private readonly commandSessions = new Map<string, boolean>();
  /** The subscribe list last set, as text, so an unchanged one is not set again. */
  private subscribed: string | undefined;
  private readonly requests = new MbimRequests();
  private services: ServiceEntry[] | undefined;
  private channel!: MbimChannel;
  private link!: ByteLink;
  private present = false;
  private closed = false;
  /** Counts the sessions attach() opened; a message from an older one triggers nothing. */
  private generation = 0;
  /** Set while a new session replaces one the modem closed (recover()). */
  private recovering: Promise<void> | undefined;
  /** The last session (generation) in which the modem, or mbim-proxy, answered NOT_OPENED. */
  private notOpenedIn = 0;
  private watcher: NodeJS.Timeout | undefined;
  private readonly timeoutMs: number;

  private constructor(private readonly options: MbimBackendOptions) {
    this.timeoutMs = options.queryTimeoutMs ?? 5000;
  }

  /** Connects and says MBIM OPEN; rejects with BackendError('unavailable') in plain words. */
  static async connect(options: MbimBackendOptions): Promise<MbimBackend> {
    const backend = new MbimBackend(options);
    try {
      await backend.attach();
    } catch (error) {
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
    this.assertOpen();
    await this.settled();
    if (!this.present) return [];
    const caps = succeeded(await this.query(CID.deviceCaps), 'DEVICE_CAPS');
    const parsed = malformed('DEVICE_CAPS', () => decodeDeviceCaps(caps));
    return [
      {
        interfaceId: this.interfaceId,
        manufacturer: usbManufacturer(this.options.devicePath),
        model: parsed.hardwareInfo,
        firmware: parsed.firmwareInfo,
        deviceId: parsed.deviceId,
        readyState: await this.exchange((channel) => readyState(channel, this.timeoutMs)),
      },
    ];
  }

  async listServices(interfaceId: InterfaceId): Promise<ServiceInfo[]> {
    this.assertDevice(interfaceId);
    const services = await this.refreshServices();
    return services
      .filter((s) => s.serviceId !== formatUuid(UUID_DSS))
      .map((s) => ({
        interfaceId: this.interfaceId,
        serviceId: s.serviceId,
        name: serviceDisplayName(s.serviceId),
        dataReadSupported: (s.dssPayload & 2) !== 0,
        dataWriteSupported: (s.dssPayload & 1) !== 0,
        dataSessionOpen: this.sessions.get(s.serviceId) ?? null,
        commandSessionOpen: this.commandSessions.get(s.serviceId) ?? false,
        maxCommandSize: maxCommandSize(this.channel.maxTransfer),
      }));
  }

  openDataSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    return this.dss('open', interfaceId, serviceId);
  }

  closeDataSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    return this.dss('close', interfaceId, serviceId);
  }

  /** Answered from DEVICE_SERVICES (each service lists its CIDs there), completing at once. */
  async querySupportedCommands(
    interfaceId: InterfaceId,
    serviceId: ServiceId,
  ): Promise<CallResult> {
    const service = await this.service(interfaceId, serviceId);
    return this.local('supported-commands', service, { commandIds: [...service.cids] });
  }

  async openCommandSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    const service = await this.service(interfaceId, serviceId);
    return this.local('open-command-session', service, {});
  }

  async closeCommandSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    const service = await this.service(interfaceId, serviceId);
    return this.local('close-command-session', service, {});
  }

  queryCommand(
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    commandId: number,
    data: Uint8Array,
  ): Promise<CallResult> {
    return this.command('query', interfaceId, serviceId, commandId, data);
  }

  setCommand(
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    commandId: number,
    data: Uint8Array,
  ): Promise<CallResult> {
    return this.command('set', interfaceId, serviceId, commandId, data);
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
    if (this.closed) return;
    this.closed = true;
    if (this.watcher) clearInterval(this.watcher);
    // A session being replaced is let finish, so its new link is the one closed here.
    await this.settled();
    if (this.present) {
      this.present = false;
      try {
        await this.channel.request({ type: 'close', tid: this.channel.nextTid() }, 1000);
      } catch {
        // The modem may be gone or mute; the link is closed either way.
      }
      await this.link.close();
    }
    this.listeners.clear();
  }

  private async attach(): Promise<void> {
    const generation = ++this.generation;
    this.link = this.options.openLink
      ? await this.options.openLink()
      : this.options.proxy
        ? await openProxyLink()
        : await openBridge('device', this.options.devicePath);
    // A new session's transaction IDs go on from the old one's (channel.ts says why).
    const previous = this.channel as MbimChannel | undefined;
    this.channel = new MbimChannel(
      this.link,
      {
        onNote: (note) => {
          this.note(note);
          const notOpened = note.direction === 'received' && isNotOpened(note.message);
          if (notOpened && generation === this.generation) {
            this.notOpenedIn = generation;
            void this.recover();
          }
        },
        onMessage: (message) => this.unsolicited(message),
      },
      previous?.lastTid ?? 0,
    );
    this.link.onLost((reason) => {
      if (generation === this.generation) this.lost(reason);
    });
    // Commands are fragmented to, and MaxCommandSize derived from, the device's own limit.
    if (this.link.maxControlTransfer !== undefined)
      this.channel.maxTransfer = this.link.maxControlTransfer;
    try {
      this.assertOpen();
      if (this.options.proxy) await configureProxy(this.channel, this.options.devicePath, 30_000);
      await openSession(this.channel, this.options.openTimeoutMs ?? 30_000);
      // close() may have come while this attach (a re-attach in the background) was under way:
      // its link, a bridge process on the real transport, must not outlive the backend.
      this.assertOpen();
    } catch (error) {
      await this.link.close();
      throw error;
    }
    this.present = true;
  }

  private async dss(
    op: RequestOp,
    interfaceId: InterfaceId,
    serviceId: ServiceId,
  ): Promise<CallResult> {
    const service = await this.service(interfaceId, serviceId);
    await this.settled();
    if (!this.present) return { hresult: DEVICE_NOT_CONNECTED, requestId: 0 };
    const requestId = this.requests.take();
    const tid = this.channel.nextTid();
    this.requests.remember(tid, { requestId, op, serviceId: service.serviceId });
    this.channel.send({
      type: 'command',
      tid,
      service: UUID_DSS,
      cid: CID_DSS_CONNECT,
      commandType: COMMAND_TYPE.set,
      payload: encodeDssConnect({
        serviceId: service.serviceId,
        sessionId: service.sessionId,
        linkState: op === 'open' ? DSS_LINK.activate : DSS_LINK.deactivate,
      }),
    });
    return { hresult: 0, requestId };
  }

  /** QUERY or SET: an MBIM COMMAND on the service's own UUID; its COMMAND_DONE completes it. */
  private async command(
    op: 'query' | 'set',
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    commandId: number,
    data: Uint8Array,
  ): Promise<CallResult> {
    checkCommandArguments(commandId, data);
    const service = await this.service(interfaceId, serviceId);
    await this.settled();
    if (!this.present) return { hresult: DEVICE_NOT_CONNECTED, requestId: 0 };
    if (!this.commandSessions.get(service.serviceId))
      return { hresult: COMMAND_SESSION_NOT_OPEN, requestId: 0 };
    const uuid = parseUuid(service.serviceId);
    if (!uuid) throw new BackendError('internal', `Not a UUID: ${service.serviceId}.`);
    const requestId = this.requests.take();
    const tid = this.channel.nextTid();
    this.requests.remember(tid, { requestId, op, serviceId: service.serviceId });
    this.channel.send({
      type: 'command',
      tid,
      service: uuid,
      cid: commandId,
      commandType: op === 'query' ? COMMAND_TYPE.query : COMMAND_TYPE.set,
      payload: data,
    });
    return { hresult: 0, requestId };
  }

  /**
   * A call MBIM has no message for (the command list, the command session): it returns a request
   * ID like any other and completes with S_OK once the call has returned, never before, as the
   * MBN service's own completions do.
   */
  private local(
    op: 'supported-commands' | 'open-command-session' | 'close-command-session',
    service: ServiceEntry,
    carries: { commandIds?: readonly number[] },
  ): CallResult {
    if (!this.present) return { hresult: DEVICE_NOT_CONNECTED, requestId: 0 };
    if (needsOpenCommandSession(op) && !this.commandSessions.get(service.serviceId))
      return { hresult: COMMAND_SESSION_NOT_OPEN, requestId: 0 };
    const requestId = this.requests.take();
    setImmediate(() => {
      if (this.closed || !this.present) return;
      if (op !== 'supported-commands')
        this.commandSessions.set(service.serviceId, op === 'open-command-session');
      this.emit({
        type: 'completion',
        op,
        interfaceId: this.interfaceId,
        serviceId: service.serviceId,
        status: 0,
        requestId,
        ...carries,
      });
    });
    return { hresult: 0, requestId };
  }

  /** The listed device service a call names (the DSS transport itself is none). */
  private async service(interfaceId: InterfaceId, serviceId: ServiceId): Promise<ServiceEntry> {
    this.assertDevice(interfaceId);
    const wanted = typeof serviceId === 'string' ? normalizeServiceId(serviceId) : '';
    let service = this.services?.find((s) => s.serviceId === wanted);
    if (!service) service = (await this.refreshServices()).find((s) => s.serviceId === wanted);
    if (!service || service.serviceId === formatUuid(UUID_DSS))
      throw new BackendError('unknown-service', `The modem has no device service "${serviceId}".`);
    return service;
  }

  private async refreshServices(): Promise<ServiceEntry[]> {
    if (!this.present) throw new BackendError('unknown-device', 'The modem has gone away.');
    const listed = await this.exchange((channel) => deviceServices(channel, this.timeoutMs));
    this.services = listed.map((s, index) => ({
      serviceId: s.serviceId,
      dssPayload: s.dssPayload,
      sessionId: index,
      cids: s.cids,
    }));
    await this.subscribe(this.services);
    return this.services;
  }

  /** Subscribes the listed services' indications, once per distinct list (basic-connect.ts). */
  private async subscribe(services: readonly ServiceEntry[]): Promise<void> {
    const list = subscribeList(services);
    const key = JSON.stringify(list);
    if (!list || key === this.subscribed) return;
    this.subscribed = key;
    await setSubscribeList(this.channel, list, this.timeoutMs);
  }

  private async query(cid: number): Promise<CommandDone> {
    if (!this.present) throw new BackendError('unknown-device', 'The modem has gone away.');
    return this.exchange((channel) => queryBasicConnect(channel, cid, this.timeoutMs));
  }

  /**
   * One exchange of the backend's own (a Basic Connect query), run once more on the new session
   * when the modem closed the old one under it (NOT_OPENED, recover()).
   */
  private async exchange<T>(run: (channel: MbimChannel) => Promise<T>): Promise<T> {
    await this.settled();
    const generation = this.generation;
    try {
      return await run(this.channel);
    } catch (error) {
      if (this.recovering === undefined && generation === this.generation) throw error;
      await this.settled();
      if (this.closed || !this.present) throw error;
      const fresh = this.generation;
      try {
        return await run(this.channel);
      } catch (again) {
        if (this.options.proxy && this.notOpenedIn === fresh)
          throw new BackendError('unavailable', PROXY_STUCK);
        throw again;
      }
    }
  }

  /** Waits for a session being replaced (recover()) to be open again, or given up. */
  private async settled(): Promise<void> {
    await this.recovering;
  }

  /**
   * The modem answered FUNCTION_ERROR NOT_OPENED: its MBIM session closed under this backend (its
   * firmware restarted the function, or another program said MBIM CLOSE on the control device).
   * Directly, the modem takes a new OPEN; through mbim-proxy, the proxy has force-closed its side
   * of the device and reopens it only for a client that configures anew (libmbim mbim-proxy.c:
   * proxy_device_error_cb, process_internal_proxy_config), so a fresh connection is needed.
   * Both are a new attach(). The device never left, so no removal is reported; its data sessions
   * did not survive (state unknown), and the services' indications are subscribed again, since a
   * restarted modem and a new proxy client start from the standard list. If no new session can
   * be opened, the modem is reported gone, as when unplugged.
   */
  private recover(): Promise<void> {
    this.recovering ??= this.reattach().finally(() => {
      this.recovering = undefined;
    });
    return this.recovering;
  }

  private async reattach(): Promise<void> {
    if (this.closed || !this.present) return;
    const channel = this.channel;
    this.sessions.clear();
    this.subscribed = undefined;
    await this.link.close();
    channel.failAll(new Error('the modem closed its MBIM session; a new one is being opened'));
    try {
      await this.attach();
    } catch (error) {
      this.lost(`no new MBIM session could be opened: ${(error as Error).message}`);
      return;
    }
    if (this.services) await this.subscribe(this.services);
  }

  /**
   * Late, duplicate and unsolicited messages: completions for DSS, QUERY and SET requests, or a
   * device service's event notification.
   */
  private unsolicited(message: MbimMessage): void {
    if (message.type === 'indicate-status') {
      if (this.present && isEventNotification(message.service))
        this.emit({
          type: 'event-notification',
          interfaceId: this.interfaceId,
          serviceId: formatUuid(message.service),
          eventId: message.cid,
          data: message.payload,
        });
      return;
    }
    if (message.type !== 'command-done' && message.type !== 'function-error') return;
    const answered = this.requests.answered(message, this.interfaceId);
    if (!answered) return;
    if (answered.dataSessionOpen !== undefined)
      this.sessions.set(answered.completion.serviceId, answered.dataSessionOpen);
    this.emit(answered.completion);
  }

  private note(note: MessageNote): void {
    const tid = note.message?.tid;
    const requestId =
      tid !== undefined && note.message?.type !== 'indicate-status'
        ? this.requests.requestIdOf(tid)
        : null;
    this.emit({ type: 'mbim-message', message: messageFields(this.interfaceId, note, requestId) });
  }

  /** The link ended on its own: the modem was unplugged (or the emulator hung up). */
  private lost(reason: string): void {
    // Whoever waits (even OPEN, while connecting) hears it now rather than at its timeout.
    this.channel.failAll(new Error(`the modem went away (${reason})`));
    if (this.closed || !this.present) return;
    this.present = false;
    this.services = undefined;
    this.subscribed = undefined;
    this.sessions.clear();
    this.commandSessions.clear();
    this.emit({ type: 'interface-removal', interfaceId: this.interfaceId });
    this.watchForReturn();
  }

  /** Reconnects when the device node comes back (a replugged modem keeps its name mostly). */
  private watchForReturn(): void {
    let trying = false;
    this.watcher = setInterval(() => {
      if (this.closed || trying || !existsSync(this.options.devicePath)) return;
      trying = true;
      this.attach()
        .then(() => {
          if (this.watcher) clearInterval(this.watcher);
          this.watcher = undefined;
          this.emit({ type: 'interface-arrival', interfaceId: this.interfaceId });
        })
        .catch(() => undefined)
        .finally(() => {
          trying = false;
        });
    }, 1000);
    this.watcher.unref();
  }

  private emit(event: BackendEvent): void {
    if (this.listeners.size === 0 && !this.closed && this.early.length < 64) this.early.push(event);
    for (const listener of this.listeners) listener(event);
  }

  private assertDevice(interfaceId: InterfaceId): void {
    this.assertOpen();
    if (interfaceId !== this.interfaceId || !this.present)
      throw new BackendError('unknown-device', `No device with interface ID "${interfaceId}".`);
  }

  private assertOpen(): void {
    if (this.closed) throw new BackendError('backend-closed', 'The MBIM backend has been closed.');
  }
}
