/**
 * Where recorded bytes and text are cut: never inside a run of digits whose kept part the
 * redaction would not take for an identifier, so no export shows the start of an IMEI.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_CUT_MOVE,
  hideCutRun,
  recordedLength,
  recordedText,
} from '../../../shared/recorded-cut.js';
import { MBIM_COMMAND, MBIM_DONE } from '../../../bench/export-records.js';
import { bcdCutStart } from '../../../shared/bcd-identifiers.js';
import { redactBytes } from '../../../shared/redact-bytes.js';
import { bcd, u32hex } from '../export/support/bcd-layouts.js';

const IMEI = '358921527589292';
const LIMIT = 64;

/** `LIMIT + 40` bytes of `fill`, with `text` (in `encoding`) written from `at`. */
function bytesWith(text: string, at: number, encoding: 'latin1' | 'utf16le' | 'utf8' = 'latin1') {
  const bytes = Buffer.alloc(LIMIT + 40, 0x2e);
  Buffer.from(text, encoding).copy(bytes, at);
  return new Uint8Array(bytes);
}

/** Whether 5 digits in a row of the IMEI can be read in `bytes`, as ASCII or as UTF-16LE. */
function showsImei(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes);
  const texts = [
    buf.toString('latin1'),
    buf.toString('utf16le'),
    buf.subarray(1).toString('utf16le'),
  ];
  for (let i = 0; i + 5 <= IMEI.length; i++)
    if (texts.some((t) => t.includes(IMEI.slice(i, i + 5)))) return true;
  return false;
}

describe('recordedLength', () => {
  it('keeps bytes that fit whole', () => {
    expect(recordedLength(bytesWith(IMEI, 0).subarray(0, 20), LIMIT)).toBe(20);
  });

  it('moves back to before an IMEI (ASCII) the cut would split', () => {
    expect(recordedLength(bytesWith(`IMEI:${IMEI}`, LIMIT - 13), LIMIT)).toBe(LIMIT - 8);
  });

  it('moves back to before an IMEI in UTF-16LE, at either alignment', () => {
    expect(recordedLength(bytesWith(IMEI, LIMIT - 16, 'utf16le'), LIMIT)).toBe(LIMIT - 16);
    expect(recordedLength(bytesWith(IMEI, LIMIT - 15, 'utf16le'), LIMIT)).toBe(LIMIT - 15);
  });

  it('moves back over separators and a `+` too', () => {
    expect(recordedLength(bytesWith('+44 20 7946 0958', LIMIT - 6), LIMIT)).toBe(LIMIT - 6);
    expect(recordedLength(bytesWith('35892152/758929/0', LIMIT - 10), LIMIT)).toBe(LIMIT - 10);
    // A no-break space between digits, in UTF-8 (two bytes).
    expect(recordedLength(bytesWith('3589\u00a0215275', LIMIT - 7, 'utf8'), LIMIT)).toBe(LIMIT - 7);
  });

  it('keeps a run that ends exactly at the cut', () => {
    expect(recordedLength(bytesWith('12345678', LIMIT - 8), LIMIT)).toBe(LIMIT);
  });

  it('keeps the cut where a run starts at it or after it', () => {
    expect(recordedLength(bytesWith(IMEI, LIMIT), LIMIT)).toBe(LIMIT);
    expect(recordedLength(bytesWith(IMEI, LIMIT + 3), LIMIT)).toBe(LIMIT);
  });

  it('leaves digits far from the cut alone', () => {
    const bytes = bytesWith('1234567', 3);
    expect(recordedLength(bytes, LIMIT)).toBe(LIMIT);
  });

  it('keeps the cut where what is kept of a run is an identifier the redaction hides whole', () => {
    const digits = '1234567890'.repeat(4);
    expect(recordedLength(bytesWith(digits, LIMIT - 20), LIMIT)).toBe(LIMIT);
  });

  it('never moves further back than MAX_CUT_MOVE', () => {
    // Digits kept apart by more characters of no width (U+200B, 3 bytes each) than the bound.
    const padded = `12${'\u200b'.repeat(200)}34${'\u200b'.repeat(200)}56`;
    const bytes = new Uint8Array(4 * 1024).fill(0x2e);
    const limit = 2048;
    bytes.set(Buffer.from(padded, 'utf8'), limit - 700);
    const cut = recordedLength(bytes, limit);
    expect(cut).toBeGreaterThanOrEqual(limit - MAX_CUT_MOVE);
    expect(cut).toBeLessThanOrEqual(limit);
  });

  it('leaves no 5 digits of an IMEI after redaction, wherever the cut falls in it', () => {
    for (const encoding of ['latin1', 'utf16le'] as const)
      for (let at = LIMIT - 40; at <= LIMIT + 2; at++) {
        const bytes = bytesWith(`IMEI ${IMEI} `, at, encoding);
        const kept = bytes.slice(0, recordedLength(bytes, LIMIT));
        redactBytes(kept, (kind) => kind);
        expect(showsImei(kept), `${encoding} at ${at}`).toBe(false);
      }
  });
});

