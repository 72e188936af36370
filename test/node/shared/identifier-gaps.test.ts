/**
 * An identifier with an invisible character inside it (a zero-width space pasted from a web page
 * or a chat, a soft hyphen from a word processor, a byte order mark from a joined file) reads on
 * screen as the identifier it is. Before, such a character split the digits in two runs, and a
 * run too short to be an identifier was left as it was: an IMEI came out as `3590`, the space and
 * `PHONE-1`, or whole.
 *
 * Each identifier the digit scan finds is written with each invisible character at every place
 * inside it, then redacted as text and as bytes (UTF-16LE, as MBIM strings are, and UTF-8): what
 * comes out must be what comes out without the character, and show none of its digits.
 */
import { describe, expect, it } from 'vitest';
import { replaceIdentifiers } from '../../../shared/identifiers.js';
import { redactBytes } from '../../../shared/redact-bytes.js';

const IDENTIFIERS = [
  { written: '490154203237518', kind: 'IMEI' },
  { written: '35892152/758929/0', kind: 'IMEI' },
  { written: '310260123456789', kind: 'IMSI' },
  { written: '89014103211118510720', kind: 'ICCID' },
  { written: '8901410321111851072F', kind: 'ICCID' },
  { written: '+44 20 7946 0958', kind: 'PHONE' },
  { written: '+4420794', kind: 'PHONE' },
  { written: '4155550123', kind: 'PHONE' },
  { written: '(555) 123-4567', kind: 'PHONE' },
] as const;

/** Characters that take no place of their own on screen. */
const INVISIBLES: Readonly<Record<string, string>> = {
  'ZERO WIDTH SPACE': '\u200b',
  'ZERO WIDTH NON-JOINER': '\u200c',
  'ZERO WIDTH JOINER': '\u200d',
  'WORD JOINER': '\u2060',
  'BYTE ORDER MARK': '\ufeff',
  'SOFT HYPHEN': '\u00ad',
  'LEFT-TO-RIGHT MARK': '\u200e',
  'RIGHT-TO-LEFT ISOLATE': '\u2067',
  'INVISIBLE TIMES': '\u2062',
  'COMBINING GRAPHEME JOINER': '\u034f',
  'MONGOLIAN VOWEL SEPARATOR': '\u180e',
  'VARIATION SELECTOR-16': '\ufe0f',
  // Outside the BMP: two UTF-16 code units, four UTF-8 bytes.
  'TAG SPACE': '\u{e0020}',
};

const INVISIBLE = new RegExp(Object.values(INVISIBLES).join('|'), 'gu');
const token = (kind: string): string => `${kind}-1`;
const redact = (text: string): string => replaceIdentifiers(text, token);

/** The digits of `text` but the `1` of its tokens: what a reader of the export could read. */
const digitsShown = (text: string): string =>
  text.replace(/[A-Z]+-1/g, '').replace(/[^\p{Nd}]/gu, '');

/** `written` with `char` at each place between two of its characters, and at all at once. */
function placings(written: string, char: string): { text: string; inside: boolean }[] {
  const chars = Array.from(written);
  const first = chars.findIndex((c) => /[+\d]/.test(c));
  const last = chars.findLastIndex((c) => /\d/.test(c));
  const out = chars.slice(1).map((_, i) => ({
    text: [...chars.slice(0, i + 1), char, ...chars.slice(i + 1)].join(''),
    // Between its first digit (or `+`) and its last: the identifier's own.
    inside: i + 1 > first && i + 1 <= last,
  }));
  out.push({ text: chars.join(char), inside: false });
  return out;
}

