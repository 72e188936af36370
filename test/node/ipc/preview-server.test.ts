/**
 * The browser preview's guard: loopback only, a token on the WebSocket, the page's own origin,
 * and the Host header (DNS rebinding). Anything else never reaches the IPC host.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { IpcHost } from '../../../electron/ipc/ipc-host.js';
import {
  startPreviewServer,
  type PreviewSender,
  type PreviewServer,
} from '../../../electron/preview/preview-server.js';
import { spyEngine } from './spy-engine.js';

let dir: string;
let server: PreviewServer;
const spy = spyEngine();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'preview-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<html><head></head><body></body></html>');
  writeFileSync(join(dir, 'bridge.js'), '// bridge');
  const host = new IpcHost<PreviewSender>({
    engine: spy.engine,
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

function connect(query: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  const url = `${server.origin.replace('http', 'ws')}/ipc${query}`;
  const ws = new WebSocket(url, { headers: { Origin: server.origin, ...headers } });
  return new Promise((resolve) => {
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

describe('preview server', () => {
  it('listens on the loopback interface only', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toContain(`#token=${server.token}`);
  });

  it('refuses a WebSocket without the token, with a wrong one, from another origin or host', async () => {
    expect(await connect('')).toBe(401);
    expect(await connect('?token=wrong')).toBe(401);
    expect(await connect(`?token=${server.token}`, { Origin: 'http://evil.example' })).toBe(401);
    expect(await connect(`?token=${server.token}`, { Host: 'evil.example' })).toBe(401);
    expect(spy.calls()).toBe(0);
  });

  it('answers requests from the page that has the token', async () => {
    const ws = await connect(`?token=${server.token}`);
    if (typeof ws === 'number') throw new Error(`refused: ${ws}`);
    const answer = await new Promise<unknown>((resolve) => {
      ws.on('message', (data: Buffer) => resolve(JSON.parse(data.toString())));
      ws.send(JSON.stringify({ id: 7, channel: 'mbn:list-devices', payload: {} }));
    });
    expect(answer).toEqual({ id: 7, result: { ok: true, value: [] } });
    ws.close();
  });

  it('serves the renderer with the CSP and the bridge injected, and nothing outside it', async () => {
    const page = await fetch(`${server.origin}/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script src="./preview-bridge.js"></script>');
    expect((await fetch(`${server.origin}/preview-bridge.js`)).status).toBe(200);
    expect((await fetch(`${server.origin}/..%2f..%2fetc/passwd`)).status).toBe(404);
  });
});
