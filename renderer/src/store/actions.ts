/**
 * Everything that changes the stores: the answers to requests and the event batches from main.
 * Components call these; none of them talks to `window.mbnDiag` directly.
 */
import { type RequestOp, serviceKey } from '../../../shared/model';
import type {
  BackendInfo,
  DeviceChange,
  JournalStart,
  LogRow,
  RequestStory,
  ServiceList,
  ServiceRow,
} from '../../../electron/ipc/contract';
import { outcomeStage } from '../../../shared/request/outcome';
import { ApiError, call, listen } from '../api';
import { refNumber } from '../../../shared/request/ref-key';
import { commandSessionPatch, commandStoryPatch } from './command-state';
import { startFileEvents } from './file-actions';
import { useApp, type DeviceEntry, type Theme } from './app-store';
import { MAX_PAGE } from '../../../shared/log-window';
import { LIVE_SOURCE, type LogSource } from './log-source';
import { logModel, useLog } from './log-store';
import type { LogFilter } from './log-filter';
import { noticeText } from './notice-words';
import { serviceListPatch } from './service-lists';

/** How much of the journal the log loads at start; older rows are a "Load earlier" away. */
const INITIAL_ROWS = 10_000;

export async function startApp(): Promise<void> {
  listen('mbn:service-lists', onServiceLists);
  listen('mbn:log-rows', onLogRows);
  listen('mbn:journal-start', onJournalStart);
  listen('mbn:request-changes', onRequestChanges);
  listen('mbn:device-changes', onDeviceChanges);
  startFileEvents();
  listen('mbn:backend-status', (batch: BackendInfo[]) => {
    const latest = batch[batch.length - 1];
    if (latest) useApp.setState({ backend: latest });
  });
  try {
    const backend = await call('mbn:backend-info', {});
    useApp.setState({ backend });
    await syncRequests();
    await refreshDevices();
    const first = useApp.getState().devices[0];
    if (first) await selectDevice(first.interfaceId);
    useApp.setState({ status: 'ready' });
    await loadInitialLog();
  } catch (error) {
    useApp.setState({ status: 'failed', notice: { text: noticeText(error), tone: 'error' } });
  }
}

async function refreshDevices(): Promise<void> {
  const listed = await call('mbn:list-devices', {});
  const present = new Set(listed.map((d) => d.interfaceId));
  useApp.setState((state) => {
    const gone = state.devices
      .filter((d) => !present.has(d.interfaceId))
      .map((d) => ({ ...d, present: false }));
    const devices: DeviceEntry[] = [...listed.map((d) => ({ ...d, present: true })), ...gone];
    return { devices };
  });
}

export async function selectDevice(interfaceId: string): Promise<void> {
  useApp.setState({ selectedDevice: interfaceId, armed: null });
  const device = useApp.getState().devices.find((d) => d.interfaceId === interfaceId);
  if (device && !device.present) return;
  await refreshServices(interfaceId);
}

async function refreshServices(interfaceId: string): Promise<void> {
  try {
    const services = await call('mbn:list-services', { interfaceId });
    onServiceLists([{ interfaceId, services }]);
  } catch (error) {
    notify(error);
  }
}

/**
 * Sends Close or Open. Without `confirmed`, main refuses when the session is not in the state the
 * call needs; that refusal arms the button for the deliberate second step.
 */
export async function sendSession(
  op: Extract<RequestOp, 'open' | 'close'>,
  service: ServiceRow,
  confirmed = false,
): Promise<void> {
  const key = serviceKey(service.interfaceId, service.serviceId);
  useApp.setState({ armed: null, notice: null });
  try {
    const view = await call(op === 'close' ? 'mbn:close-session' : 'mbn:open-session', {
      interfaceId: service.interfaceId,
      serviceId: service.serviceId,
      ...(confirmed ? { confirmed: true } : {}),
    });
    useApp.setState({ actedOn: key });
    onRequestChanges([view]);
  } catch (error) {
    if (error instanceof ApiError && error.error.code === 'needs-confirmation') {
      useApp.setState({ armed: `${key}|${op}` });
      return;
    }
    notify(error);
  }
}

/**
 * Asks main for the newest request of each service. Main holds the truth; the window only keeps
 * what it was told since it (re)connected, so without this a reload forgets every outcome and
 * offers Close beside a request that is still pending. Call on start and on every reconnect.
 */
