/**
 * Close Session round trip through the MBIM backend against the emulator on a pty (request sent →
 * COMMAND_DONE matched → outcome in the engine), p50/p99, beside the same round trip on the
 * simulator and beside the real `mbimcli --dss-disconnect` against the same emulator, all in this
 * run. Through mbim-proxy too when it is installed. mbimcli pays a process start, OPEN and CLOSE
 * per run; that is what a technician scripting it would pay, so it is shown as it is.
 *
 * Run: node --import tsx bench/mbim-roundtrip.ts   (npm run bench runs it)
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MbnBackend } from '../electron/backends/contract.js';
import { findProxyBinary } from '../electron/backends/mbim/connect.js';
import { serveOnPty } from '../electron/backends/mbim/emulator/serve.js';
import { MbimBackend } from '../electron/backends/mbim/mbim-backend.js';
import { scenarioSchema } from '../electron/backends/simulator/scenario-schema.js';
import { SimulatorBackend } from '../electron/backends/simulator/simulator-backend.js';
import { systemClock } from '../electron/core/clock.js';
import { DiagnosticsEngine } from '../electron/engine/diagnostics-engine.js';

const SERVICE = '8c1e5a4b-2d7f-4e36-b9a0-61f3c5d7e902';
const ROUNDS = 300;
const CLI_ROUNDS = 40;

const scenario = scenarioSchema.parse({
  name: 'bench-mbim',
  devices: [
    {
      interfaceId: '{BENCH-MBIM}',
      manufacturer: '',
      model: 'B1',
      firmware: '1',
      deviceId: '0',
      services: [
        {
          serviceId: SERVICE,
          sessionOpen: true,
          open: { delay: { fixed: 0 } },
          close: { delay: { fixed: 0 } },
        },
      ],
    },
  ],
});
const device = scenario.devices[0];
if (!device) throw new Error('no device');

function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return `p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms (n=${samples.length})`;
}

async function engineRoundTrips(backend: MbnBackend, interfaceId: string): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-mbim-'));
  const engine = new DiagnosticsEngine({
    backend,
    clock: systemClock,
    journalDir: dir,
    backendReason: 'bench',
    app: { name: 'mbn-diag', version: 'bench' },
    timeoutMs: 5000,
  });
  await engine.listDevices();
  await engine.listServices(interfaceId);
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS + 20; i++) {
    // Open first (untimed), so each close finds an open session and really completes.
    await engine.waitForOutcome((await engine.send('open', interfaceId, SERVICE)).ref);
    const started = performance.now();
    const sent = await engine.send('close', interfaceId, SERVICE);
    await engine.waitForOutcome(sent.ref);
    if (i >= 20) samples.push(performance.now() - started); // the first ones warm up
  }
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
  return samples;
}

function mbimcliRoundTrip(args: string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile('mbimcli', args, { timeout: 20_000 }, (error) => {
      if (error) reject(new Error(error.message));
      else resolve(performance.now() - started);
    });
  });
}

const has = (command: string): boolean =>
  spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

console.log(`Close round trip, ${ROUNDS} rounds each (mbimcli: ${CLI_ROUNDS} runs)`);
const simulator = new SimulatorBackend(scenario, { clock: systemClock });
console.log(
  `  simulator (baseline)         ${percentiles(await engineRoundTrips(simulator, '{BENCH-MBIM}'))}`,
);

if (!has('python3')) {
  console.log('  MBIM rows NOT RUN: python3 is needed for the pty and the bridge');
} else {
  const served = await serveOnPty(device);
  try {
    const direct = await MbimBackend.connect({ devicePath: served.path, proxy: false });
    console.log(
      `  MBIM backend, pty            ${percentiles(await engineRoundTrips(direct, served.path))}`,
    );
    if (has('mbimcli')) {
      const samples: number[] = [];
      for (let i = 0; i < CLI_ROUNDS; i++)
        samples.push(await mbimcliRoundTrip(['-d', served.path, `--dss-disconnect=${SERVICE},0`]));
      console.log(`  mbimcli --dss-disconnect     ${percentiles(samples)}   (whole process)`);
    } else console.log('  mbimcli row NOT RUN: mbimcli not found (apt-get install libmbim-utils)');
    const proxyBinary = findProxyBinary();
    if (proxyBinary) {
      const proxy = spawn(proxyBinary, ['--no-exit'], { stdio: 'ignore' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      try {
        const viaProxy = await MbimBackend.connect({ devicePath: served.path, proxy: true });
        console.log(
          `  MBIM backend, mbim-proxy     ${percentiles(await engineRoundTrips(viaProxy, served.path))}`,
        );
        if (has('mbimcli')) {
          const samples: number[] = [];
          for (let i = 0; i < CLI_ROUNDS; i++)
            samples.push(
              await mbimcliRoundTrip(['-d', served.path, '-p', `--dss-disconnect=${SERVICE},0`]),
            );
          console.log(`  mbimcli -p --dss-disconnect  ${percentiles(samples)}   (whole process)`);
        }
      } finally {
        proxy.kill('SIGTERM');
      }
    } else console.log('  proxy rows NOT RUN: mbim-proxy not found');
  } finally {
    await served.close();
  }
}
