/**
 * A realistic log for export tests, produced by the real engine on the simulator with a manual
 * clock (so it is the same every time): two modems, successes, a refusal, a failure status, a lost
 * completion (overdue), a late one, a duplicate, a completion before the call returned, a device
 * removed with a request pending (abandoned) and read data.
 */
import { ManualClock } from '../../../../electron/core/clock.js';
import { loadDefaultScenario } from '../../../../electron/backends/simulator/scenario-loader.js';
import { SimulatorBackend } from '../../../../electron/backends/simulator/simulator-backend.js';
import { DiagnosticsEngine } from '../../../../electron/engine/diagnostics-engine.js';
import type { RequestOp } from '../../../../shared/model.js';

export const SIERRA = '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}';
export const QUECTEL = '{B7D04E92-3C51-4A8F-8E26-9F1A4D6C2B30}';
export const SIERRA_IMEI = '359072061234567';
export const QUECTEL_IMEI = '861234059876543';

/** op, device, service, ms to wait afterwards, and the overdue timeout while it runs. */
const steps: [RequestOp, string, string, number, number][] = [
  ['close', SIERRA, '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}', 400, 1000],
  // A 40 ms timeout makes this ~55 ms open overdue, then late.
  ['open', SIERRA, '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}', 400, 40],
  ['close', SIERRA, 'a289cc33-bcbb-8b4f-b6b0-133ec2aae6df', 50, 1000],
  ['close', SIERRA, 'd8f20131-fcb5-4e17-8602-d6ed3816164c', 300, 1000],
  ['close', SIERRA, '4bf38476-1e6a-41db-b1d8-bed289c25bdb', 1500, 1000],
  ['close', QUECTEL, 'e550a0c8-5e82-479e-82f7-10abf4c3351f', 300, 1000],
  ['close', QUECTEL, '4bf38476-1e6a-41db-b1d8-bed289c25bdb', 200, 1000],
  ['open', QUECTEL, '{2F6B9D13-8E4A-47C2-A5D1-0B3E7C9F4A68}', 1400, 1000],
  ['close', QUECTEL, '{2F6B9D13-8E4A-47C2-A5D1-0B3E7C9F4A68}', 400, 1000],
  ['close', QUECTEL, 'd8f20131-fcb5-4e17-8602-d6ed3816164c', 3500, 1000],
];

/** Runs the scenario into `journalDir` and returns the run directory. */
export async function makeSampleRun(journalDir: string): Promise<string> {
  const clock = new ManualClock();
  const backend = new SimulatorBackend(loadDefaultScenario(), { clock });
  const engine = new DiagnosticsEngine({
    backend,
    clock,
    journalDir,
    backendReason: 'Chosen by the export tests.',
    app: { name: 'mbn-diag', version: '0.1.0' },
    timeoutMs: 1000,
  });
  await engine.listDevices();
  for (const [op, iface, service, waitMs, timeoutMs] of steps) {
    clock.advance(25);
    engine.setTimeout(timeoutMs);
    await engine.listDevices().catch(() => undefined);
    await engine.send(op, iface, service).catch(() => undefined);
    for (let t = 0; t < waitMs; t += 50) {
      clock.advance(50);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await engine.close();
  return engine.journal.runDir;
}
