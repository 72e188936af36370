/**
 * DSS session IDs: which listed device service opens its data stream under which ID, and the
 * words for one whose ID the modem would not take.
 *
 * The host chooses the ID (MBIM_CID_DSS_CONNECT's DssSessionId); the modem says in
 * DEVICE_SERVICES how many DSS sessions it takes at a time (MaxDssSessions, 1 to 4 on most real
 * modems), and a strict one answers an ID at or above that with a bare failure status
 * (MBIM_STATUS_INVALID_PARAMETERS), or worse. So the IDs go first to the services that can
 * stream (DssPayload bits set, or MaxDssInstances above 0), one each in the order the modem lists
 * them, and only then to the others: a modem may still answer a DSS_CONNECT for those, and their
 * IDs never take one a streaming service needs. The DSS service itself, the transport, gets none.
 *
 * The same listing gives the same IDs in every run (service-table.ts says why that matters), and
 * every ID is below 256, the NDP signature's limit, since a listing holds at most 256 services.
 * A service whose ID is at or above MaxDssSessions is refused before anything is sent, with these
 * words: the technician would otherwise see only the modem's bare status.
 */
import { serviceDisplayName, wellKnownServiceName } from '../../../shared/well-known-services.js';
import type { DeviceServiceElement } from './info.js';
import { formatUuid, UUID_DSS } from './uuid.js';

const DSS_SERVICE_ID = formatUuid(UUID_DSS);

/** Whether the modem says the service can stream: a DSS payload bit, or DSS instances. */
function canStream(service: Pick<DeviceServiceElement, 'dssPayload' | 'maxDssInstances'>): boolean {
  return service.dssPayload !== 0 || service.maxDssInstances > 0;
}

/** Each listed service's DSS session ID, by position in the listing (the DSS service: none). */
export function dssSessionIds(listed: readonly DeviceServiceElement[]): (number | undefined)[] {
  const ids: (number | undefined)[] = listed.map(() => undefined);
  let next = 0;
  for (const streams of [true, false])
    listed.forEach((service, index) => {
      if (service.serviceId !== DSS_SERVICE_ID && canStream(service) === streams)
        ids[index] = next++;
    });
  return ids;
}

/** What the refusal words need of a listed service. */
interface DssNumbered {
  serviceId: string;
  dssPayload: number;
  maxDssInstances: number;
  /** Undefined for the DSS service itself. */
  sessionId: number | undefined;
}

/** How many names the words list before saying how many more. */
const NAMED = 8;

/**
 * Why `service` cannot have a DSS session on this modem, in words for the technician; undefined
 * when its ID fits below `maxDssSessions`.
 */
export function dssSessionRefusal(
  services: readonly DssNumbered[],
  maxDssSessions: number,
  service: DssNumbered,
): string | undefined {
  const id = service.sessionId;
  if (id === undefined || id < maxDssSessions) return undefined;
  if (maxDssSessions === 0)
    return `This modem allows no DSS sessions (MaxDssSessions 0 in its list of device services), so no data session of ${named(service.serviceId)} can be open on it: nothing was sent.`;
  const holders = services
    .filter((s) => s.sessionId !== undefined && s.sessionId < maxDssSessions)
    .sort((a, b) => (a.sessionId ?? 0) - (b.sessionId ?? 0));
  const held = holders
    .slice(0, NAMED)
    .map((s, i) => `${named(s.serviceId)}${i === 0 ? ' has' : ''} session ${s.sessionId}`);
  const more = holders.length - NAMED;
  if (more > 0)
    held.push(
      `the next ${more} service${more === 1 ? '' : 's'} session${more === 1 ? '' : 's'} ${NAMED}${more === 1 ? '' : ` ${more === 2 ? 'and' : 'to'} ${NAMED + more - 1}`}`,
    );
  const which = canStream(service)
    ? `${named(service.serviceId)}, the ${ordinal(id + 1)} that can stream,`
    : `${named(service.serviceId)}, which does not say it can stream,`;
  return (
    `This modem allows ${maxDssSessions} DSS session${maxDssSessions === 1 ? '' : 's'} at a time (MaxDssSessions ${maxDssSessions}); ` +
    `mbn-diag numbers the services that can stream first, in the modem's list order, so ${listing(held)}. ` +
    `${which} would need session ${id}, which the modem would refuse: nothing was sent, and closing another service's session does not free one for it.`
  );
}

/** A well-known service by its name; any other by its ID too, since every vendor's is "Vendor service". */
function named(serviceId: string): string {
  return wellKnownServiceName(serviceId) ?? `${serviceDisplayName(serviceId)} ${serviceId}`;
}

function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
