/**
 * The DSS session IDs held on each MBIM modem, kept in a small file beside the CLI's journals so
 * the next `mbn-diag` command knows them (dss-session-ids.ts says why). Keyed by the control
 * device's path, the one name a modem has before anything is asked of it. Read whole and written
 * whole then renamed, as the simulator's state is (electron/cli/simulator-world.ts); a file that
 * does not read as ours is taken as none held, and one that cannot be written only means the
 * next command falls back to the listing's IDs for a close.
 *
 * Beside each device's IDs, which appearance of the modem on the USB bus they were held on
 * (modem-instance.ts): a modem reset or power-cycled since has ended every DSS session, so its
 * IDs are not read back. Before, the next open on a modem taking one session at a time was
 * refused, naming a service whose session the reset had ended.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { HeldIdStore } from './dss-session-ids.js';
import { makeDirs } from '../../core/make-dirs.js';
import { modemInstance } from './modem-instance.js';

const FILE_NAME = 'mbim-dss-sessions.json';

const fileSchema = z.object({
  format: z.literal('mbn-diag-mbim-dss-sessions'),
  version: z.literal(1),
  /** Device path → normalized service ID → the DSS session ID it holds (a u32 on the wire). */
  devices: z.record(
    z.string(),
    z.record(z.string().regex(/^[0-9a-f-]{36}$/), z.number().int().min(0).max(0xffffffff)),
  ),
  /** Device path → the modem's appearance its IDs were held on, where it could be read. */
  instances: z.record(z.string(), z.string().max(200)).optional(),
});
type HeldFile = z.infer<typeof fileSchema>;

export function dssSessionFileIn(journalDir: string): string {
  return join(journalDir, FILE_NAME);
}

export class DssSessionFile implements HeldIdStore {
  constructor(
    private readonly file: string,
    private readonly devicePath: string,
    /** The modem's appearance on the bus now (modem-instance.ts), read at each load and save. */
    private readonly instance: () => string | undefined = () => modemInstance(devicePath),
  ) {}

  load(): Map<string, number> {
    const state = readHeld(this.file);
    const savedOn = state?.instances?.[this.devicePath];
    // Held on an earlier appearance of the modem: the reset that ended it ended its sessions.
    if (savedOn !== undefined) {
      const now = this.instance();
      if (now !== undefined && now !== savedOn) return new Map();
    }
    return new Map(Object.entries(state?.devices[this.devicePath] ?? {}));
  }

  save(held: ReadonlyMap<string, number>): void {
    const state: HeldFile = readHeld(this.file) ?? {
      format: 'mbn-diag-mbim-dss-sessions',
      version: 1,
      devices: {},
    };
    // A device that holds none leaves the file, so it does not grow with every modem ever seen.
    const others = Object.entries(state.devices).filter(([path]) => path !== this.devicePath);
    state.devices = Object.fromEntries(
      held.size === 0 ? others : [...others, [this.devicePath, Object.fromEntries(held)]],
    );
    const instances = Object.entries(state.instances ?? {}).filter(
      ([path]) => path !== this.devicePath && path in state.devices,
    );
    const now = held.size === 0 ? undefined : this.instance();
    if (now !== undefined) instances.push([this.devicePath, now]);
    state.instances = Object.fromEntries(instances);
    // Under a name nobody can guess, created new ('wx' fails on a link): the journal folder may
    // be one others can write, and a link planted under a known name would be written through.
    const temp = `${this.file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    try {
      makeDirs(dirname(this.file));
      writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { flag: 'wx' });
      renameSync(temp, this.file);
    } catch {
      // See above: a close in the next command falls back to the listing's ID. No temporary
      // file is left behind in the technician's journal folder.
      rmSync(temp, { force: true });
    }
  }
}

/** The file's contents, or undefined when there is none or it is not ours to trust. */
function readHeld(file: string): HeldFile | undefined {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
