/**
 * The HRESULTs that mean "the MBN service is gone" live twice: in the addon, which drops the
 * dead objects and sends service-lost for the calls it makes itself (native/src/mbn_core.cc,
 * IsServiceGone), and in the backend, which reads the HRESULTs calls answer and runs the
 * heartbeat (electron/backends/native/addon-errors.ts). If one knew a code the other did not, a
 * stop of wwansvc would be recovered from on one path and not the other. C++ and TypeScript
 * cannot share one list, so this test reads the C++ one and compares.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SERVICE_GONE_HRESULTS,
  isServiceGone,
} from '../../../electron/backends/native/addon-errors.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function nativeList(): number[] {
  const source = readFileSync(join(ROOT, 'native', 'src', 'mbn_core.cc'), 'utf8');
  const body = /bool IsServiceGone\(HRESULT hr\) \{([\s\S]*?)\n\}/.exec(source)?.[1];
  if (!body) throw new Error('IsServiceGone not found in mbn_core.cc');
  return [...body.matchAll(/case 0x([0-9A-Fa-f]{8})u:/g)].map((m) =>
    Number.parseInt(m[1] ?? '', 16),
  );
}

describe('service-gone HRESULTs', () => {
  it('the addon and the backend know the same codes', () => {
    const native = nativeList();
    expect(native.length).toBeGreaterThan(0);
    expect([...native].sort()).toEqual([...SERVICE_GONE_HRESULTS].sort());
  });

  it('a stop or restart of wwansvc counts, not only its process dying', () => {
    for (const code of [0x80070426, 0x800706d9, 0x80070422]) {
      expect(isServiceGone(code)).toBe(true);
      expect(isServiceGone(code | 0)).toBe(true); // as a signed 32-bit number
    }
    expect(isServiceGone(0x80070005)).toBe(false);
  });
});
