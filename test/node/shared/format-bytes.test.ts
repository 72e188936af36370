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
    expect(formatBytes(1024 ** 3)).toBe('1.0 GB');
  });

  it('never says 1024 of a unit: the next one up, as the figure is rounded', () => {
    expect(formatBytes(1_048_575)).toBe('1.0 MB');
    expect(formatBytes(1_048_525)).toBe('1.0 MB');
    expect(formatBytes(1_048_524)).toBe('1023.9 KB');
    expect(formatBytes(1024 ** 3 - 1)).toBe('1.0 GB');
  });

  it('says a size no file has as nothing', () => {
    expect(formatBytes(Number.NaN)).toBe('0 bytes');
    expect(formatBytes(-5)).toBe('0 bytes');
  });
});
