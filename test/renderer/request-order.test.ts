import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestView } from '../../electron/ipc/contract';
import { serviceKey } from '../../renderer/src/format';
import { onRequestChanges } from '../../renderer/src/store/actions';
import { useApp } from '../../renderer/src/store/app-store';

function view(ref: string, state: RequestView['state']): RequestView {
  return {
    ref,
    op: 'close',
    interfaceId: 'dev',
    serviceId: 'svc',
    serviceName: 'Phonebook',
    state,
    requestId: state === 'calling' ? null : 1004,
    hresult: null,
    status: null,
    latencyMs: null,
    late: false,
    precondition: null,
  };
}
const shown = () => useApp.getState().requests[serviceKey('dev', 'svc')];

describe('the request a service row shows', () => {
  beforeEach(() => useApp.setState({ requests: {} }));

  it('is not set back to "sending" when the calling event arrives after the answer', () => {
    onRequestChanges([view('r3', 'pending')]);
    onRequestChanges([view('r3', 'calling')]);
    expect(shown()?.state).toBe('pending');
    expect(shown()?.requestId).toBe(1004);
  });

  it('moves on to overdue and then to a late outcome', () => {
    onRequestChanges([view('r3', 'calling'), view('r3', 'pending'), view('r3', 'overdue')]);
    expect(shown()?.state).toBe('overdue');
    onRequestChanges([{ ...view('r3', 'succeeded'), late: true }]);
    expect(shown()).toMatchObject({ state: 'succeeded', late: true });
  });

  it('shows the newest request of the service', () => {
    onRequestChanges([view('r3', 'succeeded')]);
    onRequestChanges([view('r4', 'calling')]);
    expect(shown()?.ref).toBe('r4');
    onRequestChanges([view('r3', 'failed')]);
    expect(shown()?.ref).toBe('r4');
  });
});
