/**
 * The native backend's device-service commands with a scripted stand-in for the addon: the command
 * session's state and MaxCommandSize as listed, each command call passed on, and what the addon
 * tells of command lists, responses and notifications.
 */
import { describe, expect, it, vi } from 'vitest';
import type { BackendEvent } from '../../../shared/model.js';
import { E_ACCESSDENIED, code, fakeAddon } from './support/fake-addon.js';

describe('NativeBackend, device-service commands', () => {
  const service = {
    serviceId: 's',
    dataReadSupported: false,
    dataWriteSupported: false,
    sessionHresult: 0,
    dataSessionOpen: false,
    commandSessionHresult: 0,
    commandSessionOpen: true,
    maxCommandSizeHresult: 0,
    maxCommandSize: 4096,
  };

  it('lists the command session state and MaxCommandSize, null where the service did not say', async () => {
    const { backend } = fakeAddon({
      services: {
        stage: '',
        hresult: 0,
        services: [
          service,
          {
            ...service,
            serviceId: 't',
            commandSessionHresult: E_ACCESSDENIED,
            maxCommandSizeHresult: E_ACCESSDENIED,
            maxCommandSize: 0,
          },
        ],
      },
    });
    const listed = await backend.listServices('a');
    expect(listed.map((s) => [s.commandSessionOpen, s.maxCommandSize])).toEqual([
      [true, 4096],
      [null, null],
    ]);
  });

  it('passes each command call on with its command ID and bytes, and refuses a bad ID', async () => {
    const { backend, calls } = fakeAddon({});
    await backend.querySupportedCommands('a', 's');
    await backend.openCommandSession('a', 's');
    await backend.queryCommand('a', 's', 0xffffffff, new Uint8Array(3));
    await backend.setCommand('a', 's', 0, new Uint8Array(0));
    await backend.closeCommandSession('a', 's');
    expect(calls).toEqual([
      'supported-commands a s',
      'open-command-session a s',
      'query a s 4294967295 3',
      'set a s 0 0',
      'close-command-session a s',
    ]);
    for (const bad of [-1, 1.5, 2 ** 32, Number.NaN, '1' as unknown as number])
      expect(await code(backend.queryCommand('a', 's', bad, new Uint8Array(1)))).toBe(
        'invalid-argument',
      );
    expect(await code(backend.setCommand('a', 's', 1, [1] as unknown as Uint8Array))).toBe(
      'invalid-argument',
    );
    expect(calls).toHaveLength(5);
  });

  it('carries listed command IDs, responses and notifications to listeners', () => {
    const { backend, emit } = fakeAddon({});
    const seen: BackendEvent[] = [];
    backend.onEvent((e) => seen.push(e));
    const base = { type: 'completion', interfaceId: 'a', serviceId: 's', status: 0 } as const;
    emit({ ...base, op: 'supported-commands', requestId: 1, commandIds: [1, 0xfffffffe] });
    emit({
      ...base,
      op: 'query',
      requestId: 2,
      response: { responseId: 5, data: Uint8Array.of(9) },
    });
    emit({
      type: 'event-notification',
      interfaceId: 'a',
      serviceId: 's',
      eventId: 3,
      data: Uint8Array.of(1, 2),
    });
    expect(seen).toEqual([
      { ...base, op: 'supported-commands', requestId: 1, commandIds: [1, 0xfffffffe] },
      { ...base, op: 'query', requestId: 2, response: { responseId: 5, data: Uint8Array.of(9) } },
      {
        type: 'event-notification',
        interfaceId: 'a',
        serviceId: 's',
        eventId: 3,
        data: Uint8Array.of(1, 2),
      },
    ]);
  });

  it('a command list of an unread element type is a completion without a list, and a warning', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const { backend, emit } = fakeAddon({});
      const seen: BackendEvent[] = [];
      backend.onEvent((e) => seen.push(e));
      emit({
        type: 'completion',
        op: 'supported-commands',
        interfaceId: 'a',
        serviceId: 's',
        status: 0,
        requestId: 4,
        commandListVartype: 8,
      });
      expect(seen).toEqual([
        {
          type: 'completion',
          op: 'supported-commands',
          interfaceId: 'a',
          serviceId: 's',
          status: 0,
          requestId: 4,
        },
      ]);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/VARTYPE 8.*VT_UI4 or VT_I4/);
    } finally {
      warn.mockRestore();
    }
  });
});
