import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../shared/format-bytes.js';

describe('a size as shown', () => {
  it('says small sizes in bytes, one of them in the singular', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1023)).toBe('1,023 bytes');
  });

  it('says a log in the largest unit under its size, to a tenth', () => {
    expect(formatBytes(1024)).toBe('1.0 KB');
    expect(formatBytes(12_700)).toBe('12.4 KB');
    expect(formatBytes(342_779_187)).toBe('326.9 MB');
    // A week-long log: in GB, not "3,082.4 MB".
    expect(formatBytes(3_232_183_091)).toBe('3.0 GB');
  });
});
