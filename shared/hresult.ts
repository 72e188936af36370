/**
 * HRESULT decoding: symbolic name and plain-words meaning for the codes the MBN API documents;
 * anything else is taken apart generically (severity, facility, code) and always shown in hex.
 */
import { HRESULT_BY_NAME, KNOWN_HRESULTS } from './hresult-table.js';

export interface DecodedHresult {
  /** Unsigned 32-bit value. */
  value: number;
  /** `0x80070005`: always 8 hex digits, lower case. */
  hex: string;
  /** Symbolic name, or a generic one such as `HRESULT(FACILITY_WIN32, 0x1234)`. */
  name: string;
  meaning: string;
  succeeded: boolean;
  severity: 'success' | 'failure';
  facility: number;
  facilityName: string;
  code: number;
  /** False when the code is not in the MBN reference and was decoded generically. */
  known: boolean;
}

const FACILITIES: ReadonlyMap<number, string> = new Map([
  [0, 'FACILITY_NULL'],
  [1, 'FACILITY_RPC'],
  [2, 'FACILITY_DISPATCH'],
  [3, 'FACILITY_STORAGE'],
  [4, 'FACILITY_ITF'],
  [7, 'FACILITY_WIN32'],
  [8, 'FACILITY_WINDOWS'],
  [10, 'FACILITY_CONTROL'],
  [84, 'FACILITY_MBN'],
]);

function toUint32(value: number): number {
  return value >>> 0;
}

export function hresultHex(value: number): string {
  return `0x${toUint32(value).toString(16).padStart(8, '0')}`;
}

export function succeeded(value: number): boolean {
  return (toUint32(value) & 0x80000000) === 0;
}

const cache = new Map<number, DecodedHresult>();

export function decodeHresult(input: number): DecodedHresult {
  const value = toUint32(input);
  const cached = cache.get(value);
  if (cached) return cached;
  const facility = (value >>> 16) & 0x7ff;
  const code = value & 0xffff;
  const ok = succeeded(value);
  const facilityName = FACILITIES.get(facility) ?? `FACILITY_${facility}`;
  const known = KNOWN_HRESULTS.get(value);
  const decoded: DecodedHresult = {
    value,
    hex: hresultHex(value),
    name: known?.name ?? genericName(ok, facility, facilityName, code),
    meaning: known?.meaning ?? genericMeaning(ok, facility, facilityName, code),
    succeeded: ok,
    severity: ok ? 'success' : 'failure',
    facility,
    facilityName,
    code,
    known: known !== undefined,
  };
  if (cache.size < 4096) cache.set(value, decoded);
  return decoded;
}

function genericName(ok: boolean, facility: number, facilityName: string, code: number): string {
  if (facility === 7 && !ok) return `HRESULT_FROM_WIN32(${code})`;
  return `${ok ? 'SUCCESS' : 'FAILURE'}(${facilityName}, 0x${code.toString(16).padStart(4, '0')})`;
}

function genericMeaning(ok: boolean, facility: number, facilityName: string, code: number): string {
  const severity = ok ? 'Success' : 'Failure';
  if (facility === 7) return `${severity}: Windows error ${code} (not one the MBN API documents).`;
  return `${severity} code 0x${code.toString(16).padStart(4, '0')} from ${facilityName} (not one the MBN API documents).`;
}

/**
 * Parses what a person or scenario file writes: a symbolic name (`E_ACCESSDENIED`,
 * `ERROR_TOO_MANY_SESS`), hex (`0x80070005`) or a decimal number. Returns undefined if unreadable.
 */
export function parseHresult(text: string): number | undefined {
  const trimmed = text.trim();
  const byName = HRESULT_BY_NAME.get(trimmed.toUpperCase());
  if (byName !== undefined) return byName;
  if (/^0x[0-9a-f]{1,8}$/i.test(trimmed)) return toUint32(Number.parseInt(trimmed.slice(2), 16));
  if (/^-?\d{1,10}$/.test(trimmed)) {
    const n = Number(trimmed);
    if (n >= -0x80000000 && n <= 0xffffffff) return toUint32(n);
  }
  return undefined;
}

/**
 * An HRESULT as a search is given it: a name the tables know, as the services table and the log
 * show it (`E_ACCESSDENIED`, `HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED)`, `ERROR_NOT_SUPPORTED`), or
 * hex with or without its 0x (never decimal: `80070005` is the hex a technician copied). Returns
 * it as the journal writes it (`0x80070005`), or undefined if it is neither.
 */
export function searchHresult(text: string): string | undefined {
  const trimmed = text.trim();
  const named = HRESULT_BY_NAME.get(trimmed.toUpperCase());
  if (named !== undefined) return hresultHex(named);
  const digits = trimmed.toLowerCase().replace(/^0x/, '');
  return /^[0-9a-f]{1,8}$/.test(digits) ? `0x${digits.padStart(8, '0')}` : undefined;
}

/** What a person is shown of an HRESULT: the hex, the name, and its meaning in words. */
export type HresultView = Pick<DecodedHresult, 'hex' | 'name' | 'meaning' | 'succeeded'>;

export function hresultView(value: number): HresultView {
  const d = decodeHresult(value);
  return { hex: d.hex, name: d.name, meaning: d.meaning, succeeded: d.succeeded };
}
