/**
 * The real mbim-proxy for a test file: started once (listening on its abstract socket), stopped by
 * its process ID afterwards. `mbimcli -p` and the backend's --proxy mode both use it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { findProxyBinary } from '../../../electron/backends/mbim/connect.js';

export interface RunningProxy {
  stop(): Promise<void>;
}

export async function startProxy(): Promise<RunningProxy> {
  const binary = findProxyBinary();
  if (!binary) throw new Error('mbim-proxy not found (install libmbim-utils)');
  const child: ChildProcess = spawn(binary, ['--no-exit'], { stdio: 'ignore' });
  // It listens within milliseconds; give it a moment before the first client.
  await new Promise((resolve) => setTimeout(resolve, 300));
  if (child.exitCode !== null)
    throw new Error(`mbim-proxy exited at once (${String(child.exitCode)})`);
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