describe('an identifier with an invisible character inside it', () => {
  for (const [name, char] of Object.entries(INVISIBLES))
    it(`is redacted whole as text, ${name} anywhere in it`, () => {
      for (const id of IDENTIFIERS) {
        const expected = redact(`x ${id.written} y`);
        // As without the character: `x PHONE-1 y`, the bracket before a number's first digit
        // left as it is (`x (PHONE-1 y`).
        expect(expected).toBe(`x ${id.written.startsWith('(') ? '(' : ''}${token(id.kind)} y`);
        for (const { text, inside } of placings(id.written, char)) {
          const redacted = redact(`x ${text} y`);
          const shown = JSON.stringify(redacted);
          expect(digitsShown(redacted), shown).toBe('');
          // The character goes with the identifier; one outside its digits may stay.
          if (inside) expect(redacted, shown).toBe(expected);
          else expect(redacted.replace(INVISIBLE, ''), shown).toBe(expected);
        }
      }
    });

  for (const [name, char] of Object.entries(INVISIBLES))
    it(`is overwritten whole in bytes, ${name} anywhere in it`, () => {
      for (const id of IDENTIFIERS)
        for (const { text, inside } of placings(id.written, char))
          for (const [encoding, offset] of [
            ['utf16le', 0],
            ['utf16le', 1],
            ['utf8', 0],
          ] as const) {
            const written = Buffer.from(`x ${text} y`, encoding);
            const bytes = Buffer.concat([Buffer.alloc(offset, 0x01), written]);
            expect(redactBytes(bytes, token)).toBe(true);
            expect(bytes.length).toBe(offset + written.length);
            const redacted = bytes.subarray(offset).toString(encoding);
            const shown = `${encoding}+${String(offset)}: ${JSON.stringify(redacted)}`;
            expect(digitsShown(redacted), shown).toBe('');
            expect(redacted, shown).toContain(token(id.kind));
            if (inside) expect(redacted.match(INVISIBLE), shown).toBe(null);
          }
    });

  it('is redacted whole with several invisible characters together', () => {
    expect(redact('IMEI 4901\u200b\u200d\ufeff54203237518.')).toBe('IMEI IMEI-1.');
    // Written apart, its digits alone make it a phone number; its label says what it is.
    expect(redact('IMSI 31026\u00ad \u20600123456789')).toBe('IMSI IMSI-1');
    expect(redact('tel:+\u200b44\u200b20\u200b7946\u200b0958')).toBe('tel:PHONE-1');
  });

  it('reads an ICCID printed in groups, as on a SIM card, as an ICCID, its F filler with it', () => {
    expect(redact('SIM 8935 9011 2345 6789 012F.')).toBe('SIM ICCID-1.');
    expect(redact('SIM 8901-4103-2111-1851-0720')).toBe('SIM ICCID-1');
    const bytes = Buffer.from('SIM 8935 9011 2345 6789 012F.', 'utf16le');
    redactBytes(bytes, token);
    expect(bytes.toString('utf16le')).toMatch(/^SIM ICCID-1\*+/);
  });

  it('keeps an ICCID’s F filler with it past an invisible character', () => {
    expect(redact('SIM 8901410321111851072\u200bF.')).toBe('SIM ICCID-1.');
    // After anything else the letter is the text's, and so is what went before it.
    expect(redact('IMEI 490154203237518\u200bFW')).toBe('IMEI IMEI-1\u200bFW');
  });
});

