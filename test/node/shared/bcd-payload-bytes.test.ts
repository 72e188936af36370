/**
 * Payload bytes (a completion's data, an MBIM message) holding a number in BCD, as SIM files hold
 * it: redactBytes overwrites exactly its bytes, in place, with the token it has in text, in ASCII
 * (or its kind, or `*`, where the token does not fit whole). Payloads of little-endian integers,
 * the bench's MBIM messages among them, come out as they went in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MBIM_COMMAND, MBIM_DONE } from '../../../bench/export-records.js';
import { replaceIdentifiers, type IdentifierKind } from '../../../shared/identifiers.js';
import { redactBytes } from '../../../shared/redact-bytes.js';
import {
  bareImei,
  bcd,
  diallingNumber,
  iccidFile,
  imsiFile,
  integers,
  packedIccid,
  u32hex,
} from '../export/support/bcd-layouts.js';

const IMSI = '310260000000123';
const ICCID = '89014103211118510720';
const MSISDN = '+447946095834';
const EF_IMSI = `08${IMSI[0]}9${bcd(IMSI.slice(1))}`;
const EF_ICCID = bcd(ICCID);
/** EF_MSISDN: an empty alpha tag, the length (7 bytes with the type byte), 0x91, the digits. */
const EF_MSISDN = `ffff0791${bcd(MSISDN.slice(1))}ffffffff`;

/** `hex` redacted as an export does it, each number numbered by its kind and digits. */
function redacted(hex: string): { hex: string; asked: [IdentifierKind, string][] } {
  const bytes = Buffer.from(hex, 'hex');
  const asked: [IdentifierKind, string][] = [];
  const changed = redactBytes(bytes, (kind, digits) => {
    asked.push([kind, digits]);
    return `${kind}-1`;
  });
  const out = bytes.toString('hex');
  expect(changed, hex).toBe(out !== hex);
  return { hex: out, asked };
}

const ascii = (text: string): string => Buffer.from(text, 'latin1').toString('hex');

describe('a SIM file read into a payload', () => {
  // A device-service answer: a status word, the file's length, then the file.
  const head = `${u32hex(0)}${u32hex(9)}`;

  it.each([
    ['EF_IMSI', `${head}${EF_IMSI}`, `${head}08${ascii('IMSI-1**')}`],
    ['EF_ICCID', `${head}${EF_ICCID}${u32hex(1)}`, `${head}${ascii('ICCID-1***')}${u32hex(1)}`],
    // Six bytes of digits: `PHONE-1` does not fit whole, so its kind stands for it.
    ['EF_MSISDN', `${head}${EF_MSISDN}`, `${head}ffff0791${ascii('PHONE*')}ffffffff`],
  ])('has %s overwritten in place by its token, every length kept', (_name, hex, expected) => {
    const out = redacted(hex).hex;
    expect(out).toBe(expected);
    expect(out.length).toBe(hex.length);
  });

  it('gives the number the kind and digits it has in text, so the same token', () => {
    const inText = (text: string): [string, string][] => {
      const found: [string, string][] = [];
      replaceIdentifiers(text, (kind, digits) => {
        found.push([kind, digits]);
        return '';
      });
      return found;
    };
    const { asked } = redacted(`${EF_IMSI}${u32hex(7)}${EF_ICCID}${u32hex(7)}${EF_MSISDN}`);
    expect(asked).toEqual([
      ...inText(`IMSI ${IMSI}`),
      ...inText(`ICCID ${ICCID}`),
      ...inText(`tel ${MSISDN}`),
    ]);
  });

  it('is not cut to a token naming another number: `IMSI-12` never becomes `IMSI-1`', () => {
    // Ten digits in five bytes (EF_ADN's length 6 counts the type byte), then filler.
    const bytes = Buffer.from(`ffff0691${bcd('4479460958')}ffff`, 'hex');
    redactBytes(bytes, () => 'PHONE-12');
    expect(bytes.toString('hex')).toBe(`ffff0691${ascii('PHONE')}ffff`);
    // An SMS address of seven digits (its length counts them): four bytes, no room for a kind.
    const short = Buffer.from(`0791${bcd('4479460')}`, 'hex');
    redactBytes(short, () => 'PHONE-12');
    expect(short.toString('hex')).toBe(`0791${ascii('****')}`);
  });

  it('reads the same redacted again: nothing of a token is taken for a number', () => {
    const once = redacted(`${head}${EF_IMSI}${EF_ICCID}${EF_MSISDN}`).hex;
    for (const number of [EF_IMSI.slice(2), EF_ICCID, bcd(MSISDN.slice(1))])
      expect(once).not.toContain(number);
    const twice = redacted(once);
    expect(twice.hex).toBe(once);
    expect(twice.asked).toEqual([]);
  });
});

