/**
 * The renderer's only way to main: the typed object the preload (or the preview bridge) put on
 * `window`. Requests resolve to their value or throw an `ApiError` carrying the typed error.
 */
import type {
  EventChannel,
  EventMap,
  IpcError,
  MbnDiagApi,
  RequestChannel,
  RequestPayload,
  ResponseMap,
} from '../../electron/ipc/contract';

export class ApiError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
    this.name = 'ApiError';
  }
}

/** A failed call's words, as the window shows them. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function bridge(): MbnDiagApi {
  const api = window.mbnDiag;
  if (!api) throw new ApiError({ code: 'unavailable', message: 'The app bridge is missing.' });
  return api;
}

export async function call<C extends RequestChannel>(
  channel: C,
  payload: RequestPayload<C>,
): Promise<ResponseMap[C]> {
  const result = await bridge().invoke(channel, payload);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export function listen<E extends EventChannel>(
  channel: E,
  listener: (batch: EventMap[E]) => void,
): () => void {
  return bridge().on(channel, listener);
}
