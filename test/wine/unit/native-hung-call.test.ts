/**
 * A call the MBN service never returns from, past the call limit, with a stand-in addon whose
 * clients each have one "COM thread" (calls run one at a time; a hung one holds the rest): the
 * backend leaves that client for a new one, so later requests go through, and says so in words.
 * The real addon and its threads are tested under Wine (test/wine/cases/hung-call.ts).
 */
import { describe, expect, it } from 'vitest';
import { BackendError } from '../../../electron/backends/contract.js';
import type {
  AddonCallResult,
  AddonClient,
  AddonCloseResult,
  AddonEvent,
  AddonInterface,
  AddonInterfacesResult,
  AddonServicesResult,
  AddonStartResult,
} from '../../../electron/backends/native/addon-types.js';
import { NativeBackend } from '../../../electron/backends/native/native-backend.js';
import type { BackendEvent } from '../../../shared/model.js';

const closedError = () => Object.assign(new Error('closed'), { code: 'backend-closed' });

const iface = (interfaceId: string): AddonInterface => ({
  interfaceId,
  capsHresult: 0,
  manufacturer: 'M',
  model: 'X',
  firmware: 'F',
  deviceId: 'D',
  cellularClass: 1,
  dataClass: 0,
  readyStateHresult: 0,
  readyState: 1,
});

/** `hangs(call, n)`: whether that call ("close s") never returns on the n-th client made (0, 1…). */
function standIn(
  hangs: (call: string, client: number) => boolean,
  listing: { now: AddonInterface[] },
) {
  const clients: FakeClient[] = [];
  let nextRequestId = 100;
  class FakeClient implements AddonClient {
    closed = false;
    readonly calls: string[] = [];
    private readonly index = clients.length;
    /** The one COM thread: each call starts once the one before it has returned. */
    private thread: Promise<unknown> = Promise.resolve();
    private readonly pending = new Set<(error: Error) => void>();
    constructor(readonly emit: (event: AddonEvent) => void) {
      clients.push(this);
    }
    private run<T>(call: string, answer: () => T): Promise<T> {
      if (this.closed) return Promise.reject(closedError());
      return new Promise<T>((resolve, reject) => {
        this.pending.add(reject);
        this.thread = this.thread.then(() => {
          if (this.closed) return undefined;
          this.calls.push(call);
          if (hangs(call, this.index)) return new Promise(() => undefined);
          this.pending.delete(reject);
          resolve(answer());
          return undefined;
        });
      });
    }
    private session(call: string): Promise<AddonCallResult> {
      return this.run(call, () => ({
        stage: 'call' as const,
        hresult: 0,
        requestId: nextRequestId++,
        open: true,
      }));
    }
    start = (): Promise<AddonStartResult> => this.run('start', () => ({ hresult: 0, step: '' }));
    listInterfaces = (): Promise<AddonInterfacesResult> =>
      this.run('listInterfaces', () => ({ hresult: 0, interfaces: listing.now, unreadable: 0 }));
    listServices = (): Promise<AddonServicesResult> =>
      this.run('listServices', () => ({ stage: '' as const, hresult: 0, services: [] }));
    openDataSession = (_i: string, s: string) => this.session(`open ${s}`);
    closeDataSession = (_i: string, s: string) => this.session(`close ${s}`);
    writeData = (_i: string, s: string) => this.session(`write ${s}`);
    isDataSessionOpen = (_i: string, s: string) => this.session(`is-open ${s}`);
    querySupportedCommands = (_i: string, s: string) => this.session(`supported ${s}`);
    openCommandSession = (_i: string, s: string) => this.session(`open-command ${s}`);
    closeCommandSession = (_i: string, s: string) => this.session(`close-command ${s}`);
    queryCommand = (_i: string, s: string) => this.session(`query ${s}`);
    setCommand = (_i: string, s: string) => this.session(`set ${s}`);
    isCommandSessionOpen = (_i: string, s: string) => this.session(`is-command-open ${s}`);
    /** As the addon: rejects the calls not yet returned at once, never waits on a hung one. */
    close = (): Promise<AddonCloseResult> => {
      this.closed = true;
      for (const reject of this.pending) reject(closedError());
      this.pending.clear();
      return Promise.resolve({ released: true, threadStopped: false });
    };
  }
  return { MbnClient: FakeClient, clients };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: unknown) => (e instanceof BackendError ? `${e.code}: ${e.message}` : String(e)),
  );

const statuses = (seen: BackendEvent[]) =>
  seen.flatMap((e) => (e.type === 'backend-status' ? [`${e.available}: ${e.message}`] : []));

