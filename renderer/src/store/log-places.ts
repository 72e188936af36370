/**
 * The devices and services a log names, learnt from its rows as they arrive: what a saved log's
 * Device column and filters offer. A log from another machine names modems the live device list
 * has never seen; without its own names the log showed "—" for a device the timeline above it
 * named, and its filters offered only the live modems, which match nothing in it.
 */
import type { LogRow } from '../../../electron/ipc/contract';

export interface LogDevice {
  interfaceId: string;
  /** The model its device-info (or arrival) record gave; null while the log has named none. */
  model: string | null;
  /** Service ID → the name the log gave it. */
  services: Map<string, string>;
}

export class LogPlaces {
  readonly devices = new Map<string, LogDevice>();

  /** Learns what `row` names. A map lookup or two a row: cheap beside the row's own keeping. */
  observe(row: LogRow): void {
    const interfaceId = row.interfaceId;
    if (interfaceId === null) return;
    let device = this.devices.get(interfaceId);
    if (!device) {
      device = { interfaceId, model: null, services: new Map() };
      this.devices.set(interfaceId, device);
    }
    const record = row.record;
    if (record.kind === 'device-info') device.model = record.model;
    else if (record.kind === 'device-arrival' && record.model !== undefined)
      device.model = record.model;
    if (row.serviceId !== null && row.serviceName !== null) {
      // A request names its service as it was listed; a notification may come first, generically.
      if (!device.services.has(row.serviceId) || row.kind === 'request')
        device.services.set(row.serviceId, row.serviceName);
    }
  }

  /** What the log calls a device: its model, or its interface ID where the log gives none. */
  nameOf(interfaceId: string): string | undefined {
    const device = this.devices.get(interfaceId);
    return device ? (device.model ?? interfaceId) : undefined;
  }

  clear(): void {
    this.devices.clear();
  }
}
