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