describe('NativeBackend, a call the MBN service never returns from', () => {
  it('leaves that connection for a new one: later requests go through it', async () => {
    const listing = { now: [iface('a')] };
    const { MbnClient, clients } = standIn((call) => call === 'close hung', listing);
    const backend = new NativeBackend(
      MbnClient,
      { kind: 'mbn', label: 'test', reason: 'test' },
      { callLimitMs: 50, heartbeatMs: 0 },
    );
    await backend.start();
    await backend.listDevices();
    const seen: BackendEvent[] = [];
    backend.onEvent((e) => seen.push(e));

    const hung = failure(backend.closeDataSession('a', 'hung'));
    const queued = failure(backend.openDataSession('a', 'other'));
    // While the old connection hung, device 'a' was unplugged and 'b' plugged in.
    listing.now = [iface('b')];
    expect(await hung).toMatch(
      /^unavailable: Close: the Windows Mobile Broadband service has not returned from this call in 0\.05 s and may be hung; mbn-diag stopped waiting and reconnected; later requests go through the new connection\.$/,
    );
    expect(await queued).toMatch(
      /^unavailable: Open was not sent: it waited behind a call the Windows Mobile Broadband service did not return from, and mbn-diag left that connection\. Try again/,
    );

    const next = await backend.openDataSession('b', 'other');
    expect(clients).toHaveLength(2);
    expect(clients[0]?.closed).toBe(true);
    expect(clients[1]?.calls).toEqual(['start', 'listInterfaces', 'open other']);
    expect(next.requestId).toBeGreaterThan(0);

    // Said in the journal's words, then the device list read again, as after an outage.
    expect(statuses(seen)).toEqual([
      expect.stringMatching(/^false: Close: .* may be hung\. mbn-diag left that connection/),
      expect.stringMatching(/^true: mbn-diag subscribed again on a new connection/),
    ]);
    expect(seen.filter((e) => e.type !== 'backend-status')).toEqual([
      { type: 'interface-removal', interfaceId: 'a' },
      { type: 'interface-arrival', interfaceId: 'b' },
    ]);

    // A late event from the connection left behind is dropped; the new one's arrive.
    const completion = (requestId: number): AddonEvent => ({
      type: 'completion',
      op: 'open',
      interfaceId: 'b',
      serviceId: 'other',
      status: 0,
      requestId,
    });
    seen.length = 0;
    clients[0]?.emit(completion(1));
    clients[1]?.emit(completion(next.requestId));
    expect(seen.map((e) => (e.type === 'completion' ? e.requestId : e.type))).toEqual([
      next.requestId,
    ]);
    await backend.close();
  });

  it('stops making new connections after three were left, and says so', async () => {
    const { MbnClient, clients } = standIn((call) => call === 'close hung', { now: [] });
    const backend = new NativeBackend(
      MbnClient,
      { kind: 'mbn', label: 'test', reason: 'test' },
      { callLimitMs: 30, heartbeatMs: 0 },
    );
    await backend.start();
    for (let i = 1; i <= 3; i++) {
      expect(await failure(backend.closeDataSession('a', 'hung'))).toMatch(/and reconnected/);
      expect(clients).toHaveLength(i + 1);
    }
    const fourth = await failure(backend.closeDataSession('a', 'hung'));
    expect(fourth).toMatch(
      /^unavailable: Close: .* may be hung; mbn-diag stopped waiting\. It has already left 3 connections behind .* and opens no more: later calls wait behind this one until it returns, or until mbn-diag is restarted\.$/,
    );
    // No fourth connection left: the next call waits behind the hung one, and says why.
    expect(await failure(backend.openDataSession('a', 'other'))).toMatch(
      /^unavailable: Open: .* already left 3 connections behind/,
    );
    expect(clients).toHaveLength(4);
    expect(clients.map((c) => c.closed)).toEqual([true, true, true, false]);
    await backend.close();
    expect(clients[3]?.closed).toBe(true);
  });

  it('says it is still reconnecting when the new connection does not subscribe in time either', async () => {
    const { MbnClient, clients } = standIn(
      (call, client) => call === 'close hung' || (call === 'start' && client === 1),
      { now: [] },
    );
    const backend = new NativeBackend(
      MbnClient,
      { kind: 'mbn', label: 'test', reason: 'test' },
      { callLimitMs: 30, heartbeatMs: 0 },
    );
    await backend.start();
    expect(await failure(backend.closeDataSession('a', 'hung'))).toMatch(
      /stopped waiting and is reconnecting; later requests go through the new connection once it answers\.$/,
    );
    // The next call waits behind the hung subscription (it never runs): that connection is left
    // in turn, and the one after goes through a third.
    expect(await failure(backend.openDataSession('a', 'other'))).toMatch(
      /^unavailable: Open: .* stopped waiting and reconnected/,
    );
    expect(clients).toHaveLength(3);
    expect(await backend.openDataSession('a', 'other')).toMatchObject({ hresult: 0 });
    expect(clients[2]?.calls).toEqual(['start', 'listInterfaces', 'open other']);
    await backend.close();
  });
});