describe('a number in BCD with no layout around it', () => {
  // A vendor's answer: a status word and a count, the number, another field.
  const head = `${u32hex(0)}${u32hex(1)}`;
  const tail = u32hex(7);
  const IMEI = '356938035643809';

  it.each([
    // The digits as hex text, nibbles not swapped: `89 01 41 03 …`.
    ['an ICCID as packed hex', ICCID, 'ICCID-1***'],
    ['an ICCID of 19 digits as packed hex', '8901260487759545390f', 'ICCID-1***'],
    // A NAS mobile identity's 8 bytes without its length byte (08): `3a` is the type and the 3.
    ['an IMEI as an NV item holds it', `${IMEI[0]}a${bcd(IMEI.slice(1))}`, 'IMEI-1**'],
    // 15 digits and F, as MAP and GTP carry an IMEI.
    ['an IMEI as TBCD', bcd(IMEI), 'IMEI-1**'],
  ])('has %s overwritten in place by its token', (_name, number, token) => {
    const { hex, asked } = redacted(`${head}${number}${tail}`);
    expect(hex).toBe(`${head}${ascii(token)}${tail}`);
    const kind = token.slice(0, token.indexOf('-'));
    expect(asked).toEqual([[kind, kind === 'IMEI' ? IMEI : number.replace(/f$/, '')]]);
  });

  it('is hidden after text, and the text kept as it was', () => {
    // An AT answer's text, then the number: ASCII letters and line ends read as decimal nibbles
    // too (`Movistar\r\n` is 20 of them), and are no number.
    const text = ascii('Movistar Hi there\r\n');
    for (const number of [bcd(IMEI), `${IMEI[0]}a${bcd(IMEI.slice(1))}`, ICCID])
      expect(redacted(`${text}${number}`).hex, number).toBe(
        `${text}${ascii(number === ICCID ? 'ICCID-1***' : 'IMEI-1**')}`,
      );
  });

  it('reads the same redacted again', () => {
    const once = redacted(`${head}${ICCID}${tail}${bcd(IMEI)}${IMEI[0]}a${bcd(IMEI.slice(1))}`);
    expect(once.asked.map(([kind]) => kind)).toEqual(['ICCID', 'IMEI', 'IMEI']);
    const twice = redacted(once.hex);
    expect(twice.hex).toBe(once.hex);
    expect(twice.asked).toEqual([]);
  });

  it.each([
    // Integers, then a packed ICCID: `8a 83 00` and the token's `ICCID` (49 43 43 49 44, two
    // decimal nibbles each) read as an IMEI's NAS bytes whose check digit holds; the ICCID's
    // zero bytes had ruled that reading out.
    ['27f700008a830089882110000008636773'],
    ['15a200001a4800894411015785225476711a150000e3c300'],
    ['1a910089860124771864232937'],
  ])('reads the same redacted again where its token reads as digits: %s', (hex) => {
    const once = redacted(hex);
    expect(once.asked.map(([kind]) => kind)).toEqual(['ICCID']);
    expect(redacted(once.hex)).toEqual({ hex: once.hex, asked: [] });
  });

  it("is hidden beside a SIM record, whose own digits read so are left to the record's layout", () => {
    // `07 91 81 46 82 13 43 f6` also reads as TBCD digits whose check digit holds: taken so, the
    // token would overwrite the record's length and type.
    const record = `ffff0791${bcd('18642831346')}`;
    expect(redacted(`${record}${u32hex(7)}${bcd(IMEI)}`).hex).toBe(
      `ffff0791${ascii('PHONE*')}${u32hex(7)}${ascii('IMEI-1**')}`,
    );
  });
});

