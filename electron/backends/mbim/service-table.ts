/**
 * The modem's device services as Basic Connect DEVICE_SERVICES lists them, each with its listing's
 * DSS session ID and the modem's MaxDssSessions, and the CIDs it lists, and their indications
 * subscribed in the open session. Kept apart from the backend, which looks services up here; the
 * table is listed again when a service is not found, and forgotten when the modem goes away.
 *
 * The ID a DSS_CONNECT goes out with is handed out when a session is opened (dss-session-ids.ts);
 * the listing's ID (dss-sessions.ts) is only the fallback for closing a session no ID is held for.
 */
import { BackendError } from '../contract.js';
import { deviceServices, setSubscribeList } from './basic-connect.js';
import { listedSessionIds } from './dss-sessions.js';
import type { MbimSession } from './mbim-session.js';
import { subscribeList } from './notifications.js';

export interface ServiceEntry {
  serviceId: string;
  dssPayload: number;
  /**
   * Its DSS session ID by its place in the listing, for a close no held ID serves
   * (dss-sessions.ts); undefined for the DSS service itself, the transport, no service to open.
   */
  listedSessionId: number | undefined;
  /** How many DSS sessions the modem takes at a time, as the same listing says. */
  maxDssSessions: number;
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
    const ids = listedSessionIds(listed.services);
    this.services = listed.services.map((s, index) => ({
      serviceId: s.serviceId,
      dssPayload: s.dssPayload,
      listedSessionId: ids[index],
      maxDssSessions: listed.maxDssSessions,
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
