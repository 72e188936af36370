/**
 * The object dropped without close(): calls and a read stream in flight, the backend forgotten,
 * and the process left to end by itself. The addon's env cleanup hook must unadvise and release
 * everything; the runner checks the exit code and the fake's counters at process exit.
 */
import type { MbnBackend } from '../../../electron/backends/contract.js';
import { Recorder, assert, check, finish, openNative, report, waitFor } from './harness.js';

const E = '{E0E0E0E0-0000-4000-8000-00000000000E}';
const S = 'abababab-abab-4bab-8bab-abababababab';

let backend: MbnBackend | undefined;

await check('in flight, then dropped without close()', async () => {
  backend = await openNative();
  const rec = new Recorder(backend);
  assert(await waitFor(() => rec.ofType('read-data').length > 20, 5000), 'stream flowing');
  const results = await Promise.all(
    Array.from({ length: 50 }, () =>
      (backend as MbnBackend).writeData(E, S, new Uint8Array([9, 9])),
    ),
  );
  assert(
    results.every((r) => r.hresult === 0),
    'all writes accepted',
  );
  backend = undefined;
  return undefined;
});

report('reachedEnd', true);
finish();
// Nothing keeps the event loop alive now: the process must end on its own, cleanly.
