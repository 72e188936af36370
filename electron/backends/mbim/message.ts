/**
 * MBIM control messages (MBIM 1.0 §9): the 12-byte header, and each message type's fixed fields,
 * encoded to and decoded from little-endian bytes. Decoding validates every length against the
 * bytes actually present: a modem's bytes are input from outside and never trusted.
 */

export const MESSAGE_TYPE = {
  open: 0x00000001,
  close: 0x00000002,
  command: 0x00000003,
  hostError: 0x00000004,
  openDone: 0x80000001,
  closeDone: 0x80000002,
  commandDone: 0x80000003,
  functionError: 0x80000004,
  indicateStatus: 0x80000007,
} as const;

export const COMMAND_TYPE = { query: 0, set: 1 } as const;

/** MBIM_PROTOCOL_ERROR codes carried by HOST_ERROR and FUNCTION_ERROR. */
/** The function error a modem answers when its MBIM session is not open. */
const PROTOCOL_ERROR_NOT_OPENED = 5;
export const PROTOCOL_ERROR_TIMEOUT_FRAGMENT = 1;
export const PROTOCOL_ERROR_FRAGMENT_OUT_OF_SEQUENCE = 2;
/** A message not as long as its own fields say (decodeMessage's errors but an unknown type). */
const PROTOCOL_ERROR_LENGTH_MISMATCH = 3;

export const HEADER_LENGTH = 12;

export type MbimMessage =
  | { type: 'open'; tid: number; maxControlTransfer: number }
  | { type: 'close'; tid: number }
  | {
      type: 'command';
      tid: number;
      service: Uint8Array;
      cid: number;
      commandType: number;
      payload: Uint8Array;
    }
  | { type: 'host-error'; tid: number; error: number }
  | { type: 'open-done'; tid: number; status: number }
  | { type: 'close-done'; tid: number; status: number }
  | {
      type: 'command-done';
      tid: number;
      service: Uint8Array;
      cid: number;
      status: number;
      payload: Uint8Array;
    }
  | { type: 'function-error'; tid: number; error: number }
  | { type: 'indicate-status'; tid: number; service: Uint8Array; cid: number; payload: Uint8Array };

type MbimMessageType = MbimMessage['type'];

const TYPE_BY_NAME: Readonly<Record<MbimMessageType, number>> = {
  open: MESSAGE_TYPE.open,
  close: MESSAGE_TYPE.close,
  command: MESSAGE_TYPE.command,
  'host-error': MESSAGE_TYPE.hostError,
  'open-done': MESSAGE_TYPE.openDone,
  'close-done': MESSAGE_TYPE.closeDone,
  'command-done': MESSAGE_TYPE.commandDone,
  'function-error': MESSAGE_TYPE.functionError,
  'indicate-status': MESSAGE_TYPE.indicateStatus,
};

const NAME_BY_TYPE = new Map(
  Object.entries(TYPE_BY_NAME).map(([name, value]) => [value, name as MbimMessageType]),
);

export class MbimDecodeError extends Error {
  /** The MBIM_PROTOCOL_ERROR a host reports to the modem for it (HOST_ERROR), when there is one. */
  readonly protocolError: number | undefined;

  constructor(message: string, protocolError?: number) {
    super(message);
    this.name = 'MbimDecodeError';
    this.protocolError = protocolError;
  }
}

/**
 * Encodes one whole (unfragmented) message: fragment header total 1, current 0. Split it for the
 * wire with `fragment()` when it exceeds the device's maximum control transfer.
 */
export function encodeMessage(message: MbimMessage): Uint8Array {
  switch (message.type) {
    case 'open':
      return withHeader(message, 4, (v) => v.setUint32(12, message.maxControlTransfer, true));
    case 'close':
      return withHeader(message, 0, () => undefined);
    case 'host-error':
    case 'function-error':
      return withHeader(message, 4, (v) => v.setUint32(12, message.error, true));
    case 'open-done':
    case 'close-done':
      return withHeader(message, 4, (v) => v.setUint32(12, message.status, true));
    case 'command':
    case 'command-done':
      return withHeader(message, 36 + message.payload.length, (v, bytes) => {
        fragmentHeader(v);
        bytes.set(message.service.subarray(0, 16), 20);
        v.setUint32(36, message.cid, true);
        v.setUint32(40, message.type === 'command' ? message.commandType : message.status, true);
        v.setUint32(44, message.payload.length, true);
        bytes.set(message.payload, 48);
      });
    case 'indicate-status':
      return withHeader(message, 32 + message.payload.length, (v, bytes) => {
        fragmentHeader(v);
        bytes.set(message.service.subarray(0, 16), 20);
        v.setUint32(36, message.cid, true);
        v.setUint32(40, message.payload.length, true);
        bytes.set(message.payload, 44);
      });
  }
}

