/**
 * What the command half of a service changes in the app store, from the answers and events main
 * sends anyway: the newest QUERY/SET of each service (its response stays in view), the commands a
 * service listed (from its supported-commands completion) and the command session's state (from
 * its journal records). No extra request to main is needed to keep them current.
 */
import type { LogRow, RequestStory, ServiceRow } from '../../../electron/ipc/contract';
import { outcomeStage } from '../../../shared/request/outcome';
import { serviceKey } from '../../../shared/model';
import { refNumber } from '../../../shared/request/ref-key';
import type { AppState } from './app-store';

type Patch = Partial<Pick<AppState, 'commandResults' | 'services'>>;

/** Keeps the newest QUERY/SET per service and the command lists that came back. */
export function commandStoryPatch(state: AppState, views: readonly RequestStory[]): Patch {
  const commands = views.filter((v) => v.op === 'query' || v.op === 'set');
  const listings = views.filter((v) => v.op === 'supported-commands' && v.commandIds !== null);
  if (commands.length === 0 && listings.length === 0) return {};
  const commandResults = { ...state.commandResults };
  for (const view of commands) {
    const key = serviceKey(view.interfaceId, view.serviceId);
    const current = commandResults[key];
    const newer =
      !current ||
      refNumber(view.ref) > refNumber(current.ref) ||
      (view.ref === current.ref && outcomeStage(view.outcome) >= outcomeStage(current.outcome));
    if (newer) commandResults[key] = view;
  }
  let services = state.services;
  for (const view of listings)
    services = updateService(services, view.interfaceId, view.serviceId, {
      supportedCommands: view.commandIds,
    });
  return { commandResults, services };
}

/** Moves each service's command session to the state its `command-session-state` rows say. */
export function commandSessionPatch(state: AppState, rows: readonly LogRow[]): Patch {
  let services = state.services;
  for (const row of rows) {
    const record = row.record;
    if (record.kind !== 'command-session-state') continue;
    services = updateService(services, record.interfaceId, record.serviceId, {
      commandSessionState: record.to,
    });
  }
  return services === state.services ? {} : { services };
}

function updateService(
  services: AppState['services'],
  interfaceId: string,
  serviceId: string,
  change: Partial<ServiceRow>,
): AppState['services'] {
  const list = services[interfaceId];
  if (!list) return services;
  const key = serviceKey(interfaceId, serviceId);
  return {
    ...services,
    [interfaceId]: list.map((s) =>
      serviceKey(s.interfaceId, s.serviceId) === key ? { ...s, ...change } : s,
    ),
  };
}
