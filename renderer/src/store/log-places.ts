/**
 * The devices and services a log names, learnt from its rows as they arrive: what a saved log's
 * Device column and filters offer. A log from another machine names modems the live device list
 * has never seen; without its own names the log showed "—" for a device the timeline above it
 * named, and its filters offered only the live modems, which match nothing in it.
 */
import type { LogRow } from '../../../electron/ipc/contract';
import { recordDeviceId, recordModel } from '../../../shared/journal/record-fields';

export interface LogDevice {
  interfaceId: string;
  /** The model its device-info (or arrival) record gave; null while the log has named none. */
  model: string | null;
  /** Its device ID as the log gave it: only so that its name never shows it (device-name.ts). */
  deviceId: string | null;
  /** Service ID → the name the log gave it. */
  services: Map<string, string>;
}

export class LogPlaces {
  readonly devices = new Map<string, LogDevice>();

  /** The device of the row before: rows come in runs of one device, so most skip the lookup. */
  private last: LogDevice | undefined;

  /** Learns what `row` names: a lookup or two, on a third of the rows or fewer. */
  observe(row: LogRow): void {
    // Only the rows that can be first to name a device or a service: the others (the returns
    // and completions after a request) name what it named, and are most rows. A session's state
    // can be the first word of a service: one the service reported when listed, or re-read after
    // an outage, never asked for.
    switch (row.kind) {
      case 'session-state':
      case 'command-session-state':
      case 'request':
      case 'call-failed':
      case 'event-notification':
      case 'read-data':
      case 'device-info':
      case 'device-arrival':
      case 'device-removal':
        break;
      default:
        return;
    }
    const interfaceId = row.interfaceId;
    if (interfaceId === null) return;
    let device = this.last?.interfaceId === interfaceId ? this.last : this.devices.get(interfaceId);
    if (!device) {
      device = { interfaceId, model: null, deviceId: null, services: new Map() };
      this.devices.set(interfaceId, device);
    }
    this.last = device;
    // The row's own kind first: the record is read only for the few rows that name a model.
    if (
      row.kind === 'device-info' ||
      row.kind === 'device-arrival' ||
      row.kind === 'device-removal'
    ) {
      device.model = recordModel(row.record) ?? device.model;
      device.deviceId = recordDeviceId(row.record) ?? device.deviceId;
    }
    const { serviceId, serviceName } = row;
    if (serviceId === null || serviceName === null) return;
    const known = device.services.get(serviceId);
    // A request names its service as it was listed; a notification may come first, generically.
    if (known === undefined || (known !== serviceName && row.kind === 'request'))
      device.services.set(serviceId, serviceName);
  }

  clear(): void {
    this.devices.clear();
    this.last = undefined;
  }
}
