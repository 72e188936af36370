/** `mbn-diag devices` and `mbn-diag services <interface-id>`: what is plugged in and what it offers. */
import type { Command } from 'commander';
import { isBackendError } from '../../backends/contract.js';
import { openEngine, type GlobalOptions } from '../context.js';
import { CliError } from '../exit-codes.js';
import { printTable } from '../table.js';

export function registerDeviceCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('devices')
    .description('list mobile broadband devices (MBN interfaces) with their capabilities')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const engine = await openEngine(globals());
      try {
        const devices = await engine.listDevices();
        if (options.json) return void process.stdout.write(`${JSON.stringify(devices, null, 2)}\n`);
        if (devices.length === 0)
          return void process.stdout.write('No mobile broadband devices found.\n');
        printTable(
          ['INTERFACE ID', 'MANUFACTURER', 'MODEL', 'FIRMWARE', 'DEVICE ID', 'READY STATE'],
          devices.map((d) => [
            d.interfaceId,
            d.manufacturer,
            d.model,
            d.firmware,
            d.deviceId,
            d.readyState,
          ]),
        );
      } finally {
        await engine.close();
      }
    });

  program
    .command('services')
    .description("list a device's services with data read/write support and data session state")
    .argument('<interface-id>', 'the device, as `mbn-diag devices` prints it')
    .option('--json', 'print JSON')
    .action(async (interfaceId: string, options: { json?: boolean }) => {
      const engine = await openEngine(globals());
      try {
        const services = await engine.listServices(interfaceId).catch((error: unknown) => {
          if (isBackendError(error)) throw new CliError(error.message);
          throw error;
        });
        if (options.json)
          return void process.stdout.write(`${JSON.stringify(services, null, 2)}\n`);
        printTable(
          ['SERVICE ID', 'NAME', 'READ', 'WRITE', 'DATA SESSION'],
          services.map((s) => [
            s.serviceId,
            s.name,
            s.dataReadSupported ? 'yes' : 'no',
            s.dataWriteSupported ? 'yes' : 'no',
            s.sessionState,
          ]),
        );
      } finally {
        await engine.close();
      }
    });
}
