/**
 * MBIM on a byte stream: a control device (or mbim-proxy's socket, or a pty) delivers frames that
 * may arrive split or joined, and COMMAND / COMMAND_DONE / INDICATE_STATUS messages longer than the
 * maximum control transfer travel as several fragments (MBIM 1.0 §9.2). This file cuts a stream
 * into frames, joins fragments into whole messages and splits whole messages into fragments.
 */
import {
  HEADER_LENGTH,
  MESSAGE_TYPE,
  MbimDecodeError,
  PROTOCOL_ERROR_FRAGMENT_OUT_OF_SEQUENCE,
  peekHeader,
} from './message.js';

/**
 * A whole message joined from fragments may be no longer than this. Bytes, not a fragment count:
 * a 64-byte control transfer (MBIM's smallest) carries 44 bytes a fragment, so an ordinary
 * answer of a few KiB comes in well over a hundred, and libmbim's collector counts none.
 */
const MAX_MESSAGE = 1024 * 1024;

/**
 * A frame longer than this is taken as garbage, not awaited, unless the splitter is told a limit
 * of the link's own. Not the 64 KiB a USB control transfer allows: mbim-proxy joins a modem's
 * fragments and writes each whole message to its client at once (libmbim mbim-proxy.c,
 * client_send_message), so on its socket a frame is as long as a message may be.
 */
const MAX_FRAME = MAX_MESSAGE;

/**
 * The longest frame a control device can deliver: one USB control transfer (wLength is 16 bits).
 * On the device itself (not mbim-proxy's socket) no frame is longer, whatever its header claims.
 */
export const MAX_DEVICE_FRAME = 0xffff;

/** What one chunk completed: its whole frames, then, if the stream went wrong, the bytes dropped. */
export interface Split {
  frames: Uint8Array[];
  /** Bytes from an impossible length on, dropped, and why. */
  garbage?: { bytes: Uint8Array; error: MbimDecodeError };
}

const FRAGMENTED_TYPES: ReadonlySet<number> = new Set([
  MESSAGE_TYPE.command,
  MESSAGE_TYPE.commandDone,
  MESSAGE_TYPE.indicateStatus,
]);

/** Cuts a byte stream into frames by the length in each header. */
export class FrameSplitter {
  private pending: Uint8Array = new Uint8Array(0);

  /**
   * `maxFrame`: the longest frame the link can carry (MAX_DEVICE_FRAME, or the device's own
   * maximum control transfer, on a control device); a longer one is garbage, not awaited.
   */
  constructor(public maxFrame = MAX_FRAME) {}

  /**
   * Every frame completed by this chunk and, when a header claims an impossible length, the
   * bytes from there on, dropped. The frames before it are kept: through mbim-proxy several
   * messages often arrive in one read, and one bad frame must not take its neighbours with it.
   */
  push(chunk: Uint8Array): Split {
    this.pending = this.pending.length ? concat([this.pending, chunk]) : chunk.slice();
    const frames: Uint8Array[] = [];
    for (;;) {
      const header = peekHeader(this.pending);
      if (!header) break;
      if (header.length < HEADER_LENGTH || header.length > Math.min(this.maxFrame, MAX_FRAME)) {
        const bytes = this.pending.slice();
        this.pending = new Uint8Array(0);
        const error = new MbimDecodeError(`a frame cannot be ${header.length} bytes long`);
        return { frames, garbage: { bytes, error } };
      }
      if (this.pending.length < header.length) break;
      frames.push(this.pending.slice(0, header.length));
      this.pending = this.pending.subarray(header.length);
    }
    return { frames };
  }
}

interface Partial {
  type: number;
  total: number;
  next: number;
  parts: Uint8Array[];
  bytes: number;
}

/**
 * Which partial message a fragment belongs to: its transaction ID and its message type. The type
 * matters because the host numbers its requests (and so the answers) while a modem numbers its
 * indications itself, so an indication may carry the ID of a request in flight; libmbim keeps
 * the two apart too (mbim-device.c, TRANSACTION_TYPE_HOST and TRANSACTION_TYPE_MODEM).
 */
