/**
 * What the engine does with each event the backend reports: one journal record each, and for some
 * a change to what the engine knows (a device gone or changed, a service's commands listed), the
 * completions going on to the tracker. Kept apart from the engine, whose file says what its callers
 * ask of it; this one says what the backend tells it.
 */
import type { MbnBackend } from '../backends/contract.js';
import type { Journal } from '../core/journal.js';
import type { SessionTracker } from '../core/session-tracker.js';
import { toHex } from '../../shared/bytes.js';
import { succeeded } from '../../shared/hresult.js';
import { RECORDED_DATA_BYTES } from '../../shared/journal/record.js';
import { recordedLength } from '../../shared/recorded-cut.js';
import {
  serviceKey,
  type BackendEvent,
  type DeviceInfo,
  type EventNotificationsDropped,
  type InterfaceId,
  type ReadDataDropped,
  type ServiceId,
  type ServiceInfo,
} from '../../shared/model.js';
import { carriedBy } from './backend-calls.js';
import { formatCount } from '../../shared/format-count.js';

/** A read's preview: its first bytes, cut short of a number it would split (recorded-cut.ts). */
const READ_PREVIEW_BYTES = 16;

/** What the engine knows and records with, the same objects it holds: events change them. */
export interface EngineKnowledge {
  readonly journal: Journal;
  readonly tracker: SessionTracker;
  readonly backend: MbnBackend;
  readonly devices: Map<InterfaceId, DeviceInfo>;
  readonly services: Map<InterfaceId, ServiceInfo[]>;
  /** The command IDs each service listed when last asked, by service key. */
  readonly supported: Map<string, Set<number>>;
  /** While the engine closes, an event that fails is not recorded: the journal is closing too. */
  isClosing(): boolean;
  /**
   * A device's services were just listed and noted, by a caller or by the engine's own re-read
   * after an outage: whoever shows the list follows it from here, not only from what it asked.
   */
  servicesListed(interfaceId: InterfaceId): void;
}

/** A device as listed, or as it changed by itself: recorded when new or different. */
export function noteDevice(known: EngineKnowledge, device: DeviceInfo): void {
  const before = known.devices.get(device.interfaceId);
  if (!before || JSON.stringify(before) !== JSON.stringify(device)) {
    known.journal.append({ kind: 'device-info', ...device });
  }
  known.devices.set(device.interfaceId, device);
}

/**
 * A device's services as listed: kept, and their session states seeded or refreshed. A service
 * the device listed before and lists no more (another firmware after a restart) has sessions
 * nobody can speak for: unknown, so the window stops offering Close on one shown open.
 */
export function noteServices(
  known: EngineKnowledge,
  interfaceId: InterfaceId,
  services: readonly ServiceInfo[],
): void {
  const listed = new Set(services.map((s) => serviceKey(s.interfaceId, s.serviceId)));
  const gone = (known.services.get(interfaceId) ?? []).filter(
    (s) => !listed.has(serviceKey(s.interfaceId, s.serviceId)),
  );
  known.services.set(interfaceId, [...services]);
  known.tracker.noteServices(services);
  for (const service of gone) known.tracker.serviceGone(service.interfaceId, service.serviceId);
  known.servicesListed(interfaceId);
}

export function handleBackendEvent(known: EngineKnowledge, event: BackendEvent): void {
  const { journal, tracker } = known;
  try {
    switch (event.type) {
      case 'completion':
        completion(known, event);
        break;
      case 'event-notification':
        journal.append({
          kind: 'event-notification',
          interfaceId: event.interfaceId,
          serviceId: event.serviceId,
          serviceName: tracker.serviceName(event.interfaceId, event.serviceId),
          eventId: event.eventId >>> 0,
          byteLength: event.data.length,
          data: toHex(event.data, recordedLength(event.data, RECORDED_DATA_BYTES)),
        });
        break;
      case 'read-data':
        journal.append({
          kind: 'read-data',
          interfaceId: event.interfaceId,
          serviceId: event.serviceId,
          serviceName: tracker.serviceName(event.interfaceId, event.serviceId),
          byteLength: event.data.length,
          preview: Buffer.from(
            event.data.buffer,
            event.data.byteOffset,
            recordedLength(event.data, READ_PREVIEW_BYTES),
          ).toString('hex'),
        });
        break;
      case 'read-data-dropped':
      case 'event-notifications-dropped':
        // A gap in the read data or the notifications, where it happened: the journal must not
        // look complete.
        journal.append({
          kind: 'error',
          message: droppedMessage(event, (i, s) => tracker.serviceName(i, s)),
          context: event.type === 'read-data-dropped' ? 'read-data' : 'event-notification',
        });
        break;
      case 'interface-removal': {
        const device = known.devices.get(event.interfaceId);
        journal.append({
          kind: 'device-removal',
          interfaceId: event.interfaceId,
          ...deviceDetails(device),
        });
        tracker.deviceRemoved(event.interfaceId);
        // A device that comes back may run other firmware: its commands are asked again.
        for (const key of known.supported.keys())
          if (key.startsWith(serviceKey(event.interfaceId, ''))) known.supported.delete(key);
        known.devices.delete(event.interfaceId);
        known.services.delete(event.interfaceId);
        break;
      }
      case 'interface-arrival':
        journal.append({ kind: 'device-arrival', interfaceId: event.interfaceId });
        break;
      case 'device-update':
        // A device that was probing became ready (or failed) by itself: recorded like a listing.
        noteDevice(known, event.device);
        break;
      case 'backend-status':
        journal.append({
          kind: 'backend-status',
          backend: known.backend.describe().kind,
          available: event.available,
          message: event.message,
        });
        break;
      case 'mbim-message':
        journal.append({ kind: 'mbim-message', ...event.message });
        break;
    }
  } catch (error) {
    // An event must never take the process down; it is recorded instead.
    if (!known.isClosing())
      journal.append({
        kind: 'error',
        message: (error as Error).message,
        context: `handling ${event.type}`,
      });
  }
}

