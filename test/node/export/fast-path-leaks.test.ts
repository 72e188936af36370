/**
 * Identifiers a redacted export let through on both paths, found by the leak hunt after the
 * first: a number written as a JSON number, a device ID met before its device-info line,
 * digits written apart in a UTF-16 preview, and digits of another script (full-width) in MBIM
 * and payload bytes. Each is looked for as a user would see it, in the exported file, and the
 * fast path must still write what the full path writes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from './support/helpers.js';
import { SERVICE, SIERRA, exportBothWays, lineHead, savedLogWith } from './support/fast-vs-full.js';

afterAll(removeTempDirs);

const IMEI = '490154203237518';
const PHONE = '4155550123';
/** The line number of the first line savedLogWith puts between its everyday ones. */
const FIRST = 5001;

describe('an identifier written as a number', () => {
  const head = (seq: number | string, mono: number | string = 1): string =>
    `{"v":2,"seq":${seq},"time":"2026-11-24T08:30:00.000Z","mono":${mono}`;
  const state = `"kind":"session-state",${SERVICE},"from":"open","to":"closing"`;
  // Fields whose range cannot hold such a number: the line is damaged, left out and reported.
  const damaged = [
    `${head(IMEI)},${state}}`,
    `${head(600_001).replace('"v":2', `"v":-${IMEI}`)},${state}}`,
    `${head(PHONE)},${state}}`,
    `${head(600_002, IMEI)},${state}}`,
    `${lineHead(600_003)},"kind":"read-data",${SERVICE},"byteLength":${IMEI},"preview":"00"}`,
    `${lineHead(600_004)},"kind":"read-data",${SERVICE},"byteLength":${PHONE},"preview":"00"}`,
    `${lineHead(600_005)},"kind":"completion",${SERVICE},"op":"close","requestId":1,"status":${IMEI},"statusName":"S_OK","match":"matched","ref":"r1","outcome":"succeeded","latencyMs":1}`,
    `${lineHead(600_006)},"kind":"completion",${SERVICE},"op":"close","requestId":1,"status":"0x00000000","statusName":"S_OK","match":"matched","ref":"r1","outcome":"succeeded","latencyMs":${IMEI}}`,
    `${lineHead(600_007)},"kind":"mbim-message","interfaceId":"${SIERRA}","direction":"sent","transactionId":${IMEI},"type":"command","service":null,"serviceName":null,"cid":null,"cidName":null,"status":null,"statusName":null,"requestId":null,"fragments":1,"bytes":""}`,
  ];
  // Fields of no shape (a saved log may carry any): the number is replaced by its token.
  const kept = [
    `${lineHead(600_010)},${state},"extra":${IMEI}}`,
    `${lineHead(600_011)},${state},"extra":{"n":${PHONE}},"list":[1,${IMEI}]}`,
  ];
  const path = savedLogWith([...damaged, ...kept]);

  it.each(['jsonl', 'csv', 'zip'] as const)(
    'is not in a redacted %s export, fast path and full path alike',
    async (format) => {
      const { fast, full, problems } = await exportBothWays(path, format, true);
      for (const [name, text] of fast) {
        expect(text.includes(IMEI), `IMEI in ${name}`).toBe(false);
        expect(text.includes(PHONE), `PHONE in ${name}`).toBe(false);
        expect(text === full.get(name), `${name}: fast and full differ`).toBe(true);
      }
      expect(problems).toEqual(damaged.map((_, i) => FIRST + i));
    },
    60_000,
  );

  it('leaves the record of a field of no shape whole, its number a token', async () => {
    const { fast } = await exportBothWays(path, 'jsonl', true);
    const text = fast.get('jsonl') ?? '';
    expect(text).toContain('"to":"closing","extra":"IMEI-1"}');
    expect(text).toContain('"extra":{"n":"PHONE-1"},"list":[1,"IMEI-1"]}');
  }, 60_000);
});

