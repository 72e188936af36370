/**
 * The IPC host as the app makes it, for a test of a channel that reaches saved logs: the real
 * engine on the simulator (a clock that moves only when told) and the preview's folder of saved
 * logs, all in a temporary folder. `close` stops both and deletes the folder.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulator } from '../../../electron/backends/select-backend.js';
import { ManualClock } from '../../../electron/core/clock.js';
import { DiagnosticsEngine } from '../../../electron/engine/diagnostics-engine.js';
import { IpcHost } from '../../../electron/ipc/ipc-host.js';
import { previewFiles } from '../../../electron/preview/preview-files.js';

export interface FilesHost {
  host: IpcHost<string>;
  engine: DiagnosticsEngine;
  /** The folder the window's Open lists (the preview's). */
  folder: string;
  close: () => Promise<void>;
}

export function filesHost(prefix: string, at = Date.UTC(2026, 0, 5)): FilesHost {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const clock = new ManualClock(at);
  const engine = new DiagnosticsEngine({
    backend: createSimulator({ clock }),
    clock,
    journalDir: join(dir, 'journal'),
    backendReason: 'because',
    app: { name: 'mbn-diag', version: '0' },
    timeoutMs: 1000,
  });
  const folder = join(dir, 'files');
  mkdirSync(folder);
  const host = new IpcHost<string>({
    engine,
    reason: 'because',
    timeoutMs: 1000,
    app: { name: 'mbn-diag', version: '0' },
    isTrustedSender: (s) => s === 'window',
    files: previewFiles(folder),
    batcher: { frameMs: 0 },
  });
  return {
    host,
    engine,
    folder,
    close: async () => {
      host.dispose();
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
