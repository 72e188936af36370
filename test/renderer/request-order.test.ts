import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestStory } from '../../electron/ipc/contract';
import { serviceKey } from '../../shared/model';
import { onRequestChanges } from '../../renderer/src/store/actions';
import { useApp } from '../../renderer/src/store/app-store';

function view(ref: string, outcome: RequestStory['outcome']): RequestStory {
  return {
    ref,
    op: 'close',
    interfaceId: 'dev',
    serviceId: 'svc',
    serviceName: 'Phonebook',
    outcome,
    requestId: outcome === 'sending' ? null : 1004,
    callHresult: null,
    status: null,
    latencyMs: null,
    precondition: null,
    wentOverdue: false,
    givenUp: false,
    givenUpAfterMs: null,
    overtook: false,
    strayCompletions: 0,
    abandonReason: null,
    errorMessage: null,
    commandId: null,
    commandListed: null,
    sentData: null,
    commandIds: null,
    response: null,
  };
}
const shown = () => useApp.getState().requests[serviceKey('dev', 'svc')];

describe('the request a service row shows', () => {
  beforeEach(() => useApp.setState({ requests: {} }));

  it('is not set back to "sending" when the calling event arrives after the answer', () => {
    onRequestChanges([view('r3', 'waiting')]);
    onRequestChanges([view('r3', 'sending')]);
    expect(shown()?.outcome).toBe('waiting');
    expect(shown()?.requestId).toBe(1004);
  });

  it('moves on to overdue and then to a late outcome', () => {
    onRequestChanges([view('r3', 'sending'), view('r3', 'waiting'), view('r3', 'overdue')]);
    expect(shown()?.outcome).toBe('overdue');
    onRequestChanges([view('r3', 'late')]);
    expect(shown()).toMatchObject({ outcome: 'late' });
  });

  it('shows the newest request of the service', () => {
    onRequestChanges([view('r3', 'succeeded')]);
    onRequestChanges([view('r4', 'sending')]);
    expect(shown()?.ref).toBe('r4');
    onRequestChanges([view('r3', 'failed')]);
    expect(shown()?.ref).toBe('r4');
  });
});
