/**
 * One simulated world across CLI commands. Each command is its own process, so without this the
 * simulator would start from the scenario every time: `close` a session, then `services`, and the
 * session would show open again, which a technician reads as "the close did not work".
 *
 * After a command that acts (close, open), which data sessions are open, the next request ID and
 * the seed the next command draws its latencies from are saved in a small file beside the
 * journals, keyed by the scenario's content and the seed; the next command on the same scenario
 * and seed starts from there. A different scenario or seed is a different world. Scheduled
 * scenario events (a device removed at 5 s) still replay per command.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { MbnBackend } from '../backends/contract.js';
import type { Scenario } from '../backends/simulator/scenario-schema.js';
import { makeDirs } from '../core/make-dirs.js';
import { normalizeServiceId } from '../../shared/model.js';

const STATE_FILE_NAME = 'simulator-state.json';
/** Worlds kept in the file: the most recently used ones (scenarios being edited make new keys). */
const MAX_WORLDS = 16;

const worldSchema = z.object({
  savedAt: z.string(),
  /** Absent until a request was accepted: the scenario's firstRequestId still applies. */
  nextRequestId: z.number().int().min(1).max(0xffffffff).optional(),
  /** interfaceId → normalized service ID → whether its data session is open. */
  sessions: z.record(z.string(), z.record(z.string(), z.boolean())),
  /**
   * The seed the next command's simulator draws from. Every command started from the scenario's
   * seed, so each drew the same latencies: a technician closing a session three times saw
   * "123 ms" three times. Still one sequence from a reset, so a run can be repeated.
   */
  seed: z.number().int().min(0).max(0xffffffff).optional(),
});
const fileSchema = z.object({
  format: z.literal('mbn-diag-simulator-state'),
  version: z.literal(1),
  worlds: z.record(z.string(), worldSchema),
});
type World = z.infer<typeof worldSchema>;
type StateFile = z.infer<typeof fileSchema>;

export class SimulatorWorld {
  private key: string | undefined;
  private carried: World | undefined;
  /** The seed this command's simulator draws from (see worldSchema's `seed`). */
  private ranWith = 0;

  /**
   * `fresh`: start from the scenario as written, ignoring (and later replacing) what was saved.
   * `seed`: the --seed given, if any (the scenario's own seed otherwise).
   */
  constructor(
    readonly file: string,
    private readonly fresh: boolean,
    private readonly seed: number | undefined,
  ) {}

  static inJournalDir(journalDir: string, fresh: boolean, seed?: number): SimulatorWorld {
    return new SimulatorWorld(join(journalDir, STATE_FILE_NAME), fresh, seed);
  }

  /** When the state came from an earlier command: the time it was saved. */
  get carriedSince(): string | undefined {
    return this.carried?.savedAt;
  }

  /**
   * For `selectBackend`'s `adjustScenario`: the scenario with the saved sessions applied, and the
   * seed to draw from (--seed's, the scenario's, or the one the world goes on with).
   */
  readonly adjust = (scenario: Scenario): Scenario => {
    const seed = this.seed ?? scenario.seed;
    this.key = worldKey(scenario, seed);
    this.carried = this.fresh ? undefined : readState(this.file)?.worlds[this.key];
    const world = this.carried;
    this.ranWith = world?.seed ?? seed;
    if (!world) return { ...scenario, seed };
    return {
      ...scenario,
      seed: this.ranWith,
      firstRequestId: world.nextRequestId ?? scenario.firstRequestId,
      devices: scenario.devices.map((device) => {
        const sessions = world.sessions[device.interfaceId] ?? {};
        return {
          ...device,
          services: device.services.map((service) => {
            const open = sessions[normalizeServiceId(service.serviceId)];
            return open === undefined ? service : { ...service, sessionOpen: open };
          }),
        };
      }),
    };
  };

  /**
   * Records the sessions as the simulator now has them. Devices not present at the end (removed
   * by the scenario) keep what was saved for them. Never fails the command: a state that cannot
   * be written only means the next command starts from the scenario, which it then says.
   */
  async save(backend: MbnBackend, lastRequestId: number | null): Promise<void> {
    if (this.key === undefined) return;
    const previous = this.fresh ? undefined : this.carried;
    const sessions: World['sessions'] = { ...(previous?.sessions ?? {}) };
    for (const device of await backend.listDevices()) {
      const states: Record<string, boolean> = {};
      for (const service of await backend.listServices(device.interfaceId)) {
        if (service.dataSessionOpen !== null)
          states[normalizeServiceId(service.serviceId)] = service.dataSessionOpen;
      }
      sessions[device.interfaceId] = states;
    }
    const sent = lastRequestId !== null && lastRequestId > 0;
    const nextRequestId = sent ? (lastRequestId % 0xffffffff) + 1 : previous?.nextRequestId;
    const seed = sent ? nextSeed(this.ranWith, lastRequestId) : previous?.seed;
    const state: StateFile = readState(this.file) ?? {
      format: 'mbn-diag-simulator-state',
      version: 1,
      worlds: {},
    };
    state.worlds[this.key] = {
      savedAt: new Date().toISOString(),
      sessions,
      ...(nextRequestId !== undefined ? { nextRequestId } : {}),
      ...(seed !== undefined ? { seed } : {}),
    };
    const kept = Object.entries(state.worlds)
      .sort(([, a], [, b]) => b.savedAt.localeCompare(a.savedAt))
      .slice(0, MAX_WORLDS);
    state.worlds = Object.fromEntries(kept);
    try {
      makeDirs(dirname(this.file));
      // Written whole then renamed, so two commands at once never leave half a file.
      // Under a name nobody can guess, created new ('wx' fails on a link): --journal-dir may be
      // a folder others can write, and a link planted under a known name would be written through.
      const temp = `${this.file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
      writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { flag: 'wx' });
      renameSync(temp, this.file);
    } catch {
      // See above: the next command starts from the scenario and says so.
    }
  }
}

/**
 * The next command's seed: this one's and its last request ID, mixed (murmur3's finalizer) so
 * that neighbouring IDs give unrelated seeds.
 */
function nextSeed(seed: number, lastRequestId: number): number {
  let h = (seed ^ Math.imul(lastRequestId, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function worldKey(scenario: Scenario, seed: number): string {
  const digest = createHash('sha256').update(JSON.stringify(scenario)).digest('hex').slice(0, 16);
  return `${digest}:${seed}`;
}

/** The saved state, or undefined when there is none or it is not ours to trust. */
function readState(file: string): StateFile | undefined {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
