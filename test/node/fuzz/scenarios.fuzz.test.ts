/**
 * Generated and mutated scenarios for the loader: a scenario file is input a technician edits by
 * hand. Whatever it holds, loading gives a valid scenario or a ScenarioError naming what is wrong
 * where; and a scenario that loads can be run by the simulator without throwing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ScenarioError,
  bundledScenariosDir,
  parseScenario,
} from '../../../electron/backends/simulator/scenario-loader.js';
import { SimulatorBackend } from '../../../electron/backends/simulator/simulator-backend.js';
import { ManualClock } from '../../../electron/core/clock.js';
import { budget } from './fuzz-budget.js';

const original = JSON.parse(
  readFileSync(join(bundledScenariosDir(), 'default.json'), 'utf8'),
) as unknown;

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(root))
    return (root as unknown[]).map((v, i) => (i === head ? setAt(v, rest, value) : v));
  if (typeof root === 'object' && root !== null)
    return Object.fromEntries(
      Object.entries(root).map(([k, v]) => [k, k === head ? setAt(v, rest, value) : v]),
    );
  return root;
}

const ALL_PATHS = paths(original);

/** Values that break schemas: wrong types, edges of ranges, huge and odd numbers and strings. */
const hostileValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    -1,
    0,
    1e308,
    2 ** 31,
    2 ** 53,
    -0,
    0.5,
    '',
    'x'.repeat(10_000),
    '\u0000',
    '\u001b[2J',
    { lognormal: { medianMs: 3_600_000, sigma: 3 } },
    { uniform: [3_600_000, 0] },
    { fixed: 3_600_000 },
    [],
    {},
    null,
  ),
);

const mutatedScenario = fc
  .array(fc.tuple(fc.nat(ALL_PATHS.length - 1), hostileValue), { minLength: 1, maxLength: 5 })
  .map((edits) => edits.reduce<unknown>((s, [i, v]) => setAt(s, ALL_PATHS[i] ?? [], v), original));

function loads(text: string): ReturnType<typeof parseScenario> | undefined {
  try {
    return parseScenario(text, 'fuzz.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).problems.length).toBeGreaterThan(0);
    return undefined;
  }
}

async function runs(scenario: ReturnType<typeof parseScenario>): Promise<void> {
  const clock = new ManualClock();
  const backend = new SimulatorBackend(scenario, { clock });
  for (const device of await backend.listDevices()) {
    for (const service of await backend.listServices(device.interfaceId)) {
      await backend.closeDataSession(device.interfaceId, service.serviceId).catch(() => undefined);
      await backend.openDataSession(device.interfaceId, service.serviceId).catch(() => undefined);
    }
  }
  clock.advance(4_000_000);
  await backend.close();
}

describe('fuzz: scenarios', () => {
  it('a mutated scenario loads and runs, or is refused with a ScenarioError', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedScenario, async (scenario) => {
        const loaded = loads(JSON.stringify(scenario));
        if (loaded) await runs(loaded);
      }),
      budget(300),
    );
  });

  it('any text is a scenario or a ScenarioError, BOM or not', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        fc.boolean(),
        (text, bom) => {
          loads(bom ? `\uFEFF${text}` : text);
        },
      ),
      budget(1000),
    );
  });
});
