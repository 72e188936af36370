/** Opens a log of the preview's folder through the host, as the window does; throws if it fails. */
import type { IpcResult, SavedLogOpened } from '../../../electron/ipc/contract.js';
import type { IpcHost } from '../../../electron/ipc/ipc-host.js';

export async function openSaved(host: IpcHost<string>, name: string): Promise<SavedLogOpened> {
  const opened = (await host.invoke(
    'mbn:open-saved-log',
    { name },
    'window',
  )) as IpcResult<SavedLogOpened>;
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}
