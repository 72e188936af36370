/**
 * Identifiers a redacted export let through on both paths, found by the leak hunt after the
 * first: a number written as a JSON number, a device ID met before its device-info line, and
 * digits written apart in a UTF-16 preview. Each is looked for as a user would see it, in the
 * exported file, and the fast path must still write what the full path writes.
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
