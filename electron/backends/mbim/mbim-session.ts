/**
 * The MBIM backend's session with the modem: the link opened (the device itself, or mbim-proxy)
 * and MBIM OPEN said on it; the session opened anew when the modem closes it under the backend
 * (NOT_OPENED); the modem reported gone when the link ends, and found again when its device node
 * comes back; each of these told as the backend's status (session-status.ts). Kept apart from the
 * backend, which maps the contract's calls onto whatever session is open; this file is the only
 * one that opens, replaces or closes one.
 */
import { existsSync } from 'node:fs';
import { ConnectStopped, unlessAborted } from '../connect-stopped.js';
import { BackendError } from '../contract.js';
import { queryBasicConnect } from './basic-connect.js';
import { BridgeError, openBridge, type ByteLink } from './bridge.js';
import { MbimChannel, type MessageNote } from './channel.js';
import { configureProxy, openProxyLink, openSession, proxyClosed } from './connect.js';
import { MAX_DEVICE_FRAME } from './framing.js';
import { isNotOpened, type MbimMessage } from './message.js';
import type { MbimBackendOptions } from './mbim-backend.js';
import {
  closedItsSession,
  reopened,
  SessionStatus,
  wentAway,
  type SessionPlace,
} from './session-status.js';
import { CID } from './uuid.js';

/**
 * Through mbim-proxy, a new connection still meets NOT_OPENED when the proxy does not reopen a
 * device that reported its session closed: libmbim before 1.31.2 force-closed the device but left
 * it marked open (fixed by libmbim commit f459174, "set open_status to OPEN_STATUS_CLOSED in
 * mbim_device_close_force"; Debian 12 ships 1.28.2). Only a new proxy process opens it again.
 */
const PROXY_STUCK =
  'The modem closed its MBIM session, and mbim-proxy still answers NOT_OPENED for it after a new connection: this mbim-proxy (libmbim before 1.31.2) does not reopen such a device. End the mbim-proxy process (it is started again when next needed) and try again.';

/** What the backend does as its session comes, goes and is replaced. */
export interface SessionHooks {
  /** Every message that crosses. */
  onNote(note: MessageNote): void;
  /** Late, duplicate and unsolicited messages. */
  onMessage(message: MbimMessage): void;
  /** The modem closed the session, and a new one is being opened: what lived in the old is void. */
  onReplacing(): void;
  /** The new session is open: what the old one had set up is set up again. */
  onReplaced(): Promise<void>;
  /** The modem went away: what lived with it is void. */
  onLost(): void;
  /** The modem came back, in a new session. */
  onReturned(): void;
  /** The modem is gone or back, in words (session-status.ts); never said for the first open. */
  onStatus(available: boolean, message: string): void;
  /** Whether a data session the backend opened is still open (close() then says no CLOSE). */
  holdsDataSession(): boolean;
  /**
   * The modem closed its function before this session opened (it answered OPEN with CLOSE_DONE):
   * the data sessions an earlier run left open, and the DSS session IDs noted for them, are void.
   */
  onFunctionClosed(): void;
}

export class MbimSession {
  channel!: MbimChannel;
  private link!: ByteLink;
  /** Whether a session is open with a modem that is there. */
  present = false;
  /** The backend has been closed: no session is opened again. */
  closed = false;
  /** Counts the sessions attach() opened; a message from an older one triggers nothing. */
  private generation = 0;
  /** Set while a new session replaces one the modem closed (recover()). */
  private recovering: Promise<void> | undefined;
  /** The last session (generation) in which the modem, or mbim-proxy, answered NOT_OPENED. */
  private notOpenedIn = 0;
  private watcher: NodeJS.Timeout | undefined;
  private readonly status: SessionStatus;

  constructor(
    private readonly options: MbimBackendOptions,
    private readonly hooks: SessionHooks,
  ) {
    this.status = new SessionStatus((available, message) => hooks.onStatus(available, message));
  }

  private get place(): SessionPlace {
    return { devicePath: this.options.devicePath, proxy: this.options.proxy };
  }

