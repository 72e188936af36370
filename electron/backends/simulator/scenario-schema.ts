/**
 * The scenario file format (JSON in assets/scenarios/). A scenario describes devices, their
 * services, initial session states and how each service behaves when asked to open, close or
 * write, which commands it supports and how it answers them, and the notifications it sends. The same file drives the TypeScript simulator and, under Wine, the fake MBN COM server,
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

/** Bytes written as hex (`"01 0a ff"` or `"010aff"`), as a payload in a scenario. */
const hexSchema = z
  .string()
  .max(2 * 65_536 + 65_536)
  .transform((value, ctx) => {
    const hex = value.replace(/\s+/g, '');
    if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
      ctx.addIssue({ code: 'custom', message: `not whole bytes of hex: ${value.slice(0, 40)}` });
      return z.NEVER;
    }
    return hex.toLowerCase();
  });

const u32 = z.number().int().min(0).max(0xffffffff);

/** A QUERY or SET: the call and its completion as for any request, plus the answer it carries. */
const commandBehaviourSchema = behaviourSchema
  .extend({
    /** The response's bytes, on success. */
    response: hexSchema.default(''),
    /** The response ID; the command ID when absent. */
    responseId: u32.optional(),
  })
  .strict();

const commandSchema = z
  .object({
    cid: u32,
    /** Listed by QuerySupportedCommands. An unlisted one still answers if it has behaviour here. */
    listed: z.boolean().default(true),
    query: commandBehaviourSchema.optional(),
    set: commandBehaviourSchema.optional(),
  })
  .strict();

/** The command half of a device service: QuerySupportedCommands, the command session, QUERY/SET. */
const commandsSchema = z
  .object({
    sessionOpen: z.boolean().default(false),
    supportedCommands: behaviourSchema.prefault({}),
    openSession: behaviourSchema.prefault({}),
    closeSession: behaviourSchema.prefault({}),
    /** A QUERY or SET of a command the service has no behaviour for: the device does not support it. */
    unsupported: behaviourSchema.prefault({ status: 'HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED)' }),
    list: z.array(commandSchema).max(256).default([]),
  })
  .strict();

/** OnEventNotification: sent `count` times, every `intervalMs`, starting `afterMs` into the scenario. */
const notificationSchema = z
  .object({
    eventId: u32,
    data: hexSchema.default(''),
    afterMs: ms,
    intervalMs: ms.default(1000),
    count: z.number().int().min(1).max(1_000_000).default(1),
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
    /**
     * Which firmware lists the service, a service-outage being the modem's restart: every one
     * (`always`), only the one before the first restart (`until-restart`) or only the one after
     * it (`after-restart`), so that a scenario can change a device's list across an outage.
     */
    listed: z.enum(['always', 'until-restart', 'after-restart']).default('always'),
    open: behaviourSchema.prefault({}),
    close: behaviourSchema.prefault({}),
    write: behaviourSchema.prefault({}),
    readBursts: z.array(burstSchema).max(100).default([]),
    commands: commandsSchema.prefault({}),
    notifications: z.array(notificationSchema).max(100).default([]),
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
    /** IMbnDeviceServicesContext::MaxCommandSize: the most bytes a QUERY or SET may carry. */
    maxCommandSize: u32.default(4096),
    /**
     * MBIM DEVICE_SERVICES' MaxDssSessions: how many DSS sessions the modem takes at a time (real
     * modems say 1 to 4 or so). The MBIM emulator lists it and, as a strict modem does, refuses a
     * DSS_CONNECT whose session ID is at or above it. The simulator does not use it: on Windows
     * the MBN service, not this tool, numbers the DSS sessions.
     */
    maxDssSessions: u32.default(16),
    services: z.array(serviceSchema).max(64),
  })
  .strict();

const timelineActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('remove-device'), atMs: ms, interfaceId: z.string() }).strict(),
  z.object({ action: z.literal('add-device'), atMs: ms, interfaceId: z.string() }).strict(),
  /**
   * The MBN service restarts: for `lastsMs` the backend is unavailable and every call fails; the
   * restart drops every device service's sessions and the completions it still owed.
   */
  z.object({ action: z.literal('service-outage'), atMs: ms, lastsMs: ms }).strict(),
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
      if (action.action !== 'service-outage' && !ids.has(action.interfaceId)) {
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
export type Notification = z.output<typeof notificationSchema>;
