/**
 * How a technician names a device or a service on the command line, without copying a braced
 * GUID: a device by its number in `mbn-diag devices`, its model or its maker, a service by its name;
 * GUIDs with or without braces, in any case, or by a unique beginning (as git takes short
 * hashes, and as a narrow `services` table shows them). When nothing or more than one thing
 * matches, the error lists the candidates (exit 2).
 */
import { deviceName, deviceNames } from '../../shared/device-name.js';
import type { DeviceInfo, ServiceInfo } from '../../shared/model.js';
import { normalizeServiceId } from '../../shared/model.js';
import { CliError } from './exit-codes.js';
import { safe } from './terminal-text.js';

/** A GUID beginning this long or longer may stand for the whole GUID. */
const MIN_GUID_PREFIX = 4;

type Matcher<T> = (item: T, query: string) => boolean;

/** The first rule that matches anything decides: exact rules before looser ones. */
function pick<T>(items: readonly T[], query: string, rules: readonly Matcher<T>[]): T[] {
  for (const rule of rules) {
    const found = items.filter((item) => rule(item, query));
    if (found.length > 0) return found;
  }
  return [];
}

const lower = (text: string): string => text.trim().toLowerCase();
/** `{8C1E5A4B…` as a narrow `services` shows an ID (short-ids.ts), pasted or with three dots. */
const guidPrefix = (id: string, query: string): boolean => {
  const q = normalizeServiceId(query.trim().replace(/(…|\.\.\.)$/, ''));
  return (
    q.length >= MIN_GUID_PREFIX && /^[0-9a-f-]+$/.test(q) && normalizeServiceId(id).startsWith(q)
  );
};

/**
 * "(…8E47)", "(...8e47)" or "8E47": the end of an interface ID, as every view shows it after a
 * device's model, and what tells two modems of one model apart. Typed, not pasted, the "…" is
 * three dots, and the brackets go.
 */
const idEnd = (id: string, query: string): boolean => {
  const q = lower(query)
    .replace(/^\((.*)\)$/, '$1')
    .replace(/^(…|\.\.\.)/, '');
  return q.length >= MIN_GUID_PREFIX && /^[0-9a-f]+$/.test(q) && normalizeServiceId(id).endsWith(q);
};

/** A name as typed: "…" written as three dots. */
const typed = (text: string): string => lower(text).replaceAll('…', '...');

/** `width`: the longest name listed, so the IDs start in one column (at 14 they did not). */
function deviceLine(device: DeviceInfo, name: string, index: number, width: number): string {
  return `  ${String(index + 1).padStart(2)}  ${safe(name).padEnd(width)}  ${safe(device.interfaceId)}`;
}

/**
 * A device by its 1-based index in `devices`, its interface ID (braces and case free) or its end
 * (`8E47`), its name or model.
 * `shown`: the device as the candidates listed in an error show it (identifiers masked).
 */
export function pickDevice(
  devices: readonly DeviceInfo[],
  query: string,
  shown: (device: DeviceInfo) => DeviceInfo = (device) => device,
): DeviceInfo {
  const number = /^\d+$/.test(query.trim());
  const byIndex = number ? devices[Number(query) - 1] : undefined;
  if (byIndex) return byIndex;
  const names = deviceNames(devices);
  const found = pick(devices, query, [
    (d, q) => normalizeServiceId(d.interfaceId) === normalizeServiceId(q),
    // As every view names it, pasted from a report or a screenshot, or typed: `EM7565 (…8E47)`,
    // `em7565 (...8e47)`.
    (d, q) => typed(names.get(d.interfaceId) ?? '') === typed(q),
    (d, q) => lower(d.model) === lower(q),
    (d, q) => guidPrefix(d.interfaceId, q),
    (d, q) => idEnd(d.interfaceId, q),
    // A number is meant as a device's number: "0" was a piece of "EM120R-GL", and `close 0 ussd`
    // closed a session on that modem. Only the exact rules above may take one.
    (d, q) => !number && lower(q) !== '' && lower(d.model).includes(lower(q)),
    (d, q) => !number && lower(q) !== '' && lower(d.manufacturer).includes(lower(q)),
  ]);
  const [only] = found;
  if (only && found.length === 1) return only;
  const list = (listed: readonly DeviceInfo[]): string => {
    const nameOf = (d: DeviceInfo) => safe(names.get(d.interfaceId) ?? '');
    const width = Math.max(...listed.map((d) => nameOf(d).length));
    return listed
      .map((d) => deviceLine(shown(d), names.get(d.interfaceId) ?? '', devices.indexOf(d), width))
      .join('\n');
  };
  if (found.length > 1)
    throw new CliError(
      `"${safe(query)}" matches ${found.length} devices; name one by its number or interface ID:\n${list(found)}`,
    );
  const what = query.trim().startsWith('{')
    ? `No device with interface ID "${safe(query)}".`
    : number && devices.length > 0
      ? `No device number ${safe(query.trim())}: the devices are numbered 1 to ${String(devices.length)}.`
      : `No device matches "${safe(query)}" (by number, interface ID, model or maker).`;
  throw new CliError(
    devices.length === 0
      ? `${what} No mobile broadband devices were found.`
      : `${what} The devices are:\n${list(devices)}`,
  );
}

function serviceLine(service: ServiceInfo): string {
  return `  ${safe(service.name).padEnd(26)}  ${safe(service.serviceId)}`;
}

/**
 * A service by its ID (braces and case free, or a unique beginning) or its name. `name`: what
 * the device is called among the others listed (shared/device-name.ts).
 */
export function pickService(
  device: DeviceInfo,
  services: readonly ServiceInfo[],
  query: string,
  name: string = deviceName(device),
): ServiceInfo {
  const found = pick(services, query, [
    (s, q) => normalizeServiceId(s.serviceId) === normalizeServiceId(q),
    (s, q) => lower(s.name) === lower(q),
    (s, q) => guidPrefix(s.serviceId, q),
    (s, q) => lower(q) !== '' && lower(s.name).includes(lower(q)),
  ]);
  const [only] = found;
  if (only && found.length === 1) return only;
  const list = (shown: readonly ServiceInfo[]): string => shown.map(serviceLine).join('\n');
  if (found.length > 1)
    throw new CliError(
      `"${safe(query)}" matches ${found.length} services of ${safe(name)}; name one by its ID or full name:\n${list(found)}`,
    );
  throw new CliError(
    `Device ${safe(name)} has no device service "${safe(query)}". Its services are:\n${list(services)}`,
  );
}