  /**
   * Says MBIM CLOSE if a session is open, and closes the link. Directly, not while a data session
   * the backend opened is open: MBIM CLOSE deactivates everything the function has active, DSS
   * sessions included (Chromium's MBIM compliance test CM_13), so `mbn-diag open` would undo
   * itself as its run ends and a later run's `close` would find nothing to close. The session is
   * left open instead, as libmbim's mbimcli --no-close leaves it; the next run's MBIM OPEN on a
   * function already open is to be answered OPEN_DONE (compliance test CM_03, MBIM 1.0 §9.3.1),
   * so that run works as any other. Through mbim-proxy CLOSE is always said: the proxy answers it itself
   * and keeps the device open (libmbim mbim-proxy.c, process_internal_proxy_close).
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.watcher) clearInterval(this.watcher);
    // A session being replaced is let finish, so its new link is the one closed here.
    await this.settled();
    if (this.present) {
      this.present = false;
      const keepOpen = !this.options.proxy && this.hooks.holdsDataSession();
      try {
        if (!keepOpen)
          await this.channel.request({ type: 'close', tid: this.channel.nextTid() }, 1000);
      } catch {
        // The modem may be gone or mute; the link is closed either way.
      }
      await this.link.close();
      // Whoever still waits (the check that a returned modem answers) fails now, rather than
      // holding the CLI's exit until its time-out.
      this.channel.failAll(new BackendError('backend-closed', 'The MBIM backend has been closed.'));
    }
  }

  /**
   * Opens the link and says MBIM OPEN on it. `signal` (the first attach only, from connect):
   * the caller may stop the wait, for a modem that never answers OPEN; the link opened is closed
   * before the ConnectStopped is thrown, so the device file is not left open behind it.
   */
  async attach(signal?: AbortSignal): Promise<void> {
    const generation = ++this.generation;
    const path = this.options.devicePath;
    this.link = await unlessAborted(
      this.openLink(),
      signal,
      this.options.proxy ? 'mbim-proxy' : `${path} to open`,
      (late) => void late.close(),
    );
    // A new session's transaction IDs go on from the old one's (channel.ts says why).
    const previous = this.channel as MbimChannel | undefined;
    const channel = new MbimChannel(
      this.link,
      {
        onNote: (note) => {
          this.hooks.onNote(note);
          const notOpened = note.direction === 'received' && isNotOpened(note.message);
          if (notOpened && generation === this.generation) {
            this.notOpenedIn = generation;
            void this.recover();
          }
        },
        onMessage: (message) => this.hooks.onMessage(message),
      },
      previous?.lastTid ?? 0,
    );
    this.channel = channel;
    // Until mbim-proxy answers the configuration, a link that ends is the proxy refusing this
    // client (it drops a user it does not accept without a word), not a modem going away.
    let proxyAnswered = !this.options.proxy;
    this.link.onLost((reason) => {
      if (generation !== this.generation) return;
      if (!proxyAnswered) channel.failAll(new BridgeError(proxyClosed(path, reason)));
      this.lost(reason);
    });
    // Commands are fragmented to, and MaxCommandSize derived from, the device's own limit.
    if (this.link.maxControlTransfer !== undefined)
      channel.maxTransfer = this.link.maxControlTransfer;
    // On the device itself a frame is one control transfer, no longer than the device's limit
    // (cdc-wdm reads at most that much at a time): a header claiming more is garbage, not a frame
    // to wait for. Through mbim-proxy a frame is a whole message (framing.ts).
    if (!this.options.proxy) channel.maxFrame = this.link.maxControlTransfer ?? MAX_DEVICE_FRAME;
    const openAnswer = `the modem on ${path} to answer OPEN`;
    let waitingFor = this.options.proxy ? `mbim-proxy to take ${path}` : openAnswer;
    // Stopped: whatever is awaited on the channel (the proxy's answer, OPEN_DONE) fails at once.
    const stop = (): void => channel.failAll(new ConnectStopped(waitingFor));
    signal?.addEventListener('abort', stop, { once: true });
    try {
      if (signal?.aborted) throw new ConnectStopped(waitingFor);
      this.assertOpen();
      if (this.options.proxy) {
        await configureProxy(channel, path, 30_000);
        proxyAnswered = true;
        waitingFor = openAnswer;
      }
      const opened = await openSession(channel, this.options.openTimeoutMs ?? 30_000);
      // close() may have come while this attach (a re-attach in the background) was under way:
      // its link, a bridge process on the real transport, must not outlive the backend.
      this.assertOpen();
      if (opened.closedFirst) this.hooks.onFunctionClosed();
    } catch (error) {
      await this.link.close();
      throw error;
    } finally {
      signal?.removeEventListener('abort', stop);
    }
    this.present = true;
  }

  private openLink(): Promise<ByteLink> {
    if (this.options.openLink) return this.options.openLink();
    return this.options.proxy ? openProxyLink() : openBridge('device', this.options.devicePath);
  }