function completion(
  known: EngineKnowledge,
  event: Extract<BackendEvent, { type: 'completion' }>,
): void {
  const ok = succeeded(event.status >>> 0);
  if (event.op === 'supported-commands' && ok && event.commandIds)
    known.supported.set(serviceKey(event.interfaceId, event.serviceId), new Set(event.commandIds));
  // Data-session completions carry nothing more: passed on as they are, on the hot path.
  if (event.commandIds === undefined && event.response === undefined)
    return known.tracker.completion(event);
  known.tracker.completion({ ...event, carried: carriedBy(event, ok) });
}

/**
 * In words, for the journal: how much read data, or how many notifications, were lost here, of
 * which services (`nameOf` names one), and why. A technician streaming two services must know
 * whose data has the gap. Those lost with their service are said apart, for their own reason.
 */
export function droppedMessage(
  event: ReadDataDropped | EventNotificationsDropped,
  nameOf: (interfaceId: InterfaceId, serviceId: ServiceId) => string,
): string {
  const reads = event.type === 'read-data-dropped';
  const unit = reads ? 'read' : 'notification';
  const total = reads ? event.reads : event.notifications;
  const services = reads
    ? event.services.map((d) => ({ ...d, count: d.reads }))
    : event.services.map((d) => ({ ...d, count: d.notifications }));
  const n = (count: number, one: string): string =>
    `${formatCount(count)} ${one}${count === 1 ? '' : 's'}`;
  const mib = event.limitBytes / (1 << 20);
  const whose = (d: { interfaceId: InterfaceId | null; serviceId: ServiceId | null }): string =>
    d.interfaceId === null || d.serviceId === null
      ? 'a service not named'
      : nameOf(d.interfaceId, d.serviceId);
  const [only, ...others] = services;
  const of =
    only === undefined
      ? ''
      : others.length === 0
        ? `, all of ${whose(only)}`
        : `: ${services.map((d) => `${whose(d)} ${n(d.count, unit)} (${n(d.bytes, 'byte')})`).join(', ')}`;
  const what = reads ? 'of device-service data' : 'from the device';
  const waiting = reads ? 'of read data was' : 'of notifications were';
  // Lost apart from the drops, and for another reason: never the app falling behind.
  const lost = event.lostWithService;
  const one = lost === 1;
  const lostBytes = `(${n(event.lostWithServiceBytes, 'byte')})`;
  const lostHow =
    `lost here: the app let go of ${one ? 'its' : 'their'} service (the MBN service lost, or ` +
    `connected to again) while still asking which service ${one ? 'it' : 'they'} came from`;
  if (total === 0) return `${n(lost, unit)} ${lostBytes} ${what} ${lostHow}`;
  const dropped =
    `${n(total, unit)} (${n(event.bytes, 'byte')}) ${what} dropped here${of}. ` +
    `The app fell behind the device and ${formatCount(mib)} MiB ${waiting} already waiting`;
  if (lost === 0) return dropped;
  const more = `${formatCount(lost)} more ${unit}${one ? '' : 's'} ${lostBytes}`;
  return `${dropped}. ${more} ${one ? 'was' : 'were'} ${lostHow}`;
}

function deviceDetails(device: DeviceInfo | undefined): Partial<DeviceInfo> {
  if (!device) return {};
  return {
    model: device.model,
    manufacturer: device.manufacturer,
    firmware: device.firmware,
    deviceId: device.deviceId,
    readyState: device.readyState,
  };
}
