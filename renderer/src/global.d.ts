import type { MbnDiagApi } from '../../electron/ipc/contract';

declare global {
  interface Window {
    /** Set by the Electron preload, or by the browser preview's bridge. */
    readonly mbnDiag?: MbnDiagApi;
  }
}
