/**
 * What the main screen shows, in one zustand store: the backend, the devices and their services,
 * and the latest request on each service. Changed only by ./actions.ts.
 */
import { create } from 'zustand';
import type { DeviceInfo } from '../../../shared/model';
import type { BackendInfo, RequestStory, ServiceRow } from '../../../electron/ipc/contract';

export interface DeviceEntry extends DeviceInfo {
  /** False once the device was removed; it stays listed so its abandoned requests make sense. */
  present: boolean;
}

export type Theme = 'system' | 'light' | 'dark';

interface Notice {
  text: string;
  tone: 'info' | 'error';
}

export interface AppState {
  status: 'connecting' | 'ready' | 'failed';
  backend: BackendInfo | null;
  devices: DeviceEntry[];
  selectedDevice: string | null;
  /** By interface ID: as main listed them last (store/service-lists.ts). */
  services: Record<string, ServiceRow[]>;
  /**
   * By interface ID: services the device listed before and no longer lists whose request was still
   * waiting then; shown, with nothing offered, only until that request ends.
   */
  goneServices: Record<string, ServiceRow[]>;
  /** The newest request of each service, by `serviceKey()`. */
  requests: Record<string, RequestStory>;
  /** `serviceKey()` + op of the action waiting for its deliberate second step. */
  armed: string | null;
  /** `serviceKey()` of the service this window last sent Open or Close to: its outcome is kept in view. */
  actedOn: string | null;
  /** The newest QUERY or SET of each service, by `serviceKey()`: its response stays in view. */
  commandResults: Record<string, RequestStory>;
  /** The service whose Commands section is unfolded (one at a time, to keep the window compact). */
  commandsOpen: string | null;
  revealDeviceIds: boolean;
  theme: Theme;
  notice: Notice | null;
}

export const useApp = create<AppState>()(() => ({
  status: 'connecting',
  backend: null,
  devices: [],
  selectedDevice: null,
  services: {},
  goneServices: {},
  requests: {},
  armed: null,
  actedOn: null,
  commandResults: {},
  commandsOpen: null,
  revealDeviceIds: false,
  theme: 'system',
  notice: null,
}));
