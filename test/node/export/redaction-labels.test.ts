/**
 * A number the text labels (`IMEI: 490154203237519`) is tokenised as what the label says. Its
 * digits alone decided before: an IMEI whose check digit fails (mistyped, or a test IMEI) read
 * as an IMSI, and a support engineer saw `IMEI: IMSI-1`, and could no longer trust the report.
 * The digits are replaced either way; the same number keeps one token throughout the export, on
 * the fast path as on the full one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../../electron/core/export/formats.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { exportRecords, removeTempDirs, tempDir, unzip } from './support/helpers.js';
import { SERVICE, SIERRA, exportBothWays, lineHead, savedLogWith } from './support/fast-vs-full.js';

afterAll(removeTempDirs);

/** An IMEI whose check digit fails: by its digits, the IMSI it could be. */
const TYPO_IMEI = '490154203237519';
/** An IMSI whose last digit happens to pass the check: by its digits, an IMEI. */
const LUHN_IMSI = '310150123456780';
/** A subscriber's number, 15 digits, written without its `+`: by its digits, an IMSI. */
const MSISDN = '447901123456789';
/** Another test IMEI, met in a payload's bytes only. */
const TEST_IMEI = '356938035643808';

/** An AT command's answer naming both IMEIs, as a notification's payload carries it. */
const AT_ANSWER = Buffer.from(`IMEI: ${TYPO_IMEI}\r\nIMEI: ${TEST_IMEI}\r\nOK\r\n`, 'latin1');

const base = { v: 2 as const, time: '2026-11-24T08:30:00.000Z', mono: 0 };

/** An error record (free text), and a notification whose payload is an AT command's answer. */
const records = [
  {
    ...base,
    seq: 1,
    kind: 'error',
    context: 'modem',
    message: `IMEI: ${TYPO_IMEI}; IMSI=${LUHN_IMSI}; MSISDN ${MSISDN}`,
  },
  { ...base, seq: 2, kind: 'error', context: 'modem', message: `modem ${TYPO_IMEI} restarted` },
  {
    ...base,
    seq: 3,
    kind: 'event-notification',
    interfaceId: SIERRA,
    serviceId: '533fbeeb-14fe-4467-9f90-33a223e56c3f',
    serviceName: 'AT',
    eventId: 1,
    byteLength: AT_ANSWER.length,
    data: AT_ANSWER.toString('hex'),
  },
] as unknown as JournalRecord[];

async function exported(format: (typeof EXPORT_FORMATS)[number]): Promise<string> {
  const out = join(tempDir(), `labels.${format}`);
  await exportRecords(records, format, out);
  if (format !== 'zip') return readFileSync(out, 'utf8');
  return [...(await unzip(out)).values()].map((b) => b.toString('utf8')).join('\n');
}

describe('a number its label names', () => {
  // pcapng holds only MBIM messages, which this log has none of.
  it.each(EXPORT_FORMATS.filter((f) => f !== 'pcapng'))(
    'is tokenised as the label says in a %s export, and the same token where met again',
    async (format) => {
      const text = await exported(format);
      for (const digits of [TYPO_IMEI, LUHN_IMSI, MSISDN, TEST_IMEI])
        expect(text).not.toContain(digits);
      expect(text).toContain('IMEI: IMEI-1; IMSI=IMSI-1; MSISDN PHONE-1');
      expect(text).toContain('modem IMEI-1 restarted');
    },
  );

  it('is overwritten in payload bytes as the label says, by the same token as in text', async () => {
    const out = join(tempDir(), 'labels.jsonl');
    await exportRecords(records, 'jsonl', out);
    const line = readFileSync(out, 'utf8').trim().split('\n').at(-1) ?? '';
    const data = Buffer.from((JSON.parse(line) as { data: string }).data, 'hex');
    expect(data.toString('latin1')).toBe(
      'IMEI: IMEI-1*********\r\nIMEI: IMEI-2*********\r\nOK\r\n',
    );
  });
});

describe('a labelled number in a saved log', () => {
  // 16 bytes of preview hold the label and 11 digits: a phone number, by its digits alone.
  const preview = Buffer.from('IMEI:49015420323', 'latin1').toString('hex');
  const lines = [
    `${lineHead(500_000)},"kind":"device-arrival","interfaceId":"${SIERRA}","model":"IMEI: ${TYPO_IMEI}"}`,
    `${lineHead(500_001)},"kind":"read-data",${SERVICE},"byteLength":16,"preview":"${preview}"}`,
    `${lineHead(500_002)},"kind":"session-state",${SERVICE.replace('"SMS"', `"SMS ${TYPO_IMEI}"`)},"from":"open","to":"closing"}`,
  ];
  const path = savedLogWith(lines);

  it.each(['jsonl', 'csv'] as const)(
    'comes out of a %s export the same the fast way and the full way',
    async (format) => {
      const { fast, full } = await exportBothWays(path, format, true);
      const text = fast.get(format) ?? '';
      expect(text).not.toContain(TYPO_IMEI);
      expect(text).not.toContain(preview);
      expect(text).toContain('IMEI: IMEI-1');
      expect(text).toContain('SMS IMEI-1');
      // A CSV row says how many bytes were read, never what they were.
      if (format === 'jsonl') expect(text).toContain('"preview":"[redacted IMEI-2]"');
      expect(text).toBe(full.get(format));
    },
    60_000,
  );
});
