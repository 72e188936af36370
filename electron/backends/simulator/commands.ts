/**
 * How a simulated device service answers the command half of `IMbnDeviceService`: which
 * behaviour a command call follows, and what its successful completion carries (the listed
 * command IDs, or a QUERY/SET response).
 */
import { parseHex } from '../../../shared/bytes.js';
import type { CommandResponse, RequestOp } from '../../../shared/model.js';
import type { Behaviour, ScenarioService } from './scenario-schema.js';

export interface CommandAnswer {
  behaviour: Behaviour;
  /** Fields a successful completion carries. */
  carries: { commandIds?: readonly number[]; response?: CommandResponse };
}

/** The answer to a command op; `undefined` for the data-session ops. */
export function commandAnswer(
  spec: ScenarioService,
  op: RequestOp,
  commandId: number,
): CommandAnswer | undefined {
  const { commands } = spec;
  switch (op) {
    case 'supported-commands':
      return {
        behaviour: commands.supportedCommands,
        carries: { commandIds: commands.list.filter((c) => c.listed).map((c) => c.cid) },
      };
    case 'open-command-session':
      return { behaviour: commands.openSession, carries: {} };
    case 'close-command-session':
      return { behaviour: commands.closeSession, carries: {} };
    case 'query':
    case 'set': {
      const behaviour = commands.list.find((c) => c.cid === commandId)?.[op];
      if (!behaviour) return { behaviour: commands.unsupported, carries: {} };
      return {
        behaviour,
        carries: {
          response: {
            responseId: behaviour.responseId ?? commandId,
            data: hexBytes(behaviour.response),
          },
        },
      };
    }
    default:
      return undefined;
  }
}

/** Scenario hex was checked on load; an empty array stands in if it ever were not. */
export function hexBytes(hex: string): Uint8Array {
  return parseHex(hex) ?? new Uint8Array();
}
