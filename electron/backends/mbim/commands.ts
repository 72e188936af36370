/**
 * The command half of `IMbnDeviceService` on MBIM: what has an MBIM message and what does not.
 *
 * QUERY and SET are MBIM COMMAND messages (CommandType 0 / 1) on the service's UUID, the CID as
 * the command ID and the bytes as the InformationBuffer; the COMMAND_DONE is the completion, its
 * CID the response ID and its InformationBuffer the response. Nothing to invent there.
 *
 * The command session is another matter: MBIM has no such thing. Any host that has said MBIM
 * OPEN may send any COMMAND; a device never learns whether a Windows client "opened" a command
 * session. The MBN service therefore presumably keeps that state itself and gates calls on it
 * (QueryCommand and SetCommand are documented to need an open command session). This backend does
 * the same, honestly labelled as its own bookkeeping: Open/CloseCommandSession send nothing to
 * the modem and complete with S_OK as soon as the call has returned; QUERY, SET and
 * CloseCommandSession without an open session are refused at once with ERROR_OPEN_FAILED (the
 * MBN API's word for "the session is not open", as WriteData documents it and as the simulator
 * answers); `commandSessionOpen` reports that local state, and a new connection starts closed.
 *
 * QuerySupportedCommands has no message of its own either: a modem lists each service's CIDs in
 * Basic Connect DEVICE_SERVICES, which the backend has read to list the services. It completes
 * at once (as an event, after the call returned) with that list.
 */
import { BackendError } from '../contract.js';
import type { RequestOp } from '../../../shared/model.js';
import { needsOpenSession } from '../../../shared/request/sessions.js';

/** HRESULT_FROM_WIN32(ERROR_OPEN_FAILED). */
export const COMMAND_SESSION_NOT_OPEN = 0x8007006e;

/**
 * COMMAND_MSG's own fields before the InformationBuffer: header (12), fragment header (8),
 * DeviceServiceId (16), CID (4), CommandType (4), InformationBufferLength (4).
 */
const COMMAND_HEADER_BYTES = 48;

/**
 * MaxCommandSize: the largest InformationBuffer a QUERY or SET may carry so that the whole
 * COMMAND_MSG fits one control transfer of `maxControlTransfer` bytes.
 *
 * Which transfer size: the one this backend uses on the wire and announces in its MBIM OPEN: the
 * device's wMaxControlMessage when cdc-wdm says it (IOCTL_WDM_MAX_COMMAND, which libmbim asks
 * first), else 4096, libmbim's own fallback (libmbim also reads the USB descriptors in sysfs; this
 * backend does not). Through mbim-proxy it is always 4096: the proxy's socket has no such limit,
 * and libmbim fragments to the device's own on the way.
 *
 * Why one transfer: the codec would fragment a longer command, but a device is only bound to
 * accept what it can take in one transfer, and modem firmware rarely sees fragmented host
 * commands; the MBN API's MaxCommandSize is likewise the most a device takes, not the most a
 * host can split.
 */
export function maxCommandSize(maxControlTransfer: number): number {
  return Math.max(0, maxControlTransfer - COMMAND_HEADER_BYTES);
}

/** CloseCommandSession (as CloseDataSession) and QUERY/SET need an open command session. */
export function needsOpenCommandSession(op: RequestOp): boolean {
  return needsOpenSession(op) === 'command';
}

/** A CID is a u32 and the data bytes; anything else is a caller's mistake, refused in words. */
export function checkCommandArguments(commandId: number, data: unknown): void {
  if (!Number.isInteger(commandId) || commandId < 0 || commandId > 0xffffffff)
    throw new BackendError(
      'invalid-argument',
      `A command ID is a whole number from 0 to 4294967295, not ${String(commandId)}.`,
    );
  if (!(data instanceof Uint8Array))
    throw new BackendError('invalid-argument', 'Command data must be bytes.');
}
