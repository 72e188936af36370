/**
 * What the Commands form checks before anything is sent: the command ID as typed, the data as
 * typed (hex, as `parseHex` reads it), its size against the service's MaxCommandSize, and whether
 * the service listed the command. Pure, so the words are unit-tested.
 */
import { parseHex } from '../../../shared/bytes';
import type { ServiceRow } from '../../../electron/ipc/contract';

/** A CID in decimal or `0x` hex, as a technician copies it from a vendor document. */
export function parseCommandId(text: string): number | undefined {
  const t = text.trim();
  const value = /^\d{1,10}$/.test(t)
    ? Number(t)
    : /^0x[0-9a-f]{1,8}$/i.test(t)
      ? parseInt(t.slice(2), 16)
      : Number.NaN;
  return Number.isInteger(value) && value >= 0 && value <= 0xffffffff ? value : undefined;
}

export interface CommandCheck {
  commandId: number | undefined;
  data: Uint8Array | undefined;
  /** Why it cannot be sent, in words; `null` when it can. */
  problem: string | null;
  /** `true`: the service listed other commands but not this one (sending it needs confirming). */
  unlisted: boolean;
}

export function checkCommand(service: ServiceRow, cidText: string, hexText: string): CommandCheck {
  const commandId = parseCommandId(cidText);
  const data = parseHex(hexText);
  const unlisted =
    commandId !== undefined &&
    service.supportedCommands !== null &&
    !service.supportedCommands.includes(commandId);
  let problem: string | null = null;
  if (commandId === undefined)
    problem =
      cidText.trim() === ''
        ? 'Enter a command ID (CID).'
        : `“${cidText.trim().slice(0, 20)}” is not a command ID: a number from 0 to 4294967295 (or 0x…).`;
  else if (data === undefined)
    problem = 'The data is not whole bytes of hex (two digits a byte, e.g. 01 00 00 00).';
  else if (service.maxCommandSize !== null && data.length > service.maxCommandSize)
    problem = `The data is ${data.length} bytes, but ${service.name} takes at most ${service.maxCommandSize} bytes in a command (its MaxCommandSize). Shorten it; nothing is sent like this.`;
  return { commandId, data, problem, unlisted };
}

/** Bytes as spaced hex pairs, wrapped by the page: `29 00 00 00`. */
export function spacedHex(hex: string): string {
  return (hex.match(/../g) ?? []).join(' ');
}
