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
  bcd,
  diallingNumber,
  iccidFile,
  imsiFile,
  integers,
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

describe('payloads of little-endian integers', () => {
  it("keep the bench's MBIM command and answer as they are", () => {
    expect(redacted(MBIM_COMMAND).hex).toBe(MBIM_COMMAND);
    expect(redacted(MBIM_DONE).hex).toBe(MBIM_DONE);
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
