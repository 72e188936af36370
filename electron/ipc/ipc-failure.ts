import type { IpcError } from './contract.js';

/** A handler's refusal that already carries its typed error. */
export class IpcFailure extends Error {
  constructor(readonly ipc: IpcError) {
    super(ipc.message);
  }
}
