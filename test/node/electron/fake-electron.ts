/**
 * A stand-in for the `electron` module, recording what main.ts asks of it: the window's options,
 * IPC handlers, protocol handler, permission handlers and app event listeners.
 */
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

export class FakeWebContents {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly listeners = new Map<string, Listener[]>();
  readonly sent: { channel: string; batch: unknown }[] = [];
  windowOpenHandler: Listener | undefined;
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]) {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
  setWindowOpenHandler(handler: Listener) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, batch: unknown) {
    this.sent.push({ channel, batch });
  }
  isDestroyed() {
    return false;
  }
}

export const state = {
  windows: [] as FakeBrowserWindow[],
  ipcHandlers: new Map<string, Listener>(),
  appListeners: new Map<string, Listener[]>(),
  protocolHandler: undefined as undefined | ((request: { url: string }) => Promise<Response>),
  privileged: [] as unknown[],
  permissionRequest: undefined as Listener | undefined,
  permissionCheck: undefined as Listener | undefined,
  devicePermission: undefined as Listener | undefined,
  headersHook: undefined as Listener | undefined,
  quit: vi.fn(),
  exit: vi.fn(),
  enableSandbox: vi.fn(),
  errorBox: vi.fn(),
  switches: new Map<string, string>(),
  /** The template of the menu main.ts set as the application's. */
  menu: undefined as unknown,
};

export class FakeBrowserWindow {
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  constructor(
    readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>,
  ) {
    state.windows.push(this);
  }
  once() {
    return this;
  }
  show() {}
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  static getAllWindows() {
    return state.windows;
  }
}

export function fakeElectron() {
  return {
    app: {
      enableSandbox: state.enableSandbox,
      commandLine: {
        appendSwitch: (name: string, value = '') => state.switches.set(name, value),
      },
      whenReady: () => Promise.resolve(),
      on: (event: string, listener: Listener) => {
        state.appListeners.set(event, [...(state.appListeners.get(event) ?? []), listener]);
      },
      quit: state.quit,
      exit: state.exit,
    },
    BrowserWindow: FakeBrowserWindow,
    dialog: { showErrorBox: state.errorBox },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: { template: unknown } | null) => (state.menu = menu?.template),
    },
    ipcMain: {
      handle: (channel: string, handler: Listener) => state.ipcHandlers.set(channel, handler),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes),
      handle: (_scheme: string, handler: (request: { url: string }) => Promise<Response>) => {
        state.protocolHandler = handler;
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => (state.permissionRequest = h),
        setPermissionCheckHandler: (h: Listener) => (state.permissionCheck = h),
        setDevicePermissionHandler: (h: Listener) => (state.devicePermission = h),
        webRequest: { onHeadersReceived: (h: Listener) => (state.headersHook = h) },
      },
    },
  };
}

/** An IPC event as Electron would deliver it from a frame. */
export function ipcEvent(contents: { id: number }, url: string, topFrame = true) {
  return {
    sender: contents,
    senderFrame: { url, parent: topFrame ? null : { url } },
  };
}
