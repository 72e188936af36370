// The MBIM suite: the emulator judged by the real mbimcli and mbim-proxy (libmbim), the backend's
// request bytes compared with mbimcli's, the conformance plan on the MBIM backend, and its
// captures read by the real tshark. Shape: { name, missing(), run() } as scripts/test.mjs expects.
import { existsSync } from 'node:fs';
import { runVitest, which } from '../../scripts/test/run-command.mjs';

const PROXY_PATHS = [
  '/usr/libexec/mbim-proxy',
  '/usr/lib/libmbim/mbim-proxy',
  '/usr/lib/mbim-proxy',
];

/** null when everything is there, else what is missing and how to get it. */
export function missingTools() {
  const missing = [];
  if (!which('mbimcli')) missing.push('mbimcli');
  if (!PROXY_PATHS.some((p) => existsSync(p))) missing.push('mbim-proxy');
  if (!which('tshark')) missing.push('tshark');
  if (!which('python3')) missing.push('python3');
  if (!missing.length) return null;
  return `${missing.join(', ')} not found. On Debian/Ubuntu: apt-get install -y libmbim-utils tshark python3`;
}

export default {
  name: 'mbim',
  missing: async () => missingTools(),
  run: () => runVitest('mbim', ['--config', 'test/mbim/vitest.config.ts']),
};
