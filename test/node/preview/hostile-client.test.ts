/**
 * A client that has passed the token and Origin checks and then misbehaves: bad frames, more
 * requests than it waits for, and not reading its answers. Whatever it does, only its own
 * connection suffers, and what it can make the server hold is bounded and freed when it goes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { IpcHost } from '../../../electron/ipc/ipc-host.js';
import {
  startPreviewServer,
  type PreviewSender,
  type PreviewServer,
} from '../../../electron/preview/preview-server.js';

interface StubHost {
  host: IpcHost<PreviewSender>;
  invoked: () => number;
  subscribers: () => number;
  /** Lets every `mbn:seek-log` waiting so far answer. */
  releaseSeeks: () => void;
  /** Sends an event batch to every connection, as the host's batcher does. */
  emit: (channel: string, batch: unknown) => void;
}

/** What JSON.stringify does with more text than one string can hold. */
const TOO_LARGE = {
  toJSON(): never {
    throw new RangeError('Invalid string length');
  },
};

/**
 * A host whose `mbn:list-devices` never answers, whose `mbn:seek-log` answers when released,
 * whose `mbn:read-saved-log` answer is too large for one string (a page of a log of huge lines),
 * and whose other answers are 100 kB each.
 */
function stubHost(): StubHost {
  let invoked = 0;
  const sinks = new Set<(channel: string, batch: unknown) => void>();
  const seeks: (() => void)[] = [];
  const host = {
    subscribe: (sink: (channel: string, batch: unknown) => void) => {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    invoke: (channel: string) => {
      invoked += 1;
      if (channel === 'mbn:list-devices') return new Promise(() => undefined);
      if (channel === 'mbn:seek-log')
        return new Promise((resolve) => seeks.push(() => resolve({ ok: true, value: 'seek' })));
      if (channel === 'mbn:read-saved-log') return Promise.resolve({ ok: true, value: TOO_LARGE });
      return Promise.resolve({ ok: true, value: 'x'.repeat(100_000) });
    },
  };
  return {
    host: host as unknown as IpcHost<PreviewSender>,
    invoked: () => invoked,
    subscribers: () => sinks.size,
    releaseSeeks: () => {
      for (const release of seeks.splice(0)) release();
    },
    emit: (channel, batch) => {
      for (const sink of sinks) sink(channel, batch);
    },
  };
}

let dir: string;
let server: PreviewServer;
let stub: StubHost;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'preview-hostile-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<html><head></head></html>');
  stub = stubHost();
  server = await startPreviewServer({
    host: stub.host,
    rendererDir: join(dir, 'renderer'),
    bridgeFile: join(dir, 'bridge.js'),
    limits: { maxInFlight: 4, maxBacklogBytes: 4096, maxBuffered: 512 * 1024 },
  });
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function connect(): Promise<WebSocket> {
  const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/ipc?token=${server.token}`, {
    headers: { Origin: server.origin },
  });
  return new Promise((resolve, reject) => {
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
  });
}

function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.on('close', (code) => resolve(code)));
}

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function rawSocket(ws: WebSocket): Socket {
  return (ws as unknown as { _socket: Socket })._socket;
}

/** A masked client frame, written straight to the socket so ws's own checks cannot stop it. */
function frame(firstByte: number, payload: Buffer, claimedLength = payload.length): Buffer {
  const header =
    claimedLength < 126
      ? Buffer.from([firstByte, 0x80 | claimedLength])
      : Buffer.concat([Buffer.from([firstByte, 0x80 | 127]), u64(claimedLength)]);
  return Buffer.concat([header, Buffer.alloc(4), payload]);
}

function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

const BAD_FRAMES: [string, Buffer][] = [
  ['over the size limit', frame(0x81, Buffer.alloc(0), 10 * 1024 * 1024)],
  ['invalid UTF-8', frame(0x81, Buffer.from([0xff, 0xfe, 0xfd]))],
  ['a reserved opcode', frame(0x83, Buffer.alloc(0))],
];

describe('a preview client that misbehaves', () => {
  it.each(BAD_FRAMES)('sending a frame %s loses only its own connection', async (_what, bad) => {
    const other = await connect();
    const attacker = await connect();
    const gone = closed(attacker);
    rawSocket(attacker).write(bad);
    expect(await gone).toBeGreaterThanOrEqual(1002);
    // The server is still there and still answers everyone else.
    const answer = new Promise<unknown>((resolve) =>
      other.on('message', (data: Buffer) => resolve(JSON.parse(data.toString()))),
    );
    other.send(JSON.stringify({ id: 1, channel: 'mbn:backend-info', payload: {} }));
    expect(await answer).toMatchObject({ id: 1, result: { ok: true } });
    await until(() => stub.subscribers() === 1);
    other.close();
  });

  it('cannot have more requests outstanding than the limit, however many it sends', async () => {
    const ws = await connect();
    const gone = closed(ws);
    for (let id = 1; id <= 200; id++)
      ws.send(JSON.stringify({ id, channel: 'mbn:list-devices', payload: {} }));
    // Requests that never complete: four are handled, a few wait, then it is cut off.
    expect(await gone).toBe(1008);
    expect(stub.invoked()).toBe(4);
    await until(() => stub.subscribers() === 0);
  });

  it('is forgotten when it goes while its requests are still outstanding', async () => {
    const ws = await connect();
    for (let id = 1; id <= 10; id++)
      ws.send(JSON.stringify({ id, channel: 'mbn:list-devices', payload: {} }));
    await until(() => stub.invoked() === 4);
    ws.terminate();
    await until(() => stub.subscribers() === 0);
  });

  it('is disconnected and forgotten when it stops reading its answers', async () => {
    const ws = await connect();
    rawSocket(ws).pause();
    for (let id = 1; id <= 400; id++)
      ws.send(JSON.stringify({ id, channel: 'mbn:read-journal', payload: {} }));
    // 400 answers of 100 kB would be 40 MB queued for it; it is dropped long before that.
    await until(() => stub.subscribers() === 0, 10_000);
    expect(stub.invoked()).toBeLessThan(400);
    ws.terminate();
  });

  it('gets its answer after messages that were no requests, however many waited before it', async () => {
    const ws = await connect();
    const answers: unknown[] = [];
    ws.on('message', (data: Buffer) => answers.push(JSON.parse(data.toString())));
    // Four requests fill the limit; then more junk waits than there are requests to end.
    for (let id = 1; id <= 4; id++)
      ws.send(JSON.stringify({ id, channel: 'mbn:seek-log', payload: {} }));
    for (let i = 0; i < 6; i++) ws.send('not json');
    ws.send(JSON.stringify({ id: 99, channel: 'mbn:backend-info', payload: {} }));
    await until(() => stub.invoked() === 4);
    stub.releaseSeeks();
    await until(() => answers.some((a) => (a as { id?: number }).id === 99));
    ws.close();
  });

  it('gets an error for an answer too large to send, and the server lives on', async () => {
    const ws = await connect();
    const answer = new Promise<unknown>((resolve) =>
      ws.on('message', (data: Buffer) => resolve(JSON.parse(data.toString()))),
    );
    ws.send(JSON.stringify({ id: 7, channel: 'mbn:read-saved-log', payload: {} }));
    expect(await answer).toMatchObject({
      id: 7,
      result: { ok: false, error: { code: 'internal', message: /too large/ } },
    });
    const other = await connect();
    const next = new Promise<unknown>((resolve) =>
      other.on('message', (data: Buffer) => resolve(JSON.parse(data.toString()))),
    );
    other.send(JSON.stringify({ id: 8, channel: 'mbn:backend-info', payload: {} }));
    expect(await next).toMatchObject({ id: 8, result: { ok: true } });
    ws.close();
    other.close();
  });

  it('is disconnected, and the server lives on, when an event is too large to send', async () => {
    const ws = await connect();
    const gone = closed(ws);
    stub.emit('mbn:search-progress', [TOO_LARGE]);
    expect(await gone).toBe(1008);
    const other = await connect();
    const next = new Promise<unknown>((resolve) =>
      other.on('message', (data: Buffer) => resolve(JSON.parse(data.toString()))),
    );
    other.send(JSON.stringify({ id: 9, channel: 'mbn:backend-info', payload: {} }));
    expect(await next).toMatchObject({ id: 9, result: { ok: true } });
    other.close();
  });
});
