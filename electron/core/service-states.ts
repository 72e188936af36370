/**
 * The data-session state of each device service (unknown, closed, opening, open, closing), as
 * the backend reported it and as requests and completions moved it since. Every change is
 * journaled, so a log shows the state machine at work and not only its inputs.
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

export interface ServiceTrack {
  interfaceId: InterfaceId;
  serviceId: ServiceId;
  name: string;
  state: SessionState;
}

export class ServiceStates {
  private readonly tracks = new Map<string, ServiceTrack>();

  constructor(private readonly emit: (entry: JournalEntry) => void) {}

  /** Seeds or refreshes states from what the backend reports. */
  note(services: readonly ServiceInfo[]): void {
    for (const service of services) {
      const reported: SessionState =
        service.dataSessionOpen === null ? 'unknown' : service.dataSessionOpen ? 'open' : 'closed';
      const track = this.find(service.interfaceId, service.serviceId);
      if (!track) {
        this.tracks.set(serviceKey(service.interfaceId, service.serviceId), {
          interfaceId: service.interfaceId,
          serviceId: service.serviceId,
          name: service.name,
          state: reported,
        });
      } else if (track.state !== 'opening' && track.state !== 'closing') {
        // A backend refresh wins over our model, unless a request of ours is mid-transition.
        this.set(track, reported);
      }
    }
  }

  find(interfaceId: InterfaceId, serviceId: ServiceId): ServiceTrack | undefined {
    return this.tracks.get(serviceKey(interfaceId, serviceId));
  }

  /** The service's track, created (state unknown) for a service never listed. */
  track(interfaceId: InterfaceId, serviceId: ServiceId): ServiceTrack {
    const key = serviceKey(interfaceId, serviceId);
    let track = this.tracks.get(key);
    if (!track) {
      track = { interfaceId, serviceId, name: serviceDisplayName(serviceId), state: 'unknown' };
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

  set(track: ServiceTrack, to: SessionState): void {
    if (track.state === to) return;
    const from = track.state;
    track.state = to;
    this.emit({
      kind: 'session-state',
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
      if (track.interfaceId === interfaceId) this.set(track, 'unknown');
    }
  }
}