describe('numbers in BCD amid little-endian integers, generated', () => {
  it('have every byte of their digits overwritten, and keep their own framing', () => {
    /** Bytes of what the redaction writes: tokens (`IMSI-1`, kinds) and `*`. */
    const TOKEN_BYTE = /^[ICDEHMNOPS1*-]$/;
    const planted = fc.tuple(integers, fc.oneof(imsiFile, iccidFile, diallingNumber), integers);
    fc.assert(
      fc.property(planted, ([before, laid, after]) => {
        const hex = `${before}${laid.hex}${after}`;
        const from = before.length / 2 + laid.from;
        const to = before.length / 2 + laid.to;
        const input = Buffer.from(hex, 'hex');
        const output = Buffer.from(redacted(hex).hex, 'hex');
        expect(output.length).toBe(input.length);
        output.forEach((byte, i) => {
          const char = String.fromCharCode(byte);
          const where = `byte ${String(i)} of ${hex} → ${output.toString('hex')}`;
          // The number's bytes are a token's or `*`: no nibble of its digits is left.
          if (i >= from && i < to) expect(char, where).toMatch(TOKEN_BYTE);
          // Around it, integers may happen to read as a number too (`05 91` before an EF_IMSI
          // is a dialling number's length and type): hidden as well, or kept as they were.
          else if (before === '' && after === '') expect(byte, where).toBe(input[i]);
          else if (byte !== input[i]) expect(char, where).toMatch(TOKEN_BYTE);
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('numbers in BCD with no layout around them, amid integers, over a fixed sample', () => {
  it('are hidden but for the few whose bytes read as text, and read the same redacted again', () => {
    /** Bytes of what the redaction writes: tokens (`IMEI-1`, kinds) and `*`. */
    const TOKEN_BYTE = /^[ICDEHMNOPS1*-]$/;
    const planted = fc.tuple(integers, fc.oneof(packedIccid, bareImei), integers);
    let hidden = 0;
    for (const [before, laid, after] of fc.sample(planted, { numRuns: 2000, seed: 1 })) {
      const once = redacted(`${before}${laid.hex}${after}`).hex;
      const bytes = Buffer.from(once, 'hex')
        .subarray(before.length / 2)
        .subarray(0, laid.to);
      if ([...bytes].every((byte) => TOKEN_BYTE.test(String.fromCharCode(byte)))) hidden++;
      expect(redacted(once).hex, once).toBe(once);
    }
    // 1 in 2000 before these readings (an IMEI's digits that happened to fall into a SIM
    // layout). Those left are the few whose bytes are all printable ASCII but the type's or the
    // filler's (each byte of digits is, one in 1.5): 97% are hidden over 100,000 (seed 1).
    expect(hidden).toBeGreaterThanOrEqual(1939);
  });
});

describe('payloads of little-endian integers', () => {
  it("keep the bench's MBIM command and answer as they are", () => {
    expect(redacted(MBIM_COMMAND).hex).toBe(MBIM_COMMAND);
    expect(redacted(MBIM_DONE).hex).toBe(MBIM_DONE);
  });

  it('of mixed widths, and random bytes, are seldom changed, over fixed samples', () => {
    // 8-bit fields of any value, 16-bit under 1024, 32-bit under 65536, in any order: a vendor's
    // diagnostics, a QMI message. 64 bytes each, 20,000 of each kind.
    const field = fc.oneof(
      fc.nat(0xff).map((v) => v.toString(16).padStart(2, '0')),
      fc.nat(0x3ff).map((v) => u32hex(v).slice(0, 4)),
      fc.nat(0xffff).map(u32hex),
    );
    const mixed = fc
      .array(field, { minLength: 30, maxLength: 30 })
      .map((f) => f.join('').slice(0, 128));
    const random = fc
      .uint8Array({ minLength: 64, maxLength: 64 })
      .map((b) => Buffer.from(b).toString('hex'));
    const changed = (arb: fc.Arbitrary<string>): number =>
      fc.sample(arb, { numRuns: 20_000, seed: 1 }).filter((hex) => redacted(hex).hex !== hex)
        .length;
    // Runs of digits that happen to fall into a layout, or, with no layout, to end in a check
    // digit that holds (one in ten). The SIM layouts alone changed 16 and 12 of these; with an
    // IMEI's and a packed ICCID's bare digits read too, about 1 payload in 600 is (measured over
    // 100,000 of each, 6.4 MB: 20 finds a million bytes for the mixed fields, 13 for random).
    expect(changed(mixed)).toBeLessThanOrEqual(30);
    expect(changed(random)).toBeLessThanOrEqual(34);
  });

  it('are never changed, whatever 32-bit values under 65536 they hold', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(0xffff), { minLength: 1, maxLength: 64 }), (values) => {
        const hex = values.map(u32hex).join('');
        expect(redacted(hex).hex).toBe(hex);
      }),
      { numRuns: 500 },
    );
  });
});
