import { describe, expect, it } from 'vitest';
import { deviceName, deviceNames } from '../../../shared/device-name.js';

const SIERRA = '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}';
const SIERRA_2 = '{0C9D7E11-2A3B-4C5D-8E9F-A0B1C2D3E4F5}';
const QUECTEL = '{B7D04E92-3C51-4A8F-8E26-9F1A4D6C2B30}';
const IMEI = '359072061234567';

describe('one name for one modem', () => {
  it('is the model and the end of the interface ID, the same whatever other modems are seen', () => {
    const names = deviceNames([
      { interfaceId: SIERRA, model: 'EM7565' },
      { interfaceId: QUECTEL, model: 'EM120R-GL' },
    ]);
    expect(names.get(SIERRA)).toBe('EM7565 (…8E47)');
    expect(names.get(QUECTEL)).toBe('EM120R-GL (…2B30)');
    expect(deviceName({ interfaceId: SIERRA, model: 'EM7565' })).toBe('EM7565 (…8E47)');
  });

  it('tells two of one model apart by the end of their interface IDs', () => {
    const names = deviceNames([
      { interfaceId: SIERRA, model: 'EM7565' },
      { interfaceId: SIERRA_2, model: 'em7565' },
    ]);
    expect(names.get(SIERRA)).toBe('EM7565 (…8E47)');
    expect(names.get(SIERRA_2)).toBe('em7565 (…E4F5)');
  });

  it('reads longer ends where four characters are shared', () => {
    const names = deviceNames([
      { interfaceId: '{00000000-0000-4000-8000-0000000A8E47}', model: 'EM7565' },
      { interfaceId: SIERRA, model: 'EM7565' },
    ]);
    expect(names.get(SIERRA)).toBe('EM7565 (…D8E47)');
  });

  it('calls a modem of unknown model so, with its end, never a bare GUID', () => {
    expect(deviceName({ interfaceId: SIERRA, model: null })).toBe('unknown model (…8E47)');
    expect(deviceName({ interfaceId: SIERRA, model: '  ' })).toBe('unknown model (…8E47)');
  });

  it('never shows an IMEI inside the interface ID, nor the token an export put there', () => {
    const raw = `USB\\VID_1199&PID_9091\\6&${IMEI}`;
    const redacted = 'USB\\VID_1199&PID_9091\\6&IMEI-1';
    const other = 'USB\\VID_1199&PID_9091\\7&IMEI-2';
    const live = deviceNames([
      { interfaceId: raw, model: 'EM7565' },
      { interfaceId: `USB\\VID_1199&PID_9091\\7&359072061234575`, model: 'EM7565' },
    ]).get(raw);
    const exported = deviceNames([
      { interfaceId: redacted, model: 'EM7565' },
      { interfaceId: other, model: 'EM7565' },
    ]).get(redacted);
    expect(live).toBe('EM7565 (…0916)');
    expect(exported).toBe(live);
    expect(live).not.toMatch(/4567|IMEI/);
  });

  it('never shows a device ID no digit rule finds (a hex ESN) through the interface ID', () => {
    const name = deviceName({
      interfaceId: 'USB\\VID_1199\\8&80A1B2C3',
      model: '',
      deviceId: '80A1B2C3',
    });
    expect(name).not.toMatch(/B2C3|80A1/);
  });

  it('finds a hex device ID in either case, and leaves a name alone for one too short to hide', () => {
    const lower = deviceName({
      interfaceId: 'USB\\VID_1199\\8&80a1b2c3',
      model: 'EM7565',
      deviceId: '80A1B2C3',
    });
    expect(lower).not.toMatch(/b2c3/i);
    expect(deviceName({ interfaceId: QUECTEL, model: 'EM120R-GL', deviceId: '1' })).toBe(
      'EM120R-GL (…2B30)',
    );
  });

  it('leaves identifiers out of a model that carries one', () => {
    expect(deviceName({ interfaceId: SIERRA, model: `EM7565 IMEI:${IMEI}` })).toBe(
      'EM7565 IMEI: (…8E47)',
    );
    expect(deviceName({ interfaceId: SIERRA, model: 'EM7565 IMEI:IMEI-1' })).toBe(
      'EM7565 IMEI: (…8E47)',
    );
  });

  it('numbers modems whose interface IDs are all identifier', () => {
    const names = deviceNames([
      { interfaceId: IMEI, model: 'EM7565' },
      { interfaceId: '359072061234575', model: 'EM7565' },
    ]);
    expect(names.get(IMEI)).toBe('EM7565 (#1)');
    expect(names.get('359072061234575')).toBe('EM7565 (#2)');
  });
});
