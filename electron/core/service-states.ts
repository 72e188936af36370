/**
 * The data-session and command-session state of each device service (unknown, closed, opening,
 * open, closing), as the backend reported it and as requests and completions moved it since.
 * Every change is journaled, so a log shows the state machines at work and not only their inputs.
 */
import type { JournalEntry } from '../../shared/journal/record.js';
import {
  serviceKey,
  type InterfaceId,
  type ServiceId,
  type ServiceInfo,
  type SessionState,
} from '../../shared/model.js';
import { serviceDisplayName } from '../../shared/well-known-services.js';
import { moving } from './session-moves.js';

export interface ServiceTrack {
  interfaceId: InterfaceId;
  serviceId: ServiceId;
  name: string;
  /** The data session's state. */
  state: SessionState;
  /** The command session's state. */
  commandState: SessionState;
  /**
   * What the backend reported for a session while a request of ours was moving it (a re-read
   * after an outage, a listing): kept aside, since the request's own answer decides the move, but
   * newer than the state before the request should that answer never come (see `heard`).
   */
  heard?: Partial<Record<SessionKind, SessionState>>;
}

/** Which of a service's two sessions. */
export type SessionKind = 'data' | 'command';

const STATE_FIELD = { data: 'state', command: 'commandState' } as const;
const STATE_RECORD = { data: 'session-state', command: 'command-session-state' } as const;

function reportedState(open: boolean | null): SessionState {
  return open === null ? 'unknown' : open ? 'open' : 'closed';
}

export class ServiceStates {
  private readonly tracks = new Map<string, ServiceTrack>();

  constructor(private readonly emit: (entry: JournalEntry) => void) {}

  /** Seeds or refreshes states from what the backend reports. */
  note(services: readonly ServiceInfo[]): void {
    for (const service of services) {
      const data = reportedState(service.dataSessionOpen);
      const command = reportedState(service.commandSessionOpen);
      const track = this.find(service.interfaceId, service.serviceId);
      if (!track) {
        this.tracks.set(serviceKey(service.interfaceId, service.serviceId), {
          interfaceId: service.interfaceId,
          serviceId: service.serviceId,
          name: service.name,
          state: data,
          commandState: command,
        });
        continue;
      }
      this.report(track, data, command);
    }
  }

  /** The device no longer lists the service: what it said of its sessions is void. */
  serviceGone(interfaceId: InterfaceId, serviceId: ServiceId): void {
    const track = this.find(interfaceId, serviceId);
    if (track) this.report(track, 'unknown', 'unknown');
  }

  /** What the backend says of a service's sessions now. */
  private report(track: ServiceTrack, data: SessionState, command: SessionState): void {
    // A backend refresh wins over our model, unless a request of ours is mid-transition: then
    // it is kept aside for the case where that request is given up.
    if (!moving(track.state)) this.set(track, data);
    else track.heard = { ...track.heard, data };
    if (!moving(track.commandState)) this.set(track, command, 'command');
    else track.heard = { ...track.heard, command };
  }

  find(interfaceId: InterfaceId, serviceId: ServiceId): ServiceTrack | undefined {
    return this.tracks.get(serviceKey(interfaceId, serviceId));
  }

  /** The service's track, created (state unknown) for a service never listed. */
  track(interfaceId: InterfaceId, serviceId: ServiceId): ServiceTrack {
    const key = serviceKey(interfaceId, serviceId);
    let track = this.tracks.get(key);
    if (!track) {
      track = {
        interfaceId,
        serviceId,
        name: serviceDisplayName(serviceId),
        state: 'unknown',
        commandState: 'unknown',
      };
      this.tracks.set(key, track);
    }
    return track;
  }

  state(interfaceId: InterfaceId, serviceId: ServiceId): SessionState {
    return this.find(interfaceId, serviceId)?.state ?? 'unknown';
  }

  name(interfaceId: InterfaceId, serviceId: ServiceId): string {
    return this.find(interfaceId, serviceId)?.name ?? serviceDisplayName(serviceId);
  }

  commandState(interfaceId: InterfaceId, serviceId: ServiceId): SessionState {
    return this.find(interfaceId, serviceId)?.commandState ?? 'unknown';
  }

  /** What the backend reported for the session since a request began moving it, if anything. */
  heard(track: ServiceTrack, session: SessionKind): SessionState | undefined {
    return track.heard?.[session];
  }

  set(track: ServiceTrack, to: SessionState, session: SessionKind = 'data'): void {
    const field = STATE_FIELD[session];
    // Any move settles what was heard meanwhile: it was about the state being left.
    if (track.heard?.[session] !== undefined)
      track.heard = { ...track.heard, [session]: undefined };
    if (track[field] === to) return;
    const from = track[field];
    track[field] = to;
    this.emit({
      kind: STATE_RECORD[session],
      interfaceId: track.interfaceId,
      serviceId: track.serviceId,
      serviceName: track.name,
      from,
      to,
    });
  }

  /** The device went away: nothing is known about its sessions any more. */
  deviceGone(interfaceId: InterfaceId): void {
    for (const track of this.tracks.values()) {
      if (track.interfaceId === interfaceId) {
        this.set(track, 'unknown');
        this.set(track, 'unknown', 'command');
      }
    }
  }
}
