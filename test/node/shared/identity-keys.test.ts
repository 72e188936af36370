import { describe, expect, it } from 'vitest';
import { maskDeviceId } from '../../../shared/identifiers';
import { serviceIdOfKey, serviceKey } from '../../../shared/model';
import { refNumber } from '../../../shared/request/ref-key';

describe('identities every view reads', () => {
  it('masks an IMEI, keeping only enough to match the label on the modem', () => {
    expect(maskDeviceId('359072061234567')).toBe('3590•••••••••67');
    expect(maskDeviceId('359072061234567')).not.toContain('0612345');
    expect(maskDeviceId('12345')).toBe('•••••');
  });

  it('keys a service without braces or case, and gives back the ID a search asks by', () => {
    const key = serviceKey('d', '{8C1E5A4B-2D7F}');
    expect(key).toBe(serviceKey('d', '8c1e5a4b-2d7f'));
    expect(key).not.toBe(serviceKey('e', '8c1e5a4b-2d7f'));
    expect(serviceIdOfKey(key)).toBe('8c1e5a4b-2d7f');
  });

  it("numbers a request's ref as the tracker writes it, so the newest wins", () => {
    expect(refNumber('r12')).toBe(12);
    expect(refNumber('r12')).toBeGreaterThan(refNumber('r9'));
    expect(refNumber('r012')).toBe(-1);
    expect(refNumber('sms')).toBe(-1);
  });
});