describe('separators in their other forms', () => {
  const OTHER_FORMS = [
    { written: '415\u2013555\u20130123', kind: 'PHONE', why: 'en dashes' },
    { written: '490154\u2011203237518', kind: 'IMEI', why: 'a non-breaking hyphen' },
    { written: '(555)\u00a0123\u2212\u200b4567', kind: 'PHONE', why: 'a minus sign' },
    { written: '06\u202f12\u202f34\u202f56\u202f78', kind: 'PHONE', why: 'French grouping' },
    { written: '+33\u20096\u200912\u200934\u200956\u200978', kind: 'PHONE', why: 'thin spaces' },
    { written: '+44\u00a020\u00a07946\u00a00958', kind: 'PHONE', why: 'no-break spaces' },
    {
      written: '\uff08\uff10\uff13\uff09\uff11\uff12\uff13\uff14\uff0d\uff15\uff16\uff17\uff18',
      kind: 'PHONE',
      why: 'full-width forms',
    },
    {
      written: '4\u03361\u03365\u03365\u03365\u03365\u03360\u03361\u03362\u03363\u0336',
      kind: 'PHONE',
      why: 'struck-through digits',
    },
    {
      written: Array.from('4155550123', (d) => `${d}\ufe0f\u20e3`).join(''),
      kind: 'PHONE',
      why: 'keycap digits',
    },
    // A byte that is not UTF-8, in a damaged log, reads as U+FFFD: the rest were left showing.
    { written: '4901542\ufffd03237518', kind: 'IMEI', why: 'a byte that could not be read' },
    { written: '+44 20\ufffd\ufffd7946 0958', kind: 'PHONE', why: 'two bytes that could not be' },
  ] as const;

  it.each(OTHER_FORMS)('go with the number as their ASCII forms do: $why', (id) => {
    const redacted = redact(`x ${id.written} y`);
    expect(digitsShown(redacted), JSON.stringify(redacted)).toBe('');
    expect(redacted).toContain(token(id.kind));
    for (const encoding of ['utf16le', 'utf8'] as const) {
      const bytes = Buffer.from(`x ${id.written} y`, encoding);
      redactBytes(bytes, token);
      expect(digitsShown(bytes.toString(encoding)), encoding).toBe('');
    }
  });

  // Dots without a `+` (versions, decimals, addresses; `415.555.0123` on purpose), three
  // separators in a row, and letters are no part of a number, a character of no width or not.
  it.each([
    '415.555.0123',
    '415.555\u200b.0123',
    'firmware 10.0.22631.123',
    '3.1415926',
    '12345 - 67890',
    '12345 \u2013 67890',
    '12345\u03b967890',
    '2026-11-24T08:30:00.000Z',
    '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
  ])('leave %j as it is', (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe('text and bytes', () => {
  // Every ASCII character, and others of each sort, between the two halves of a phone number.
  const between = [
    ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
    ...Object.values(INVISIBLES),
    ...['\u00a0', '\u2013', '\u2212', '\u3000', '\uff0f', '\u00b7', '\u2028', '\u03b9', 'é'],
    '\ufffd',
  ].filter((c) => !/\d/.test(c));

  it.each(between.map((c) => [c.codePointAt(0)?.toString(16), c]))(
    'agree on whether U+%s joins two halves of a number',
    (_code, c) => {
      const text = `41555${c}50123 and +4420${c}794`;
      const asText = redact(text);
      for (const encoding of ['utf16le', 'utf8'] as const) {
        const bytes = Buffer.from(text, encoding);
        redactBytes(bytes, token);
        expect(digitsShown(bytes.toString(encoding)) === '', encoding).toBe(
          digitsShown(asText) === '',
        );
      }
    },
  );
});

describe('digits of another script in bytes', () => {
  // A device or a SIM tool may answer in the digits of its locale, and a pasted IMEI may be
  // full-width. Before, text read them as digits and bytes ASCII ones only: an MBIM string or a
  // payload kept them readable in every export.
  const SCRIPTS: Readonly<Record<string, number>> = {
    'full-width': 0xff10,
    'Arabic-Indic': 0x0660,
    Devanagari: 0x0966,
    // Outside the BMP: two UTF-16 code units, four UTF-8 bytes each.
    'mathematical bold': 0x1d7ce,
  };
  /** `text` with its ASCII digits written in the script whose zero is `zero`. */
  const inScript = (text: string, zero: number): string =>
    text.replace(/[0-9]/g, (d) => String.fromCodePoint(zero + Number(d)));
  const ENCODINGS = [
    ['utf16le', 0],
    ['utf16le', 1],
    ['utf8', 0],
  ] as const;
  /** `text` in `encoding`, after `offset` bytes of a header. */
  const encoded = (text: string, encoding: 'utf16le' | 'utf8', offset: number): Buffer =>
    Buffer.concat([Buffer.alloc(offset, 0x01), Buffer.from(text, encoding)]);

  for (const [script, zero] of Object.entries(SCRIPTS))
    it(`are read in ${script} digits as in text, each identifier overwritten whole`, () => {
      for (const id of IDENTIFIERS) {
        const text = `x ${inScript(id.written, zero)} y`;
        const asText: string[] = [];
        replaceIdentifiers(text, (kind, digits) => {
          asText.push(`${kind} ${digits}`);
          return token(kind);
        });
        expect(asText, text).toEqual([expect.stringMatching(new RegExp(`^${id.kind} `))]);
        for (const [encoding, offset] of ENCODINGS) {
          const bytes = encoded(text, encoding, offset);
          const length = bytes.length;
          const asBytes: string[] = [];
          const found = redactBytes(bytes, (kind, digits) => {
            asBytes.push(`${kind} ${digits}`);
            return token(kind);
          });
          const redacted = bytes.subarray(offset).toString(encoding);
          const shown = `${encoding}+${String(offset)}: ${JSON.stringify(redacted)}`;
          expect(found, shown).toBe(true);
          expect(bytes.length, shown).toBe(length);
          expect(digitsShown(redacted), shown).toBe('');
          expect(redacted, shown).toContain(token(id.kind));
          // The same identifier as in text: the same kind and digits, so the same token.
          expect(asBytes, shown).toEqual(asText);
        }
      }
    });

  it('are overwritten by the token and stars, one for each byte or code unit, as ASCII is', () => {
    const imei = '490154203237518';
    const fullWidth = inScript(imei, 0xff10);
    // ASCII as before: 15 bytes or code units, 15 characters of token and stars.
    for (const encoding of ['latin1', 'utf16le'] as const) {
      const bytes = Buffer.from(`IMEI ${imei};`, encoding);
      redactBytes(bytes, token);
      expect(bytes.toString(encoding)).toBe('IMEI IMEI-1*********;');
    }
    // A full-width digit is one UTF-16 code unit and three UTF-8 bytes: each is one character.
    const utf16 = Buffer.from(`IMEI ${fullWidth};`, 'utf16le');
    redactBytes(utf16, token);
    expect(utf16.toString('utf16le')).toBe('IMEI IMEI-1*********;');
    const utf8 = Buffer.from(`IMEI ${fullWidth};`, 'utf8');
    redactBytes(utf8, token);
    expect(utf8.toString('latin1')).toBe(`IMEI IMEI-1${'*'.repeat(45 - 6)};`);
  });

  it.each([
    // Dots without a `+` stay no separator in any script, as `415.555.0123` does on purpose.
    '415.555.0123',
    inScript('415.555.0123', 0xff10),
    '\uff14\uff11\uff15\uff0e\uff15\uff15\uff15\uff0e\uff10\uff11\uff12\uff13',
    inScript('fw 10.0.22631.123, 2026-11-24, 123456789 bytes', 0x0660),
    inScript('12345 - 67890', 0x0966),
    '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
  ])('leave a payload holding no identifier byte for byte: %j', (text) => {
    expect(redact(text)).toBe(text);
    for (const [encoding, offset] of ENCODINGS) {
      const bytes = encoded(text, encoding, offset);
      const before = Buffer.from(bytes);
      expect(redactBytes(bytes, token), encoding).toBe(false);
      expect(bytes.equals(before), encoding).toBe(true);
    }
  });

  it('leave bytes of no text as they are', () => {
    // A binary payload: bytes of a fixed pseudo-random sequence, most of them outside ASCII
    // (read as UTF-16, code units of every row), none making ten digits in a row.
    let seed = 1;
    const bytes = Buffer.from(
      Array.from({ length: 0x20000 }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24),
    );
    const before = Buffer.from(bytes);
    redactBytes(bytes, token);
    expect(bytes.equals(before)).toBe(true);
  });
});
