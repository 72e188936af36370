/**
 * The WebAssembly scan of a bucket (text-finder.ts, wasm/text-scan.ts) must find the lines the
 * JavaScript scan finds: for free text, in the lower-cased bytes, each with the same index; for
 * the lines that tell a command, where each starts. Otherwise a technician's hits would differ,
 * sit on the wrong rows, or name no command, depending on how long the query is.
 */
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forEachCandidate } from '../../../electron/core/candidate-lines.js';
import { lowerBytes } from '../../../electron/core/lower-bytes.js';
import { tellingLines } from '../../../electron/core/telling-lines.js';
import { TextFinder } from '../../../electron/core/text-finder.js';

/** The lines JavaScript finds: triples of index, start, end. */
function inJavaScript(bytes: Buffer, needle: Buffer): number[] {
  const lower = lowerBytes(bytes);
  const found: number[] = [];
  forEachCandidate(bytes, lower, needle, lower.indexOf(needle), (index, from, to) =>
    found.push(index, from, to),
  );
  return found;
}

function inWebAssembly(bytes: Buffer, needle: Buffer): number[] | undefined {
  const finder = TextFinder.create(needle);
  const area = finder?.area(bytes.length);
  if (!finder || !area) throw new Error('no finder');
  bytes.copy(area);
  const rows = finder.candidates(bytes.length);
  return rows && Array.from(rows);
}

/**
 * Bytes where case and lines are decided: letters either side of A–Z and a–z (@ [ ` {), bytes
 * of UTF-8 and others whose low seven bits are a letter (0xC1 is not an A), blanks and LFs.
 */
const BYTES = [0x61, 0x41, 0x62, 0x42, 0x7a, 0x5a, 0x40, 0x5b, 0x60, 0x7b, 0xc1, 0xe1, 0xc3];
const BLANKS = [0x0a, 0x0a, 0x20, 0x09, 0x0d];
const byte = fc.constantFrom(...BYTES, ...BLANKS);

