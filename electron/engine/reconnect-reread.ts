/**
 * What the engine re-reads when the backend comes back after an outage (a backend-status saying
 * it is available again: the MBN service restarted, a hung connection left for a new one, a
 * simulated restart). While the service was away it may have closed sessions, and nothing tells
 * of it: the engine's services and their session states would stay as they were until something
 * listed again, and the window would offer Close on a session that is gone. So each device whose
 * services were listed is listed again, as a first listing does; what moved is journaled as any
 * session-state change is (by the tracker), and the window hears it through the log rows as it
 * hears every other change. The session-state record has no field for a reason, so the re-read
 * says what it found in a backend-status record of its own.
 *
 * Requests still waiting across the outage are the tracker's: a service whose session is opening
 * or closing keeps that state (ServiceStates.note), and its request goes overdue as any other.
 */
import { isBackendError } from '../backends/contract.js';
import { deviceName } from '../../shared/device-name.js';
import type { InterfaceId, ServiceInfo, SessionState } from '../../shared/model.js';
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
    const changes: string[] = [];
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
      if (!known.services.has(interfaceId)) continue;
      const before = listed.map((s) => sessionStates(known, s));
      noteServices(known, interfaceId, listed);
      reread += 1;
      services += listed.length;
      listed.forEach((service, i) => {
        const after = sessionStates(known, service);
        const was = before[i];
        if (!was) return;
        const where = `${nameOf(known, interfaceId)} ${service.name}`;
        if (was.data !== after.data)
          changes.push(`${where} data session ${was.data} → ${after.data}`);
        if (was.command !== after.command)
          changes.push(`${where} command session ${was.command} → ${after.command}`);
      });
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

/** What the re-read found, in the words the log, timeline and exports show. */
function rereadWords(devices: number, services: number, changes: readonly string[]): string {
  const read = `Re-read after the backend came back: ${plural(devices, 'device')}, ${plural(services, 'service')}`;
  if (changes.length === 0) return `${read}; no session changed meanwhile.`;
  const named = changes.slice(0, NAMED_CHANGES).join('; ');
  const more = changes.length - NAMED_CHANGES;
  return `${read}; found on reconnect: ${named}${more > 0 ? `; and ${more} more` : ''}.`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
