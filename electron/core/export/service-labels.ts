/**
 * A service's name in the report, with its ID where another service of the same device goes by
 * the same name. An MBIM modem's vendor services are all "Vendor service": a support engineer's
 * review read seven summary rows, seven timeline lanes and three pieces of advice under one name,
 * and could not tell which service answered BUSY and which FAILURE. The trace names every lane
 * with its ID; the report now does where the name alone does not tell.
 */
import { normalizeServiceId } from '../../../shared/model.js';

interface NamedService {
  interfaceId: string;
  serviceId: string;
  serviceName: string;
}

/** `label(service)`: its name, or its name and ID where the name is not the device's only one. */
export function serviceLabels(
  services: Iterable<NamedService>,
): (service: NamedService) => { name: string; id: string | null } {
  const ids = new Map<string, Set<string>>();
  for (const s of services) {
    const key = `${s.interfaceId}\n${s.serviceName}`;
    const set = ids.get(key) ?? new Set<string>();
    set.add(normalizeServiceId(s.serviceId));
    ids.set(key, set);
  }
  return (s) => {
    const shared = (ids.get(`${s.interfaceId}\n${s.serviceName}`)?.size ?? 0) > 1;
    return { name: s.serviceName, id: shared ? s.serviceId : null };
  };
}
