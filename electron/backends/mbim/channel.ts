/**
 * One MBIM conversation over a byte link: transaction IDs, fragmentation both ways, matching each
 * answer to its request by transaction ID, and a note of every message that crossed (for the
 * journal). Answers nobody waits for (late, duplicate, unsolicited) go to `onMessage`.
 */
import type { ByteLink } from './bridge.js';
import { fragment, FrameSplitter, Reassembler, transactionKey } from './framing.js';
import {
  decodeMessage,
  encodeMessage,
  MbimDecodeError,
  MESSAGE_TYPE,
  peekHeader,
  PROTOCOL_ERROR_TIMEOUT_FRAGMENT,
  type MbimMessage,
} from './message.js';
import { protocolErrorName } from '../../../shared/mbim-status.js';

/**
 * How long the next fragment of a message may take: libmbim's MAX_TIME_BETWEEN_FRAGMENTS_MS
 * (mbim-device.c). MBIM 1.0 §9.2 leaves the value to the host.
 */
const FRAGMENT_GAP_MS = 1250;

export interface MessageNote {
  direction: 'sent' | 'received';
  /** The whole message (fragments joined). */
  bytes: Uint8Array;
  /** Undefined when the bytes did not decode (then `error` says why). */
  message: MbimMessage | undefined;
  fragments: number;
  error?: string;
}

export class MbimTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`no answer to ${what} within ${ms} ms`);
    this.name = 'MbimTimeoutError';
  }
}

/** Which message a fragment is part of. */
interface Fragment {
  type: number;
  tid: number;
}

