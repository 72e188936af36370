/**
 * A decoded command response as the Commands panel shows it: identifiers masked, wherever they
 * stand, until the technician chooses Show device IDs.
 */
import { describe, expect, it } from 'vitest';
import { shownFieldValue } from '../../renderer/src/components/decoded-value';

const IMEI = '359072061234567';

describe("a decoded response field's value on screen", () => {
  it('masks an identifier field as a device ID', () => {
    const field = { name: 'Device ID', value: IMEI, personal: 'device-id' as const };
    expect(shownFieldValue(field, false)).toBe('3590•••••••••67');
    expect(shownFieldValue(field, true)).toBe(IMEI);
  });

  it("masks an IMEI inside another field (a modem's hardware string) and keeps the rest", () => {
    const field = { name: 'Hardware', value: `EM7565 rev 3 IMEI ${IMEI}` };
    expect(shownFieldValue(field, false)).toBe('EM7565 rev 3 IMEI 3590•••••••••67');
    expect(shownFieldValue(field, true)).toBe(field.value);
    expect(shownFieldValue({ name: 'Hardware radio', value: 'On' }, false)).toBe('On');
  });
});
