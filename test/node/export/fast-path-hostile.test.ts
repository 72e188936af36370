/**
 * Hostile saved logs, each aimed at a shortcut of the fast path (line-check.ts and what takes its
 * lines: runs, helper threads, previews patched in place, CSV rows made ahead, device IDs learned
 * later): every format must come out as the full path writes it, byte for byte, and no
 * identifier the redactor replaces may survive.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from './support/helpers.js';
import {
  SERVICE,
  SIERRA,
  SMS,
  exportBothWays,
  lineHead,
  savedLogWith,
} from './support/fast-vs-full.js';

afterAll(removeTempDirs);

const IMSI = '310150123456789';
const IMSI_HEX = Buffer.from(IMSI).toString('hex');
const QUECTEL = '{B7D04E92-3C51-4A8F-8E26-9F1A4D6C2B30}';

describe('a read-data line whose preview is not its last field', () => {
  // Valid JSON with the same fields, in another order: such lines passed a run at a time, and a
  // run's lines were only looked at from their end for a preview to redact.
  const lines = Array.from(
    { length: 20 },
    (_, i) =>
      `${lineHead(500_000 + i)},"kind":"read-data",${SERVICE},"preview":"${IMSI_HEX}","byteLength":15}`,
  );
  const path = savedLogWith(lines);

  it.each(['jsonl', 'zip'] as const)(
    'has its preview redacted in a %s export, as the full path does',
    async (format) => {
      const { fast, full } = await exportBothWays(path, format, true);
      for (const [name, text] of fast) {
        expect(text, name).not.toContain(IMSI_HEX);
        expect(text, name).toBe(full.get(name));
      }
    },
    60_000,
  );
});

// Found by the generated hostile lines below (seed 1591056197): a modem's IMEI whose check digit
// fails, in a device's model text before its device-info line names it as the device's ID. The
// fast way tokenised it by its digits (IMSI-1) and kept that for the device ID; the full way,
// knowing the device IDs from the start, said IMEI-1 in both places.
describe('a device ID met in text before its device-info line', () => {
  const id = '359072061234567';
  const lines = [
    `${lineHead(500_000)},"kind":"device-arrival","interfaceId":"${SIERRA}","model":"id ${id}"}`,
    `${lineHead(500_001)},"kind":"device-info","interfaceId":"${SIERRA}","manufacturer":"m","model":"","firmware":"f","deviceId":"${id}","readyState":"initialized"}`,
  ];
  const path = savedLogWith(lines);

  it('is the same token in the fast and the full export, both times IMEI', async () => {
    const { fast, full } = await exportBothWays(path, 'jsonl', true);
    const text = fast.get('jsonl') ?? '';
    expect(text).not.toContain(id);
    expect(text).toContain('"model":"id IMEI-1"');
    expect(text).toBe(full.get('jsonl'));
  }, 60_000);
});

describe('a read-data preview holding digits written apart', () => {
  // As ASCII, `35-907206-123456` (an IMEI's first 14 digits, as on a label) fills a preview's 16
  // bytes; only unbroken digits were looked for there (and nibble-swapped BCD, which hyphens
  // break), so it stayed readable in the hex while the same text in a field is replaced.
  const imei = Buffer.from('35-907206-123456', 'latin1').toString('hex');
  // With spaces it was taken for BCD (IMSI-1), unlike the same number anywhere else (PHONE-1).
  const phone = Buffer.from('+44 20 7946 0958', 'latin1').toString('hex');
  const lines = [imei, phone].map(
    (preview, i) =>
      `${lineHead(500_000 + i)},"kind":"read-data",${SERVICE},"byteLength":16,"preview":"${preview}"}`,
  );
  const path = savedLogWith(lines);

  it('is redacted as in text, fast path and full path alike', async () => {
    const { fast, full } = await exportBothWays(path, 'jsonl', true);
    const text = fast.get('jsonl') ?? '';
    expect(text).not.toContain(imei);
    expect(text).not.toContain(phone);
    expect(text).toContain('"preview":"[redacted PHONE-1]"');
    expect(text).toContain('"preview":"[redacted PHONE-2]"');
    expect(text).toBe(full.get('jsonl'));
  }, 60_000);
});

describe('a hex ESN written in the other case', () => {
  // The device reports its ESN in capitals; another tool's answer in the log has it in small
  // letters. No digit scan finds it, and the redactor looked for the device ID exactly as given.
  const lines = [
    `${lineHead(500_000)},"kind":"device-info","interfaceId":"${SIERRA}","manufacturer":"m","model":"CDMA","firmware":"f","deviceId":"8A3B1C2D","readyState":"initialized"}`,
    ...Array.from(
      { length: 5 },
      (_, i) =>
        `${lineHead(500_001 + i)},"kind":"session-state",${SERVICE.replace('"SMS"', '"esn 8a3b1c2d"')},"from":"open","to":"closing"}`,
    ),
  ];
  const path = savedLogWith(lines);

  it('is redacted with the same token, fast path and full path alike', async () => {
    const { fast, full } = await exportBothWays(path, 'jsonl', true);
    const text = fast.get('jsonl') ?? '';
    expect(text.toLowerCase()).not.toContain('8a3b1c2d');
    expect(text).toContain('"deviceId":"ESN-1"');
    expect(text).toContain('"serviceName":"esn ESN-1"');
    expect(text).toBe(full.get('jsonl'));
  }, 60_000);
});

/** Device IDs, some of which only the redactor's memory finds (hex ESN, MEID), some no ID. */
const DEVICE_IDS = ['8a3b1c2d', 'A1000012345678', '359072061234567', 'r1234567', 'closing'];