async function syncRequests(): Promise<void> {
  onRequestChanges(await call('mbn:current-requests', {}));
}

/** Stop waiting for an overdue request: main records it as given up, and the service is free. */
export async function giveUp(request: RequestStory): Promise<void> {
  try {
    onRequestChanges([await call('mbn:give-up', { ref: request.ref })]);
  } catch (error) {
    notify(error);
    // It may have completed meanwhile: show what main knows now.
    await syncRequests().catch(notify);
  }
}

export function disarm(): void {
  useApp.setState({ armed: null });
}

export function setTheme(theme: Theme): void {
  useApp.setState({ theme });
}

export function toggleDeviceIds(): void {
  useApp.setState((state) => ({ revealDeviceIds: !state.revealDeviceIds }));
}

export function dismissNotice(): void {
  useApp.setState({ notice: null });
}

/**
 * Keeps the newest request of each service. The answer to a send and the batched change events
 * can arrive in either order, so an older state of the same request never overwrites a newer one.
 */
export function onRequestChanges(views: readonly RequestStory[]): void {
  useApp.setState((state) => commandStoryPatch(state, views));
  useApp.setState((state) => {
    const requests = { ...state.requests };
    for (const view of views) {
      const key = serviceKey(view.interfaceId, view.serviceId);
      const current = requests[key];
      const newer =
        !current ||
        refNumber(view.ref) > refNumber(current.ref) ||
        (view.ref === current.ref && outcomeStage(view.outcome) >= outcomeStage(current.outcome));
      if (newer) requests[key] = view;
    }
    return { requests };
  });
}

/**
 * A device's services as main listed them, whoever asked (main's own re-read after an outage too):
 * the device's rows become these, and a service no longer listed leaves (store/service-lists.ts).
 */
export function onServiceLists(lists: readonly ServiceList[]): void {
  useApp.setState((state) => serviceListPatch(state, lists));
}

function onLogRows(rows: readonly LogRow[]): void {
  const wasCount = logModel.visible.length;
  const wasDropped = logModel.droppedShown;
  const hole = logModel.insert(rows);
  applySessionStates(rows);
  useApp.setState((state) => commandSessionPatch(state, rows));
  const last = rows[rows.length - 1];
  useLog.setState((state) => ({
    version: state.version + 1,
    journalLastSeq: Math.max(state.journalLastSeq, last?.seq ?? 0),
    // New rows shown, those the window dropped meanwhile counted in: they came all the same
    // ("13,218 new" fell to "389 new" as the window made room). A row leaves a filtered view too
    // (a request no longer waiting): never below 0.
    unseen: state.following
      ? 0
      : Math.max(
          0,
          state.unseen + logModel.visible.length - wasCount + logModel.droppedShown - wasDropped,
        ),
  }));
  if (hole) void fillHole(hole.fromSeq, hole.toSeq);
}

/**
 * The journal dropped its oldest files: the count and "Load earlier" go back only as far as it now
 * starts. It only ever starts later (one run), whichever of this and a page's answer came first.
 */
function onJournalStart(starts: readonly JournalStart[]): void {
  const firstSeq = Math.max(...starts.map((s) => s.firstSeq));
  useLog.setState((state) => ({ journalFirstSeq: Math.max(state.journalFirstSeq, firstSeq) }));
}

function applySessionStates(rows: readonly LogRow[]): void {
  const changes = rows.filter((r) => r.kind === 'session-state' && r.sessionState !== null);
  if (changes.length === 0) return;
  useApp.setState((state) => {
    const services = { ...state.services };
    for (const row of changes) {
      if (row.interfaceId === null || row.serviceId === null || row.sessionState === null) continue;
      const key = serviceKey(row.interfaceId, row.serviceId);
      const list = services[row.interfaceId];
      if (!list) continue;
      const to = row.sessionState;
      services[row.interfaceId] = list.map((s) =>
        serviceKey(s.interfaceId, s.serviceId) === key ? { ...s, sessionState: to } : s,
      );
    }
    return { services };
  });
}