interface Waiter {
  resolve: (message: MbimMessage) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class MbimChannel {
  private readonly splitter = new FrameSplitter();
  private readonly reassembler = new Reassembler();
  private readonly waiters = new Map<number, Waiter>();
  /** Per message whose fragments are coming (by transactionKey()): when the next is overdue. */
  private readonly fragmentTimers = new Map<string, NodeJS.Timeout>();
  maxTransfer = 4096;

  /**
   * `tid`: the last transaction ID a previous conversation with this modem used. A new
   * session (after a replug or a reset) goes on from there rather than from 1, since the
   * backend's requests are remembered by transaction ID across sessions: reused IDs would file
   * the new session's messages, and any stray answer, under the old session's requests.
   */
  constructor(
    private readonly link: ByteLink,
    private readonly hooks: {
      onNote: (note: MessageNote) => void;
      onMessage: (message: MbimMessage) => void;
    },
    private tid = 0,
  ) {
    link.onData((chunk) => this.receive(chunk));
  }

  /** The last transaction ID given out (0 before the first). */
  get lastTid(): number {
    return this.tid;
  }

  nextTid(): number {
    this.tid = this.tid >= 0xffffffff ? 1 : this.tid + 1;
    return this.tid;
  }

  /** Sends a whole message, fragmented to the device's maximum transfer. */
  send(message: MbimMessage): Uint8Array {
    const whole = encodeMessage(message);
    const frames = fragment(whole, this.maxTransfer);
    for (const frame of frames) this.link.write(frame);
    this.hooks.onNote({ direction: 'sent', bytes: whole, message, fragments: frames.length });
    return whole;
  }

  /** Sends and waits for the answer with the same transaction ID. */
  request(message: MbimMessage, timeoutMs: number): Promise<MbimMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(message.tid);
        reject(new MbimTimeoutError(message.type, timeoutMs));
      }, timeoutMs);
      this.waiters.set(message.tid, { resolve, reject, timer });
      this.send(message);
    });
  }

  /** Fails every waiter: the link is gone. */
  failAll(error: Error): void {
    for (const waiter of this.waiters.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.waiters.clear();
    for (const timer of this.fragmentTimers.values()) clearTimeout(timer);
    this.fragmentTimers.clear();
  }

  /**
   * A transaction's fragments went wrong, as libmbim handles it (mbim-device.c, process_message
   * and transaction_timed_out): the modem is told with HOST_ERROR (`tellModem`), and whoever
   * waits for the answer fails now rather than at its time-out.
   */
  private broken(
    { type, tid }: Fragment,
    reason: string,
    protocolError: number | undefined,
    tellModem = true,
  ): void {
    this.stopFragmentTimer(transactionKey(type, tid));
    if (protocolError !== undefined && tellModem)
      this.send({ type: 'host-error', tid, error: protocolError });
    // An indication is the modem's own transaction: nobody waits for it.
    if (type === MESSAGE_TYPE.indicateStatus) return;
    const waiter = this.waiters.get(tid);
    if (!waiter) {
      // A device service's request (Close, Query, ...) awaits no promise here: its answer comes
      // as a message. It fails now too, its completion naming the protocol error.
      if (protocolError !== undefined)
        this.hooks.onMessage({ type: 'function-error', tid, error: protocolError });
      return;
    }
    this.waiters.delete(tid);
    clearTimeout(waiter.timer);
    const named = protocolError === undefined ? '' : ` (${protocolErrorName(protocolError)})`;
    waiter.reject(new Error(`${reason}${named}`));
  }

  /** (Re)starts the wait for a message's next fragment. */
  private awaitFragment(fragmentOf: Fragment): void {
    const key = transactionKey(fragmentOf.type, fragmentOf.tid);
    this.stopFragmentTimer(key);
    const timer = setTimeout(() => {
      this.fragmentTimers.delete(key);
      this.reassembler.forget(key);
      this.broken(
        fragmentOf,
        `no further fragment of transaction ${fragmentOf.tid} came within ${FRAGMENT_GAP_MS} ms`,
        PROTOCOL_ERROR_TIMEOUT_FRAGMENT,
      );
    }, FRAGMENT_GAP_MS);
    timer.unref();
    this.fragmentTimers.set(key, timer);
  }

  private stopFragmentTimer(key: string): void {
    const timer = this.fragmentTimers.get(key);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.fragmentTimers.delete(key);
  }

  /**
   * The longest frame the link carries: on a control device one USB control transfer at most, so
   * a header claiming more is garbage at once rather than awaited (mbim-session.ts sets it).
   */
  set maxFrame(bytes: number) {
    this.splitter.maxFrame = bytes;
  }

  private receive(chunk: Uint8Array): void {
    const { frames, garbage } = this.splitter.push(chunk);
    // The frames before the garbage came first, and are taken as they are.
    for (const frame of frames) this.frame(frame);
    if (garbage)
      this.hooks.onNote({
        direction: 'received',
        bytes: garbage.bytes,
        message: undefined,
        fragments: 1,
        error: garbage.error.message,
      });
  }

  /** One frame: joined with its fragments, decoded, and given to whoever waits for it. */
  private frame(frame: Uint8Array): void {
    const header = peekHeader(frame) ?? { type: 0, tid: 0 };
    let whole;
    try {
      whole = this.reassembler.push(frame);
    } catch (error) {
      this.hooks.onNote({
        direction: 'received',
        bytes: frame,
        message: undefined,
        fragments: 1,
        error: (error as Error).message,
      });
      const code = error instanceof MbimDecodeError ? error.protocolError : undefined;
      this.broken(header, (error as Error).message, code);
      return;
    }
    if (!whole) {
      this.awaitFragment(header);
      return;
    }
    if (whole.fragments > 1) this.stopFragmentTimer(transactionKey(header.type, header.tid));
    let message: MbimMessage;
    try {
      message = decodeMessage(whole.bytes);
    } catch (error) {
      this.hooks.onNote({
        direction: 'received',
        bytes: whole.bytes,
        message: undefined,
        fragments: whole.fragments,
        error: (error as Error).message,
      });
      // The answer to a request came, but its fields lie (an information buffer longer than
      // the message): the request fails now with the reason, not at its time-out with none.
      this.broken(
        header,
        `the modem's answer is malformed: ${(error as Error).message}`,
        error instanceof MbimDecodeError ? error.protocolError : undefined,
        false,
      );
      return;
    }
    this.hooks.onNote({
      direction: 'received',
      bytes: whole.bytes,
      message,
      fragments: whole.fragments,
    });
    const waiter = message.type === 'indicate-status' ? undefined : this.waiters.get(message.tid);
    if (waiter) {
      this.waiters.delete(message.tid);
      clearTimeout(waiter.timer);
      waiter.resolve(message);
    } else {
      this.hooks.onMessage(message);
    }
  }
}
