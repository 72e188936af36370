/**
 * Read data and notifications the native backend had to drop (more than their budget waited for
 * the app): the words of the error record the engine journals where the gap is
 * (test/wine/unit/engine-native-events.test.ts shows the record in its place).
 */
import { describe, expect, it } from 'vitest';
import { droppedMessage } from '../../../electron/engine/backend-events.js';

describe('read-data-dropped', () => {
  const dropped = {
    type: 'read-data-dropped',
    reads: 512,
    bytes: 33_554_432,
    limitBytes: 32 * 1024 * 1024,
    services: [],
    lostWithService: 0,
    lostWithServiceBytes: 0,
  } as const;
  const STREAM = { interfaceId: '{F0}', serviceId: 'f1' };
  const SMS = { interfaceId: '{F0}', serviceId: '53' };
  const names = new Map([
    ['f1', 'Sierra diagnostics stream'],
    ['53', 'SMS'],
  ]);
  const nameOf = (_: string, serviceId: string): string => names.get(serviceId) ?? serviceId;

  it('says how many reads and bytes, and why', () => {
    expect(droppedMessage(dropped, nameOf)).toBe(
      '512 reads (33,554,432 bytes) of device-service data dropped here. The app fell behind ' +
        'the device and 32 MiB of read data was already waiting',
    );
    expect(droppedMessage({ ...dropped, reads: 1, bytes: 1 }, nameOf)).toContain('1 read (1 byte)');
  });

  it('names the service whose data has the gap', () => {
    const one = { ...dropped, services: [{ ...STREAM, reads: 512, bytes: 33_554_432 }] };
    expect(droppedMessage(one, nameOf)).toContain(
      '512 reads (33,554,432 bytes) of device-service data dropped here, all of Sierra ' +
        'diagnostics stream. The app fell behind',
    );
  });

  it('names each service and its share when several lost data, and reads it could not name', () => {
    const several = {
      ...dropped,
      services: [
        { ...STREAM, reads: 500, bytes: 32_768_000 },
        { ...SMS, reads: 10, bytes: 786_432 },
        { interfaceId: null, serviceId: null, reads: 2, bytes: 0 },
      ],
    };
    expect(droppedMessage(several, nameOf)).toContain(
      'dropped here: Sierra diagnostics stream 500 reads (32,768,000 bytes), SMS 10 reads ' +
        '(786,432 bytes), a service not named 2 reads (0 bytes). The app fell behind',
    );
  });
});

// A device's notifications come unasked and without limit too; a flood of them past their
// budget was queued whole, the app's memory growing without bound.
describe('event-notifications-dropped', () => {
  const nameOf = (_: string, serviceId: string): string => (serviceId === '53' ? 'SMS' : serviceId);
  it('says how many notifications and bytes, whose, and why', () => {
    const dropped = {
      type: 'event-notifications-dropped',
      notifications: 900,
      bytes: 58_982_400,
      limitBytes: 16 * 1024 * 1024,
      services: [{ interfaceId: '{F0}', serviceId: '53', notifications: 900, bytes: 58_982_400 }],
      lostWithService: 0,
      lostWithServiceBytes: 0,
    } as const;
    expect(droppedMessage(dropped, nameOf)).toBe(
      '900 notifications (58,982,400 bytes) from the device dropped here, all of SMS. The app ' +
        'fell behind the device and 16 MiB of notifications were already waiting',
    );
  });
});

// Accepted, then lost undelivered: their service went while the addon still asked the service
// object its IDs. Not the app falling behind, so not said as a drop; yet the journal must not look
// complete.
describe('events lost with their service', () => {
  const nameOf = (_: string, serviceId: string): string => serviceId;
  const notifications = {
    type: 'event-notifications-dropped',
    notifications: 0,
    bytes: 0,
    limitBytes: 16 * 1024 * 1024,
    services: [],
    lostWithService: 256,
    lostWithServiceBytes: 16_777_216,
  } as const;

  it('says them alone, and why, when none was dropped over the budget', () => {
    expect(droppedMessage(notifications, nameOf)).toBe(
      '256 notifications (16,777,216 bytes) from the device lost here: the app let go of their ' +
        'service (the MBN service lost, or connected to again) while still asking which service ' +
        'they came from',
    );
    expect(
      droppedMessage(
        { ...notifications, type: 'read-data-dropped', reads: 0, lostWithService: 1 },
        nameOf,
      ),
    ).toBe(
      '1 read (16,777,216 bytes) of device-service data lost here: the app let go of its service ' +
        '(the MBN service lost, or connected to again) while still asking which service it came ' +
        'from',
    );
  });

  it('says them after the drops of the same place, apart from them', () => {
    const both = { ...notifications, notifications: 768, bytes: 50_331_648 };
    expect(droppedMessage(both, nameOf)).toBe(
      '768 notifications (50,331,648 bytes) from the device dropped here. The app fell behind ' +
        'the device and 16 MiB of notifications were already waiting. 256 more notifications ' +
        '(16,777,216 bytes) were lost here: the app let go of their service (the MBN service ' +
        'lost, or connected to again) while still asking which service they came from',
    );
  });
});
