/**
 * What a QUERY or SET must be before the engine sends it, and what its request record then
 * carries. Kept apart from the engine: these are the rules a command is held to, the same for
 * `send` and for `checkCommand`, which asks them without sending.
 */
import { BackendError } from '../backends/contract.js';
import type { RequestExtra } from '../core/tracker-records.js';
import { toHex } from '../../shared/bytes.js';
import { RECORDED_DATA_BYTES } from '../../shared/journal/record.js';
import { recordedLength } from '../../shared/recorded-cut.js';
import type { ServiceInfo } from '../../shared/model.js';
import type { SendInput } from './diagnostics-engine.js';

/**
 * Checks a QUERY or SET before it is sent, and says what its request record carries. `listed`:
 * the command IDs the service listed when last asked, if it was.
 */
export function commandExtra(
  service: ServiceInfo,
  input: SendInput,
  data: Uint8Array,
  listed: Set<number> | undefined,
): RequestExtra {
  const { commandId } = input;
  if (
    commandId === undefined ||
    !Number.isInteger(commandId) ||
    commandId < 0 ||
    commandId > 0xffffffff
  )
    throw new BackendError(
      'invalid-argument',
      'A command needs a command ID (CID) from 0 to 4294967295.',
    );
  // The docs say SET data must be "less than" MaxCommandSize and QUERY data "not more than" it.
  // Both are held to "not more than": the service answers for itself if it is stricter, and
  // that answer is recorded, where refusing here would hide what the service does.
  if (service.maxCommandSize !== null && data.length > service.maxCommandSize)
    throw new BackendError(
      'invalid-argument',
      `The data is ${data.length} bytes, but ${service.name} takes at most ${service.maxCommandSize} bytes in a command (its MaxCommandSize). Nothing was sent.`,
    );
  const commandListed = listed ? listed.has(commandId) : undefined;
  if (commandListed === false && input.force !== true)
    throw new BackendError(
      'invalid-argument',
      // Not "Nothing was sent": the CLI had just asked the service for that list (a review).
      `${service.name} did not list command ${commandId} among its supported commands${listedWords(listed ?? new Set())}. Command ${commandId} was not sent; send it anyway only on purpose.`,
    );
  return {
    commandId,
    byteLength: data.length,
    data: toHex(data, recordedLength(data, RECORDED_DATA_BYTES)),
    ...(commandListed === undefined ? {} : { commandListed }),
  };
}

/** " (it lists 1, 2 and 5)": what to choose from instead, up to 16 of them. */
function listedWords(listed: ReadonlySet<number>): string {
  const ids = [...listed].sort((a, b) => a - b);
  if (ids.length === 0) return ' (it lists none)';
  if (ids.length > 16) return ` (it lists ${String(ids.length)})`;
  const last = ids.pop();
  return ids.length === 0
    ? ` (it lists ${String(last)})`
    : ` (it lists ${ids.join(', ')} and ${String(last)})`;
}
