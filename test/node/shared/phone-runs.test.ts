/**
 * MBIM's SUBSCRIBER_READY_STATUS lays the SIM's telephone numbers end to end (UTF-16LE strings,
 * one after the other): `+16465639500` then `16465639501` read as one run of 22 digits after a
 * `+`. It was redacted whole, as it must be, but named DEVICE-ID: a support engineer read a device
 * ID in the SIM's number field. It is named for what a `+` starts, a phone number.
 */
import { describe, expect, it } from 'vitest';
import { replaceIdentifiers } from '../../../shared/identifiers.js';
import { redactBytes } from '../../../shared/redact-bytes.js';

const token = (kind: string): string => `${kind}-1`;

describe('phone numbers written end to end after a +', () => {
  it('are a phone number as text', () => {
    expect(replaceIdentifiers('numbers +1646563950016465639501.', token)).toBe('numbers PHONE-1.');
  });

  it('are a phone number in bytes, as MBIM lays them', () => {
    const bytes = Buffer.from('+1646563950016465639501', 'utf16le');
    expect(redactBytes(bytes, token)).toBe(true);
    const text = bytes.toString('utf16le');
    expect(text).toMatch(/^PHONE-1\**$/);
    expect(text).not.toMatch(/\d{2}/);
  });
});
