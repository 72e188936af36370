/**
 * Channel names only, with no dependencies, so the sandboxed preload can check a channel against
 * this list (as VS Code's preload does) without bundling the schemas.
 */
export const REQUEST_CHANNELS = [
  'mbn:list-devices',
  'mbn:list-services',
  'mbn:close-session',
  'mbn:open-session',
  'mbn:read-journal',
  'mbn:backend-info',
  'mbn:export-log',
  'mbn:cancel-export',
  'mbn:list-saved-logs',
  'mbn:open-saved-log',
  'mbn:read-saved-log',
  'mbn:saved-log-holds',
  'mbn:current-requests',
  'mbn:give-up',
  'mbn:list-supported-commands',
  'mbn:open-command-session',
  'mbn:close-command-session',
  'mbn:query-command',
  'mbn:set-command',
  'mbn:search-log',
  'mbn:cancel-search',
  'mbn:search-other-runs',
  'mbn:seek-log',
  'mbn:log-overview',
] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/**
 * In the order a frame's batches go out (event-batcher.ts): a device's service list first, with
 * its sessions' states when listed, so the log rows of the same frame then move them on.
 */
export const EVENT_CHANNELS = [
  'mbn:service-lists',
  'mbn:log-rows',
  'mbn:journal-start',
  'mbn:request-changes',
  'mbn:device-changes',
  'mbn:backend-status',
  'mbn:export-progress',
  'mbn:search-progress',
] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

export function isRequestChannel(value: unknown): value is RequestChannel {
  return typeof value === 'string' && (REQUEST_CHANNELS as readonly string[]).includes(value);
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value);
}
