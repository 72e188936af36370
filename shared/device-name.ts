/**
 * What every view calls a modem: the report's summary, the window's log, filters and timeline,
 * the engine's re-read words and the command line. A support engineer reads a report beside a
 * technician's screenshot or a CLI transcript and must find the same name for the same modem.
 *
 * A modem is called by its model and the end of its interface ID (`EM7565 (…8E47)`), which the
 * report's device table and `mbn-diag devices` show whole; one whose model is unknown reads
 * `unknown model (…8E47)`, never a bare GUID. The end is there even for a modem alone: a name
 * that gained it only once a second modem of the model was seen would change under the reader
 * (a report is written as its log is read, a CLI command sees the modems of its moment), and two
 * of one model are common in a fleet. More of the end is read only where four characters are
 * shared, which two GUIDs' ends seldom are.
 *
 * A name travels (screenshots, tickets, a CLI transcript) and nothing redacts it after it is
 * made. So it reads only the model and the interface ID, and of those nothing that is, or stands
 * for, an identifier: digit runs the redactor takes (a Windows interface ID may end in the USB
 * serial, for many modems the IMEI), the tokens an export put in their place (`IMEI-1`), and the
 * device's own ID (a hex ESN no digit rule finds). A redacted export and the live window thus
 * name a modem alike.
 */
import { replaceIdentifiers, TOKEN_PATTERN } from './identifiers.js';
import type { InterfaceId } from './model.js';

/** What a name may be made from: any view's device, live (DeviceInfo) or as a log recorded it. */
export interface NameableDevice {
  readonly interfaceId: InterfaceId;
  readonly model?: string | null;
  /** Only ever left out of the name: read so that it is never shown through the interface ID. */
  readonly deviceId?: string | null;
}

/** What a modem without a model is called, before the end of its interface ID. */
export const UNKNOWN_MODEL = 'unknown model';

/** The characters of an interface ID's end a name shows, more only where four are shared. */
const TAIL = 4;

/** An export's stand-in for an identifier (`IMEI-1`, `PHONE-h1a2b3c4d5e`). */
const TOKEN = new RegExp(TOKEN_PATTERN, 'g');

/**
 * A device ID shorter than this is not looked for, as exports do not look for it (redact.ts): it
 * hides nobody, and taking every "1" out of "EM120R-GL" would make another name.
 */
const MIN_DEVICE_ID = 6;

/** `text` without anything that is, or stands for, a personal identifier. */
function withoutIdentifiers(text: string, deviceId: string | null | undefined): string {
  const id = deviceId?.trim() ?? '';
  // In either case: tools print a hex ESN or MEID both ways.
  const unmasked =
    id.length >= MIN_DEVICE_ID
      ? text.replace(new RegExp(id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), ' ')
      : text;
  return replaceIdentifiers(unmasked, () => ' ').replace(TOKEN, ' ');
}

function modelOf(device: NameableDevice): string | null {
  const model = withoutIdentifiers(device.model ?? '', device.deviceId)
    .replace(/\s+/g, ' ')
    .trim();
  return model.length > 0 ? model : null;
}

/** The letters and digits of the interface ID a name may show, in order. */
function tailSource(device: NameableDevice): string {
  return withoutIdentifiers(device.interfaceId, device.deviceId).replace(/[^A-Za-z0-9]/g, '');
}

/**
 * The name of each of `devices` (by interface ID), each told apart from the others of its model.
 * The first entry for an interface ID is the one named.
 */
export function deviceNames(devices: Iterable<NameableDevice>): Map<InterfaceId, string> {
  const byModel = new Map<string, { device: NameableDevice; model: string | null }[]>();
  const seen = new Set<InterfaceId>();
  for (const device of devices) {
    if (seen.has(device.interfaceId)) continue;
    seen.add(device.interfaceId);
    const model = modelOf(device);
    const key = model === null ? '' : model.toLowerCase();
    const group = byModel.get(key) ?? [];
    group.push({ device, model });
    byModel.set(key, group);
  }
  const names = new Map<InterfaceId, string>();
  for (const group of byModel.values()) {
    const tails = distinctTails(group.map((g) => tailSource(g.device)));
    group.forEach(({ device, model }, i) => {
      const tail = tails[i] ?? '';
      const base = model ?? UNKNOWN_MODEL;
      names.set(device.interfaceId, tail === '' ? base : `${base} (${tail})`);
    });
  }
  return names;
}

/** One device's name, told apart from those of its model among the others a view shows. */
export function deviceName(
  device: NameableDevice,
  among: Iterable<NameableDevice> = [device],
): string {
  const name = deviceNames([device, ...among]).get(device.interfaceId);
  return name ?? UNKNOWN_MODEL;
}

/**
 * `…8E47` for each source: the shortest end, four characters or more, that no other in the list
 * shares. Sources alike to the end (an interface ID all identifier) are numbered in list order.
 */
function distinctTails(sources: readonly string[]): string[] {
  const longest = Math.max(TAIL, ...sources.map((s) => s.length));
  return sources.map((source, i) => {
    for (let n = TAIL; n <= longest; n += 1) {
      const tail = source.slice(-n);
      const shared = sources.some((other, j) => j !== i && other.slice(-n) === tail);
      if (!shared) return tail.length < source.length ? `…${tail}` : tail;
    }
    const twins = sources.slice(0, i).filter((other) => other === source).length;
    const end = source.length > TAIL ? `…${source.slice(-TAIL)} ` : source ? `${source} ` : '';
    return `${end}#${twins + 1}`;
  });
}
