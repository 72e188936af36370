/**
 * What a simulated service sends unasked: event notifications, and read-data bursts while its
 * data session is open. Apart from the calls because both the calls (a session opening) and the
 * timeline (a device or the service coming back) start them.
 */
import { hexBytes } from './commands.js';
import type { Notification, ReadBurst } from './scenario-schema.js';
import type { SimDevice, SimService, SimulatorCore } from './simulator-core.js';

/** Events of a zero-interval burst sent before the event loop gets a turn. */
const BURST_SLICE = 1000;

export function startNotifications(
  core: SimulatorCore,
  device: SimDevice,
  service: SimService,
): void {
  for (const notification of service.spec.notifications)
    scheduleNotification(core, device, service, notification, 0);
}

function scheduleNotification(
  core: SimulatorCore,
  device: SimDevice,
  service: SimService,
  notification: Notification,
  sent: number,
): void {
  const delay = sent === 0 ? notification.afterMs : notification.intervalMs;
  core.schedule(service.timers, delay, () => {
    if (!device.present || core.closed) return;
    core.emit({
      type: 'event-notification',
      interfaceId: device.spec.interfaceId,
      serviceId: service.spec.serviceId,
      eventId: notification.eventId,
      data: hexBytes(notification.data),
    });
    if (sent + 1 < notification.count)
      scheduleNotification(core, device, service, notification, sent + 1);
  });
}

export function startBursts(core: SimulatorCore, device: SimDevice, service: SimService): void {
  for (const burst of service.spec.readBursts) scheduleBurst(core, device, service, burst, 0);
}

function scheduleBurst(
  core: SimulatorCore,
  device: SimDevice,
  service: SimService,
  burst: ReadBurst,
  sent: number,
): void {
  const delay = sent === 0 ? burst.afterMs : burst.intervalMs;
  core.schedule(service.timers, delay, () => {
    if (!device.present || !service.sessionOpen || core.closed) return;
    // A zero interval sends the burst as fast as it goes, as a modem flushing its buffer would,
    // in slices with the event loop free between them: a million events in one go held the
    // process for 30 s (Ctrl+C and `watch --duration` waited).
    const batch = burst.intervalMs === 0 ? Math.min(BURST_SLICE, burst.count - sent) : 1;
    for (let i = 0; i < batch; i++) {
      core.emit({
        type: 'read-data',
        interfaceId: device.spec.interfaceId,
        serviceId: service.spec.serviceId,
        data: core.random.bytes(burst.bytes),
      });
    }
    if (sent + batch < burst.count) scheduleBurst(core, device, service, burst, sent + batch);
  });
}
