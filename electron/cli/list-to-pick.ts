/**
 * The listings every command on one service starts with: the devices, to pick one, then that
 * device's services. A backend can be slow to give them (a modem still starting, a busy MBN
 * service), and a technician presses Ctrl+C when a command looks stuck: each listing stops on it
 * (exit 130, one line), so the command still closes its backend, and its journal run if it has
 * one, as after any other ending.
 */
import { deviceNames } from '../../shared/device-name.js';
import type { DeviceInfo, InterfaceId, ServiceInfo } from '../../shared/model.js';
import { unlessStopped } from './interrupt.js';
import { pickDevice, pickService } from './pick.js';
import { asCliError } from './request-result.js';
import { shownDevice } from './shown-device.js';
import { safe } from './terminal-text.js';

/** The engine or the bare backend: both list the same way. */
interface Lister<S> {
  listDevices(): Promise<DeviceInfo[]>;
  listServices(interfaceId: InterfaceId): Promise<S[]>;
}

/**
 * The device `deviceQuery` names, what it is called among the others listed (as every view
 * calls it: shared/device-name.ts), and its services. `acts`: the command sends requests once it
 * has them, so a stop here is said to come before anything was sent.
 */
export async function listToPick<S>(
  from: Lister<S>,
  deviceQuery: string,
  options: { showIds: boolean; acts: boolean },
): Promise<{ device: DeviceInfo; name: string; services: S[] }> {
  const before = options.acts ? ', before anything was sent' : '';
  const devices = await unlessStopped(from.listDevices(), `listing devices${before}`);
  const shown = (d: DeviceInfo): DeviceInfo => shownDevice(d, options.showIds);
  const device = pickDevice(devices, deviceQuery, shown);
  const name = deviceNames(devices).get(device.interfaceId) ?? 'the device';
  const services = await unlessStopped(
    from.listServices(device.interfaceId).catch(asCliError),
    `listing the services of ${safe(name)}${before}`,
  );
  return { device, name, services };
}

/**
 * The device and the service a command on one service names: listToPick, then the service among
 * the device's. `onListed`: told once both listings are done, before the service is picked (a
 * command stopped after it has the simulator's world to save).
 */
export async function listToPickService<S extends ServiceInfo>(
  from: Lister<S>,
  deviceQuery: string,
  serviceQuery: string,
  options: { showIds: boolean; acts: boolean },
  onListed: () => void,
): Promise<{ name: string; service: S }> {
  const { device, name, services } = await listToPick(from, deviceQuery, options);
  onListed();
  const picked = pickService(device, services, serviceQuery, name);
  const service = services.find((s) => s.serviceId === picked.serviceId);
  if (!service) throw new Error('the picked service is not among those listed');
  return { name, service };
}