describe('recordedText', () => {
  it('keeps text that fits whole', () => {
    expect(recordedText(`kind ${IMEI}`, 40)).toBe(`kind ${IMEI}`);
  });

  it('moves back to before a number the cut would split', () => {
    expect(recordedText(`kind ${IMEI}`, 12)).toBe('kind ');
    expect(recordedText('call +44 20 7946 0958', 11)).toBe('call ');
  });

  it('keeps a number that ends exactly at the cut, and what is kept of a long one', () => {
    expect(recordedText('abc 1234567 and more', 11)).toBe('abc 1234567');
    expect(recordedText(`x ${IMEI}`, 14)).toBe(`x ${IMEI.slice(0, 12)}`);
  });

  it('leaves digits far from the cut alone', () => {
    expect(recordedText('12345678 then some words', 15)).toBe('12345678 then s');
  });

  it('does not split a surrogate pair', () => {
    expect(recordedText('ab😀cd', 3)).toBe('ab');
  });
});

describe('hideCutRun', () => {
  it('overwrites a run at the end of cut bytes, ASCII or UTF-16LE at either alignment', () => {
    const ascii = new Uint8Array(Buffer.from('IMEI: 3589-2152', 'latin1'));
    expect(hideCutRun(ascii)).toBe(true);
    expect(Buffer.from(ascii).toString('latin1')).toBe('IMEI: *********');
    for (const head of ['IMEI ', 'IMEI:x'])
      for (const tail of ['35892152', '35892152 ']) {
        const bytes = new Uint8Array(Buffer.from(`${head}${tail}`, 'utf16le').subarray(1));
        hideCutRun(bytes);
        expect(showsImei(bytes), `${head}${tail}`).toBe(false);
      }
  });

  it('leaves digits alone that end well before the cut', () => {
    const bytes = new Uint8Array(Buffer.from('12345678 and then words', 'latin1'));
    expect(hideCutRun(bytes)).toBe(false);
    expect(Buffer.from(bytes).toString('latin1')).toBe('12345678 and then words');
  });
});

// The cut falls anywhere in a number laid out in BCD (recordedLength reads text runs only), and
// the redaction finds a cut one only once 7 of its digits show (an ICCID, 14; an IMEI, never).
describe('hideCutRun, of a number in BCD the cut splits', () => {
  /** A SIM file or message as it lays a number out, and where its digits' bytes start. */
  const LAYOUTS: readonly (readonly [name: string, hex: string, digitsFrom: number])[] = [
    // An MSIN of zeros: what 8 digits of it show is no IMSI to the redaction.
    ['EF_IMSI', `0839${bcd('10260000000123')}`, 1],
    ['EF_ICCID', bcd('89014103211118510720'), 0],
    // An empty alpha tag, the length in bytes (type byte included), international.
    ['EF_MSISDN', `ffff0791${bcd('447946095834')}`, 4],
    ['an EF_ADN national number', `ffff06a1${bcd('4155550123')}`, 4],
    // An SMS sender: its length counts digits.
    ['an SMS address', `00040b91${bcd('44779513909')}`, 4],
    // A NAS mobile identity: length 08, type A (IMEI, odd) under the first digit.
    ['an IMEI', `083a${bcd('58921527589292')}`, 1],
  ];
  /** What the redaction writes: tokens (`IMSI-1`, kinds) and `*`. */
  const TOKEN_BYTE = /^[ICDEHMNOPS1*-]$/;
  // A status word and a size, of no byte that reads as a digit in text.
  const HEAD = `${u32hex(0)}${u32hex(0xffee)}`;

  it.each(LAYOUTS)(
    '%s: leaves none of its digits, wherever the cut falls in them',
    (_, hex, at) => {
      const from = HEAD.length / 2 + at;
      for (let cut = from + 1; cut < (HEAD.length + hex.length) / 2; cut++) {
        const bytes = Buffer.from(`${HEAD}${hex}`, 'hex').subarray(0, cut);
        redactBytes(bytes, (kind) => kind);
        hideCutRun(bytes);
        const where = `cut at ${String(cut)}: ${bytes.toString('hex')}`;
        // Each byte that held a digit is a token's or `*`: no nibble of the number is left.
        for (const byte of bytes.subarray(from))
          expect(String.fromCharCode(byte), where).toMatch(TOKEN_BYTE);
        // What was before the number stays.
        expect(bytes.subarray(0, HEAD.length / 2).toString('hex'), where).toBe(HEAD);
        // Hidden again, nothing changes.
        const again = Buffer.from(bytes);
        redactBytes(again, (kind) => kind);
        hideCutRun(again);
        expect(again.toString('hex'), where).toBe(bytes.toString('hex'));
      }
    },
  );

  it('says which number it was where there is room: its kind, then `*`', () => {
    const bytes = Buffer.from(`${HEAD}0839${bcd('1026000')}`, 'hex');
    expect(hideCutRun(bytes)).toBe(true);
    expect(bytes.subarray(HEAD.length / 2).toString('latin1')).toBe('\x08IMSI*');
  });

  it("takes no cut of the bench's MBIM messages for a number's start", () => {
    for (const message of [MBIM_COMMAND, MBIM_DONE]) {
      const bytes = Buffer.from(message, 'hex');
      for (let cut = 1; cut < bytes.length; cut++)
        expect(bcdCutStart(bytes.subarray(0, cut)), `${message} cut at ${String(cut)}`).toBe(
          undefined,
        );
    }
  });
});
