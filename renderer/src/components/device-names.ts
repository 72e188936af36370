/**
 * What the log calls each device, the same in its rows, the selected entry and the filter as the
 * timeline's lanes: the model, or the interface ID where nothing names one. The live session
 * names its modems as the device list does; a saved log by its own records first, since it may
 * come from another machine whose modems the device list has never seen.
 */
import type { LogPlaces } from '../store/log-places';

interface LiveDevice {
  interfaceId: string;
  model: string;
}

export function deviceNames(
  live: readonly LiveDevice[],
  places: LogPlaces,
  liveLog: boolean,
): Map<string, string> {
  const names = new Map<string, string>();
  for (const d of places.devices.values()) names.set(d.interfaceId, d.model ?? d.interfaceId);
  for (const d of live) {
    const fromLog = places.devices.get(d.interfaceId)?.model ?? null;
    if (liveLog || fromLog === null) names.set(d.interfaceId, d.model);
  }
  return names;
}

/** The devices a filter offers: the live ones for the live log, the log's own for a saved one. */
export function filterDevices(
  live: readonly LiveDevice[],
  places: LogPlaces,
  liveLog: boolean,
): { interfaceId: string; label: string }[] {
  if (liveLog) return live.map((d) => ({ interfaceId: d.interfaceId, label: d.model }));
  const names = deviceNames(live, places, false);
  return [...places.devices.keys()].map((id) => ({ interfaceId: id, label: names.get(id) ?? id }));
}

/** The services a filter offers for a saved log: those its rows name, under its devices' names. */
export function filterServices(
  live: readonly LiveDevice[],
  places: LogPlaces,
  interfaceId: string | null,
): { interfaceId: string; serviceId: string; label: string }[] {
  const names = deviceNames(live, places, false);
  return [...places.devices.values()]
    .filter((d) => interfaceId === null || d.interfaceId === interfaceId)
    .flatMap((d) =>
      [...d.services].map(([serviceId, name]) => ({
        interfaceId: d.interfaceId,
        serviceId,
        label: `${names.get(d.interfaceId) ?? d.interfaceId} — ${name}`,
      })),
    );
}
