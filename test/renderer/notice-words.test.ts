import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/src/api';
import { noticeText } from '../../renderer/src/store/notice-words';

describe('the notice after a failed call', () => {
  it('says a modem pulled out mid-click is gone and what to do, not its interface GUID', () => {
    const text = noticeText(
      new ApiError({
        code: 'unknown-device',
        message: 'No device with interface ID "{B7D04E92-3C51-4A8F-8E26-9F1A4D6C2B30}".',
      }),
    );
    expect(text).not.toContain('{B7D04E92');
    expect(text).toMatch(/no longer connected/);
    expect(text).toMatch(/Plug it in again/);
  });

  it('says how to reload the services when one is no longer listed', () => {
    const text = noticeText(new ApiError({ code: 'unknown-service', message: 'No service "x".' }));
    expect(text).toMatch(/Select the modem under Devices again/);
  });

  it('keeps main’s own words for everything else', () => {
    expect(
      noticeText(new ApiError({ code: 'unavailable', message: 'The MBN service stopped.' })),
    ).toBe('The MBN service stopped.');
    expect(noticeText(new Error('boom'))).toBe('boom');
  });
});