describe('a device ID met before its device-info line', () => {
  // A hex ESN in a service's name, then the device-info line that says it is the device's ID:
  // the export learned it there, one pass, and the lines before went out as they were.
  const lines = [
    ...Array.from(
      { length: 5 },
      (_, i) =>
        `${lineHead(500_000 + i)},"kind":"session-state",${SERVICE.replace('"SMS"', '"esn 8A3B1C2D"')},"from":"open","to":"closing"}`,
    ),
    `${lineHead(500_010)},"kind":"device-info","interfaceId":"${SIERRA}","manufacturer":"m","model":"CDMA","firmware":"f","deviceId":"8A3B1C2D","readyState":"initialized"}`,
  ];
  const path = savedLogWith(lines);

  it.each(['jsonl', 'csv', 'zip'] as const)(
    'is redacted in a %s export with the token of the device, fast path and full path alike',
    async (format) => {
      const { fast, full } = await exportBothWays(path, format, true);
      for (const [name, text] of fast) {
        expect(text.toLowerCase().includes('8a3b1c2d'), `'8a3b1c2d' in ${name}`).toBe(false);
        expect(text === full.get(name), `${name}: fast and full differ`).toBe(true);
      }
      const text = fast.get('jsonl') ?? [...fast.values()].join('\n');
      if (format === 'jsonl') {
        expect(text).toContain('"serviceName":"esn ESN-1"');
        expect(text).toContain('"deviceId":"ESN-1"');
      }
    },
    60_000,
  );
});

describe('a UTF-16 preview holding digits written apart', () => {
  // MBIM strings are UTF-16LE: a phone number with spaces, an IMEI with hyphens, as a device or
  // a SIM tool answers with them. Only unbroken digits were looked for in UTF-16.
  const utf16 = (text: string): string => Buffer.from(text, 'utf16le').toString('hex');
  const previews = [
    // Taken before for BCD (the digits' bytes with the zeros between them): IMSI, of other digits.
    utf16('+44 20 7946 0958'),
    // An IMEI in pairs: no run long enough for the BCD reading either, so it went out as it was.
    utf16('49-01-54-20-32-37-51-8'),
    // The journal keeps 16 bytes: 8 characters, of which 7 digits are a fragment of one.
    utf16('35-90720'),
    // At an odd offset, as in an MBIM message with a one-byte field before the string.
    `00${utf16('(415) 555-0123')}`,
  ];
  const lines = previews.map(
    (preview, i) =>
      `${lineHead(500_000 + i)},"kind":"read-data",${SERVICE},"byteLength":${preview.length / 2},"preview":"${preview}"}`,
  );
  const path = savedLogWith(lines);

  it('is redacted, fast path and full path alike', async () => {
    const { fast, full } = await exportBothWays(path, 'jsonl', true);
    const text = fast.get('jsonl') ?? '';
    for (const preview of previews) expect(text.includes(preview), preview).toBe(false);
    expect(text).toContain('"preview":"[redacted PHONE-1]"');
    expect(text).toContain('"preview":"[redacted IMEI-1]"');
    expect(text === full.get('jsonl'), 'fast and full differ').toBe(true);
  }, 60_000);
});

