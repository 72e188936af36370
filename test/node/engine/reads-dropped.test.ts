/**
 * Read data the native backend had to drop (more than its budget waited for the app): the words of
 * the error record the engine journals where the gap is (test/wine/unit/engine-native-events.test.ts
 * shows the record in its place).
 */
import { describe, expect, it } from 'vitest';
import { readsDroppedMessage } from '../../../electron/engine/backend-events.js';

describe('read-data-dropped', () => {
  const dropped = {
    type: 'read-data-dropped',
    reads: 512,
    bytes: 33_554_432,
    limitBytes: 32 * 1024 * 1024,
  } as const;

  it('says how many reads and bytes, and why', () => {
    expect(readsDroppedMessage(dropped)).toBe(
      '512 reads (33,554,432 bytes) of device-service data dropped here: the app fell behind ' +
        'the device and 32 MiB of read data was already waiting',
    );
    expect(readsDroppedMessage({ ...dropped, reads: 1, bytes: 1 })).toContain('1 read (1 byte)');
  });
});
