/**
 * A read's preview read as BCD: numbers laid out as SIM files and 3GPP messages lay them out are
 * found (EF_IMSI, EF_ICCID, dialling numbers), with the digits a text field would give the same
 * number; payloads of little-endian integers, which read as runs of zeros, are not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { previewIdentifier } from '../../../shared/identifiers.js';
import { hidePreviewIdentifier } from '../../../shared/preview-redaction.js';

/** `digits` as BCD: two a byte, the first in the low nibble, `F` after an odd last one. */
function bcd(digits: string): string {
  let hex = '';
  for (let i = 0; i < digits.length; i += 2) hex += `${digits[i + 1] ?? 'f'}${digits[i]}`;
  return hex;
}

/** EF_IMSI's 9 bytes: the length 08, the type (9: IMSI, odd) under the first digit, the rest. */
function efImsi(imsi: string): string {
  const odd = imsi.length % 2 === 1;
  return `08${imsi[0]}${odd ? '9' : '1'}${bcd(imsi.slice(1)).padEnd(14, 'f')}`;
}

/** A little-endian uint32 as hex. */
function u32(value: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value);
  return b.toString('hex');
}

/** What the redaction writes for an identifier, as an export does. */
const redacted = (hex: string): string =>
  hidePreviewIdentifier(hex, (kind) => `[redacted ${kind}-1]`);

describe('payloads of little-endian integers', () => {
  it.each([
    // The bench's read: a frame header, then uint32 fields 42, 5 and 60.
    ['the bench payload', '7e0a00010000002a000000050000003c'],
    // An MBIM header (COMMAND_DONE, length 408 = 98 01 00 00, transaction 5, one fragment).
    ['an MBIM header of length 408', `${u32(0x80000003)}${u32(408)}${u32(5)}${u32(1)}`],
    ['an MBIM header of length 152', `${u32(0x80000003)}${u32(152)}${u32(5)}${u32(1)}`],
    // A uint32 of 2568 (`08 0a 00 00`) where an IMEI's length and type would be.
    ['a length of 2568 and zeros', `${u32(2568)}${u32(0)}${u32(7)}${u32(0)}`],
    ['zero padding', '00'.repeat(16)],
    ['a QMI header', '01170080020102050022000c00020400'],
  ])('keep %s as they are', (_name, hex) => {
    expect(previewIdentifier(hex)).toBeUndefined();
    expect(redacted(hex)).toBe(hex);
  });

  it('are all but never taken for an identifier, whatever 32-bit values under 65536 they hold', () => {
    // The shape of MBIM and QMI structures and of vendors' diagnostics: before, any preview with
    // two such fields side by side read as an IMSI (`2a000000 05000000`: 20000005000000).
    const preview = fc
      .tuple(fc.array(fc.nat(0xffff), { minLength: 4, maxLength: 6 }), fc.nat(3))
      .map(([values, skip]) =>
        values
          .map(u32)
          .join('')
          .slice(skip * 2, skip * 2 + 32),
      );
    // Not never: a run of 19 or 20 digits from 89 whose check digit holds is hidden as an ICCID
    // whatever its zeros (a leaked SIM number costs more than a preview hidden without need), and
    // one such run in ten passes the check: about 3 previews in a million (measured over 6M).
    // Counted over one fixed sample, so every run gives the same answer: asserted as "never"
    // over a random sample, it failed about one run in twenty.
    const samples = fc.sample(preview, { numRuns: 100_000, seed: 1 });
    const taken = samples.flatMap((hex) => previewIdentifier(hex) ?? []);
    expect(taken.length).toBeLessThanOrEqual(2);
    for (const found of taken) expect(found.kind).toBe('ICCID');
  });
});

