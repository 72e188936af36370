/**
 * The MBIM device emulator as a command, for tests and for training: it serves one device of a
 * scenario on a pty and prints the path to give to mbimcli or to mbn-diag.
 *
 *   npm run mbim-emulator -- [--scenario <file>] [--device <interfaceId>] [--indications <ms>]
 *                            [--max-transfer <bytes>] [--seed <n>] [--quiet]
 *
 * Ctrl+C (or SIGTERM) unplugs the device and exits.
 */
import { parseArgs } from 'node:util';
import { loadDefaultScenario, loadScenarioFile } from '../../simulator/scenario-loader.js';
import { removalTime, serveOnPty } from './serve.js';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string' },
    device: { type: 'string' },
    indications: { type: 'string' },
    'max-transfer': { type: 'string' },
    seed: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

function number(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a whole number, not "${text}"`);
  return n;
}

try {
  const scenario = values.scenario ? loadScenarioFile(values.scenario) : loadDefaultScenario();
  const device = values.device
    ? scenario.devices.find((d) => d.interfaceId.toLowerCase() === values.device?.toLowerCase())
    : scenario.devices[0];
  if (!device) throw new Error(`no device ${values.device ?? ''} in scenario "${scenario.name}"`);
  const removeAfterMs = removalTime(scenario, device);
  const served = await serveOnPty(device, {
    ...(removeAfterMs === undefined ? {} : { removeAfterMs }),
    seed: number('seed', values.seed) ?? scenario.seed,
    indicationEveryMs: number('indications', values.indications) ?? 0,
    maxTransfer: number('max-transfer', values['max-transfer']) ?? 4096,
    log: values.quiet ? undefined : (line) => process.stderr.write(`emulator: ${line}\n`),
  });
  process.stdout.write(`${served.path}\n`);
  process.stderr.write(
    `MBIM emulator: ${device.manufacturer} ${device.model} (scenario "${scenario.name}") on ${served.path}\n` +
      `try: mbimcli -d ${served.path} --query-device-caps\n`,
  );
  const stop = (): void => void served.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`mbim-emulator: ${(error as Error).message}\n`);
  process.exit(2);
}
