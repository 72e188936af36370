/**
 * `mbn-diag devices` and `mbn-diag services <device>`: what is plugged in and what it offers.
 * They only look, so they talk to the backend alone and start no journal run: a run kept for a
 * crash must not be pruned away by someone listing devices.
 */
import type { Command } from 'commander';
import { deviceNames } from '../../../shared/device-name.js';
import type { DeviceInfo, ServiceInfo, SessionState } from '../../../shared/model.js';
import type { BackendJson, GlobalOptions } from '../context.js';
import { unlessStopped } from '../interrupt.js';
import { listToPick } from '../list-to-pick.js';
import { shownDevice } from '../shown-device.js';
import { shortIds } from '../short-ids.js';
import { printTable } from '../table.js';
import { safeJson } from '../terminal-text.js';

/** A device with what every view calls it (shared/device-name.ts). */
type NamedDeviceJson = DeviceInfo & { name: string };

interface DevicesJson {
  backend: BackendJson;
  devices: NamedDeviceJson[];
}

interface ServicesJson {
  backend: BackendJson;
  device: NamedDeviceJson;
  services: (ServiceInfo & { sessionState: SessionState })[];
}

export function registerDeviceCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('devices')
    .description('list mobile broadband devices (MBN interfaces), numbered for the other commands')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const global = globals();
      // Loaded when the command runs, so that --help and --version start fast.
      const { announceBackend, openBackend } = await import('../context.js');
      const opened = await openBackend(global);
      try {
        const listed = await unlessStopped(opened.backend.listDevices(), 'listing devices');
        const names = deviceNames(listed);
        const devices = listed.map((d) => ({
          ...shownDevice(d, global.showIds),
          name: names.get(d.interfaceId) ?? '',
        }));
        if (options.json)
          return void process.stdout.write(
            `${safeJson({ backend: opened.info, devices } satisfies DevicesJson, 2)}\n`,
          );
        announceBackend(opened.info);
        if (devices.length === 0)
          return void process.stdout.write('No mobile broadband devices found.\n');
        printTable(
          [
            { header: '#' },
            { header: 'INTERFACE ID', drop: 3 },
            { header: 'DEVICE', shrinkTo: 16 },
            { header: 'MANUFACTURER', drop: 2, shrinkTo: 10 },
            { header: 'FIRMWARE', drop: 1 },
            { header: 'DEVICE ID', drop: 4 },
            { header: 'READY STATE' },
          ],
          devices.map((d, i) => [
            String(i + 1),
            d.interfaceId,
            d.name,
            d.manufacturer,
            d.firmware,
            d.deviceId,
            d.readyState,
          ]),
        );
      } finally {
        await opened.backend.close();
      }
    });

  program
    .command('services')
    .description("list a device's services with data read/write support and data session state")
    .argument('<device>', 'number in `mbn-diag devices`, interface ID or model')
    .option('--json', 'print JSON')
    .action(async (query: string, options: { json?: boolean }) => {
      const global = globals();
      const { announceBackend, openBackend, pickNamingBackend } = await import('../context.js');
      const opened = await openBackend(global);
      try {
        const {
          device,
          name,
          services: listed,
        } = await pickNamingBackend(opened.info, options.json === true, () =>
          listToPick(opened.backend, query, {
            showIds: global.showIds,
            acts: false,
          }),
        );
        const services = listed.map((s) => ({
          ...s,
          interfaceId: shownDevice(device, global.showIds).interfaceId,
          sessionState: sessionState(s),
        }));
        if (options.json)
          return void process.stdout.write(
            `${safeJson({ backend: opened.info, device: { ...shownDevice(device, global.showIds), name }, services } satisfies ServicesJson, 2)}\n`,
          );
        announceBackend(opened.info);
        printTable(
          [
            // The name is what the next command is given (`close 1 "Sierra diagnostics
            // stream"`), so it is never cut: the ID gives way, to its beginning, which tells the
            // services apart and which `close` takes too, and then altogether.
            { header: 'SERVICE ID', drop: 1, short: shortIds },
            { header: 'NAME' },
            { header: 'READ' },
            { header: 'WRITE' },
            { header: 'DATA SESSION' },
          ],
          services.map((s) => [
            s.serviceId,
            s.name,
            s.dataReadSupported ? 'yes' : 'no',
            s.dataWriteSupported ? 'yes' : 'no',
            s.sessionState,
          ]),
        );
      } finally {
        await opened.backend.close();
      }
    });
}

/** What the backend reports, in the tracker's words (no request of ours is in flight here). */
function sessionState(service: ServiceInfo): SessionState {
  if (service.dataSessionOpen === null) return 'unknown';
  return service.dataSessionOpen ? 'open' : 'closed';
}
