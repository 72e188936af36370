/** Small formatting helpers shared by the components; pure, so they are unit-tested. */
import type { InterfaceId, ServiceId } from '../../shared/model';

/** Service IDs compare without braces and case, as the core does. */
export function serviceKey(interfaceId: InterfaceId, serviceId: ServiceId): string {
  return `${interfaceId}|${serviceId
    .trim()
    .replace(/^\{|\}$/g, '')
    .toLowerCase()}`;
}

/** `r12` → 12, so the newest request of a service wins. */
export function refNumber(ref: string): number {
  const n = Number(ref.replace(/^\D+/, ''));
  return Number.isFinite(n) ? n : 0;
}
