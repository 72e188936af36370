/**
 * The window's services follow each list main tells (mbn:service-lists), its re-read after an
 * outage too: new services get a row, ones no longer listed lose theirs, except while a request
 * on one still waits.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestStory, ServiceRow } from '../../electron/ipc/contract';
import { serviceKey } from '../../shared/model';
import { onRequestChanges, onServiceLists } from '../../renderer/src/store/actions';
import { useApp } from '../../renderer/src/store/app-store';
import { goneWaiting } from '../../renderer/src/store/service-lists';

function row(serviceId: string, name: string): ServiceRow {
  return {
    interfaceId: 'dev',
    serviceId,
    name,
    dataReadSupported: true,
    dataWriteSupported: true,
    dataSessionOpen: false,
    commandSessionOpen: false,
    maxCommandSize: 4096,
    sessionState: 'closed',
    commandSessionState: 'closed',
    supportedCommands: null,
  };
}

function close(serviceId: string, outcome: RequestStory['outcome']): RequestStory {
  return {
    ref: 'r1',
    op: 'close',
    interfaceId: 'dev',
    serviceId,
    serviceName: serviceId,
    outcome,
    requestId: 1004,
    callHresult: '00000000',
    status: null,
    latencyMs: null,
    precondition: null,
    wentOverdue: outcome === 'overdue',
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

const KEPT = row('kept', 'Kept');
const OLD = row('old', 'Old');
const NEW = row('new', 'New');
const names = () => useApp.getState().services.dev?.map((s) => s.name);
const goneShown = () => {
  const state = useApp.getState();
  return goneWaiting(state.goneServices.dev, state.requests).map((s) => s.name);
};

describe('the services a device lists now', () => {
  beforeEach(() =>
    useApp.setState({
      services: { dev: [KEPT, OLD] },
      goneServices: {},
      requests: {},
      armed: null,
      commandsOpen: null,
    }),
  );

  it('gives a service listed anew its row and takes away the row of one no longer listed', () => {
    onServiceLists([{ interfaceId: 'dev', services: [{ ...KEPT, sessionState: 'unknown' }, NEW] }]);
    expect(names()).toEqual(['Kept', 'New']);
    expect(useApp.getState().services.dev?.[0]?.sessionState).toBe('unknown');
    expect(goneShown()).toEqual([]);
  });

  it('keeps a service no longer listed while its request waits, and only until it ends', () => {
    onRequestChanges([close('old', 'waiting')]);
    onServiceLists([{ interfaceId: 'dev', services: [KEPT, NEW] }]);
    expect(names()).toEqual(['Kept', 'New']);
    expect(goneShown()).toEqual(['Old']);
    onRequestChanges([close('old', 'overdue')]);
    expect(goneShown()).toEqual(['Old']);
    onRequestChanges([close('old', 'given-up')]);
    expect(goneShown()).toEqual([]);
  });

  it('forgets a service gone meanwhile when the device lists it again', () => {
    onRequestChanges([close('old', 'waiting')]);
    onServiceLists([{ interfaceId: 'dev', services: [KEPT] }]);
    onServiceLists([{ interfaceId: 'dev', services: [KEPT, OLD] }]);
    expect(names()).toEqual(['Kept', 'Old']);
    expect(goneShown()).toEqual([]);
  });

  it('folds away a confirmation and a Commands section of a service no longer listed', () => {
    const old = serviceKey('dev', 'old');
    useApp.setState({ armed: `${old}|close`, commandsOpen: old });
    onServiceLists([{ interfaceId: 'dev', services: [KEPT] }]);
    expect(useApp.getState()).toMatchObject({ armed: null, commandsOpen: null });
  });

  it('leaves another device’s rows and a kept service’s confirmation alone', () => {
    const kept = serviceKey('dev', 'kept');
    useApp.setState({ services: { dev: [KEPT, OLD], other: [NEW] }, armed: `${kept}|close` });
    onServiceLists([{ interfaceId: 'dev', services: [KEPT] }]);
    expect(useApp.getState().services.other?.map((s) => s.name)).toEqual(['New']);
    expect(useApp.getState().armed).toBe(`${kept}|close`);
  });
});
