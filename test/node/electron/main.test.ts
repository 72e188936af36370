/**
 * The Electron glue with `electron` mocked: the window's security options, every contract channel
 * registered, senders checked, generated malformed payloads refused without reaching the engine,
 * permissions denied, navigation and popups refused, and the backend closed on quit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DiagnosticsEngine } from '../../../electron/engine/diagnostics-engine.js';
import { Journal } from '../../../electron/core/journal.js';
import { SimulatorBackend } from '../../../electron/backends/simulator/simulator-backend.js';
import { contentSecurityPolicy } from '../../../electron/ipc/app-security.js';
import { REQUEST_CHANNELS } from '../../../electron/ipc/contract.js';
import { RENDERER_JS_FLAGS } from '../../../electron/ipc/renderer-flags.js';
import { malformedPayloads, VALID } from '../ipc/malformed.js';
import { fakeElectron, ipcEvent, state, type FakeBrowserWindow } from './fake-electron.js';

vi.mock('electron', () => fakeElectron());

const journalDir = mkdtempSync(join(tmpdir(), 'main-test-'));
process.env.MBN_DIAG_JOURNAL_DIR = journalDir;
process.env.MBN_DIAG_BACKEND = 'simulator';

const reached = {
  listDevices: vi.spyOn(DiagnosticsEngine.prototype, 'listDevices'),
  listServices: vi.spyOn(DiagnosticsEngine.prototype, 'listServices'),
  send: vi.spyOn(DiagnosticsEngine.prototype, 'send'),
  readPage: vi.spyOn(Journal.prototype, 'readPage'),
};
const engineCalls = () => Object.values(reached).reduce((n, spy) => n + spy.mock.calls.length, 0);
const backendClose = vi.spyOn(SimulatorBackend.prototype, 'close');

let window: FakeBrowserWindow;

beforeAll(async () => {
  const main = await import('../../../electron/main.js');
  await main.ready;
  const first = state.windows[0];
  if (!first) throw new Error('no window was created');
  window = first;
});

afterAll(() => {
  rmSync(journalDir, { recursive: true, force: true });
});

const invoke = (channel: string, event: unknown, payload: unknown) => {
  const handler = state.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, payload) as Promise<{ ok: boolean; error?: { code: string } }>;
};

describe('Electron main', () => {
  it('opens one window with the secure web preferences', () => {
    expect(state.windows).toHaveLength(1);
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(String(window.options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(window.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(window.loadedUrl).toBe('app://mbn-diag/index.html');
    expect(state.enableSandbox).toHaveBeenCalled();
  });

  it('hides its menu bar, and its menu neither reloads the page nor opens the developer tools', () => {
    expect(window.options.autoHideMenuBar).toBe(true);
    const roles: string[] = [];
    const walk = (items: unknown): void => {
      for (const item of items as { role?: string; submenu?: unknown }[]) {
        if (item.role) roles.push(item.role.toLowerCase());
        if (Array.isArray(item.submenu)) walk(item.submenu);
      }
    };
    walk(state.menu);
    // Copy and paste (Edit) and zoom stay, as in Electron's default menu.
    expect(roles).toEqual(expect.arrayContaining(['editmenu', 'zoomin', 'zoomout', 'resetzoom']));
    for (const role of ['reload', 'forcereload', 'toggledevtools', 'viewmenu', 'defaultmenu'])
      expect(roles).not.toContain(role);
  });

  it('gives its renderer the V8 flags its memory is measured with', () => {
    expect(state.switches.get('js-flags')).toBe(RENDERER_JS_FLAGS);
  });

  it('serves the renderer from a privileged app:// scheme, never file://', async () => {
    expect(state.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const handler = state.protocolHandler;
    expect(handler).toBeDefined();
    const missing = await handler?.({ url: 'app://mbn-diag/../../../../etc/passwd' });
    expect(missing?.status).toBe(404);
    const foreign = await handler?.({ url: 'app://elsewhere/index.html' });
    expect(foreign?.status).toBe(404);
  });

  it('puts the same strict CSP on app pages and on every response of the session', async () => {
    const page = await state.protocolHandler?.({ url: 'app://mbn-diag/index.html' });
    expect(page?.status).toBe(200);
    expect(page?.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy());
    const callback = vi.fn();
    state.headersHook?.({ responseHeaders: { Server: ['x'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { Server: ['x'], 'Content-Security-Policy': [contentSecurityPolicy()] },
    });
  });

  it('registers exactly the contract request channels', () => {
    expect([...state.ipcHandlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  it('answers the app window and refuses every other sender', async () => {
    const app = ipcEvent(window.webContents, 'app://mbn-diag/index.html');
    expect(await invoke('mbn:backend-info', app, {})).toMatchObject({ ok: true });

    const before = engineCalls();
    const strangers = [
      ipcEvent({ id: 9999 }, 'app://mbn-diag/index.html'),
      ipcEvent(window.webContents, 'https://evil.example/'),
      ipcEvent(window.webContents, 'app://mbn-diag/index.html', false),
      { sender: window.webContents, senderFrame: null },
    ];
    for (const event of strangers) {
      for (const channel of REQUEST_CHANNELS) {
        expect(await invoke(channel, event, VALID[channel])).toMatchObject({
          ok: false,
          error: { code: 'forbidden-sender' },
        });
      }
    }
    expect(engineCalls()).toBe(before);
  });

  it.each(REQUEST_CHANNELS)(
    'refuses generated malformed payloads on %s without reaching the engine',
    async (channel) => {
      const app = ipcEvent(window.webContents, 'app://mbn-diag/index.html');
      const before = engineCalls();
      for (const payload of malformedPayloads(channel)) {
        expect(await invoke(channel, app, payload)).toMatchObject({
          ok: false,
          error: { code: 'invalid-payload' },
        });
      }
      expect(engineCalls()).toBe(before);
    },
  );

  it('denies every permission request and check', () => {
    const callback = vi.fn();
    state.permissionRequest?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(state.permissionCheck?.({}, 'notifications')).toBe(false);
    expect(state.devicePermission?.({})).toBe(false);
  });

  it('refuses navigation, redirects, webviews and new windows in every web contents', () => {
    const created = state.appListeners.get('web-contents-created')?.[0];
    const contents = window.webContents;
    created?.({}, contents);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      contents.emit(event, { preventDefault }, 'https://evil.example/');
      expect(preventDefault).toHaveBeenCalled();
    }
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
  });

  it('forwards event batches to the app window', async () => {
    const app = ipcEvent(window.webContents, 'app://mbn-diag/index.html');
    await invoke('mbn:list-devices', app, {});
    await vi.waitFor(() => {
      expect(window.webContents.sent.some((m) => m.channel === 'mbn:log-rows')).toBe(true);
    });
  });

  it('closes the backend before quitting', async () => {
    const willQuit = state.appListeners.get('will-quit')?.[0];
    const preventDefault = vi.fn();
    willQuit?.({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(state.quit).toHaveBeenCalled());
    expect(backendClose).toHaveBeenCalled();
    expect(backendClose.mock.invocationCallOrder[0]).toBeLessThan(
      state.quit.mock.invocationCallOrder[0] ?? 0,
    );
    // The second will-quit (from app.quit()) lets the app go.
    const second = vi.fn();
    willQuit?.({ preventDefault: second });
    expect(second).not.toHaveBeenCalled();
  });
});