describe('SIM files and messages holding a number in BCD', () => {
  it.each([
    ['an IMSI', efImsi('310150123456789'), 'IMSI', '310150123456789'],
    // Zero bytes in a row, as integers have them: the MSIN's, here.
    ['an IMSI mostly of zeros', efImsi('310260000000123'), 'IMSI', '310260000000123'],
    // Zero pairs four bytes apart, as two 32-bit fields' high halves fall.
    ['another IMSI of zeros', efImsi('460010000003200'), 'IMSI', '460010000003200'],
    ['a test network IMSI', efImsi('001010123456789'), 'IMSI', '001010123456789'],
    // The one country code of the form x00: Azerbaijan's.
    ['an Azerbaijani IMSI', efImsi('400011234567890'), 'IMSI', '400011234567890'],
    ['an IMSI of 14 digits', efImsi('23415012345678'), 'IMSI', '23415012345678'],
    ['an ICCID of 20 digits', bcd('89014103211118510720'), 'ICCID', '89014103211118510720'],
    ['an ICCID of 19 and filler', bcd('8901260487759545390'), 'ICCID', '8901260487759545390'],
    // A lab SIM: six zeros after the issuer, whole and its check digit right.
    ['a lab ICCID', bcd('8988211000000110000'), 'ICCID', '8988211000000110000'],
    // EF_MSISDN: an empty alpha tag, the length in bytes (type byte included), international.
    ['an MSISDN', `ffff0791${bcd('447946095834')}ffffffff`, 'PHONE', '+447946095834'],
    // EF_ADN: a national number of ten digits.
    ['a phone book number', `4d6f6d06a1${bcd('4155550123')}ffff`, 'PHONE', '4155550123'],
    // SMS-DELIVER: the service centre (length in bytes), then the sender (length in digits).
    ['an SMS sender', `00040b91${bcd('44779513909')}0000`, 'PHONE', '+44779513909'],
  ])('find %s, with its digits', (_name, hex, kind, digits) => {
    expect(previewIdentifier(hex)).toMatchObject({ kind, digits });
  });

  it('find an IMSI the preview cuts, once seven of its digits show', () => {
    // An 11-byte header: the preview's 16 bytes end 2 digits into the MSIN.
    const hex = `7e0a0001${u32(7)}aaaaaa${efImsi('310150123456789')}`.slice(0, 32);
    expect(previewIdentifier(hex)).toMatchObject({ kind: 'IMSI', digits: '3101501' });
    // Five digits are a country and a network: nobody's.
    expect(previewIdentifier(`${'00'.repeat(12)}${efImsi('310150123456789')}`.slice(0, 32))).toBe(
      undefined,
    );
  });

  it('have only their bytes replaced: what is around them stays readable', () => {
    const imsi = efImsi('310260000000123');
    expect(redacted(`7e0a0001${imsi}ffffff`)).toBe('7e0a000108[redacted IMSI-1]ffffff');
    expect(redacted(`ffff0791${bcd('447946095834')}ffffffff`)).toBe(
      'ffff0791[redacted PHONE-1]ffffffff',
    );
    expect(redacted(bcd('89014103211118510720'))).toBe('[redacted ICCID-1]');
  });

  it('take the whole preview when what is beside them carries an identifier too', () => {
    // An EF_IMSI, then the ASCII digits of an IMEI's start (a fragment at the preview's end).
    const hex = `${efImsi('310150123456789')}${Buffer.from('3589215', 'latin1').toString('hex')}`;
    expect(redacted(hex)).toBe('[redacted IMSI-1]');
  });
});

// A review of the BCD rule: it let numbers through that the rule before it hid.
describe('numbers the SIM layouts do not confirm', () => {
  const hide = (hex: string): string => hidePreviewIdentifier(hex, (kind) => `[${kind}]`);

  it('hide the whole of a SIM record’s number whose length byte counts bytes', () => {
    // +86 138 1234 5678 in an EF_ADN record: its length byte, 8, also reads as eight digits,
    // which hid "86138123" and left "45678" beside the token.
    const hex = `ffff0891${bcd('8613812345678')}ffffff`;
    expect(hide(hex)).toBe('ffff0891[PHONE]ffffff');
    expect(previewIdentifier(hex)?.digits).toBe('+8613812345678');
  });

  it.each([
    // After a frame header: read as a run of digits, `0001` and the ICCID were 24 in a row, more
    // than any one number, and taken for integers.
    ['an ICCID as packed hex', '89014103211118510720', 'ffff', 'ICCID'],
    // An IMEI's 15 digits and F (TBCD), and the NAS layout's 8 bytes without its length byte.
    ['an IMEI as TBCD', bcd('356938035643809'), u32(7), 'IMEI'],
    ['an IMEI without its length byte', `3a${bcd('56938035643809')}`, u32(7), 'IMEI'],
  ])('find %s with no layout around it, and hide only its bytes', (_name, number, after, kind) => {
    expect(hide(`7e0a0001${number}${after}`)).toBe(`7e0a0001[${kind}]${after}`);
  });

  it.each([
    ['an ICCID written as packed hex', '8901260912345678901f', 'ICCID'],
    ['an IMSI without its length byte', '130662214365870ff9', 'IMSI'],
    ['a lab ICCID whose check digit holds, zeros and all', '8901260000000000014f', 'ICCID'],
  ])('still hide %s whole', (_name, hex, kind) => {
    expect(hide(hex)).toBe(`[${kind}]`);
  });
});