/** Text a field may hold: mostly what passes, some that must not, some a device ID. */
const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('SMS', 'S_OK', 'E_FAIL', SIERRA, SMS, 'r12', 'x,y') },
  fc.constantFrom('=1+2', '-1', 'r1234567', 'r1234567890', '', ' ', `+1 646 563 9500`),
  fc.constantFrom(...DEVICE_IDS.map((id) => `id ${id}`)),
  fc.stringMatching(/^[a-f0-9 {}+.()r-]{0,16}$/),
);

/**
 * Numbers as a SIM's files hold them in BCD (EF_IMSI's digits after its length byte, EF_ICCID,
 * EF_MSISDN's after its length and type bytes): none may be readable in a redacted export.
 */
const EF_IMSI_DIGITS = '3901620000001032';
const EF_ICCID = '98101430121181157002';
const EF_ICCID_19 = '981062407857955493f0';
const MSISDN_DIGITS = '447946095834';
const BCD_NUMBERS = [EF_IMSI_DIGITS, EF_ICCID, EF_ICCID_19, MSISDN_DIGITS];

/** First bytes of read data: nothing, or an identifier as ASCII, UTF-16LE or BCD. */
const preview = fc.constantFrom(
  '7e0a0001',
  '',
  // Little-endian uint32 fields (42, 5, 60), and an MBIM header of length 408: no identifier.
  '7e0a00010000002a000000050000003c',
  '03000080980100000500000001000000',
  // EF_IMSI (310260000000123) after a frame header, EF_ICCID (20 digits, 19 and filler),
  // EF_MSISDN.
  `7e0a000108${EF_IMSI_DIGITS}ffffff`,
  EF_ICCID,
  EF_ICCID_19,
  `ffff0791${MSISDN_DIGITS}ffffffff`,
  IMSI_HEX,
  IMSI_HEX.toUpperCase(),
  Buffer.from('35907206', 'utf16le').toString('hex'),
  // Digits apart in UTF-16: an IMEI in pairs, cut at 16 bytes, and a whole phone number.
  Buffer.from('49-01-54', 'utf16le').toString('hex'),
  Buffer.from('+44 20 7946 0958', 'utf16le').toString('hex'),
  '8a3b1c2d',
);

/** An IMEI's digits, which must never be readable in a redacted export, however written. */
const IMEI_DIGITS = '359072061234567';

/**
 * A number where the journal writes one: everyday, or an identifier written as one (an IMEI, a
 * phone number without its `+`, 13 digits), or long digits in a fraction.
 */
const number = fc.constantFrom(
  15,
  0.5,
  4155550123,
  Number(IMEI_DIGITS),
  1234567890123,
  0.1234567891,
);

