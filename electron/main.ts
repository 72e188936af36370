/**
 * Electron main: thin glue between the window and the shared IPC host. Everything that can be
 * decided without Electron (CSP, URL checks, payload validation, batching) lives in electron/ipc
 * so it is tested in plain Node; what is here is only the wiring and the window's security
 * options, which Electronegativity reads straight from this file.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
  type Session,
  type WebContents,
} from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_INFO } from './engine/app-info.js';
import type { DiagnosticsEngine } from './engine/diagnostics-engine.js';
import {
  APP_ENTRY,
  APP_SCHEME,
  contentSecurityPolicy,
  contentType,
  isAppUrl,
  resolveAppFile,
} from './ipc/app-security.js';
import { REQUEST_CHANNELS } from './ipc/channels.js';
import { dialogFiles } from './ipc/dialog-files.js';
import { IpcHost } from './ipc/ipc-host.js';
import { launchOptionsFromEnv } from './ipc/launch-options.js';
import { RENDERER_JS_FLAGS } from './ipc/renderer-flags.js';
import { createEngine } from './engine/create-engine.js';

// Before `ready`: app:// behaves like https (secure context, fetch, module scripts), so the
// renderer never runs from file:// (Electron security checklist #18).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();
// The renderer's young generation kept small: a saved log's pages are short-lived garbage.
// Suppressed after review (CUSTOM_ARGUMENTS_JS_CHECK asks for one): the switch is a constant of
// ours that only sizes V8's semi-spaces (renderer-flags.ts); it turns no security feature off.
app.commandLine.appendSwitch('js-flags', RENDERER_JS_FLAGS); // eng-disable CUSTOM_ARGUMENTS_JS_CHECK

/** WebContents ids of the windows this process created; only they may call the IPC host. */
const trustedContents = new Set<number>();

export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return (
    frame !== null &&
    frame.parent === null &&
    trustedContents.has(event.sender.id) &&
    isAppUrl(frame.url)
  );
}

/**
 * The window's menu, hidden until Alt is pressed: Edit, View's zoom and full screen, Window. Not
 * Electron's default, whose bar took 20 px of a 13-inch screen's window and whose View menu
 * reloads the page (a technician's place in the log lost) and opens the developer tools, in a
 * shipped app.
 */
export const MENU: readonly MenuItemConstructorOptions[] = [
  { role: 'editMenu' },
  {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  },
  { role: 'windowMenu' },
];

export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 600,
    autoHideMenuBar: true,
    show: false,
    title: 'MBN Diagnostics',
    webPreferences: {
      // Suppressed after review (PRELOAD_JS_CHECK asks for one): the preload exposes a single
      // frozen object whose two functions accept only the contract's channel names, and no
      // Electron or Node object crosses into the page (test/node/electron covers it).
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click could otherwise open a link in a new window (Electronegativity AUXCLICK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const id = window.webContents.id;
  trustedContents.add(id);
  window.webContents.once('destroyed', () => trustedContents.delete(id));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY);
  return window;
}

/** Every WebContents, including any a bug might create: no navigation, no popups, no webviews. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The app asks for no permission (camera, notifications, USB...), so every request is refused. */
export function denyPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
}

/**
 * Adds the CSP to every response the session sees, in case a page ever arrives another way. It
 * is written out literally so Electronegativity can read and grade it; a unit test holds it equal
 * to `contentSecurityPolicy()`, which the app:// handler and the preview send.
 */
export function enforceCsp(target: Session): void {
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
        ],
      },
    });
  });
}

/** Serves the built renderer on app://mbn-diag/, with the CSP as a response header. */
export function serveRenderer(rendererDir: string): void {
  const csp = contentSecurityPolicy();
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': contentType(file),
          'Content-Security-Policy': csp,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

export function registerIpc(host: IpcHost<IpcMainInvokeEvent>): void {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => host.invoke(channel, payload, event));
  }
  host.subscribe((channel, batch) => {
    for (const window of BrowserWindow.getAllWindows()) {
      const contents = window.webContents;
      if (trustedContents.has(contents.id) && !contents.isDestroyed())
        contents.send(channel, batch);
    }
  });
}

export interface Running {
  engine: DiagnosticsEngine;
  host: IpcHost<IpcMainInvokeEvent>;
  window: BrowserWindow;
}

let running: Running | undefined;
let shutDown = false;

async function start(): Promise<Running> {
  await app.whenReady();
  denyPermissions(session.defaultSession);
  enforceCsp(session.defaultSession);
  serveRenderer(join(__dirname, '../renderer'));
  const launch = launchOptionsFromEnv();
  const { engine, reason, timeoutMs } = await createEngine({
    select: {
      choice: launch.choice,
      ...(launch.scenarioPath !== undefined ? { scenarioPath: launch.scenarioPath } : {}),
      ...(launch.seed !== undefined ? { seed: launch.seed } : {}),
    },
    ...(launch.timeoutMs !== undefined ? { timeoutMs: launch.timeoutMs } : {}),
  });
  const host = new IpcHost<IpcMainInvokeEvent>({
    engine,
    reason,
    timeoutMs,
    app: APP_INFO,
    isTrustedSender,
    // Every path written or opened comes from these dialogs, never from the renderer.
    files: dialogFiles(
      {
        showSave: (options) =>
          running ? dialog.showSaveDialog(running.window, options) : dialog.showSaveDialog(options),
        showOpen: (options) =>
          running ? dialog.showOpenDialog(running.window, options) : dialog.showOpenDialog(options),
      },
      () => app.getPath('documents'),
    ),
  });
  registerIpc(host);
  Menu.setApplicationMenu(Menu.buildFromTemplate([...MENU]));
  const window = createMainWindow(join(__dirname, 'preload.cjs'));
  running = { engine, host, window };
  return running;
}

/** Flushes the last events and closes the engine, which closes the backend (the addon's close()). */
export async function shutdown(): Promise<void> {
  if (!running) return;
  const { engine, host } = running;
  running = undefined;
  host.flush();
  host.dispose();
  await engine.close();
}

app.on('web-contents-created', (_event, contents) => hardenContents(contents));
app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  if (shutDown) return;
  event.preventDefault();
  void shutdown().finally(() => {
    shutDown = true;
    app.quit();
  });
});

/** Resolves once the window is open; tests with a mocked `electron` await it. */
export const ready: Promise<Running> = start();
ready.catch((error: unknown) => {
  dialog.showErrorBox(
    'MBN Diagnostics could not start',
    error instanceof Error ? error.message : String(error),
  );
  app.exit(1);
});
