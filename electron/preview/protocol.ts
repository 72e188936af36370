/**
 * The preview's wire format over its WebSocket: the same requests and event batches as Electron
 * IPC, as JSON. Requests carry an id so answers can be matched while others are in flight.
 */
import { z } from 'zod';

export const clientMessageSchema = z
  .object({
    id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    channel: z.string().max(64),
    payload: z.unknown(),
  })
  .strict();

/** The path of the WebSocket and the query parameter that carries the token. */
export const IPC_PATH = '/ipc';
export const TOKEN_PARAM = 'token';
export const BRIDGE_FILE = 'preview-bridge.js';
