/** Small scenarios built in code, for tests that need one behaviour at a time. */
import {
  scenarioSchema,
  type Scenario,
  type ScenarioInput,
} from '../../electron/backends/simulator/scenario-schema.js';

export const DEV = '{DEVICE-A}';
export const VENDOR = '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}';

type ServiceInput = ScenarioInput['devices'][number]['services'][number];

export function oneServiceScenario(
  service: Partial<ServiceInput>,
  extra: Partial<ScenarioInput> = {},
): Scenario {
  return scenarioSchema.parse({
    name: 'test',
    seed: 7,
    firstRequestId: 100,
    devices: [
      {
        interfaceId: DEV,
        manufacturer: 'Acme',
        model: 'M1',
        firmware: '1.0',
        deviceId: '359072061234567',
        services: [
          {
            serviceId: VENDOR,
            name: 'Vendor stream',
            dataRead: true,
            dataWrite: true,
            sessionOpen: true,
            ...service,
          },
        ],
      },
    ],
    ...extra,
  });
}

/** Services of `restartingModemScenario`: listed by both firmwares, the old one's, the new one's. */
export const KEPT = '{0C000000-0000-4000-8000-000000000003}';
export const OLD = '{0A000000-0000-4000-8000-000000000001}';
export const NEW = '{0B000000-0000-4000-8000-000000000002}';

/**
 * A modem whose service restarts (by default from 1 s to 1.5 s) and comes back on firmware that
 * lists another service: `Kept` (open at the start), `Old firmware only`, `New firmware only`.
 */
export function restartingModemScenario(
  timeline: ScenarioInput['timeline'] = [{ action: 'service-outage', atMs: 1000, lastsMs: 500 }],
): Scenario {
  return scenarioSchema.parse({
    name: 'relist',
    devices: [
      {
        interfaceId: DEV,
        manufacturer: 'Acme',
        model: 'M1',
        firmware: '1.0',
        deviceId: '',
        services: [
          { serviceId: KEPT, name: 'Kept', sessionOpen: true },
          { serviceId: OLD, name: 'Old firmware only', listed: 'until-restart' },
          { serviceId: NEW, name: 'New firmware only', listed: 'after-restart' },
        ],
      },
    ],
    timeline,
  });
}
