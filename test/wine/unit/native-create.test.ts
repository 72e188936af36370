/**
 * tryCreateNativeBackend: what it says where there is no MBN service, no addon or no usable one,
 * and a service that never answers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tryCreateNativeBackend } from '../../../electron/backends/native/index.js';

describe('tryCreateNativeBackend', () => {
  it.skipIf(process.platform === 'win32')(
    'says in plain words that there is no MBN service here',
    async () => {
      const saved = process.env.MBN_DIAG_ADDON;
      delete process.env.MBN_DIAG_ADDON;
      try {
        const result = await tryCreateNativeBackend();
        expect(result).toEqual({
          ok: false,
          reason: `The Windows Mobile Broadband service does not exist on ${process.platform}.`,
        });
      } finally {
        if (saved !== undefined) process.env.MBN_DIAG_ADDON = saved;
      }
    },
  );

  it('says the addon is missing when the path given does not exist', async () => {
    const result = await tryCreateNativeBackend({ addonPath: '/nonexistent/mbn_diag.node' });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/not built.*nonexistent/);
  });

  it('says the addon is not an addon when the file cannot be loaded', async () => {
    const result = await tryCreateNativeBackend({ addonPath: 'package.json' });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/not the mbn-diag addon|could not be loaded/);
  });

  /** A stand-in addon file (a CommonJS module loads like a `.node` one) with this MbnClient body. */
  function withAddon<T>(clientBody: string, run: (path: string) => Promise<T>): Promise<T> {
    const dir = mkdtempSync(join(tmpdir(), 'mbn-addon-'));
    const path = join(dir, 'mbn_diag.cjs');
    writeFileSync(
      path,
      `let closes = 0;
class MbnClient { ${clientBody} }
module.exports = { platformSupported: true, MbnClient, counters: () => ({ closes }) };`,
    );
    return run(path).finally(() => {
      rmSync(dir, { recursive: true, force: true });
    });
  }

  it('gives up on an MBN service that never answers, closes the client, and says so', async () => {
    await withAddon(
      `constructor() { this.closed = false; }
       start() { return new Promise(() => undefined); }
       close() { closes++; this.closed = true; return Promise.resolve({ released: true, threadStopped: false }); }`,
      async (path) => {
        const started = Date.now();
        const result = await tryCreateNativeBackend({ addonPath: path, probeLimitMs: 100 });
        expect(Date.now() - started).toBeLessThan(2000);
        expect(result.ok ? '' : result.reason).toMatch(
          /did not answer within 0\.1 s \(subscribing to it and listing its interfaces\)/,
        );
        // The same module instance the backend loaded (Node's require cache, not vitest's).
        const { counters } = createRequire(path)(path) as { counters: () => { closes: number } };
        expect(counters().closes).toBe(1);
      },
    );
  });

  it('reports an addon whose client cannot be made, instead of rejecting', async () => {
    await withAddon(
      `constructor() { throw new Error('cannot create the COM thread'); }`,
      async (path) => {
        const result = await tryCreateNativeBackend({ addonPath: path });
        expect(result.ok ? '' : result.reason).toMatch(
          /could not start: cannot create the COM thread/,
        );
      },
    );
  });
});
