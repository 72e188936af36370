/**
 * The modem's device services as Basic Connect DEVICE_SERVICES lists them, each with its DSS
 * session ID and the CIDs it lists, and their indications subscribed in the open session. Kept
 * apart from the backend, which looks services up here; the table is listed again when a service
 * is not found, and forgotten when the modem goes away.
 *
 * DSS session IDs: the backend uses the service's position in the device's DEVICE_SERVICES list.
 * Each service thus has one stable ID below 256 (the NDP signature's limit), which a per-process
 * counter could not give. A `close` from one CLI run reaches the session an `open` from an earlier
 * run made only because that run left its MBIM session open (no MBIM CLOSE while it holds a data
 * session, mbim-session.ts): MBIM CLOSE deactivates every DSS session of the function.
 */
import { BackendError } from '../contract.js';
import { deviceServices, setSubscribeList } from './basic-connect.js';
import type { MbimSession } from './mbim-session.js';
import { subscribeList } from './notifications.js';

export interface ServiceEntry {
  serviceId: string;
  dssPayload: number;
  sessionId: number;
  /** The CIDs the modem listed for it in DEVICE_SERVICES. */
  cids: readonly number[];
}

export class ServiceTable {
  /** As last listed; none before the first listing and after the modem went away. */
  private services: ServiceEntry[] | undefined;
  /** The subscribe list last set, as text, so an unchanged one is not set again. */
  private subscribed: string | undefined;

  constructor(
    private readonly session: MbimSession,
    private readonly timeoutMs: number,
  ) {}

  /** The service with this (normalized) ID as last listed, without asking the modem. */
  find(serviceId: string): ServiceEntry | undefined {
    return this.services?.find((s) => s.serviceId === serviceId);
  }

  async refresh(): Promise<ServiceEntry[]> {
    if (!this.session.present) throw new BackendError('unknown-device', 'The modem has gone away.');
    const listed = await this.session.exchange((channel) =>
      deviceServices(channel, this.timeoutMs),
    );
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
    await setSubscribeList(this.session.channel, list, this.timeoutMs);
  }

  /** A new session replaces the old: it starts from the standard subscribe list, not ours. */
  sessionReplaced(): void {
    this.subscribed = undefined;
  }

  /** The new session is open: the listed services' indications are subscribed again in it. */
  async resubscribe(): Promise<void> {
    if (this.services) await this.subscribe(this.services);
  }

  /** The modem went away: a modem that comes back is listed anew. */
  forget(): void {
    this.services = undefined;
    this.subscribed = undefined;
  }
}
