import { describe, expect, it } from 'vitest';
import { describeRecord } from '../../../shared/journal/record-text.js';
import type { JournalRecord } from '../../../shared/journal/record.js';

const info = (fields: Partial<Record<string, string>>): JournalRecord => ({
  v: 2,
  seq: 1,
  time: '2026-11-23T09:00:00.000Z',
  mono: 0,
  kind: 'device-info',
  interfaceId: '{B7D04E92-3C51-4A8F-8E26-9F1A4D6C2B30}',
  manufacturer: 'Quectel',
  model: 'EM120R-GL',
  firmware: 'EM120RGLAUR02A07M4G',
  deviceId: '866123456789012',
  readyState: 'initialized',
  ...fields,
});

describe("a device-info record's words", () => {
  it('name maker, model and firmware', () => {
    expect(describeRecord(info({}))).toBe(
      'device Quectel EM120R-GL, firmware EM120RGLAUR02A07M4G, initialized',
    );
  });

  it('say what a modem that names none of them is, never blanks', () => {
    expect(describeRecord(info({ manufacturer: '', model: '', firmware: '' }))).toBe(
      'device unknown model, firmware unknown, initialized',
    );
  });
});
