/**
 * What the window calls each device, the same in the log's rows, the selected entry, the filters,
 * the timeline's lanes and the services panel, and the same as the report and the CLI: the shared
 * rule (shared/device-name.ts) over the devices this view knows. The live session names its
 * modems from the device list; a saved log by its own records first, since it may come from
 * another machine whose modems the device list has never seen.
 */
import { deviceName, deviceNames, type NameableDevice } from '../../../shared/device-name';
import type { LogPlaces } from '../store/log-places';

type LiveDevice = NameableDevice & { model: string };

/** Each device the log or the device list knows, by interface ID, named as every view names it. */
export function logDeviceNames(
  live: readonly LiveDevice[],
  places: LogPlaces,
  liveLog: boolean,
): Map<string, string> {
  const fromLog = [...places.devices.values()];
  // First entry wins: the live list's for the live log, the log's own (where it names a model)
  // for a saved one.
  const ordered: NameableDevice[] = liveLog
    ? [...live, ...fromLog]
    : [...fromLog.filter((d) => d.model !== null), ...live, ...fromLog];
  return deviceNames(ordered);
}

/** A device's name in this view; one in neither list still has one, never a bare GUID. */
export function nameIn(names: ReadonlyMap<string, string>, interfaceId: string): string {
  return names.get(interfaceId) ?? deviceName({ interfaceId });
}

/** The devices a filter offers: the live ones for the live log, the log's own for a saved one. */
export function filterDevices(
  live: readonly LiveDevice[],
  places: LogPlaces,
  liveLog: boolean,
): { interfaceId: string; label: string }[] {
  const names = logDeviceNames(live, places, liveLog);
  const ids = liveLog ? live.map((d) => d.interfaceId) : [...places.devices.keys()];
  return ids.map((id) => ({ interfaceId: id, label: nameIn(names, id) }));
}

/** The services a filter offers for a saved log: those its rows name, under its devices' names. */
export function filterServices(
  live: readonly LiveDevice[],
  places: LogPlaces,
  interfaceId: string | null,
  /** The live log's: devices named as the window names the live ones. */
  liveLog = false,
): { interfaceId: string; serviceId: string; label: string }[] {
  const names = logDeviceNames(live, places, liveLog);
  return [...places.devices.values()]
    .filter((d) => interfaceId === null || d.interfaceId === interfaceId)
    .flatMap((d) =>
      [...d.services].map(([serviceId, name]) => ({
        interfaceId: d.interfaceId,
        serviceId,
        label: `${nameIn(names, d.interfaceId)} — ${name}`,
      })),
    );
}