function fragmentHeader(view: DataView): void {
  view.setUint32(12, 1, true);
  view.setUint32(16, 0, true);
}

function withHeader(
  message: MbimMessage,
  bodyLength: number,
  fill: (view: DataView, bytes: Uint8Array) => void,
): Uint8Array {
  const bytes = new Uint8Array(HEADER_LENGTH + bodyLength);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, TYPE_BY_NAME[message.type], true);
  view.setUint32(4, bytes.length, true);
  view.setUint32(8, message.tid >>> 0, true);
  fill(view, bytes);
  return bytes;
}

/** Type, length and transaction ID of a frame, or undefined when fewer than 12 bytes. */
export function peekHeader(
  bytes: Uint8Array,
): { type: number; length: number; tid: number } | undefined {
  if (bytes.length < HEADER_LENGTH) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    type: view.getUint32(0, true),
    length: view.getUint32(4, true),
    tid: view.getUint32(8, true),
  };
}

/** A FUNCTION_ERROR saying NOT_OPENED: the modem's MBIM session closed. */
export function isNotOpened(message: MbimMessage | undefined): boolean {
  return message?.type === 'function-error' && message.error === PROTOCOL_ERROR_NOT_OPENED;
}

function messageTypeName(type: number): MbimMessageType | undefined {
  return NAME_BY_TYPE.get(type);
}

/** Decodes one whole message (already reassembled); throws MbimDecodeError on malformed bytes. */
export function decodeMessage(bytes: Uint8Array): MbimMessage {
  const header = peekHeader(bytes);
  if (!header)
    throw new MbimDecodeError(
      `a message needs 12 bytes, got ${bytes.length}`,
      PROTOCOL_ERROR_LENGTH_MISMATCH,
    );
  if (header.length !== bytes.length)
    throw new MbimDecodeError(
      `the header says ${header.length} bytes, ${bytes.length} came`,
      PROTOCOL_ERROR_LENGTH_MISMATCH,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (offset: number): number => {
    if (offset + 4 > bytes.length)
      throw new MbimDecodeError(
        `message too short (${bytes.length} bytes) for its fields`,
        PROTOCOL_ERROR_LENGTH_MISMATCH,
      );
    return view.getUint32(offset, true);
  };
  const tid = header.tid;
  const type = messageTypeName(header.type);
  switch (type) {
    case 'open':
      return { type, tid, maxControlTransfer: u32(12) };
    case 'close':
      return { type, tid };
    case 'host-error':
    case 'function-error':
      return { type, tid, error: u32(12) };
    case 'open-done':
    case 'close-done':
      return { type, tid, status: u32(12) };
    // The information buffer must fit in the message; bytes after it (a modem padding its
    // messages to 4 bytes) are not part of it. libmbim checks the same and no more
    // (mbim-message.c, _mbim_message_validate_complete_fragment).
    case 'command':
    case 'command-done': {
      const length = u32(44);
      if (48 + length > bytes.length)
        throw new MbimDecodeError(
          `the information buffer says ${length} bytes, ${bytes.length - 48} came`,
          PROTOCOL_ERROR_LENGTH_MISMATCH,
        );
      const service = bytes.slice(20, 36);
      const payload = bytes.slice(48, 48 + length);
      return type === 'command'
        ? { type, tid, service, cid: u32(36), commandType: u32(40), payload }
        : { type, tid, service, cid: u32(36), status: u32(40), payload };
    }
    case 'indicate-status': {
      const length = u32(40);
      if (44 + length > bytes.length)
        throw new MbimDecodeError(
          `the information buffer says ${length} bytes, ${bytes.length - 44} came`,
          PROTOCOL_ERROR_LENGTH_MISMATCH,
        );
      const payload = bytes.slice(44, 44 + length);
      return { type, tid, service: bytes.slice(20, 36), cid: u32(36), payload };
    }
    case undefined:
      throw new MbimDecodeError(`unknown message type 0x${header.type.toString(16)}`);
  }
}