describe('digits of another script in MBIM and payload bytes', () => {
  // Full-width digits, as a pasted IMEI or a device answering in its locale writes them. Before,
  // text read them as digits and bytes only ASCII ones: the bytes' hex kept them readable.
  const fullWidth = (text: string): string =>
    text.replace(/[0-9]/g, (d) => String.fromCodePoint(0xff10 + Number(d)));
  const hex = (text: string, encoding: 'utf16le' | 'utf8'): string =>
    Buffer.from(text, encoding).toString('hex');
  const ARABIC_PHONE = '+4420794'.replace(/[0-9]/g, (d) => String.fromCodePoint(0x660 + Number(d)));
  const TEXT = `IMEI ${fullWidth(IMEI)}, tel ${fullWidth('+44 20 7946 0958')}`;
  /** A payload of no identifier: dots without a `+` are no separator (`415.555.0123`). */
  const NONE = hex(`fw ${fullWidth('415.555.0123')} ${fullWidth('10.0.22631')}`, 'utf16le');
  const mbim = (seq: number, bytes: string): string =>
    `${lineHead(seq)},"kind":"mbim-message","interfaceId":"${SIERRA}","direction":"received","transactionId":${String(seq)},"type":"command-done","service":null,"serviceName":null,"cid":null,"cidName":null,"status":null,"statusName":null,"requestId":null,"fragments":1,"bytes":"${bytes}"}`;
  const notification = (seq: number, data: string): string =>
    `${lineHead(seq)},"kind":"event-notification",${SERVICE},"eventId":1,"byteLength":${data.length / 2},"data":"${data}"}`;
  // Headers of four and three bytes: UTF-16 strings at even and odd offsets.
  const carried = [
    `00010203${hex(TEXT, 'utf16le')}`,
    `000102${hex(TEXT, 'utf16le')}`,
    `000102${hex(TEXT, 'utf8')}`,
    `00010203${hex(`IMEI ${IMEI}`, 'utf16le')}`,
  ];
  const lines = [
    ...carried.map((bytes, i) => mbim(700_000 + i, bytes)),
    ...carried.map((data, i) => notification(700_010 + i, data)),
    mbim(700_020, NONE),
    notification(700_021, NONE),
    // 16 bytes of UTF-16: a `+` and 7 digits, a phone number's start.
    `${lineHead(700_030)},"kind":"read-data",${SERVICE},"byteLength":96,"preview":"${hex(fullWidth('+4420794'), 'utf16le')}"}`,
    // 15 bytes of UTF-8: a `+` and 7 Arabic-Indic digits of two bytes each.
    `${lineHead(700_031)},"kind":"read-data",${SERVICE},"byteLength":96,"preview":"${hex(ARABIC_PHONE, 'utf8')}"}`,
  ];
  const path = savedLogWith(lines);
  /** Each planted identifier's bytes, as its hex would show them. */
  const shown = [
    hex(fullWidth(IMEI), 'utf16le'),
    hex(fullWidth(IMEI), 'utf8'),
    hex(fullWidth('7946 0958'), 'utf16le'),
    hex(fullWidth('7946 0958'), 'utf8'),
    hex(IMEI, 'utf16le'),
    hex(fullWidth('4420794'), 'utf16le'),
    hex(ARABIC_PHONE, 'utf8'),
  ];

  it.each(['jsonl', 'csv', 'zip'] as const)(
    'are not readable in a redacted %s export, fast path and full path alike',
    async (format) => {
      const { fast, full } = await exportBothWays(path, format, true);
      for (const [name, text] of fast) {
        for (const bytes of shown) expect(text.includes(bytes), `${bytes} in ${name}`).toBe(false);
        expect(text === full.get(name), `${name}: fast and full differ`).toBe(true);
      }
    },
    60_000,
  );

  it('are overwritten in place by their tokens; bytes of no identifier are kept', async () => {
    const { fast } = await exportBothWays(path, 'jsonl', true);
    const records = (fast.get('jsonl') ?? '')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { seq: number; bytes?: string; data?: string });
    const payload = (seq: number): string => {
      const record = records.find((r) => r.seq === seq);
      return record?.bytes ?? record?.data ?? '';
    };
    /** The payload of line `seq` after its header of `skip` bytes, read as `encoding`. */
    const text = (seq: number, skip: number, encoding: BufferEncoding): string =>
      Buffer.from(payload(seq), 'hex').subarray(skip).toString(encoding);
    const utf16 = `IMEI IMEI-1*********, tel PHONE-1${'*'.repeat(16 - 7)}`;
    // Three UTF-8 bytes a full-width digit: each overwritten by one character.
    const utf8 = `IMEI IMEI-1${'*'.repeat(45 - 6)}, tel PHONE-1${'*'.repeat(16 + 2 * 12 - 7)}`;
    for (const seq of [700_000, 700_010]) {
      expect(text(seq, 4, 'utf16le')).toBe(utf16);
      expect(text(seq + 1, 3, 'utf16le')).toBe(utf16);
      expect(text(seq + 2, 3, 'latin1')).toBe(utf8);
      // An ASCII IMEI, as before: the same number, the same token.
      expect(text(seq + 3, 4, 'utf16le')).toBe('IMEI IMEI-1*********');
      expect([0, 1, 2, 3].map((i) => payload(seq + i).length)).toEqual(
        carried.map((bytes) => bytes.length),
      );
    }
    // A preview is said to hold one, as on the full path (previewIdentifier reads any digits).
    const previews = records.filter((r) => r.seq >= 700_030 && r.seq <= 700_031);
    expect(previews.map((r) => (r as { preview?: string }).preview)).toEqual([
      expect.stringMatching(/^\[redacted PHONE-\d+\]$/),
      expect.stringMatching(/^\[redacted PHONE-\d+\]$/),
    ]);
    expect(payload(700_020)).toBe(NONE);
    expect(payload(700_021)).toBe(NONE);
  }, 60_000);
});
