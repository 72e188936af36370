/**
 * A saved log whose text, MBIM bytes and read previews hold identifiers with a character of no
 * width inside (a zero-width space, a soft hyphen, a byte order mark...), written as UTF-8 or as
 * a JSON escape: a default export shows none of their digits, the fast path writes what the full
 * path writes, and each is the token its number has without the character. Before, a zero-width
 * space after an IMEI's fourth digit left `3590` in the export.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Redactor } from '../../../electron/core/export/redact.js';
import { removeTempDirs } from './support/helpers.js';
import { SERVICE, SIERRA, exportBothWays, lineHead, savedLogWith } from './support/fast-vs-full.js';

afterAll(removeTempDirs);

const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];
const IDENTIFIERS = [
  { digits: '490154203237518', kind: 'IMEI' },
  { digits: '310260123456789', kind: 'IMSI' },
  { digits: '89014103211118510720', kind: 'ICCID' },
  { digits: '+442079460958', kind: 'PHONE' },
  { digits: '4155550123', kind: 'PHONE' },
];

/** Each identifier with each character after its fourth (where the review found one) and eighth. */
const planted = IDENTIFIERS.flatMap((id) =>
  ZERO_WIDTH.flatMap((char) =>
    [4, 8].map((at) => ({
      kind: id.kind,
      written: `${id.digits.slice(0, at)}${char}${id.digits.slice(at)}`,
    })),
  ),
);

/** `text` as a JSON string, its characters of no width escaped on every other line. */
function jsonString(text: string, i: number): string {
  const json = JSON.stringify(text);
  return i % 2 === 0
    ? json
    : json.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const hex = (text: string, encoding: 'utf16le' | 'utf8'): string =>
  Buffer.from(text, encoding).toString('hex');

/** An MBIM message whose bytes, after a header's worth, carry `text`. */
const mbimLine = (seq: number, bytes: string): string =>
  `${lineHead(seq)},"kind":"mbim-message","interfaceId":"${SIERRA}","direction":"received","transactionId":${String(seq)},"type":"command-done","service":null,"serviceName":null,"cid":null,"cidName":null,"status":null,"statusName":null,"requestId":null,"fragments":1,"bytes":"${bytes}"}`;

const MBIM_TEXTS = [
  'IMSI 3102\u200b60123456789',
  'tel +44\u2060 20 7946 0958',
  '4901\u00ad54203237518',
];
/** Previews (16 bytes) in UTF-16LE and in UTF-8. */
const PREVIEWS = [hex('3590\u200b720', 'utf16le'), hex('41555\u200b50123', 'utf8')];

const lines = [
  ...planted.map(
    ({ written }, i) =>
      `${lineHead(600_000 + i)},"kind":"session-state",${SERVICE.replace('"SMS"', jsonString(`id ${written} end`, i))},"from":"open","to":"closing"}`,
  ),
  ...MBIM_TEXTS.flatMap((text, i) => [
    mbimLine(610_000 + 2 * i, `00010203${hex(text, 'utf16le')}`),
    mbimLine(610_001 + 2 * i, `000102${hex(text, 'utf8')}`),
  ]),
  ...PREVIEWS.map(
    (preview, i) =>
      `${lineHead(620_000 + i)},"kind":"read-data",${SERVICE},"byteLength":96,"preview":"${preview}"}`,
  ),
];
const path = savedLogWith(lines);

/** What comes between `id ` and ` end` in each planted text, in order. */
const between = (text: string): string[] =>
  [...text.matchAll(/id (.*?) end/gu)].map((m) => m[1] ?? '');

describe('identifiers with a character of no width inside them, in a saved log', () => {
  it.each(['jsonl', 'csv', 'zip'] as const)(
    'are whole tokens in a redacted %s export, fast path and full path alike',
    async (format) => {
      const { fast, full } = await exportBothWays(path, format, true);
      for (const [name, text] of fast) {
        expect(text === full.get(name), `${name}: fast and full differ`).toBe(true);
        for (const shown of between(text))
          expect(shown, `${name}: ${JSON.stringify(shown)}`).toMatch(
            /^(?:IMEI|IMSI|ICCID|PHONE)-\d+$/,
          );
        for (const preview of PREVIEWS) expect(text.includes(preview), preview).toBe(false);
      }
    },
    60_000,
  );

  it('are the tokens of their numbers without the character, in JSON Lines', async () => {
    const { fast } = await exportBothWays(path, 'jsonl', true);
    const text = fast.get('jsonl') ?? '';
    expect(between(text).map((token) => token.replace(/-\d+$/, ''))).toEqual(
      planted.map((id) => id.kind),
    );
    // One number, one token, with or without the character.
    const tokens = new Set(between(text));
    expect(tokens.size).toBe(IDENTIFIERS.length);
    // 16 bytes of UTF-16 hold 8 characters: 7 digits are taken for a fragment of an identifier.
    expect(text).toContain('"preview":"[redacted DEVICE-ID-1]"');
    expect(text).toContain('"preview":"[redacted PHONE-2]"');
  }, 60_000);

  it('are overwritten in MBIM bytes, in UTF-16LE and in UTF-8', async () => {
    const { fast } = await exportBothWays(path, 'jsonl', true);
    const messages = (fast.get('jsonl') ?? '')
      .split('\n')
      .filter((line) => line.includes('"kind":"mbim-message"'))
      .map((line) => (JSON.parse(line) as { bytes: string }).bytes);
    expect(messages).toHaveLength(2 * MBIM_TEXTS.length);
    messages.forEach((bytes, i) => {
      const decoded = Buffer.from(bytes, 'hex')
        .subarray(i % 2 === 0 ? 4 : 3)
        .toString(i % 2 === 0 ? 'utf16le' : 'utf8');
      expect(decoded.replace(/[A-Z]+-\d\**/g, ''), decoded).not.toMatch(/\d/);
      expect(decoded).toMatch(/(?:IMSI|PHONE|IMEI)-\d/);
    });
  }, 60_000);
});

describe('a device ID with a character of no width inside it', () => {
  it('is the same device as without it: one token for the field and the text', () => {
    const r = new Redactor();
    expect(r.deviceId('4901\u200b54203237518')).toBe('IMEI-1');
    expect(r.text('modem 490154203237518')).toBe('modem IMEI-1');
  });

  it('is found in text, a hex MEID too, which no digit rule finds', () => {
    const r = new Redactor();
    expect(r.deviceId('A10000009296F2')).toBe('MEID-1');
    // The MEID's digit runs are too short for the digit scan: only its literal finds it.
    expect(r.text('meid A1000\u200b0009296F2, esn a10000\u00ad009296f2')).toBe(
      'meid MEID-1, esn MEID-1',
    );
  });
});
