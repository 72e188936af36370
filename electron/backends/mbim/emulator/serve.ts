/** Serves one scenario device on a fresh pty: the emulator wired to the pty relay. */
import type { Scenario, ScenarioDevice } from '../../simulator/scenario-schema.js';
import { MbimEmulator, type EmulatorOptions } from './emulator.js';
import { openPtyDevice } from './pty.js';

export interface ServedDevice {
  path: string;
  emulator: MbimEmulator;
  /** Hangs up and stops the emulator. Idempotent. */
  close(): Promise<void>;
}

export async function serveOnPty(
  device: ScenarioDevice,
  options: EmulatorOptions = {},
): Promise<ServedDevice> {
  const pty = await openPtyDevice();
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      emulator.stop();
      await pty.close();
    })();
    return closing;
  };
  const emulator: MbimEmulator = new MbimEmulator(
    device,
    (bytes) => pty.write(bytes),
    options,
    () => void close(),
  );
  pty.onData((bytes) => emulator.receive(bytes));
  return { path: pty.path, emulator, close };
}

/**
 * When the scenario's timeline removes this device, in ms from the start. A device that comes
 * back (add-device) cannot be emulated on a pty: a new pty has a new path, as a replugged modem
 * may get a new cdc-wdm number.
 */
export function removalTime(scenario: Scenario, device: ScenarioDevice): number | undefined {
  return scenario.timeline.find(
    (a) => a.action === 'remove-device' && a.interfaceId === device.interfaceId,
  )?.atMs;
}
