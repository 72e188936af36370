/**
 * EnumerateDeviceServices answering S_OK with no array at all (the "services-null" switch): the
 * device lists no services. That is an empty list, and a call on one of its services is "no such
 * service", not a failure that "returned S_OK".
 */
import { assert, check, equal, expectBackendError, finish, openNative } from './harness.js';
import { NORMAL, U } from './unfriendly-ids.js';

await check('S_OK with a NULL array lists no services; a call finds no service', async () => {
  const backend = await openNative();
  try {
    equal((await backend.listServices(U)).length, 0, 'services listed');
    const refused = await expectBackendError(backend.openDataSession(U, NORMAL), 'unknown-service');
    assert(refused.includes(NORMAL), refused);
    return refused;
  } finally {
    await backend.close();
  }
});

finish();
