/** Serves one scenario device on a fresh pty: the emulator wired to the pty relay. */
import type { ScenarioDevice } from '../../simulator/scenario-schema.js';
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
