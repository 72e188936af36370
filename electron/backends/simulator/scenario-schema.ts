/**
 * The scenario file format (JSON in assets/scenarios/). A scenario describes devices, their
 * services, initial session states and how each service behaves when asked to open, close or
 * write. The same file drives the TypeScript simulator and, under Wine, the fake MBN COM server,
 * so both backends can be held to the same journal.
 */
import { z } from 'zod';
import { READY_STATES } from '../../../shared/model.js';
import { parseHresult } from '../../../shared/hresult.js';

/** An HRESULT written as a name (`E_ACCESSDENIED`), hex (`0x80070005`) or a number. */
const hresultSchema = z.union([z.string(), z.number().int()]).transform((value, ctx) => {
  const parsed = typeof value === 'number' ? value >>> 0 : parseHresult(value);
  if (parsed === undefined) {
    ctx.addIssue({ code: 'custom', message: `not an HRESULT name or number: ${String(value)}` });
    return z.NEVER;
  }
  return parsed;
});

const ms = z.number().min(0).max(3_600_000);

/** How long a completion takes, drawn from the scenario's seeded generator. */
const delaySchema = z.union([
  z.object({ fixed: ms }).strict(),
  z.object({ uniform: z.tuple([ms, ms]) }).strict(),
  /** Log-normal around a median: most answers quick, a long tail of slow ones, as real modems do. */
  z
    .object({ lognormal: z.object({ medianMs: ms, sigma: z.number().min(0).max(3) }).strict() })
    .strict(),
]);

const completionModes = [
  /** Completes once after the delay. */
  'normal',
  /** Never completes. */
  'lost',
  /** Completes before the call has returned its request ID. */
  'before-return',
  /** Completes twice with the same request ID. */
  'duplicate',
] as const;

const behaviourSchema = z
  .object({
    /** What the call returns at once; a failure means no completion follows. */
    hresult: hresultSchema.default(0),
    /** The completion's status. */
    status: hresultSchema.default(0),
    delay: delaySchema.default({ fixed: 50 }),
    completion: z.enum(completionModes).default('normal'),
    /** Removes the device while this request is pending, this many ms after the call. */
    removeDeviceAfterMs: ms.optional(),
    /** After such a removal, the device arrives again this many ms later (a replugged modem). */
    deviceReturnsAfterMs: ms.optional(),
  })
  .strict();

const burstSchema = z
  .object({
    /** Delay after the data session opens (or after the scenario starts, when already open). */
    afterMs: ms,
    count: z.number().int().min(1).max(1_000_000),
    bytes: z.number().int().min(1).max(65_536),
    intervalMs: ms.default(0),
  })
  .strict();

const serviceSchema = z
  .object({
    serviceId: z.string().min(1).max(128),
    /** Optional: well-known MBIM services are named by their UUID. */
    name: z.string().min(1).max(80).optional(),
    dataRead: z.boolean().default(false),
    dataWrite: z.boolean().default(false),
    sessionOpen: z.boolean().default(false),
    open: behaviourSchema.prefault({}),
    close: behaviourSchema.prefault({}),
    write: behaviourSchema.prefault({}),
    readBursts: z.array(burstSchema).max(100).default([]),
  })
  .strict();

const deviceSchema = z
  .object({
    interfaceId: z.string().min(1).max(128),
    manufacturer: z.string().max(32),
    model: z.string().max(32),
    firmware: z.string().max(32),
    deviceId: z.string().max(18),
    /** Not part of MBN_INTERFACE_CAPS; carried so exports' redaction can be proven on it. */
    subscriberId: z.string().max(32).optional(),
    readyState: z.enum(READY_STATES).default('initialized'),
    services: z.array(serviceSchema).max(64),
  })
  .strict();

const timelineActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('remove-device'), atMs: ms, interfaceId: z.string() }).strict(),
  z.object({ action: z.literal('add-device'), atMs: ms, interfaceId: z.string() }).strict(),
]);

export const scenarioSchema = z
  .object({
    name: z.string().min(1).max(80),
    description: z.string().max(2000).default(''),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    /** Request IDs start here, so two scenarios' logs are not confused. */
    firstRequestId: z.number().int().min(1).max(0xffffffff).default(1),
    devices: z.array(deviceSchema).max(32),
    timeline: z.array(timelineActionSchema).max(1000).default([]),
  })
  .strict()
  .superRefine((scenario, ctx) => {
    const ids = new Set<string>();
    scenario.devices.forEach((device, d) => {
      if (ids.has(device.interfaceId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['devices', d, 'interfaceId'],
          message: `duplicate interfaceId "${device.interfaceId}"`,
        });
      }
      ids.add(device.interfaceId);
      const services = new Set<string>();
      device.services.forEach((service, s) => {
        const key = service.serviceId.replace(/[{}]/g, '').toLowerCase();
        if (services.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: ['devices', d, 'services', s, 'serviceId'],
            message: `duplicate serviceId "${service.serviceId}"`,
          });
        }
        services.add(key);
      });
    });
    scenario.timeline.forEach((action, t) => {
      if (!ids.has(action.interfaceId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['timeline', t, 'interfaceId'],
          message: `no device "${action.interfaceId}" in this scenario`,
        });
      }
    });
  });

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioDevice = Scenario['devices'][number];
export type ScenarioService = ScenarioDevice['services'][number];
export type Behaviour = ScenarioService['open'];
export type Delay = z.output<typeof delaySchema>;
export type ReadBurst = z.output<typeof burstSchema>;
