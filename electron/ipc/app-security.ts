/**
 * Electron-free pieces of the window's security: the Content-Security-Policy, which URLs the app
 * may show, and how an `app://` URL maps to a file of the built renderer (never outside it).
 * Kept apart from main.ts so they can be tested in plain Node.
 */
import { isAbsolute, join, normalize, relative, sep } from 'node:path';

/** The renderer is served from this scheme and host instead of file:// (Electron security #18). */
export const APP_SCHEME = 'app';
const APP_HOST = 'mbn-diag';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * Scripts, styles and everything else only from the app itself; no inline script, no eval, no
 * plugins, no framing. `connect-src` gains the preview's WebSocket when served by the preview.
 */
export function contentSecurityPolicy(connectSrc: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    ["connect-src 'self'", ...connectSrc].join(' '),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** True for URLs of the app's own pages: the only places the window may be. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The file under `root` that an app URL names, or null for anything outside it. */
export function resolveAppFile(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  return resolveUnder(root, new URL(url).pathname);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export function contentType(file: string): string {
  const dot = file.lastIndexOf('.');
  return (
    (dot >= 0 ? TYPES[file.slice(dot).toLowerCase()] : undefined) ?? 'application/octet-stream'
  );
}

/** The file under `root` that a URL path names, or null when it would escape `root`. */
export function resolveUnder(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = normalize(join(root, decoded === '/' ? 'index.html' : decoded));
  const rel = relative(root, file);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return file;
}
