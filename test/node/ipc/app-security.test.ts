import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  isAppUrl,
  resolveAppFile,
} from '../../../electron/ipc/app-security.js';

describe('app security helpers', () => {
  it('allows scripts and styles only from the app itself', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('knows the app origin from everything else', () => {
    expect(isAppUrl('app://mbn-diag/index.html')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'https://mbn-diag/',
      'app://evil/index.html',
      'nonsense',
    ])
      expect(isAppUrl(url)).toBe(false);
  });

  it('maps app URLs into the renderer directory and never outside it', () => {
    expect(resolveAppFile('/r', 'app://mbn-diag/')).toBe('/r/index.html');
    expect(resolveAppFile('/r', 'app://mbn-diag/assets/a.js')).toBe('/r/assets/a.js');
    // The URL parser folds %2e%2e away: what is left stays inside the renderer directory.
    expect(resolveAppFile('/r', 'app://mbn-diag/%2e%2e/%2e%2e/etc/passwd')).toBe('/r/etc/passwd');
    expect(resolveAppFile('/r', 'app://mbn-diag/..%2f..%2fetc/passwd')).toBeNull();
    expect(resolveAppFile('/r', 'app://mbn-diag/a%00.js')).toBeNull();
    expect(resolveAppFile('/r', 'file:///r/index.html')).toBeNull();
  });
});