  /**
   * One exchange of the backend's own (a Basic Connect query), run once more on the new session
   * when the modem closed the old one under it (NOT_OPENED, recover()).
   */
  async exchange<T>(run: (channel: MbimChannel) => Promise<T>): Promise<T> {
    await this.settled();
    const generation = this.generation;
    try {
      return await run(this.channel);
    } catch (error) {
      if (this.recovering === undefined && generation === this.generation) throw error;
      await this.settled();
      if (this.closed || !this.present) throw error;
      const fresh = this.generation;
      try {
        return await run(this.channel);
      } catch (again) {
        if (this.options.proxy && this.notOpenedIn === fresh)
          throw new BackendError('unavailable', PROXY_STUCK);
        throw again;
      }
    }
  }

  /** Waits for a session being replaced (recover()) to be open again, or given up. */
  async settled(): Promise<void> {
    await this.recovering;
  }

  /**
   * The modem answered FUNCTION_ERROR NOT_OPENED: its MBIM session closed under this backend (its
   * firmware restarted the function, or another program said MBIM CLOSE on the control device).
   * Directly, the modem takes a new OPEN; through mbim-proxy, the proxy has force-closed its side
   * of the device and reopens it only for a client that configures anew (libmbim mbim-proxy.c:
   * proxy_device_error_cb, process_internal_proxy_config), so a fresh connection is needed.
   * Both are a new attach(). The device never left, so no removal is reported, but the backend
   * is said unavailable until the new session answers, so the engine re-reads the services then;
   * their data sessions did not survive (closed in the new session, mbim-calls.ts), and their
   * indications are subscribed again, since a restarted modem and a new proxy client start from
   * the standard list. If no new session can be opened, the modem is reported gone, as when
   * unplugged.
   */
  private recover(): Promise<void> {
    this.recovering ??= this.reattach().finally(() => {
      this.recovering = undefined;
    });
    return this.recovering;
  }

  private async reattach(): Promise<void> {
    if (this.closed || !this.present) return;
    const channel = this.channel;
    this.status.down(closedItsSession(this.place));
    this.hooks.onReplacing();
    await this.link.close();
    channel.failAll(new Error('the modem closed its MBIM session; a new one is being opened'));
    try {
      await this.attach();
    } catch (error) {
      this.lost(`no new MBIM session could be opened: ${(error as Error).message}`);
      return;
    }
    await this.hooks.onReplaced();
    await this.sayBack('closed');
  }

  /**
   * Says the modem is back once its new session answers a command (DEVICE_CAPS, which every MBIM
   * function answers). Through an mbim-proxy that does not reopen the device (PROXY_STUCK) the new
   * session takes OPEN and then answers NOT_OPENED: saying "back" then would start the engine's
   * re-read, whose listing meets NOT_OPENED, opens yet another session and says "back" again,
   * without end. A modem that does not answer at all is said back: the re-read then says what
   * fails.
   */
  private async sayBack(after: 'closed' | 'gone'): Promise<void> {
    const generation = this.generation;
    try {
      await queryBasicConnect(this.channel, CID.deviceCaps, this.options.queryTimeoutMs ?? 5000);
    } catch {
      // Told below when it was NOT_OPENED; any other failure is the re-read's to say.
    }
    if (this.closed || !this.present || generation !== this.generation) return;
    if (this.notOpenedIn === generation) {
      if (this.options.proxy) this.status.down(PROXY_STUCK);
      return;
    }
    this.status.up(reopened(this.place, after));
  }

  /** The link ended on its own: the modem was unplugged (or the emulator hung up). */
  private lost(reason: string): void {
    // Whoever waits (even OPEN, while connecting) hears it now rather than at its timeout.
    this.channel.failAll(new Error(`the modem went away (${reason})`));
    if (this.closed || !this.present) return;
    this.present = false;
    this.status.down(wentAway(this.place, reason));
    this.hooks.onLost();
    this.watchForReturn();
  }

  /** Reconnects when the device node comes back (a replugged modem keeps its name mostly). */
  private watchForReturn(): void {
    let trying = false;
    this.watcher = setInterval(() => {
      if (this.closed || trying || !existsSync(this.options.devicePath)) return;
      trying = true;
      this.attach()
        .then(() => {
          if (this.watcher) clearInterval(this.watcher);
          this.watcher = undefined;
          this.hooks.onReturned();
          return this.sayBack('gone');
        })
        .catch(() => undefined)
        .finally(() => {
          trying = false;
        });
    }, 1000);
    this.watcher.unref();
  }

  assertOpen(): void {
    if (this.closed) throw new BackendError('backend-closed', 'The MBIM backend has been closed.');
  }
}