function onDeviceChanges(changes: readonly DeviceChange[]): void {
  for (const change of changes) {
    if (change.type === 'removal') {
      useApp.setState((state) => ({
        devices: state.devices.map((d) =>
          d.interfaceId === change.interfaceId ? { ...d, present: false } : d,
        ),
        armed: null,
      }));
    }
  }
  if (changes.some((c) => c.type === 'arrival')) {
    void refreshDevices().then(() => {
      const selected = useApp.getState().selectedDevice;
      if (selected && changes.some((c) => c.type === 'arrival' && c.interfaceId === selected))
        void refreshServices(selected);
    });
  }
}

async function loadInitialLog(): Promise<void> {
  const probe = await call('mbn:read-journal', { fromSeq: 1, limit: 1 });
  const from = Math.max(probe.firstSeq, probe.lastSeq - INITIAL_ROWS + 1);
  useLog.setState((state) => ({
    journalFirstSeq: Math.max(state.journalFirstSeq, probe.firstSeq),
  }));
  await loadRange(from, probe.lastSeq);
  // Rows that arrived while loading may have left a gap: close every one.
  for (let hole = logModel.findHole(); hole; hole = logModel.findHole()) {
    const before = logModel.rows.length;
    await loadRange(hole.fromSeq, hole.toSeq);
    if (logModel.rows.length === before) break;
  }
  // Paged in before the live rows that came first, they were kept beside them as rows brought in
  // are (LogModel.insert): they are the log's start, one stretch with the newest.
  if (useLog.getState().following) logModel.keepBefore(Number.NEGATIVE_INFINITY);
}

async function fillHole(fromSeq: number, toSeq: number): Promise<void> {
  try {
    await loadRange(fromSeq, toSeq);
  } catch (error) {
    notify(error);
  }
}

async function loadRange(fromSeq: number, toSeq: number): Promise<void> {
  for (let seq = fromSeq; seq <= toSeq;) {
    const page = await call('mbn:read-journal', {
      fromSeq: seq,
      limit: Math.min(MAX_PAGE, toSeq - seq + 1),
    });
    const rows = page.rows.filter((r) => r.seq <= toSeq);
    useLog.setState((state) => ({
      journalFirstSeq: Math.max(state.journalFirstSeq, page.firstSeq),
      journalLastSeq: Math.max(state.journalLastSeq, page.lastSeq),
    }));
    if (rows.length === 0) break;
    logModel.insert(rows);
    useLog.setState((state) => ({ version: state.version + 1 }));
    seq = (rows[rows.length - 1]?.seq ?? toSeq) + 1;
  }
}

/** Pages in the next older block of the journal (the log keeps only recent rows loaded). */
export async function loadEarlier(): Promise<void> {
  const first = logModel.firstSeq;
  const { journalFirstSeq, loadingEarlier } = useLog.getState();
  if (loadingEarlier || first === undefined || first <= journalFirstSeq) return;
  // Reading back pauses following: the page is kept beside the newest rows until Back to live
  // (LogModel.insert), and kept while following, each click added 2,000 rows over the window's
  // capacity for as long as the app ran.
  setFollowing(false);
  useLog.setState({ loadingEarlier: true });
  try {
    await loadRange(Math.max(journalFirstSeq, first - MAX_PAGE), first - 1);
  } catch (error) {
    notify(error);
  } finally {
    useLog.setState({ loadingEarlier: false });
  }
}

export function setLogFilter(patch: Partial<LogFilter>, source: LogSource = LIVE_SOURCE): void {
  const filter = { ...source.store.getState().filter, ...patch };
  source.model.setFilter(filter);
  source.store.setState((state) => ({ filter, version: state.version + 1, unseen: 0 }));
}

export function clearLogFilter(source: LogSource = LIVE_SOURCE): void {
  setLogFilter({ interfaceId: null, service: null, kind: null, outcome: null, text: '' }, source);
}

export function setFollowing(following: boolean, source: LogSource = LIVE_SOURCE): void {
  if (source.store.getState().following === following) return;
  // Back to live: the rows brought in while reading (LogModel.insert keeps them) may go as the
  // newest come, or the live window would grow by each page and jump for as long as it runs.
  if (following && source.live) source.model.keepBefore(Number.NEGATIVE_INFINITY);
  source.store.setState({ following, unseen: 0 });
}

export function notify(error: unknown): void {
  useApp.setState({ notice: { text: noticeText(error), tone: 'error' } });
}
