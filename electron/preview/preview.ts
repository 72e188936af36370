/**
 * Starts the whole preview: picks the backend as the Electron main process does, opens the engine,
 * puts the shared IPC host in front of it and serves the renderer. Tests and the benchmark call
 * this in-process; `npm run preview` calls it through ./cli.ts.
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MbnBackend } from '../backends/contract.js';
import { APP_INFO } from '../engine/app-info.js';
import type { DiagnosticsEngine } from '../engine/diagnostics-engine.js';
import { IpcHost } from '../ipc/ipc-host.js';
import type { LaunchOptions } from '../ipc/launch-options.js';
import { createEngine } from '../engine/create-engine.js';
import type { HostFiles } from '../ipc/host-files.js';
import { previewFiles } from './preview-files.js';
import { startPreviewServer, type PreviewSender } from './preview-server.js';
import { BRIDGE_FILE } from './protocol.js';

export interface PreviewOptions extends LaunchOptions {
  journalDir?: string;
  port?: number;
  /** Use this backend instead of selecting one (the benchmark's scripted backend). */
  backend?: { backend: MbnBackend; reason: string };
  /** Where `npm run build` put the renderer and the bridge (default: ./dist). */
  distDir?: string;
  /**
   * The one folder the preview writes exports to and offers saved logs from (it has no file
   * dialogs, and never takes a path from the page). Default: mbn-diag-preview-files in the
   * system's temporary folder.
   */
  filesDir?: string;
  /** Tests only: a stand-in for the folder (a dialog that waits, to see progress and Cancel). */
  files?: HostFiles;
}

export interface Preview {
  url: string;
  origin: string;
  engine: DiagnosticsEngine;
  host: IpcHost<PreviewSender>;
  reason: string;
  filesDir: string;
  close(): Promise<void>;
}

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const { engine, reason, timeoutMs } = await createEngine({
    select: {
      choice: options.choice,
      ...(options.scenarioPath !== undefined ? { scenarioPath: options.scenarioPath } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    },
    ...(options.backend !== undefined ? { selected: options.backend } : {}),
    ...(options.journalDir !== undefined ? { journalDir: options.journalDir } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  const filesDir = resolve(options.filesDir ?? join(tmpdir(), 'mbn-diag-preview-files'));
  const host = new IpcHost<PreviewSender>({
    files: options.files ?? previewFiles(filesDir),
    engine,
    reason,
    timeoutMs,
    app: APP_INFO,
    isTrustedSender: (sender) => sender.authenticated,
  });
  const dist = resolve(options.distDir ?? 'dist');
  let server;
  try {
    server = await startPreviewServer({
      host,
      rendererDir: join(dist, 'renderer'),
      bridgeFile: join(dist, 'preview', BRIDGE_FILE),
      ...(options.port !== undefined ? { port: options.port } : {}),
    });
  } catch (error) {
    host.dispose();
    await engine.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    origin: server.origin,
    engine,
    host,
    reason,
    filesDir,
    close: () =>
      (closing ??= (async () => {
        host.flush();
        await server.close();
        host.dispose();
        await engine.close();
      })()),
  };
}
