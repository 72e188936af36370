/**
 * MBIM UUIDs: 16 bytes on the wire, printed in wire order (as libmbim and Wireshark print them,
 * and as the scenario files and the MBN reference write them). No GUID field swapping here.
 */
import { commandName } from '../../../shared/commands/names.js';

export type UuidBytes = Uint8Array;

const UUID_TEXT =
  /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;

/** Parses `a289cc33-bcbb-8b4f-b6b0-133ec2aae6df` (braces and case ignored); undefined if not one. */
export function parseUuid(text: string): UuidBytes | undefined {
  const m = UUID_TEXT.exec(text.trim());
  if (!m) return undefined;
  const hex = m.slice(1).join('');
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export function formatUuid(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes.subarray(0, 16)).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function known(text: string): UuidBytes {
  const bytes = parseUuid(text);
  if (!bytes) throw new Error(`bad built-in UUID ${text}`);
  return bytes;
}

export const UUID_BASIC_CONNECT = known('a289cc33-bcbb-8b4f-b6b0-133ec2aae6df');
export const UUID_DSS = known('c08a26dd-7718-4382-8482-6e0d583c4d0e');
/** libmbim's proxy-control service: the first thing a client says to mbim-proxy. */
export const UUID_PROXY_CONTROL = known('838cf7fb-8d0d-4d7f-871e-d71dbefbb39b');

export function sameUuid(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length < 16 || b.length < 16) return false;
  for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Basic Connect CIDs this tool uses. */
export const CID = {
  deviceCaps: 1,
  subscriberReadyStatus: 2,
  radioState: 3,
  ipConfiguration: 15,
  deviceServices: 16,
  deviceServiceSubscribeList: 19,
} as const;

export const CID_DSS_CONNECT = 1;
export const CID_PROXY_CONFIGURATION = 1;

/**
 * Readable CID names for the journal and captures: the well-known services' names come from the
 * shared table the app and CLI use (shared/commands/names.ts); libmbim's proxy-control service,
 * which only this backend ever speaks, is named here.
 */
export function cidName(service: Uint8Array, cid: number): string {
  const serviceId = formatUuid(service);
  if (serviceId === formatUuid(UUID_PROXY_CONTROL) && cid === CID_PROXY_CONFIGURATION)
    return 'PROXY_CONFIGURATION';
  return commandName(serviceId, cid) ?? `CID ${cid}`;
}