/** One record of a kind that may pass, or one that teaches the redactor or the CSV something. */
const record = fc
  .tuple(
    fc.constantFrom(0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
    fc.array(text, { minLength: 3, maxLength: 3 }),
    preview,
    fc.constantFrom(SIERRA, QUECTEL),
    fc.constantFrom(...DEVICE_IDS),
    number,
  )
  .map(([kind, [a = '', b = '', c = ''], data, interfaceId, deviceId, n]) => {
    const service = { interfaceId, serviceId: SMS, serviceName: a };
    const request = { ...service, ref: b, op: 'close' };
    switch (kind) {
      case 0:
        return { kind: 'read-data', ...service, byteLength: 15, preview: data };
      case 1:
        return { kind: 'request', ...request, outcome: 'sending', sessionOpenBefore: true };
      case 2:
        return {
          kind: 'request-returned',
          ...request,
          outcome: 'refused',
          requestId: null,
          hresult: '0x80004005',
          hresultName: c,
          callMs: 0.5,
        };
      case 3:
        return {
          kind: 'completion',
          ...service,
          op: 'close',
          requestId: 5,
          status: '0x00000000',
          statusName: c,
          match: 'late',
          ref: b,
          outcome: 'late',
          latencyMs: null,
        };
      case 4:
        return { kind: 'session-state', ...service, from: 'open', to: 'closing' };
      case 5:
        return { kind: 'given-up', ...request, outcome: 'abandoned', requestId: 3, waitedMs: 10.5 };
      case 6:
        return {
          kind: 'device-info',
          interfaceId,
          manufacturer: 'm',
          model: c,
          firmware: 'f',
          deviceId,
          readyState: 'initialized',
        };
      // A number in a field the check holds to a range, and in fields of no shape.
      case 8:
        return { kind: 'read-data', ...service, byteLength: n, preview: data };
      case 9:
        return { kind: 'overdue', ...request, outcome: 'overdue', requestId: 3, timeoutMs: n };
      case 10:
        return { kind: 'session-state', ...service, from: 'open', to: 'closing', extra: n };
      case 11:
        return { kind: 'device-arrival', interfaceId, model: c, more: { list: [1, n] } };
      default:
        return { kind: 'device-arrival', interfaceId, model: c };
    }
  });

/** Its line: the journal's order, or its own fields reversed (the head and kind stay first). */
function lineOf(seq: number, fields: Record<string, unknown>, reversed: boolean): string {
  const [kind, ...rest] = Object.entries(fields);
  const own = reversed ? rest.reverse() : rest;
  const body = JSON.stringify(Object.fromEntries([...(kind ? [kind] : []), ...own]));
  return `${lineHead(seq)},${body.slice(1)}`;
}

/**
 * What of the log a redacted export let through: an IMEI's digits (as a number, a device ID or in
 * text), a SIM file's number in BCD, or a hex device ID a device-info line names, in either case, wherever it is met (before
 * its device-info line too, and as the bytes of a preview).
 */
function leaked(
  out: string,
  made: readonly (readonly [Record<string, unknown>, boolean])[],
): string[] {
  const named = made.flatMap(([fields]) =>
    fields.kind === 'device-info' && typeof fields.deviceId === 'string' ? [fields.deviceId] : [],
  );
  const lower = out.toLowerCase();
  return [
    IMEI_DIGITS,
    ...BCD_NUMBERS,
    ...named.filter((id) => /[a-f]/i.test(id) && id !== 'closing'),
  ]
    .map((id) => id.toLowerCase())
    .filter((id) => lower.includes(id));
}

describe('generated hostile lines amid everyday ones', () => {
  it('come out of every format as the full path writes them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(record, fc.boolean()), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 2, max: 3 }),
        async (made, repeats) => {
          // Each line several times over, so a line of a new key order is met again in a run.
          const lines: string[] = [];
          let seq = 500_000;
          for (let i = 0; i < repeats; i++)
            for (const [fields, reversed] of made) lines.push(lineOf(seq++, fields, reversed));
          const path = savedLogWith(lines, 300, 20);
          for (const redact of [true, false])
            for (const format of ['jsonl', 'csv', 'zip'] as const) {
              const { fast, full } = await exportBothWays(path, format, redact);
              for (const [name, out] of fast) {
                expect(out, `${format} ${name}`).toBe(full.get(name));
                if (redact) expect(leaked(out, made), `${format} ${name}`).toEqual([]);
              }
            }
        },
      ),
      { numRuns: 8 },
    );
  }, 120_000);
});

describe('a request ID no MBN or MBIM request can have', () => {
  // Request IDs are ULONGs (MBIM: uint32 transaction IDs). A number past that range is no request
  // ID: here, an IMEI written as one, which no rule looks for in numbers. The line is damaged,
  // and the export leaves it out and says so, whichever path reads it; a 10-digit ID that is a
  // uint32 goes out as it is.
  const lines = [
    `${lineHead(600_000)},"kind":"overdue",${SERVICE},"ref":"r1","op":"close","outcome":"overdue","requestId":359072061234567,"timeoutMs":10000}`,
    `${lineHead(600_001)},"kind":"overdue",${SERVICE},"ref":"r2","op":"close","outcome":"overdue","requestId":4294967295,"timeoutMs":10000}`,
  ];
  const path = savedLogWith(lines);

  it.each([true, false])(
    'is left out of a JSON Lines export (redacting: %s)',
    async (redact) => {
      const { fast, full } = await exportBothWays(path, 'jsonl', redact);
      const text = fast.get('jsonl') ?? '';
      expect(text).not.toContain('359072061234567');
      expect(text).toContain('"requestId":4294967295');
      expect(text).toBe(full.get('jsonl'));
    },
    60_000,
  );
});
