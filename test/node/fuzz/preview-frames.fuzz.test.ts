/**
 * Generated WebSocket frames and request envelopes against the preview server, from a client that
 * has passed the token and Origin checks. Whatever arrives: the process survives (an unhandled
 * error would fail this file), only the sender's connection may close, a well-formed request is
 * answered exactly once, and the server still answers everyone afterwards.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { REQUEST_CHANNELS } from '../../../electron/ipc/channels.js';
import { IpcHost } from '../../../electron/ipc/ipc-host.js';
import {
  startPreviewServer,
  type PreviewSender,
  type PreviewServer,
} from '../../../electron/preview/preview-server.js';
import { spyEngine } from '../ipc/spy-engine.js';
import { VALID } from '../ipc/malformed.js';
import { budget } from './fuzz-budget.js';

let dir: string;
let server: PreviewServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'preview-fuzz-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<html><head></head></html>');
  const host = new IpcHost<PreviewSender>({
    engine: spyEngine().engine,
    reason: '',
    timeoutMs: 1000,
    app: { name: 'mbn-diag', version: '0' },
    isTrustedSender: (s) => s.authenticated,
  });
  server = await startPreviewServer({
    host,
    rendererDir: join(dir, 'renderer'),
    bridgeFile: join(dir, 'bridge.js'),
  });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function connect(): Promise<WebSocket> {
  const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/ipc?token=${server.token}`, {
    headers: { Origin: server.origin },
  });
  ws.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('close', () => reject(new Error('refused')));
  });
}

/** Resolves with every message received until `ms` pass without one, or the socket closes. */
function messages(ws: WebSocket, ms = 40): Promise<unknown[]> {
  const got: unknown[] = [];
  return new Promise((resolve) => {
    let timer = setTimeout(() => resolve(got), ms);
    ws.on('message', (data: Buffer) => {
      got.push(JSON.parse(data.toString()));
      clearTimeout(timer);
      timer = setTimeout(() => resolve(got), ms);
    });
    ws.once('close', () => {
      clearTimeout(timer);
      resolve(got);
    });
  });
}

async function stillServes(): Promise<void> {
  const ws = await connect();
  const answers = messages(ws, 500);
  ws.send(JSON.stringify({ id: 424242, channel: 'mbn:backend-info', payload: {} }));
  expect(await answers).toContainEqual(
    expect.objectContaining({ id: 424242, result: expect.objectContaining({ ok: true }) }),
  );
  ws.close();
}

/** A client frame: FIN/RSV bits and opcode, a mask, a length that may lie, a payload. */
const frame = fc
  .record({
    first: fc.integer({ min: 0, max: 255 }),
    masked: fc.boolean(),
    payload: fc.uint8Array({ maxLength: 200 }),
    lengthForm: fc.constantFrom('true', 'short', 'long', 'lie'),
    claimed: fc.nat(),
  })
  .map(({ first, masked, payload, lengthForm, claimed }) => {
    const length = lengthForm === 'lie' ? claimed : payload.length;
    const header =
      lengthForm === 'short' || (lengthForm === 'true' && length < 126)
        ? Buffer.from([first, (masked ? 0x80 : 0) | Math.min(length, 125)])
        : lengthForm === 'long' || length > 0xffff
          ? Buffer.concat([Buffer.from([first, (masked ? 0x80 : 0) | 127]), u64(length)])
          : Buffer.concat([Buffer.from([first, (masked ? 0x80 : 0) | 126]), u16(length)]);
    return Buffer.concat([header, masked ? Buffer.from([1, 2, 3, 4]) : Buffer.alloc(0), payload]);
  });

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n & 0xffff);
  return b;
}
function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

const channel = fc.oneof(
  fc.constantFrom(...REQUEST_CHANNELS),
  fc.string({ maxLength: 70 }),
  fc.constantFrom('__proto__', 'constructor', 'mbn:log-rows', 'mbn:'),
);

const envelope = fc.oneof(
  // Well formed: a known or unknown channel, a valid or arbitrary payload.
  fc
    .record({
      id: fc.nat(),
      channel,
      payload: fc.oneof(fc.jsonValue(), fc.constantFrom(...Object.values(VALID))),
    })
    .map((m): { text: string; id: number | undefined } => ({ text: JSON.stringify(m), id: m.id })),
  // Anything else that is JSON, or is not.
  fc.jsonValue().map((v): { text: string; id: number | undefined } => ({
    text: JSON.stringify(v),
    id: undefined,
  })),
  fc.string({ maxLength: 300 }).map((text) => ({ text, id: undefined })),
  fc
    .constantFrom(
      '{"id":1,"channel":"mbn:list-devices","payload":{},"extra":1}',
      '{"id":-1,"channel":"mbn:list-devices","payload":{}}',
      '{"id":1e400,"channel":"mbn:list-devices","payload":{}}',
      '{"__proto__":{"id":1},"channel":"mbn:list-devices","payload":{}}',
      '[1,2,3]',
    )
    .map((text) => ({ text, id: undefined })),
);

describe('fuzz: the preview WebSocket', () => {
  it('survives any frame, losing at most the sender’s connection', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 4 }), async (frames) => {
        const ws = await connect();
        const done = messages(ws, 30);
        const socket = (ws as unknown as { _socket: Socket })._socket;
        for (const f of frames) socket.write(f);
        await done;
        ws.terminate();
      }),
      budget(150),
    );
    await stillServes();
  });

  it('answers each well-formed request exactly once and ignores everything else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(envelope, { minLength: 1, maxLength: 8 }), async (batch) => {
        const ws = await connect();
        const answers = messages(ws, 150);
        for (const m of batch) ws.send(m.text);
        const got = (await answers) as { id?: number; result?: { ok: boolean } }[];
        const valid = batch.filter(
          (m) =>
            m.id !== undefined &&
            (() => {
              const v = JSON.parse(m.text) as { channel: string };
              return typeof v.channel === 'string' && v.channel.length <= 64;
            })(),
        );
        const answered = got.filter((g) => g.id !== undefined).map((g) => g.id);
        expect(answered.sort()).toEqual(valid.map((m) => m.id).sort());
        for (const g of got) if (g.id !== undefined) expect(typeof g.result?.ok).toBe('boolean');
        ws.close();
      }),
      budget(80),
    );
    await stillServes();
  });
});
