/**
 * What the engine re-reads when the backend comes back after an outage (a backend-status saying
 * it is available again: the MBN service restarted, a hung connection left for a new one, a
 * simulated restart, an MBIM modem's session opened anew: backends/mbim/session-status.ts). While
 * the service was away it may have closed sessions, and nothing tells of it: the engine's services
 * and their session states would stay as they were until something listed again, and the window
 * would offer Close on a session that is gone. So each device whose services were listed is
 * listed again, as a first listing does; what moved is journaled as any session-state change is
 * (by the tracker), and the window hears it through the log rows as it hears every other change,
 * and the list itself, services listed anew or no longer, as it hears every listing
 * (DiagnosticsEngine.onServiceList).
 * The session-state record has no field for a reason, so the re-read says what it found in a
 * backend-status record of its own, services listed anew or no longer among it (a service no
 * longer listed has its sessions unknown: backend-events.ts).
 *
 * Requests still waiting across the outage are the tracker's: a service whose session is opening
 * or closing keeps that state (ServiceStates.note), and its request goes overdue as any other.
 */
import { isBackendError } from '../backends/contract.js';
import { deviceName } from '../../shared/device-name.js';
import {
  serviceKey,
  type InterfaceId,
  type ServiceInfo,
  type SessionState,
} from '../../shared/model.js';
import { noteServices, type EngineKnowledge } from './backend-events.js';

const REREAD_CONTEXT = 're-reading the services after the backend came back';

/** Changes named one by one in the re-read's record; the rest are counted (each has its record). */
const NAMED_CHANGES = 5;

export class ReconnectReread {
  /** Bumped by every status change: a re-read that is no longer the newest says nothing. */
  private generation = 0;

  constructor(private readonly known: EngineKnowledge) {}

  /** The backend said it is available or not: an outage makes a running re-read stale. */
  backendStatus(available: boolean): void {
    const generation = ++this.generation;
    if (!available) return;
    this.reread(generation).catch((error: unknown) => {
      // Like an event's, a re-read's failure is recorded, never left to take the process down.
      if (!this.known.isClosing())
        this.known.journal.append({
          kind: 'error',
          message: error instanceof Error ? error.message : String(error),
          context: REREAD_CONTEXT,
        });
    });
  }

  private async reread(generation: number): Promise<void> {
    const { known } = this;
    const stale = () => generation !== this.generation || known.isClosing();
    const devices = [...known.services.keys()];
    if (devices.length === 0) return;
    const changes: Change[] = [];
    let reread = 0;
    let services = 0;
    for (const interfaceId of devices) {
      let listed: ServiceInfo[];
      try {
        listed = await known.backend.listServices(interfaceId);
      } catch (error) {
        if (stale()) return;
        // A device gone meanwhile: the backend tells its removal as an event of its own.
        if (isBackendError(error) && error.code === 'unknown-device') continue;
        known.journal.append({
          kind: 'error',
          message: error instanceof Error ? error.message : String(error),
          context: REREAD_CONTEXT,
        });
        continue;
      }
      if (stale()) return;
      // Removed while it was being listed: its services are not known any more.
      const previous = known.services.get(interfaceId);
      if (!previous) continue;
      const before = listed.map((s) => sessionStates(known, s));
      noteServices(known, interfaceId, listed);
      reread += 1;
      services += listed.length;
      changes.push(...whatMoved(known, interfaceId, previous, listed, before));
    }
    // Nothing re-read (every device gone or failing, each said so): there is nothing to tell.
    if (stale() || reread === 0) return;
    known.journal.append({
      kind: 'backend-status',
      backend: known.backend.describe().kind,
      available: true,
      message: rereadWords(reread, services, changes),
    });
  }
}

/**
 * One session that moved, or a service listed anew or no longer; `wasKnown`: not a session that
 * was unknown (those are named last).
 */
interface Change {
  text: string;
  wasKnown: boolean;
}

function change(what: string, was: SessionState, now: SessionState): Change {
  return { text: `${what} ${was} → ${now}`, wasKnown: was !== 'unknown' };
}

/**
 * What a device's re-read found: services no longer listed and listed anew (another firmware after
 * a restart), and each session that moved, `before` being the listed services' states before.
 */
function whatMoved(
  known: EngineKnowledge,
  interfaceId: InterfaceId,
  previous: readonly ServiceInfo[],
  listed: readonly ServiceInfo[],
  before: readonly { data: SessionState; command: SessionState }[],
): Change[] {
  const key = (s: ServiceInfo): string => serviceKey(s.interfaceId, s.serviceId);
  const had = new Set(previous.map(key));
  const has = new Set(listed.map(key));
  const name = (s: ServiceInfo): string => `${nameOf(known, interfaceId)} ${s.name}`;
  const changes = previous
    .filter((s) => !has.has(key(s)))
    .map((s) => ({ text: `${name(s)} no longer listed`, wasKnown: true }));
  listed.forEach((service, i) => {
    const where = name(service);
    if (!had.has(key(service))) {
      changes.push({ text: `${where} listed anew`, wasKnown: true });
      return;
    }
    const was = before[i];
    if (!was) return;
    const after = sessionStates(known, service);
    if (was.data !== after.data)
      changes.push(change(`${where} data session`, was.data, after.data));
    if (was.command !== after.command)
      changes.push(change(`${where} command session`, was.command, after.command));
  });
  return changes;
}

function sessionStates(
  known: EngineKnowledge,
  service: ServiceInfo,
): { data: SessionState; command: SessionState } {
  return {
    data: known.tracker.sessionState(service.interfaceId, service.serviceId),
    command: known.tracker.commandSessionState(service.interfaceId, service.serviceId),
  };
}

/** What the log, the report, the window and the CLI call the device (shared/device-name.ts). */
function nameOf(known: EngineKnowledge, interfaceId: InterfaceId): string {
  const device = known.devices.get(interfaceId) ?? { interfaceId };
  return deviceName(device, known.devices.values());
}

/**
 * What the re-read found, in the words the log, timeline and exports show. A session that was open
 * or closed and moved is named before one that was unknown: a backend that can say nothing of a
 * session until it begins anew (MBIM) turns every unknown into closed then, and those must not
 * push the session the window showed open out of the names.
 */
function rereadWords(devices: number, services: number, changes: readonly Change[]): string {
  const read = `Re-read after the backend came back: ${plural(devices, 'device')}, ${plural(services, 'service')}`;
  if (changes.length === 0) return `${read}; no session changed meanwhile.`;
  const ordered = [...changes.filter((c) => c.wasKnown), ...changes.filter((c) => !c.wasKnown)];
  const named = ordered
    .slice(0, NAMED_CHANGES)
    .map((c) => c.text)
    .join('; ');
  const more = changes.length - NAMED_CHANGES;
  return `${read}; found on reconnect: ${named}${more > 0 ? `; and ${more} more` : ''}.`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
