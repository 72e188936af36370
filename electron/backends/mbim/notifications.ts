/**
 * Which INDICATE_STATUS messages become `event-notification` events, and the subscription that
 * lets a vendor service's indications reach this tool at all.
 *
 * - The services this backend speaks for itself (Basic Connect, DSS, libmbim's proxy control) are
 *   not device services a technician sends commands to: their indications stay `mbim-message`
 *   records only, as the MBN API does not hand Basic Connect's events to device-service clients.
 *   Every other service's indication is `OnEventNotification(eventID = CID, data = buffer)`.
 * - mbim-proxy forwards an indication to a client only when the client's subscribe list names its
 *   service (libmbim src/libmbim-glib/mbim-proxy.c, client_indication_cb), and a new client's list
 *   holds only the standard services. MBIM modems likewise send vendor indications only to a host
 *   that subscribed (MBIM_CID_DEVICE_SERVICE_SUBSCRIBE_LIST). So the backend sets the full list:
 *   libmbim's standard one (what every client has by default, so nothing the proxy or ModemManager
 *   relies on is lost) plus each other listed service with the CIDs it listed. Listed CIDs, not
 *   libmbim's "CidCount 0 = every CID" wildcard: the proxy understands that, but it is libmbim's
 *   convention, and what a modem makes of it is not specified. A vendor indication on a CID its
 *   service does not list is therefore not subscribed (mbim-proxy drops it; seen with its traces).
 */
import type { EventEntry } from './info.js';
import { formatUuid, UUID_BASIC_CONNECT, UUID_DSS, UUID_PROXY_CONTROL } from './uuid.js';

const CONSUMED = new Set([UUID_BASIC_CONNECT, UUID_DSS, UUID_PROXY_CONTROL].map(formatUuid));

/** libmbim's standard subscribe list (mbim-proxy-helpers.c, ..._subscribe_list_new_standard). */
const STANDARD: readonly EventEntry[] = [
  // SUBSCRIBER_READY_STATUS, RADIO_STATE, PREFERRED_PROVIDERS, REGISTER_STATE, PACKET_SERVICE,
  // SIGNAL_STATE, CONNECT, PROVISIONED_CONTEXTS, IP_CONFIGURATION, EMERGENCY_MODE,
  // MULTICARRIER_PROVIDERS.
  { serviceId: formatUuid(UUID_BASIC_CONNECT), cids: [2, 3, 7, 9, 10, 11, 12, 13, 15, 22, 24] },
  // SMS: CONFIGURATION, READ, MESSAGE_STORE_STATUS.
  { serviceId: '533fbeeb-14fe-4467-9f90-33a223e56c3f', cids: [1, 2, 5] },
  // USSD.
  { serviceId: 'e550a0c8-5e82-479e-82f7-10abf4c3351f', cids: [1] },
  // Phonebook: CONFIGURATION.
  { serviceId: '4bf38476-1e6a-41db-b1d8-bed289c25bdb', cids: [1] },
  // STK: PAC.
  { serviceId: 'd8f20131-fcb5-4e17-8602-d6ed3816164c', cids: [1] },
];

/** Whether an indication on this service is a device service's event notification. */
export function isEventNotification(service: Uint8Array): boolean {
  return !CONSUMED.has(formatUuid(service));
}

/**
 * The subscribe list to set for these listed services, or undefined when none needs one (then the
 * modem's and the proxy's defaults are left alone).
 */
export function subscribeList(
  services: readonly { serviceId: string; cids: readonly number[] }[],
): EventEntry[] | undefined {
  const standard = new Set(STANDARD.map((e) => e.serviceId));
  const extra = services
    .filter((s) => !CONSUMED.has(s.serviceId) && !standard.has(s.serviceId) && s.cids.length > 0)
    .map((s) => ({ serviceId: s.serviceId, cids: [...s.cids] }));
  return extra.length === 0 ? undefined : [...STANDARD, ...extra];
}
