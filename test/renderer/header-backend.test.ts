/**
 * The window's header says what the devices shown are, by the backend that lists them. On Linux
 * with a modem, the MBIM backend lists it, and the header said "Real devices through the Windows
 * MBN service." to a technician at a Linux laptop with no such service.
 */
import { describe, expect, it } from 'vitest';
import { BACKEND_HEADLINES } from '../../renderer/src/labels';

describe('the header names the backend the devices come through', () => {
  it('says MBIM, not the Windows MBN service, for a modem on Linux', () => {
    expect(BACKEND_HEADLINES.mbim).toContain('through MBIM');
    expect(BACKEND_HEADLINES.mbim).not.toContain('Windows');
  });

  it('says the Windows MBN service on Windows, and simulated devices on the simulator', () => {
    expect(BACKEND_HEADLINES.mbn).toBe(
      'Live session: real devices through the Windows MBN service.',
    );
    expect(BACKEND_HEADLINES.simulator).toBe('Live session: simulated devices, not real modems.');
  });

  it('says it of the live session: a saved log below it may come from a real modem', () => {
    for (const headline of Object.values(BACKEND_HEADLINES))
      expect(headline).toMatch(/^Live session: /);
  });
});
