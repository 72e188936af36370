/**
 * What "Copy" puts on the clipboard: a log entry or a request as one line of text a ticket can
 * take (times with date and zone, the device by model and interface ID), or as JSON for a tool.
 *
 * A clipboard ends up in tickets and chats, so personal identifiers (IMEI, IMSI, ICCID, phone
 * numbers) are copied masked, as the device list shows them, until the technician chooses Show
 * device IDs: then what is copied is whole, as on screen.
 */
import type { LogRow } from '../../../electron/ipc/contract';
import { parseHex, toHex } from '../../../shared/bytes';
import { maskDeviceId, maskIdentifiers } from '../../../shared/identifiers';
import { hidePreviewIdentifier } from '../../../shared/preview-redaction';
import { isPayloadHex } from '../../../shared/journal/record';
import { entryLine } from '../../../shared/journal/entry-line';
import { failureMeaning } from '../../../shared/journal/record-text';
import { cutShort, hideCutRun } from '../../../shared/recorded-cut';
import { redactBytes } from '../../../shared/redact-bytes';
import { formatTimestamp, type TimeZoneChoice } from '../../../shared/time';

/**
 * Hex with each identifier in its bytes (ASCII, UTF-16LE or BCD as SIM files hold numbers, as the
 * exports find them) overwritten by its kind, `IMSI***********`, in place: lengths and offsets in
 * the message still hold. Hex
 * digits are not text: scanned as text, any payload of zeros would read as a phone number.
 * `cut`: only the payload's start was recorded, and the cut may have fallen inside an identifier
 * (a run of digits, by an earlier version; a SIM number in BCD, by any), leaving too few digits
 * to mask: they are overwritten too (`*`, or the number's kind and `*`: hideCutRun).
 */
function maskPayload(hex: string, cut: boolean): string {
  const bytes = parseHex(hex);
  if (bytes === undefined) return maskIdentifiers(hex);
  const masked = redactBytes(bytes, (kind) => kind);
  return (cut && hideCutRun(bytes)) || masked ? toHex(bytes) : hex;
}

/**
 * A record's values with identifiers masked: a device ID whole, whatever it looks like (a hex
 * MEID holds no run of digits to find); a read's preview, when it carries one, said so instead
 * (of its bytes, or of the whole, as exports do: preview-redaction.ts); a payload's bytes
 * overwritten where they carry one; any other text scanned.
 */
function maskValue(key: string, value: unknown, kind?: unknown, byteLength?: unknown): unknown {
  if (typeof value === 'string') {
    if (key === 'deviceId') return maskDeviceId(value);
    if (key === 'preview') return hidePreviewIdentifier(value, (kind) => `[masked ${kind}]`);
    if (isPayloadHex(kind, key)) return maskPayload(value, cutShort(byteLength, value));
    return maskIdentifiers(value);
  }
  if (Array.isArray(value)) return value.map((item: unknown) => maskValue('', item));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(k, v)]));
  return value;
}

/** A record with identifiers masked: its kind says which fields are payload bytes. */
function maskRecord(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [
      key,
      maskValue(key, value, record.kind, record.byteLength),
    ]),
  );
}

/**
 * "#12 2026-11-29 14:00:05.123 +01:00 · EM7565 (…8E47) {GUID} · SMS · close refused…: E_… —
 * meaning": the device by its name, as every view gives it, and its whole interface ID. `answer`:
 * a command's decoded answer (entry-answer.ts), after its words.
 */
export function entryText(
  row: LogRow,
  deviceName: string | undefined,
  zone: TimeZoneChoice,
  reveal: boolean,
  answer?: string,
): string {
  // Everything but the time is scanned: a date and time written with spaces and hyphens reads as
  // a run of ten digits. The device and service are, as the JSON's are: an interface ID may end
  // in the modem's IMEI (USB\VID_1199&PID_9091\6&<IMEI>), a service name carry a number.
  const scan = (text: string): string => (reveal ? text : maskIdentifiers(text));
  const parts = [`#${String(row.seq)} ${formatTimestamp(row.time, zone)}`];
  if (row.interfaceId)
    parts.push(scan(deviceName ? `${deviceName} ${row.interfaceId}` : row.interfaceId));
  if (row.serviceName) parts.push(scan(row.serviceName));
  const meaning = failureMeaning(row.record, row.hresult);
  parts.push(scan(`${row.text}${meaning}${answer === undefined ? '' : ` — ${answer}`}`));
  return entryLine(parts);
}

/** The entry's typed record, with the device's name (as the CLI's JSON gives it) beside it. */
export function entryJson(row: LogRow, deviceName: string | undefined, reveal: boolean): string {
  const record = { ...row.record, ...(deviceName ? { deviceName } : {}) };
  return JSON.stringify(reveal ? record : maskRecord(record), null, 2);
}

/**
 * Any other value copied as JSON (the timeline's selected request) masked as a record is: its
 * interface ID, service name and messages may carry an identifier too.
 */
export function maskedJson(value: object, reveal: boolean): string {
  return JSON.stringify(reveal ? value : maskValue('', value), null, 2);
}

/** Writes to the clipboard; false (never a throw) when the page may not. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
