import { beforeEach, describe, expect, it } from 'vitest';
import type { LogRow, RequestStory, ServiceRow } from '../../electron/ipc/contract';
import { serviceKey } from '../../shared/model';
import { onRequestChanges } from '../../renderer/src/store/actions';
import { useApp } from '../../renderer/src/store/app-store';
import { commandSessionPatch } from '../../renderer/src/store/command-state';

const row: ServiceRow = {
  interfaceId: 'dev',
  serviceId: 'svc',
  name: 'Vendor',
  dataReadSupported: false,
  dataWriteSupported: false,
  dataSessionOpen: null,
  commandSessionOpen: false,
  maxCommandSize: 4096,
  sessionState: 'unknown',
  commandSessionState: 'closed',
  supportedCommands: null,
};

function story(ref: string, patch: Partial<RequestStory>): RequestStory {
  return {
    ref,
    op: 'query',
    interfaceId: 'dev',
    serviceId: 'svc',
    serviceName: 'Vendor',
    outcome: 'succeeded',
    requestId: 1,
    callHresult: '00000000',
    status: '00000000',
    latencyMs: 40,
    precondition: null,
    wentOverdue: false,
    givenUp: false,
    givenUpAfterMs: null,
    overtook: false,
    strayCompletions: 0,
    abandonReason: null,
    errorMessage: null,
    commandId: 1,
    commandListed: true,
    sentData: '',
    commandIds: null,
    response: null,
    ...patch,
  };
}

const key = serviceKey('dev', 'svc');

describe('the command half of a service in the window', () => {
  beforeEach(() => useApp.setState({ services: { dev: [row] }, requests: {}, commandResults: {} }));

  it('takes the listed commands from the supported-commands completion', () => {
    onRequestChanges([story('r1', { op: 'supported-commands', commandIds: [1, 2, 7] })]);
    expect(useApp.getState().services.dev?.[0]?.supportedCommands).toEqual([1, 2, 7]);
  });

  it('keeps the newest query’s response in view after a later non-command request', () => {
    const response = { responseId: 1, byteLength: 4, data: '29000000' };
    onRequestChanges([story('r2', { response })]);
    onRequestChanges([story('r3', { op: 'open-command-session', commandId: null })]);
    expect(useApp.getState().commandResults[key]).toMatchObject({ ref: 'r2', response });
    expect(useApp.getState().requests[key]?.ref).toBe('r3');
  });

  it('moves the command session with its journal records', () => {
    const record = {
      kind: 'command-session-state',
      interfaceId: 'dev',
      serviceId: 'svc',
      serviceName: 'Vendor',
      from: 'opening',
      to: 'open',
    } as unknown as LogRow['record'];
    const patch = commandSessionPatch(useApp.getState(), [{ record } as LogRow]);
    expect(patch.services?.dev?.[0]?.commandSessionState).toBe('open');
  });
});
