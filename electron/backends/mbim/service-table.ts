/**
 * The modem's device services as Basic Connect DEVICE_SERVICES lists them, each with its DSS
 * session ID (and, when the modem takes no such ID, why) and the CIDs it lists, and their
 * indications subscribed in the open session. Kept apart from the backend, which looks
 * services up here; the table is listed again when a service is not found, and forgotten when the
 * modem goes away.
 *
 * DSS session IDs (dss-sessions.ts) come from the listing alone: the services that can stream
 * first, in the device's list order, then the rest. Each service thus has one stable ID below 256
 * (the NDP signature's limit) in every run, which a per-process counter could not give: a `close`
 * from one CLI run reaches the session an `open` from an earlier run made because both name the
 * same ID, and because that run left its MBIM session open (no MBIM CLOSE while it holds a data
 * session, mbim-session.ts: MBIM CLOSE deactivates every DSS session of the function). Streaming
 * services first, because a modem takes only IDs below its MaxDssSessions (often 1 to 4): the
 * position in the whole list, used before, asked such a modem for session 7. A service whose ID
 * still does not fit carries the words that refuse it before anything is sent.
 */
import { BackendError } from '../contract.js';
import { deviceServices, setSubscribeList } from './basic-connect.js';
import { dssSessionIds, dssSessionRefusal } from './dss-sessions.js';
import type { MbimSession } from './mbim-session.js';
import { subscribeList } from './notifications.js';

export interface ServiceEntry {
  serviceId: string;
  dssPayload: number;
  /** Undefined for the DSS service itself, the transport, which is no service to open. */
  sessionId: number | undefined;
  /**
   * Why the modem can give it no DSS session (its ID is at or above the modem's MaxDssSessions),
   * in words; undefined when its ID fits.
   */
  dssRefusal: string | undefined;
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
    const ids = dssSessionIds(listed.services);
    const numbered = listed.services.map((s, index) => ({ ...s, sessionId: ids[index] }));
    this.services = numbered.map((s) => ({
      serviceId: s.serviceId,
      dssPayload: s.dssPayload,
      sessionId: s.sessionId,
      dssRefusal: dssSessionRefusal(numbered, listed.maxDssSessions, s),
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
