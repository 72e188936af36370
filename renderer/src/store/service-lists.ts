/**
 * What a device's service list as main just listed it changes in the app store. Main tells every
 * listing (mbn:service-lists), its own re-read after an outage too, so a modem that came back on
 * other firmware shows the services it lists now without the technician asking: new ones get a
 * row, and ones it no longer lists lose theirs, since Close or Open on a service that is not
 * there any more can only fail. The one exception is a service with a request still waiting: it
 * stays, marked no longer listed and offering nothing but that request (and Stop waiting once it
 * is overdue), until the request ends, so nothing the technician sent drops out of view.
 */
import type { ServiceList, ServiceRow } from '../../../electron/ipc/contract';
import { hasEnded } from '../../../shared/request/outcome';
import { serviceKey } from '../../../shared/model';
import type { AppState } from './app-store';

type Patch = Pick<AppState, 'services' | 'goneServices' | 'armed' | 'commandsOpen'>;

export function serviceListPatch(state: AppState, lists: readonly ServiceList[]): Patch {
  let { services, goneServices, armed, commandsOpen } = state;
  for (const { interfaceId, services: listed } of lists) {
    const now = new Set(listed.map(keyOf));
    const before = [...(goneServices[interfaceId] ?? []), ...(services[interfaceId] ?? [])];
    const gone = new Map<string, ServiceRow>();
    const dropped = new Set<string>();
    for (const service of before) {
      const key = keyOf(service);
      if (now.has(key)) continue;
      dropped.add(key);
      if (isWaiting(state.requests, key)) gone.set(key, service);
    }
    services = { ...services, [interfaceId]: listed };
    goneServices = { ...goneServices, [interfaceId]: [...gone.values()] };
    // A confirmation (`key|op`) or an unfolded Commands section of a dropped service goes with it.
    if (armed !== null && dropped.has(armed.slice(0, armed.lastIndexOf('|')))) armed = null;
    if (commandsOpen !== null && dropped.has(commandsOpen)) commandsOpen = null;
  }
  return { services, goneServices, armed, commandsOpen };
}

/** Of a device's services it no longer lists, those whose request still waits (see above). */
export function goneWaiting(
  gone: readonly ServiceRow[] | undefined,
  requests: AppState['requests'],
): ServiceRow[] {
  return (gone ?? []).filter((s) => isWaiting(requests, keyOf(s)));
}

function isWaiting(requests: AppState['requests'], key: string): boolean {
  const request = requests[key];
  return request !== undefined && !hasEnded(request.outcome);
}

function keyOf(service: ServiceRow): string {
  return serviceKey(service.interfaceId, service.serviceId);
}
