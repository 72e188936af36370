import { describe, expect, it } from 'vitest';
import { maskDeviceId } from '../../shared/identifiers';
import { refNumber, serviceKey } from '../../renderer/src/format';

describe('renderer formatting', () => {
  it('masks an IMEI, keeping only enough to match the label on the modem', () => {
    expect(maskDeviceId('359072061234567')).toBe('3590•••••••••67');
    expect(maskDeviceId('359072061234567')).not.toContain('0612345');
    expect(maskDeviceId('12345')).toBe('•••••');
  });

  it('compares service IDs without braces or case', () => {
    expect(serviceKey('d', '{8C1E5A4B-2D7F}')).toBe(serviceKey('d', '8c1e5a4b-2d7f'));
    expect(refNumber('r12')).toBe(12);
  });
});
