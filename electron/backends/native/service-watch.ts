/**
 * Keeping up with the MBN service between calls: each device's arrival and removal told once, a
 * device's changed details told as an update, the service's going away noticed (by the addon, or
 * by a heartbeat where COM says nothing) and its return awaited, then what changed meanwhile told.
 * Kept apart from the native backend, which adapts the calls a caller makes; this is what the
 * backend tells of its own accord.
 */
import { succeeded } from '../../../shared/hresult.js';
import type { BackendEvent, DeviceInfo, InterfaceId } from '../../../shared/model.js';
import { describeHresult, isServiceGone } from './addon-errors.js';
import { sameDevice, toDeviceInfo } from './addon-shapes.js';
import type { AddonClient, AddonInterface, AddonInterfacesResult } from './addon-types.js';

export class ServiceWatch {
  /** Last arrival/removal seen per device: both MBN sinks report each one, the app wants it once. */
  private readonly lastDeviceEvent = new Map<
    InterfaceId,
    'interface-arrival' | 'interface-removal'
  >();

  /** Devices as last listed or updated, so a ready-state callback reports only real changes. */
  readonly devices = new Map<InterfaceId, DeviceInfo>();
  /** Set while not subscribed (the service gone, or a hung connection left): what to say once back. */
  private lost: { back: string } | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private beating = false;

  constructor(
    /** The backend's current addon client: a new one after a connection hung in a call was left. */
    private readonly client: () => AddonClient,
    private readonly emit: (out: BackendEvent) => void,
    private readonly isClosing: () => boolean,
    private readonly reconnectIntervalMs: number,
    private readonly heartbeatMs: number,
  ) {}

  /** Stops watching: no heartbeat, no reconnecting (the backend is closing). */
  stop(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  /** An arrival or removal, once: both MBN sinks report each, and so may a catch-up listing. */
  deviceEvent(type: 'interface-arrival' | 'interface-removal', interfaceId: InterfaceId): void {
    if (this.lastDeviceEvent.get(interfaceId) === type) return;
    this.lastDeviceEvent.set(interfaceId, type);
    if (type === 'interface-removal') this.devices.delete(interfaceId);
    this.emit({ type, interfaceId });
  }

  /**
   * While the service was away nobody was subscribed: a device unplugged or plugged in meanwhile
   * was never reported, and the app would go on showing a device that is gone. The listing taken
   * once subscribed again says which, in the same events the sinks would have sent.
   */
  private async catchUp(): Promise<void> {
    let listed: AddonInterfacesResult;
    try {
      listed = await this.client().listInterfaces();
    } catch {
      return; // closed meanwhile
    }
    if (this.isClosing() || !succeeded(listed.hresult)) return;
    const known = new Set(this.devices.keys());
    for (const [id, last] of this.lastDeviceEvent) if (last === 'interface-arrival') known.add(id);
    const now = new Set(listed.interfaces.map((i) => i.interfaceId));
    // A device whose ID could not be read is missing from the listing without being gone: no
    // removal is told from it (the next listing, or the device's own events, will tell).
    if (listed.unreadable === 0)
      for (const id of known) if (!now.has(id)) this.deviceEvent('interface-removal', id);
    for (const iface of listed.interfaces) {
      if (known.has(iface.interfaceId)) continue;
      this.devices.set(iface.interfaceId, toDeviceInfo(iface));
      this.deviceEvent('interface-arrival', iface.interfaceId);
    }
    this.devicesChanged(listed.interfaces);
  }

  /** One device-update per device whose details really changed (a listed device only). */
  devicesChanged(interfaces: readonly AddonInterface[]): void {
    for (const iface of interfaces) {
      const device = toDeviceInfo(iface);
      const known = this.devices.get(device.interfaceId);
      if (!known || sameDevice(known, device)) continue;
      this.devices.set(device.interfaceId, device);
      this.emit({ type: 'device-update', device });
    }
  }

  /** The addon dropped every MBN object: say so, then try to subscribe again until it works. */
  serviceLost(hresult: number, step: string): void {
    if (this.lost !== undefined || this.isClosing()) return;
    this.lost = {
      back: `The Windows Mobile Broadband service is back (it had gone with ${describeHresult(hresult >>> 0)}); mbn-diag subscribed again.`,
    };
    this.emit({
      type: 'backend-status',
      available: false,
      message: `The Windows Mobile Broadband service stopped answering: ${step} returned ${describeHresult(hresult)}. Its objects were dropped; mbn-diag subscribes again every ${this.reconnectIntervalMs} ms until it is back.`,
    });
    this.scheduleReconnect();
  }

  /**
   * COM tells a client nothing when the server's process dies, and the MBN service's sinks die
   * with it: an idle app would go on showing a live backend that receives no arrival, removal,
   * read or notification again, until the technician happened to make a call. A listing now and
   * then finds out (the addon drops the dead objects and says so; the reconnect loop follows).
   */
  startHeartbeat(): void {
    if (this.heartbeatMs <= 0 || this.heartbeatTimer || this.isClosing()) return;
    this.heartbeatTimer = setInterval(() => {
      void this.heartbeat();
    }, this.heartbeatMs);
    // Watching the service must not keep a finished process alive.
    this.heartbeatTimer.unref();
  }

  private async heartbeat(): Promise<void> {
    // One at a time (a hung call holds the COM thread), and not while already reconnecting.
    if (this.beating || this.lost !== undefined || this.isClosing()) return;
    this.beating = true;
    try {
      const listed = await this.client().listInterfaces();
      // The addon's service-lost event has said so already; this covers an addon that did not.
      if (isServiceGone(listed.hresult)) this.serviceLost(listed.hresult, 'GetInterfaces');
    } catch {
      // closed meanwhile
    } finally {
      this.beating = false;
    }
  }

  private scheduleReconnect(): void {
    if (this.isClosing()) return;
    this.reconnectTimer = setTimeout(() => {
      void this.reconnect();
    }, this.reconnectIntervalMs);
    // Waiting for the service must not keep a finished process alive.
    this.reconnectTimer.unref();
  }

  /**
   * The backend left a connection whose COM thread the service holds in a call, and made a new
   * one: it comes back the way it does after an outage (subscribe, say so, tell what changed
   * meanwhile, try again every interval if subscribing fails), only at once. `left` is said now,
   * `back` once subscribed. Resolves with whether this first attempt subscribed.
   */
  resubscribe(left: string, back: string): Promise<boolean> {
    if (this.isClosing()) return Promise.resolve(false);
    // An outage's pending attempt would only repeat this one, on the same new client.
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.lost = { back };
    this.emit({ type: 'backend-status', available: false, message: left });
    return this.reconnect();
  }

  private async reconnect(): Promise<boolean> {
    this.reconnectTimer = undefined;
    if (this.isClosing()) return false;
    const client = this.client();
    let hresult: number;
    try {
      hresult = (await client.start()).hresult >>> 0;
    } catch {
      return false; // closed meanwhile
    }
    // close() may have begun while start() was away on the COM thread, or this client been left
    // for a new one (its start hung): what it says no longer counts.
    if (this.isClosing() || client !== this.client()) return false;
    if (!succeeded(hresult)) {
      this.scheduleReconnect();
      return false;
    }
    const back = this.lost?.back ?? 'mbn-diag subscribed again.';
    this.lost = undefined;
    this.emit({ type: 'backend-status', available: true, message: back });
    await this.catchUp();
    return true;
  }
}
