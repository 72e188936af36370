/**
 * Readable names for the well-known MBIM device services (UUIDs as libmbim prints them).
 * How Windows formats `deviceServiceID` (braces, case, GUID byte order) is undocumented, so
 * lookups ignore braces and case, and also try the GUID with its first three fields byte-swapped.
 */
import { normalizeServiceId } from './model.js';

const WELL_KNOWN: ReadonlyArray<readonly [string, string]> = [
  ['a289cc33-bcbb-8b4f-b6b0-133ec2aae6df', 'Basic Connect'],
  ['533fbeeb-14fe-4467-9f90-33a223e56c3f', 'SMS'],
  ['e550a0c8-5e82-479e-82f7-10abf4c3351f', 'USSD'],
  ['4bf38476-1e6a-41db-b1d8-bed289c25bdb', 'Phonebook'],
  ['d8f20131-fcb5-4e17-8602-d6ed3816164c', 'STK (SIM Toolkit)'],
  ['1d2b5ff7-0aa1-48b2-aa52-50f15767174e', 'Auth'],
  ['c08a26dd-7718-4382-8482-6e0d583c4d0e', 'DSS (Device Service Stream)'],
  ['3d01dcc5-fef5-4d05-0d3a-bef7058e9aaf', 'MS Basic Connect Extensions'],
  ['883b7c26-985f-43fa-9804-27d7fb80959c', 'MS Host Shutdown'],
  ['e9f7dea2-feaf-4009-93ce-90a3694103b6', 'MS Firmware ID'],
  ['68223d04-9f6c-4e0f-822d-28441fb72340', 'MS SAR'],
];

/** Swaps the byte order of a GUID's first three fields (wire order <-> Windows GUID order). */
function swapGuidFields(id: string): string | undefined {
  const m = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-(.+)$/.exec(id);
  if (!m?.[1] || !m[2] || !m[3] || !m[4]) return undefined;
  const rev = (hex: string): string => (hex.match(/../g) ?? []).reverse().join('');
  return `${rev(m[1])}-${rev(m[2])}-${rev(m[3])}-${m[4]}`;
}

const NAMES = new Map<string, string>();
for (const [uuid, name] of WELL_KNOWN) {
  NAMES.set(uuid, name);
  const swapped = swapGuidFields(uuid);
  if (swapped) NAMES.set(swapped, name);
}

export function wellKnownServiceName(serviceId: string): string | undefined {
  return NAMES.get(normalizeServiceId(serviceId));
}

/** What a service the backend names no better is called until it is listed. */
export const GENERIC_SERVICE_NAME = 'Vendor service';

/** The name to show: the well-known name, else the name a backend offered, else a generic label. */
export function serviceDisplayName(serviceId: string, offered?: string): string {
  return wellKnownServiceName(serviceId) ?? (offered?.trim() || GENERIC_SERVICE_NAME);
}