describe('free text found in WebAssembly', () => {
  it('finds the lines JavaScript finds, each with its index, whatever the bytes', () => {
    fc.assert(
      fc.property(
        fc.array(byte, { maxLength: 400 }),
        fc.array(fc.constantFrom(...BYTES, 0x20, 0x0a), { minLength: 1, maxLength: 5 }),
        (content, raw) => {
          const bytes = Buffer.from(content);
          const needle = lowerBytes(Buffer.from(raw));
          expect(inWebAssembly(bytes, needle)).toEqual(inJavaScript(bytes, needle));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('finds a word in any case on the lines of a bucket, at either end and across blocks', () => {
    const lines = Array.from({ length: 300 }, (_, i) =>
      i % 7 === 0 ? '' : i % 11 === 0 ? ' \t\r' : `{"n":${String(i)},"m":"${'x'.repeat(i % 40)}"}`,
    );
    lines[1] = 'SIM_NOT_INSERTED{"at":"start"}';
    lines[150] = `{"m":"${'y'.repeat(29)}Sim_Not_Inserted"}`;
    lines[299] = '{"m":"sim_not_inserted"}';
    const bytes = Buffer.from(lines.join('\n'));
    const needle = Buffer.from('sim_not_inserted');
    const found = inWebAssembly(bytes, needle);
    expect(found).toEqual(inJavaScript(bytes, needle));
    expect(found?.filter((_, k) => k % 3 === 0)).toHaveLength(3);
  });

  // Every reader of a log takes what trim() takes off as blank (isBlankLine): a line of a
  // no-break space, a form feed or a byte-order mark numbered as a record shifted every hit after it.
  it('counts as blank the lines JavaScript counts as blank, character by character', () => {
    const codes = Array.from({ length: 0x10000 }, (_, c) => c).filter(
      (c) => c < 0xd800 || c > 0xdfff,
    );
    codes.push(0x1f600, 0xe0020, 0x10ffff);
    const needle = Buffer.from('needle');
    for (let k = 0; k < codes.length; k += 1500)
      for (const shape of [(ch: string) => ch, (ch: string) => `\ufeff${ch}\r`]) {
        // Each character on a line of its own, before a line holding the needle.
        const bytes = Buffer.from(
          codes
            .slice(k, k + 1500)
            .map((c) => `${shape(String.fromCodePoint(c))}\n{"m":"needle"}`)
            .join('\n'),
        );
        expect(inWebAssembly(bytes, needle)).toEqual(inJavaScript(bytes, needle));
      }
  });

  it('counts blank lines as JavaScript does, whatever the bytes of spaces they hold', () => {
    const piece = fc
      .constantFrom(
        ...['\ufeff', '\u00a0', '\u2028', '\u2009', '\u202f', '\u3000', '\u1680', '\u205f'],
        ...['\f', '\v', '\r', ' ', '\t', '\n', '\n', 'x', '{"a":1}', '\u00e9', '\u2030'],
      )
      .map((text) => Buffer.from(text));
    // A space's bytes cut short, which are no space, and a byte of none.
    const cut = fc.constantFrom([0xc2], [0xe2, 0x80], [0xef, 0xbb], [0xe1, 0x9a], [0xff]);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            piece,
            piece,
            cut.map((b) => Buffer.from(b)),
          ),
          { maxLength: 80 },
        ),
        (pieces) => {
          const bytes = Buffer.concat(pieces);
          const needle = Buffer.from('x');
          expect(inWebAssembly(bytes, needle)).toEqual(inJavaScript(bytes, needle));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('never finds the text in what an earlier, longer bucket left after this one', () => {
    const finder = TextFinder.create(Buffer.from('needle'));
    const long = Buffer.from(`${'{"a":1}\n'.repeat(10)}{"m":"NEEDLE"}\n`);
    long.copy(finder?.area(long.length) ?? Buffer.alloc(0));
    expect(Array.from(finder?.candidates(long.length) ?? [])).toHaveLength(3);
    // The same bytes cut short before the word: the rest is still in the module's memory.
    const short = long.length - 10;
    finder?.area(short);
    expect(Array.from(finder?.candidates(short) ?? [-1])).toEqual([]);
  });

  it('leaves to JavaScript a needle or a bucket it has no room for', () => {
    expect(TextFinder.create(Buffer.alloc(1025, 0x61))).toBeUndefined();
    const finder = TextFinder.create(Buffer.from('a'));
    expect(finder?.area(4 * 1024 * 1024 + 1)).toBeUndefined();
    const many = Buffer.from('a\n'.repeat(6000));
    many.copy(finder?.area(many.length) ?? Buffer.alloc(0));
    expect(finder?.candidates(many.length)).toBeUndefined();
  });

  it('finds where the lines that tell a command start, as JavaScript finds them', () => {
    const piece = fc.constantFrom(
      '"commandId":',
      '"kind":"run-start"',
      '"commandId"',
      '"KIND":"run-start"',
      '\n',
      'x',
      '{"a":1}',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const bytes = Buffer.from(pieces.join(''));
        const finder = TextFinder.create();
        const area = finder?.area(bytes.length);
        if (!finder || !area) throw new Error('no finder');
        bytes.copy(area);
        expect(tellingLines(area, finder)).toEqual(tellingLines(bytes));
      }),
      { numRuns: 1000 },
    );
  });

  it('is the module its source builds', () => {
    const committed = readFileSync(
      new URL('../../../electron/core/text-scan-wasm.ts', import.meta.url),
      'utf8',
    );
    // Stale: run `node scripts/build-wasm.mjs` after changing wasm/text-scan.ts.
    const built = execFileSync(
      process.execPath,
      ['scripts/build-wasm.mjs', '--print', 'text-scan-wasm.ts'],
      { encoding: 'utf8' },
    );
    expect(committed).toBe(built);
  }, 60_000);
});
