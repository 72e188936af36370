/**
 * What happens to the simulated world on its own schedule, not as a call's answer: the scenario
 * timeline's actions (a device removed or arriving, the MBN service restarting) and a device a
 * call's behaviour removes. Apart from the calls because both the timeline and the calls do it.
 */
import type { InterfaceId } from '../../../shared/model.js';
import { formatDuration } from '../../../shared/time.js';
import type { Scenario } from './scenario-schema.js';
import { freshServices, type SimulatorCore } from './simulator-core.js';
import { startNotifications } from './simulator-streams.js';

export function scheduleTimeline(core: SimulatorCore, scenario: Scenario): void {
  for (const action of scenario.timeline) {
    core.schedule(core.scenarioTimers, action.atMs, () => {
      if (action.action === 'service-outage') serviceOutage(core, action.lastsMs);
      else if (action.action === 'remove-device') removeDevice(core, action.interfaceId);
      else addDevice(core, action.interfaceId);
    });
  }
}

/**
 * The MBN service restarts, as after a Windows update or a crash of its process: the backend
 * says it is unavailable, the restart drops every session and every completion still owed (the
 * requests waiting for them go overdue), and the service is back `lastsMs` later with its
 * sessions closed and each device listing the services its scenario gives the firmware after a
 * restart. Nothing tells the app which sessions went, or which services: it has to ask again.
 */
function serviceOutage(core: SimulatorCore, lastsMs: number): void {
  if (core.closed || core.outage) return;
  core.outage = true;
  for (const device of core.devices.values()) {
    core.cancelServiceTimers(device);
    for (const service of device.services.values()) {
      service.sessionOpen = false;
      service.commandSessionOpen = false;
    }
  }
  core.emit({
    type: 'backend-status',
    available: false,
    message: `The simulated MBN service stopped answering (a scenario outage of ${formatDuration(lastsMs)}).`,
  });
  core.schedule(core.scenarioTimers, lastsMs, () => {
    if (core.closed) return;
    core.outage = false;
    // The modem may come up on other firmware, listing other services (all sessions closed).
    core.restarted = true;
    for (const device of core.devices.values())
      device.services = freshServices(device.spec, false, true);
    core.emit({
      type: 'backend-status',
      available: true,
      message: 'The simulated MBN service is back after its restart.',
    });
    for (const device of core.devices.values())
      if (device.present)
        for (const service of device.services.values()) startNotifications(core, device, service);
  });
}

export function removeDevice(core: SimulatorCore, interfaceId: InterfaceId): void {
  const device = core.devices.get(interfaceId);
  if (!device?.present || core.closed) return;
  device.present = false;
  core.cancelServiceTimers(device);
  core.emit({ type: 'interface-removal', interfaceId });
}

export function addDevice(core: SimulatorCore, interfaceId: InterfaceId): void {
  const device = core.devices.get(interfaceId);
  if (!device || device.present || core.closed) return;
  device.present = true;
  // A device that comes back has had its sessions torn down.
  device.services = freshServices(device.spec, false, core.restarted);
  core.emit({ type: 'interface-arrival', interfaceId });
  for (const service of device.services.values()) startNotifications(core, device, service);
}
