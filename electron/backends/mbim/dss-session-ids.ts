/**
 * The DSS session IDs this backend holds: one for each data session it opened and has not closed,
 * handed out when the open is sent, so a modem that takes one DSS session at a time
 * (MaxDssSessions 1) can open each streaming service in turn. An open takes the lowest ID below
 * MaxDssSessions no held session has (or the one its service already holds); when every ID is
 * held, it is refused with the words naming the services that hold them. A close uses the ID its
 * open used.
 *
 * An ID is held from the open's sending until the modem says the session ended: its close
 * succeeded or was answered that the session was not open, the open failed, the MBIM session was
 * replaced or the modem went away (mbim-calls.ts). MBIM has no query for a DSS session, so these
 * IDs are all there is to know which are taken.
 *
 * Each `mbn-diag` command is a process of its own, and a session one run opens outlives it (the
 * run leaves its MBIM session open). So the CLI gives a store beside its journals
 * (dss-session-file.ts) and the IDs are read from it before each choice and written after each
 * change: `open A` then `open B` in the next run does not hand B the ID A holds on the modem, and
 * `close A` later sends A's own ID, which is what a technician expects of one modem across
 * commands. The app keeps them in the same file (create-engine.ts), so a session the window
 * opened is closed under its ID after a restart. Without a store (tests) they live in memory.
 */
import { closeRefusal, openRefusal } from './dss-sessions.js';

/** Where held IDs outlive the process: this device's, by normalized service ID. */
export interface HeldIdStore {
  load(): Map<string, number>;
  save(held: ReadonlyMap<string, number>): void;
}

/** The ID a DSS_CONNECT goes out with, or the words refusing it before anything is sent. */
export type DssIdChoice = { sessionId: number; taken: boolean } | { refusal: string };

export class DssSessionIds {
  private held = new Map<string, number>();

  constructor(private readonly store?: HeldIdStore) {}

  /**
   * The ID to open `serviceId` under: the one it holds (an open sent again), else the lowest free
   * below `maxDssSessions`, now held (`taken`, so a failed open gives it back).
   */
  forOpen(serviceId: string, maxDssSessions: number): DssIdChoice {
    this.reload();
    const own = this.held.get(serviceId);
    if (own !== undefined && own < maxDssSessions) return { sessionId: own, taken: false };
    const used = new Set([...this.held.values()]);
    for (let id = 0; id < maxDssSessions; id += 1) {
      if (used.has(id)) continue;
      this.held.set(serviceId, id);
      this.persist();
      return { sessionId: id, taken: true };
    }
    const holders = [...this.held.entries()]
      .filter(([, id]) => id < maxDssSessions)
      .sort(([, a], [, b]) => a - b)
      .map(([holder]) => holder);
    return { refusal: openRefusal(maxDssSessions, holders, serviceId) };
  }

  /**
   * The ID to close `serviceId` under: the one its open used; when none is held (the session was
   * opened elsewhere, or by a run whose note is gone), the listing's ID for it (`listedId`), as
   * every ID was before they were handed out, if the modem takes it.
   */
  forClose(serviceId: string, maxDssSessions: number, listedId: number): DssIdChoice {
    this.reload();
    const own = this.held.get(serviceId);
    if (own !== undefined) return { sessionId: own, taken: false };
    if (listedId < maxDssSessions) return { sessionId: listedId, taken: false };
    return { refusal: closeRefusal(maxDssSessions, serviceId, listedId) };
  }

  /** The session of `serviceId` ended (or never began): its ID is free. */
  release(serviceId: string): void {
    this.reload();
    if (!this.held.delete(serviceId)) return;
    this.persist();
  }

  /** Every session ended with the MBIM session, or the modem went away. */
  clear(): void {
    this.held.clear();
    this.persist();
  }

  /** Whether any ID is held: a data session this backend (or an earlier run) opened may be open. */
  holdsAny(): boolean {
    this.reload();
    return this.held.size > 0;
  }

  private reload(): void {
    if (this.store) this.held = this.store.load();
  }

  private persist(): void {
    this.store?.save(this.held);
  }
}
