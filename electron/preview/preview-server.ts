/**
 * The browser preview: serves the built renderer over HTTP and carries IPC over a WebSocket, both
 * on the loopback interface only. The WebSocket is guarded by a random token (given to the page
 * in the URL fragment, which browsers never send to servers), by the Origin header, and by the
 * Host header against DNS rebinding. For development and tests only: never packaged.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { contentSecurityPolicy, contentType, resolveUnder } from '../ipc/app-security.js';
import type { IpcHost } from '../ipc/ipc-host.js';
import {
  DEFAULT_LIMITS,
  serveConnection,
  type ConnectionLimits,
  type PreviewSender,
} from './preview-connection.js';
import { BRIDGE_FILE, IPC_PATH, TOKEN_PARAM } from './protocol.js';

export type { PreviewSender } from './preview-connection.js';

export interface PreviewServerOptions {
  host: IpcHost<PreviewSender>;
  rendererDir: string;
  /** The bundled bridge that gives the page its `window.mbnDiag`. */
  bridgeFile: string;
  port?: number;
  token?: string;
  /** What one connection may have outstanding and queued (tests lower them). */
  limits?: ConnectionLimits;
}

export interface PreviewServer {
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const MAX_MESSAGE = 64 * 1024;

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const csp = contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE });

  server.on('request', (req, res) => {
    if (allowedHosts.has(req.headers.host ?? '')) void serveFile(options, req, res, csp);
    else reply(res, 421, 'Wrong host.');
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Detached from the HTTP server here: a reset before the handshake must not end the process.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', origin);
    const originOk =
      req.headers.origin === origin || req.headers.origin === `http://localhost:${port}`;
    if (
      url.pathname !== IPC_PATH ||
      !allowedHosts.has(req.headers.host ?? '') ||
      !originOk ||
      !sameSecret(url.searchParams.get(TOKEN_PARAM), token)
    ) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) =>
      serveConnection(ws, options.host, options.limits ?? DEFAULT_LIMITS),
    );
  });

  return {
    url: `${origin}/#${TOKEN_PARAM}=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serveFile(
  options: PreviewServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
  csp: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    reply(res, 405, 'GET only.');
    return;
  }
  const pathname = new URL(req.url ?? '/', 'http://x').pathname;
  const file =
    pathname === `/${BRIDGE_FILE}`
      ? options.bridgeFile
      : resolveUnder(options.rendererDir, pathname);
  let body: Buffer | undefined;
  try {
    if (file) body = await readFile(file);
  } catch {
    body = undefined;
  }
  if (!file || !body) {
    reply(res, 404, 'Not found.');
    return;
  }
  if (file.endsWith('index.html')) body = Buffer.from(injectBridge(body.toString('utf8')));
  res.writeHead(200, {
    'Content-Type': contentType(file),
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The bridge must run before the app's module script, so it goes first in <head>. */
function injectBridge(html: string): string {
  return html.replace('<head>', `<head>\n    <script src="./${BRIDGE_FILE}"></script>`);
}

function reply(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
