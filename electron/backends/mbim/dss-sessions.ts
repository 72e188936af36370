/**
 * DSS session IDs: the listing's own order of them, and the words for an open or a close that no
 * ID the modem takes can be given to.
 *
 * The host chooses the ID (MBIM_CID_DSS_CONNECT's DssSessionId); the modem says in
 * DEVICE_SERVICES how many DSS sessions it takes at a time (MaxDssSessions, 1 to 4 on most real
 * modems), and a strict one answers an ID at or above that with a bare failure status
 * (MBIM_STATUS_INVALID_PARAMETERS), or worse. An open takes the lowest ID free when it is sent
 * (dss-session-ids.ts), so a modem with one DSS session can open each streaming service in turn.
 *
 * The listing order is the fallback for a close of a session no ID is held for (opened by an
 * earlier version of mbn-diag, or in a run whose note of it is gone), as every ID was before: the
 * services that can stream (DssPayload bits set, or MaxDssInstances above 0) first, one each in
 * the order the modem lists them, then the others; the DSS service itself, the transport, gets
 * none. Every such ID is below 256, the NDP signature's limit (a listing holds at most 256).
 * Whatever cannot be sent is refused before anything is sent, with these words: the technician
 * would otherwise see only the modem's bare status.
 */
import { serviceDisplayName, wellKnownServiceName } from '../../../shared/well-known-services.js';
import type { DeviceServiceElement } from './info.js';
import { formatUuid, UUID_DSS } from './uuid.js';

const DSS_SERVICE_ID = formatUuid(UUID_DSS);

/** Whether the modem says the service can stream: a DSS payload bit, or DSS instances. */
function canStream(service: Pick<DeviceServiceElement, 'dssPayload' | 'maxDssInstances'>): boolean {
  return service.dssPayload !== 0 || service.maxDssInstances > 0;
}

/** Each listed service's DSS session ID by position in the listing (the DSS service: none). */
export function listedSessionIds(listed: readonly DeviceServiceElement[]): (number | undefined)[] {
  const ids: (number | undefined)[] = listed.map(() => undefined);
  let next = 0;
  for (const streams of [true, false])
    listed.forEach((service, index) => {
      if (service.serviceId !== DSS_SERVICE_ID && canStream(service) === streams)
        ids[index] = next++;
    });
  return ids;
}

/** How many holders the words name before saying how many more. */
const NAMED = 8;

/** The words for a modem that takes no DSS session at all. */
function noneAllowed(serviceId: string): string {
  return `This modem allows no DSS sessions (MaxDssSessions 0 in its list of device services), so no data session of ${named(serviceId)} can be open on it: nothing was sent to the modem.`;
}

/**
 * Why an open of `serviceId` is refused: every ID below `maxDssSessions` is held, by the services
 * `holders` names (in ID order), so the technician knows which one to close first.
 */
export function openRefusal(
  maxDssSessions: number,
  holders: readonly string[],
  serviceId: string,
): string {
  if (maxDssSessions === 0) return noneAllowed(serviceId);
  const names = holders.slice(0, NAMED).map(named);
  const more = holders.length - NAMED;
  if (more > 0) names.push(`${more} more`);
  return (
    `This modem allows ${sessions(maxDssSessions)} at a time (MaxDssSessions ${maxDssSessions}), ` +
    `held now by ${listing(names)}: close ${holders.length === 1 ? 'it' : 'one of them'} first; nothing was sent to the modem.`
  );
}

/**
 * Why a close of `serviceId` is refused: no ID is held for it, and the listing's ID for it
 * (`listedId`) is one the modem would refuse.
 */
export function closeRefusal(maxDssSessions: number, serviceId: string, listedId: number): string {
  if (maxDssSessions === 0) return noneAllowed(serviceId);
  return (
    `mbn-diag holds no DSS session ID for ${named(serviceId)}: none of the sessions it opened (in this run or an earlier one) is open there. ` +
    `Its place in the modem's list would give session ${listedId}, which this modem (MaxDssSessions ${maxDssSessions}) refuses: nothing was sent to the modem.`
  );
}

/** A well-known service by its name; any other by its ID too, since every vendor's is "Vendor service". */
function named(serviceId: string): string {
  return wellKnownServiceName(serviceId) ?? `${serviceDisplayName(serviceId)} ${serviceId}`;
}

function sessions(n: number): string {
  return `${n} DSS session${n === 1 ? '' : 's'}`;
}

function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}
