/**
 * What the MBIM backend asks of Basic Connect for itself: DEVICE_CAPS, SUBSCRIBER_READY_STATUS and
 * DEVICE_SERVICES queries, and the subscribe list that lets device services' indications through.
 * An answer that is not a success, or bytes that do not decode, become a BackendError in words.
 */
import { mbimStatusName, protocolErrorName } from '../../../shared/mbim-status.js';
import type { ReadyState } from '../../../shared/model.js';
import { BackendError } from '../contract.js';
import type { MbimChannel } from './channel.js';
import {
  decodeDeviceServices,
  decodeSubscriberReadyStatus,
  encodeSubscribeList,
  READY_STATE_NAMES,
  type DeviceServices,
} from './info.js';
import { COMMAND_TYPE, type MbimMessage } from './message.js';
import type { subscribeList } from './notifications.js';
import { CID, UUID_BASIC_CONNECT } from './uuid.js';

const STATUS_BUSY = 1;
const STATUS_NOT_INITIALIZED = 14;

export type CommandDone = Extract<MbimMessage, { type: 'command-done' }>;

/** Runs a decoder; malformed bytes from the modem become a BackendError in words. */
export function malformed<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    throw new BackendError(
      'unavailable',
      `The modem's ${what} answer is malformed: ${(error as Error).message}.`,
    );
  }
}

/** A Basic Connect query; a failure to get any answer is the modem being unavailable. */
export async function queryBasicConnect(
  channel: MbimChannel,
  cid: number,
  timeoutMs: number,
): Promise<CommandDone> {
  let answer: MbimMessage;
  try {
    answer = await channel.request(
      {
        type: 'command',
        tid: channel.nextTid(),
        service: UUID_BASIC_CONNECT,
        cid,
        commandType: COMMAND_TYPE.query,
        payload: new Uint8Array(0),
      },
      timeoutMs,
    );
  } catch (error) {
    throw new BackendError('unavailable', (error as Error).message);
  }
  if (answer.type === 'function-error')
    throw new BackendError(
      'unavailable',
      `The modem answered with a function error, ${protocolErrorName(answer.error)}.`,
    );
  if (answer.type !== 'command-done')
    throw new BackendError('unavailable', `The modem answered with ${answer.type}.`);
  return answer;
}

/** The answer's payload when it succeeded; else the modem's status, in words. */
export function succeeded(answer: CommandDone, what: string): Uint8Array {
  if (answer.status !== 0)
    throw new BackendError(
      'unavailable',
      `The modem answered ${what} with ${mbimStatusName(answer.status)}.`,
    );
  return answer.payload;
}

/** SUBSCRIBER_READY_STATUS as the contract's ready state; `unknown` when it cannot be read. */
export async function readyState(channel: MbimChannel, timeoutMs: number): Promise<ReadyState> {
  try {
    const answer = await queryBasicConnect(channel, CID.subscriberReadyStatus, timeoutMs);
    if (answer.status === STATUS_BUSY) return 'probing';
    if (answer.status === STATUS_NOT_INITIALIZED) return 'off';
    if (answer.status !== 0) return 'unknown';
    const state = decodeSubscriberReadyStatus(answer.payload).readyState;
    return READY_STATE_NAMES[state] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** DEVICE_SERVICES, decoded: the services, and how many DSS sessions the modem takes at a time. */
export async function deviceServices(
  channel: MbimChannel,
  timeoutMs: number,
): Promise<DeviceServices> {
  const answer = await queryBasicConnect(channel, CID.deviceServices, timeoutMs);
  const payload = succeeded(answer, 'DEVICE_SERVICES');
  return malformed('DEVICE_SERVICES', () => decodeDeviceServices(payload));
}

/**
 * Sets the subscribe list that lets the listed device services' indications through
 * (notifications.ts says why this is needed, through mbim-proxy above all). A refusal is journaled
 * as the message it is and otherwise ignored: commands work without it, only notifications would
 * not come.
 */
export async function setSubscribeList(
  channel: MbimChannel,
  list: NonNullable<ReturnType<typeof subscribeList>>,
  timeoutMs: number,
): Promise<void> {
  try {
    await channel.request(
      {
        type: 'command',
        tid: channel.nextTid(),
        service: UUID_BASIC_CONNECT,
        cid: CID.deviceServiceSubscribeList,
        commandType: COMMAND_TYPE.set,
        payload: encodeSubscribeList(list),
      },
      timeoutMs,
    );
  } catch {
    // No answer: the mbim-message records show what was asked; commands still work.
  }
}
