/**
 * One modem, one token, named as the modem: a 15-digit IMEI whose check digit fails reads in text
 * (a file name, a message) as the IMSI it could be, while its `deviceId` field says it is an
 * IMEI. Numbered tokens are kept by value, so one token names it everywhere; but where the text
 * was met first, the modem's own field read `IMSI-1` and a support engineer took the modem's ID
 * for its SIM's. Past MAX_TOKENS (a log of more than 10,000 distinct identifiers) a token is a
 * keyed hash named by the kind it is met as, and the field's `IMEI-h…` and the file name's
 * `IMSI-h…` were two tokens a support engineer could not tie together.
 */
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../electron/core/export/redact.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { luhnValid } from '../../../shared/luhn.js';

/** An IMEI as some modems report it: 15 digits whose check digit fails. */
const IMEI = '359072061234560';

const deviceInfo = {
  v: 2,
  seq: 2,
  time: '2026-11-24T08:30:00.000Z',
  mono: 3,
  kind: 'device-info',
  interfaceId: '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
  manufacturer: 'Sierra Wireless',
  model: 'EM7455',
  firmware: 'SWI9X30C_02.33.03.00',
  deviceId: IMEI,
  readyState: 'initialized',
} as unknown as JournalRecord;

/** A redactor past its numbered tokens: 10,000 distinct phone numbers met already. */
function pastNumberedTokens(): Redactor {
  const redactor = new Redactor();
  for (let n = 0; n < 10_000; n++) redactor.text(`+1 555 ${String(n).padStart(7, '0')}`);
  expect(redactor.text('+1 555 9999999')).toMatch(/^PHONE-h[0-9a-f]{10}$/);
  return redactor;
}

const fieldOf = (record: JournalRecord): string =>
  String((record as unknown as { deviceId: unknown }).deviceId);

describe('a device ID whose digits read as an IMSI in text', () => {
  it('fails the IMEI check digit, so text alone takes it for an IMSI', () => {
    expect(luhnValid(IMEI)).toBe(false);
    expect(new Redactor().text(`kiosk-${IMEI}.jsonl`)).toBe('kiosk-IMSI-1.jsonl');
  });

  it('keeps the one numbered token, whichever is met first', () => {
    const fieldFirst = new Redactor();
    const token = fieldOf(fieldFirst.record(deviceInfo));
    expect(fieldFirst.text(`kiosk-${IMEI}.jsonl`)).toBe(`kiosk-${token}.jsonl`);
    const nameFirst = new Redactor();
    const named = nameFirst.text(`modem ${IMEI} did not answer`);
    expect(named).toBe(`modem ${fieldOf(nameFirst.record(deviceInfo))} did not answer`);
  });

  it('is named an IMEI where text holding it comes first, once the export knows the device', () => {
    const redactor = new Redactor();
    redactor.expectDeviceIds([IMEI]);
    expect(redactor.text(`kiosk-${IMEI}.jsonl`)).toBe('kiosk-IMEI-1.jsonl');
    expect(fieldOf(redactor.record(deviceInfo))).toBe('IMEI-1');
    expect(redactor.summary().counts).toEqual({ IMEI: 1 });
  });

  it('is named an IMEI where its own record holds it in text before the field', () => {
    const record = {
      ...deviceInfo,
      firmware: `SWI9X30C ${IMEI}`,
      deviceId: IMEI,
    } as unknown as JournalRecord;
    const out = new Redactor().record(record) as unknown as { firmware: string; deviceId: string };
    expect(out).toMatchObject({ firmware: 'SWI9X30C IMEI-1', deviceId: 'IMEI-1' });
  });

  it('gets its field’s token in text once learned from a record, past the numbered tokens', () => {
    const redactor = pastNumberedTokens();
    const token = fieldOf(redactor.record(deviceInfo));
    expect(token).toMatch(/^IMEI-h[0-9a-f]{10}$/);
    expect(redactor.text(`kiosk-${IMEI}.jsonl`)).toBe(`kiosk-${token}.jsonl`);
    expect(redactor.text(`modem 35-907206-123456-0 reset`)).toBe(`modem ${token} reset`);
  });

  it('gets its field’s token in text met before its record, when the export found it first', () => {
    const redactor = pastNumberedTokens();
    redactor.expectDeviceIds([IMEI]);
    const name = redactor.text(`kiosk-${IMEI}.jsonl`);
    expect(name).toBe(`kiosk-${fieldOf(redactor.record(deviceInfo))}.jsonl`);
  });
});
