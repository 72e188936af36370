/**
 * Numbers as SIM files and 3GPP messages lay them out in BCD (EF_IMSI, EF_ICCID, a dialling
 * number), generated with where their digits' bytes are, and the little-endian integers payloads
 * are made of: for the tests of read previews and of payload bytes alike.
 */
import fc from 'fast-check';

/** `digits` as BCD: two a byte, the first in the low nibble, `F` after an odd last one. */
export function bcd(digits: string): string {
  let hex = '';
  for (let i = 0; i < digits.length; i += 2) hex += `${digits[i + 1] ?? 'f'}${digits[i]}`;
  return hex;
}

/** Random digits, none zero: a generated number then holds no zeros by chance, only by design. */
const digits = (n: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 1, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

/** `body` and its Luhn check digit, as an ICCID ends. */
function withCheckDigit(body: string): string {
  for (let d = 0; d < 10; d++) {
    const all = `${body}${d}`;
    let sum = 0;
    for (let i = 0; i < all.length; i++) {
      let v = Number(all[all.length - 1 - i]);
      if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    }
    if (sum % 10 === 0) return all;
  }
  return body;
}

/** A number as a SIM file or an SMS holds it: its bytes, and where its digits' bytes are. */
export interface Laid {
  hex: string;
  from: number;
  to: number;
}

export const imsiFile = fc
  .oneof(
    fc.constantFrom('310260000000123', '460010000003200', '001010123456789'),
    fc
      .tuple(fc.constantFrom('310260', '23415', '26201', '46000', '00101', '90170'), digits(9))
      .map(([start, rest]) => `${start}${rest}`.slice(0, 15)),
  )
  .map((imsi): Laid => {
    const odd = imsi.length % 2 === 1;
    const hex = `08${imsi[0]}${odd ? '9' : '1'}${bcd(imsi.slice(1)).padEnd(14, 'f')}`;
    return { hex, from: 1, to: 9 };
  });

export const iccidFile = fc
  .tuple(
    fc.constantFrom('8901260', '891480', '8944110', '89860', '8988211000000'),
    fc.constantFrom(19, 20),
    digits(19),
  )
  .map(([start, length, rest]): Laid => {
    const iccid = withCheckDigit(`${start}${rest}`.slice(0, length - 1));
    return { hex: bcd(iccid).padEnd(20, 'f'), from: 0, to: 10 };
  });

export const diallingNumber = fc
  .tuple(fc.constantFrom('44', '1', '49', '86'), digits(10), fc.constantFrom('adn', 'sms'))
  .map(([country, rest, layout]): Laid => {
    const number = `${country}${rest}`.slice(0, 12);
    const bytes = bcd(number);
    // EF_ADN counts bytes with the type byte, behind an alpha tag; an SMS address counts digits.
    const length = layout === 'adn' ? bytes.length / 2 + 1 : number.length;
    const head = `${layout === 'adn' ? 'ffff' : ''}${length.toString(16).padStart(2, '0')}91`;
    return {
      hex: `${head}${bytes}`,
      from: head.length / 2,
      to: head.length / 2 + bytes.length / 2,
    };
  });

/**
 * An ICCID's digits written as packed hex (`89 01 41 …`, the nibbles not swapped), as a vendor's
 * structure may hold it: no layout around it.
 */
export const packedIccid = fc
  .tuple(
    fc.constantFrom('8901260', '891480', '8944110', '89860', '8988211000000'),
    fc.constantFrom(19, 20),
    digits(19),
  )
  .map(([start, length, rest]): Laid => {
    const iccid = withCheckDigit(`${start}${rest}`.slice(0, length - 1));
    return { hex: iccid.padEnd(20, 'f'), from: 0, to: 10 };
  });

/**
 * An IMEI in BCD with no length byte: the 8 bytes a NAS mobile identity has after it (the type
 * nibble `A` under the first digit), or a TBCD string (15 digits and `F`).
 */
export const bareImei = fc
  .tuple(fc.constantFrom('35', '86', '01', '49', '99'), digits(12), fc.boolean())
  .map(([body, rest, typed]): Laid => {
    const imei = withCheckDigit(`${body}${rest}`);
    return { hex: typed ? `${imei[0]}a${bcd(imei.slice(1))}` : bcd(imei), from: 0, to: 8 };
  });

/** Little-endian uint32 fields under 65536, cut anywhere: what comes before or after a number. */
export const integers = fc
  .tuple(fc.array(fc.nat(0xffff), { maxLength: 2 }), fc.nat(7))
  .map(([values, cut]) =>
    values
      .map((v) => u32hex(v))
      .join('')
      .slice(0, cut * 2),
  );

export function u32hex(value: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value);
  return b.toString('hex');
}
