/**
 * Dropped without close() while a 100,000-event read burst is still pouring in: the process must
 * end by itself, cleanly, although events are still queued for JS as Node tears its environment
 * down (when JS can no longer be called).
 */
import type { MbnBackend } from '../../../electron/backends/contract.js';
import { assert, check, finish, openNative, report, waitFor } from './harness.js';

const F = '{F0F0F0F0-0000-4000-8000-00000000000F}';
const S = 'cdcdcdcd-cdcd-4dcd-8dcd-cdcdcdcdcdcd';

let backend: MbnBackend | undefined;

await check('a read burst in full flow, then dropped without close()', async () => {
  backend = await openNative();
  let reads = 0;
  backend.onEvent((e) => {
    if (e.type === 'read-data') reads++;
  });
  const opened = await backend.openDataSession(F, S);
  assert(opened.hresult === 0, 'open accepted');
  assert(await waitFor(() => reads > 1000, 10_000), 'burst flowing');
  backend = undefined;
  return `${reads} read events before the drop`;
});

report('reachedEnd', true);
finish();
