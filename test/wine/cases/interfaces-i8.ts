/**
 * GetInterfaces answering an array whose elements are the size of a pointer but are not
 * interface pointers (VT_I8: the "interfaces-array i8" switch). The addon must look at the
 * element type before calling through an element; reading the numbers as IMbnInterface* ends the
 * process with an access violation. What JS gets instead: the probe fails in words, naming the
 * HRESULT, and the app can fall back to the simulator.
 */
import { tryCreateNativeBackend } from '../../../electron/backends/native/index.js';
import { assert, check, finish } from './harness.js';

await check(
  'an interface list of the wrong element type is refused, not called through',
  async () => {
    const result = await tryCreateNativeBackend();
    assert(!result.ok, 'the probe must fail');
    assert(result.reason.includes('0x80020008'), result.reason);
    return result.reason;
  },
);

finish();
