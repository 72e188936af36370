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
}

/** A host whose `mbn:list-devices` never answers and whose other answers are 100 kB each. */
function stubHost(): StubHost {
  let invoked = 0;
  let subscribers = 0;
  const host = {
    subscribe: () => {
      subscribers += 1;
      return () => {
        subscribers -= 1;
      };
    },
    invoke: (channel: string) => {
      invoked += 1;
      return channel === 'mbn:list-devices'
        ? new Promise(() => undefined)
        : Promise.resolve({ ok: true, value: 'x'.repeat(100_000) });
    },
  };
  return {
    host: host as unknown as IpcHost<PreviewSender>,
    invoked: () => invoked,
    subscribers: () => subscribers,
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
});
