/**
 * The command half of a device service, as the window drives it: list its commands, open or close
 * its command session, QUERY and SET. Like Close and Open, a refusal that needs the technician's
 * confirmation arms the button for a deliberate second step instead of failing.
 */
import { type RequestOp, serviceKey } from '../../../shared/model';
import type { ServiceRow } from '../../../electron/ipc/contract';
import { toHex } from '../../../shared/bytes';
import { ApiError, call } from '../api';
import { notify, onRequestChanges } from './actions';
import { useApp } from './app-store';

/** The two calls that carry a command ID and bytes. */
export type CommandCallOp = Extract<RequestOp, 'query' | 'set'>;

/** Unfolds one service's Commands section (folding any other), or folds it. */
export function toggleCommands(service: ServiceRow): void {
  const key = serviceKey(service.interfaceId, service.serviceId);
  useApp.setState((state) => ({ commandsOpen: state.commandsOpen === key ? null : key }));
}

export async function listCommands(service: ServiceRow): Promise<void> {
  useApp.setState({ armed: null, notice: null });
  try {
    onRequestChanges([
      await call('mbn:list-supported-commands', {
        interfaceId: service.interfaceId,
        serviceId: service.serviceId,
      }),
    ]);
  } catch (error) {
    notify(error);
  }
}

/** Open or Close command session; without `confirmed` main refuses a call that makes no sense now. */
export async function sendCommandSession(
  op: 'open' | 'close',
  service: ServiceRow,
  confirmed = false,
): Promise<void> {
  const key = serviceKey(service.interfaceId, service.serviceId);
  useApp.setState({ armed: null, notice: null });
  try {
    const channel = op === 'open' ? 'mbn:open-command-session' : 'mbn:close-command-session';
    onRequestChanges([
      await call(channel, {
        interfaceId: service.interfaceId,
        serviceId: service.serviceId,
        ...(confirmed ? { confirmed: true } : {}),
      }),
    ]);
  } catch (error) {
    if (error instanceof ApiError && error.error.code === 'needs-confirmation') {
      useApp.setState({ armed: `${key}|${op}-command-session` });
      return;
    }
    notify(error);
  }
}

/**
 * QUERY or SET. `force` is the confirmed second step for a command the service did not list;
 * without it main refuses such a command, and the refusal arms the confirmation.
 */
export async function sendCommand(
  op: CommandCallOp,
  service: ServiceRow,
  commandId: number,
  data: Uint8Array,
  force = false,
): Promise<void> {
  const key = serviceKey(service.interfaceId, service.serviceId);
  useApp.setState({ armed: null, notice: null });
  try {
    onRequestChanges([
      await call(op === 'query' ? 'mbn:query-command' : 'mbn:set-command', {
        interfaceId: service.interfaceId,
        serviceId: service.serviceId,
        commandId,
        data: toHex(data),
        ...(force ? { force: true } : {}),
      }),
    ]);
  } catch (error) {
    if (error instanceof ApiError && error.error.code === 'needs-confirmation') {
      useApp.setState({ armed: `${key}|${op}-unlisted` });
      return;
    }
    notify(error);
  }
}

/** The armed key of a command confirmation, for the components to compare with. */
export function armedKey(service: ServiceRow, what: string): string {
  return `${serviceKey(service.interfaceId, service.serviceId)}|${what}`;
}
