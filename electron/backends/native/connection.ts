/**
 * The addon client the native backend calls, and leaving it for a new one when the MBN service
 * holds a call on its COM thread: every later call would wait behind it on that one thread. The
 * stuck thread cannot be freed (a COM call cannot be cancelled); it is closed, which never waits
 * on the hung call, and a new client brings a new COM thread, new MBN objects and new sinks.
 */
import type {
  AddonClient,
  AddonClientConstructor,
  AddonCloseResult,
  AddonEvent,
} from './addon-types.js';
import { withinLimit } from './time-limit.js';

/**
 * How many connections one backend may leave behind. Each keeps an OS thread (and the service
 * object its call holds) until the service returns from that call, which a wedged service never
 * does: leaving one per click would leak a thread per click. Three covers a hang on each of a
 * few different services in one sitting; a service that holds a fourth call after three fresh
 * connections is hung for good, and a new connection would not help.
 */
export const MAX_LEFT_CONNECTIONS = 3;

export class Connection {
  /** The client every call goes to. */
  current: AddonClient;
  private left = 0;
  /** The closes of the clients left, so the backend's own close() covers their release too. */
  private readonly leftClosing: Promise<unknown>[] = [];
  /** Set while the new client subscribes: calls wait for it rather than reach it half-made. */
  private switching: Promise<boolean> | undefined;

  constructor(
    private readonly MbnClient: AddonClientConstructor,
    private readonly onEvent: (event: AddonEvent) => void,
  ) {
    this.current = this.make();
  }

  /** Settles once no new client is subscribing. */
  async settled(): Promise<void> {
    await this.switching;
  }

  canLeave(): boolean {
    return this.left < MAX_LEFT_CONNECTIONS;
  }

  /**
   * Leaves `hung` for a new client and resolves with whether `subscribe` subscribed it within
   * `limitMs` (the service may hold the new subscription too). Calls queued behind the hung one
   * are rejected at once by its close; its events stop, and any still on their way are dropped.
   */
  leave(hung: AddonClient, subscribe: () => Promise<boolean>, limitMs: number): Promise<boolean> {
    // Made first: if the addon cannot make a client (its thread, its event channel), the call
    // fails saying so and the hung client stays the current one, not counted as left.
    const fresh = this.make();
    this.left += 1;
    this.current = fresh;
    // The addon's stop watchdog releases the MBN objects off the stuck thread.
    this.leftClosing.push(hung.close().catch(() => undefined));
    const switching = withinLimit(subscribe(), limitMs, () => false).finally(() => {
      if (this.switching === switching) this.switching = undefined;
    });
    this.switching = switching;
    return switching;
  }

  /** Closes the current client, and waits for the left ones' release too, at most `limitMs`. */
  close(limitMs: number): Promise<AddonCloseResult> {
    const all = Promise.all([this.current.close(), ...this.leftClosing]).then(([own]) => own);
    return withinLimit(all, limitMs, () => ({ released: false, threadStopped: false }));
  }

  private make(): AddonClient {
    const client: AddonClient = new this.MbnClient((event) => {
      // A left client's events come from objects no request is tracked on any more: delivered
      // now, they would interleave with the new client's, or repeat what it reports.
      if (client === this.current) this.onEvent(event);
    });
    return client;
  }
}