export function transactionKey(type: number, tid: number): string {
  return `${type.toString(16)}:${tid}`;
}

/**
 * Joins fragments into whole messages, keyed by transactionKey(). A whole message comes out in
 * its unfragmented form (fragment header 1/0), so it decodes like any other.
 */
export class Reassembler {
  private readonly partial = new Map<string, Partial>();

  /** A whole message, or undefined while fragments are missing. Throws on out-of-sequence parts. */
  push(frame: Uint8Array): { bytes: Uint8Array; fragments: number } | undefined {
    const header = peekHeader(frame);
    if (!header) throw new MbimDecodeError('a frame shorter than its header');
    if (!FRAGMENTED_TYPES.has(header.type)) return { bytes: frame, fragments: 1 };
    if (frame.length < 20) throw new MbimDecodeError('a fragment shorter than its fragment header');
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    const total = view.getUint32(12, true);
    const current = view.getUint32(16, true);
    if (total === 1 && current === 0) return { bytes: frame, fragments: 1 };
    const key = transactionKey(header.type, header.tid);
    const existing = this.partial.get(key);
    if (current === 0) {
      if (total === 0) throw new MbimDecodeError('a message of 0 fragments is not plausible');
      this.partial.set(key, {
        type: header.type,
        total,
        next: 1,
        parts: [frame.subarray(20)],
        bytes: frame.length,
      });
      return undefined;
    }
    if (existing?.next !== current || existing.total !== total) {
      this.partial.delete(key);
      throw new MbimDecodeError(
        `fragment ${current} of ${total} (transaction ${header.tid}) is out of sequence`,
        PROTOCOL_ERROR_FRAGMENT_OUT_OF_SEQUENCE,
      );
    }
    existing.bytes += frame.length - 20;
    if (existing.bytes > MAX_MESSAGE) {
      this.partial.delete(key);
      throw new MbimDecodeError(
        `transaction ${header.tid}'s fragments make a message larger than ${MAX_MESSAGE} bytes`,
      );
    }
    existing.parts.push(frame.subarray(20));
    existing.next += 1;
    if (existing.next < existing.total) return undefined;
    this.partial.delete(key);
    const body = concat(existing.parts);
    const whole = new Uint8Array(20 + body.length);
    const out = new DataView(whole.buffer);
    out.setUint32(0, existing.type, true);
    out.setUint32(4, whole.length, true);
    out.setUint32(8, header.tid, true);
    out.setUint32(12, 1, true);
    out.setUint32(16, 0, true);
    whole.set(body, 20);
    return { bytes: whole, fragments: existing.total };
  }

  /** Drops what came of a message's fragments (they stopped coming); `key`: transactionKey(). */
  forget(key: string): void {
    this.partial.delete(key);
  }
}

/** Splits a whole message into frames no longer than `maxTransfer` bytes (a copy when it fits). */
export function fragment(whole: Uint8Array, maxTransfer: number): Uint8Array[] {
  const header = peekHeader(whole);
  if (!header || whole.length <= maxTransfer || !FRAGMENTED_TYPES.has(header.type)) return [whole];
  const room = maxTransfer - 20;
  if (room <= 0)
    throw new MbimDecodeError(`a maximum transfer of ${maxTransfer} bytes is too small`);
  const body = whole.subarray(20);
  const total = Math.ceil(body.length / room);
  const frames: Uint8Array[] = [];
  for (let i = 0; i < total; i++) {
    const part = body.subarray(i * room, (i + 1) * room);
    const frame = new Uint8Array(20 + part.length);
    const view = new DataView(frame.buffer);
    view.setUint32(0, header.type, true);
    view.setUint32(4, frame.length, true);
    view.setUint32(8, header.tid, true);
    view.setUint32(12, total, true);
    view.setUint32(16, i, true);
    frame.set(part, 20);
    frames.push(frame);
  }
  return frames;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
