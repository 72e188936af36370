/**
 * An export checks runs of lines in WebAssembly (LineCheck.scanLines, wasm/line-scan.ts `check`
 * and wasm/safe-text.ts) where it can, and with its regular expressions otherwise. What an
 * engineer must be able to trust: whichever way a line is checked, it gets the same verdict, so
 * a line with an identifier in it is never copied as it is, and a preview that decodes to one is
 * replaced. Compared line by line, redacting and not, on every one-byte change of everyday lines,
 * on free text built to sit on the edges of the redactor's rule, and on previews.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LINE_PASSED,
  LINE_RUN,
  LINE_TOO_LONG,
  RUN_LINES,
  checkBlock,
} from '../../../electron/core/export/line-block-check.js';
import { LineCheck } from '../../../electron/core/export/line-check.js';
import { LINE_FIELDS } from '../../../electron/core/export/raw-line.js';
import { budget } from '../fuzz/fuzz-budget.js';

const SIERRA = '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}';
const SMS = '533fbeeb-14fe-4467-9f90-33a223e56c3f';
const IMSI_HEX = Buffer.from('310150123456789').toString('hex');
const SERVICE = `"interfaceId":"${SIERRA}","serviceId":"${SMS}","serviceName":"SMS"`;
const HEAD = '{"v":2,"seq":41,"time":"2026-11-24T08:10:00.000Z","mono":51.25';

/** One line of each kind the check may pass, a read-data line in another key order, and one it never does. */
const EVERYDAY: readonly string[] = [
  `${HEAD},"kind":"request",${SERVICE},"ref":"r41","op":"close","outcome":"sending","sessionOpenBefore":true}`,
  `${HEAD},"kind":"request-returned",${SERVICE},"ref":"r4100000","op":"close","outcome":"waiting","requestId":1041,"hresult":"0x8007000E","hresultName":"E_OUTOFMEMORY","callMs":0.6}`,
  `${HEAD},"kind":"completion",${SERVICE},"op":"close","requestId":1041,"status":"0x80004005","statusName":"E_FAIL","match":"matched","ref":"r41","outcome":"failed","latencyMs":12.5}`,
  `${HEAD},"kind":"overdue",${SERVICE},"ref":"r41","op":"close","outcome":"overdue","requestId":null,"timeoutMs":10}`,
  `${HEAD},"kind":"session-state",${SERVICE},"from":"open","to":"closing"}`,
  `${HEAD},"kind":"read-data",${SERVICE},"byteLength":15,"preview":"${IMSI_HEX}"}`,
  `${HEAD},"kind":"read-data",${SERVICE},"preview":"7e0a0001","byteLength":4}`,
  `${HEAD},"kind":"error","message":"x","context":"y"}`,
];

/** The bytes a change puts in: digits, the separators a number may hold, quotes, escapes, edges. */
const CHANGES = Buffer.from(
  '0159-.:"\\{},()/+ nNtfxXeEaAgGzZTr~\x00\x1f\x7f\x80\xff\t\r',
  'latin1',
);

/** A check each way, both having learned the everyday key orders. */
function checks(redacting: boolean): { scan: LineCheck; plain: LineCheck } {
  const scan = new LineCheck(redacting);
  const plain = new LineCheck(redacting, { scan: false });
  expect(scan.scans).toBe(true);
  const learn = Buffer.from(`${EVERYDAY.join('\n')}\n`, 'latin1');
  checkBlock(scan, learn, 0, learn.length);
  checkBlock(plain, learn, 0, learn.length);
  return { scan, plain };
}

/** Each line's verdict in `block`, a run taken apart: what an export does with it. */
function verdicts(check: LineCheck, block: Buffer, maxLine?: number): string[] {
  const { lines, count } = checkBlock(check, block, 0, block.length, maxLine);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const k = i * LINE_FIELDS;
    const verdict = lines[k + 2];
    if (verdict === LINE_RUN) {
      for (let n = 0; n < (lines[k + RUN_LINES] ?? 0); n++) out.push('passed');
    } else if (verdict === LINE_PASSED) {
      const preview = lines[k + 3] ?? -1;
      out.push(preview < 0 ? 'passed' : `passed, preview ${preview}-${lines[k + 4]}`);
    } else out.push(verdict === LINE_TOO_LONG ? 'too long' : 'failed');
  }
  return out;
}

/**
 * Which lines WebAssembly takes itself, each alone, once the key orders are learned: where it
 * declines a line the expressions pass, that line still passes (the expressions check it), so
 * only this shows a check in WebAssembly stricter than the rule, and slower for it.
 */
function takenByScan(check: LineCheck, lines: readonly Buffer[]): boolean[] {
  return lines.map((line) => {
    const one = block([line]);
    return check.scanLines(one, 0, one.length, 1 << 20) === 1;
  });
}

/** Whether each line passed, from `verdicts`. */
const passing = (list: readonly string[]): boolean[] => list.map((v) => v.startsWith('passed'));

/** Both checks give `lines` the same verdicts, and WebAssembly takes itself each line that passes. */
function agree(scan: LineCheck, plain: LineCheck, lines: readonly Buffer[]): void {
  const all = block(lines);
  const expected = verdicts(plain, all);
  expect(verdicts(scan, all)).toEqual(expected);
  expect(takenByScan(scan, lines)).toEqual(passing(expected));
}

function block(lines: readonly Buffer[]): Buffer {
  return Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')]));
}

describe.each([true, false])('the check in WebAssembly, redacting: %s', (redacting) => {
  it('gives every one-byte change of every everyday line the expressions’ verdict', () => {
    const { scan, plain } = checks(redacting);
    let passed = 0;
    let compared = 0;
    for (const line of EVERYDAY) {
      const bytes = Buffer.from(line, 'latin1');
      for (let at = 0; at <= bytes.length; at++) {
        const variants = [Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)])];
        for (const c of CHANGES) {
          variants.push(
            Buffer.concat([bytes.subarray(0, at), Buffer.from([c]), bytes.subarray(at + 1)]),
            Buffer.concat([bytes.subarray(0, at), Buffer.from([c]), bytes.subarray(at)]),
          );
        }
        const all = block(variants);
        const expected = verdicts(plain, all);
        expect(verdicts(scan, all), line).toEqual(expected);
        expect(takenByScan(scan, variants), line).toEqual(passing(expected));
        compared += expected.length;
        passed += expected.filter((v) => v.startsWith('passed')).length;
      }
    }
    // Many changes keep a valid line (a digit for a digit, a letter in a name): both passed those.
    expect(passed).toBeGreaterThan(compared / 10);
    expect(passed).toBeLessThan(compared);
  });

  it('gives free text on the edges of the redactor’s rule the expressions’ verdict', () => {
    const { scan, plain } = checks(redacting);
    const guid = fc
      .tuple(fc.stringMatching(/^[0-9a-fA-F]{32}$/), fc.boolean(), fc.nat(40), fc.nat(255))
      .map(([hex, braces, at, byte]) => {
        const text = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
        const whole = braces ? `{${text}}` : text;
        // Now and then one byte wrong: a GUID almost, which must hold no run of digits to pass.
        if (byte % 4 !== 0 || at >= whole.length) return whole;
        return `${whole.slice(0, at)}${String.fromCharCode((byte % 96) + 32)}${whole.slice(at + 1)}`;
      });
    const text = fc.oneof(
      guid,
      fc.stringMatching(/^[0-9 ()./+-]{0,24}$/),
      fc.stringMatching(/^[0-9a-z ()./+{}-]{0,40}$/),
      fc.stringMatching(/^r[0-9]{0,11}$/),
      // Groups of digits apart by up to four separators: runs of seven on either side of the rule.
      fc
        .array(fc.tuple(fc.stringMatching(/^[0-9]{1,4}$/), fc.stringMatching(/^[ ()./+-]{0,4}$/)), {
          maxLength: 5,
        })
        .map((groups) => groups.flat().join('')),
      fc.constantFrom(
        '+1 646 563 9500',
        '35-907206-123456',
        '12 34 56 7',
        '12  34  56  7',
        '1(2)3.4/5+6-7',
      ),
    );
    const field = fc.constantFrom('interfaceId', 'serviceId', 'serviceName', 'ref', 'hresultName');
    const line = fc.tuple(fc.nat(EVERYDAY.length - 2), field, text).map(([which, key, value]) => {
      const record = JSON.parse(EVERYDAY[which] ?? '{}') as Record<string, unknown>;
      if (key in record) record[key] = value;
      return Buffer.from(JSON.stringify(record), 'latin1');
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), (lines) => {
        agree(scan, plain, lines);
      }),
      budget(3000),
    );
  });

  it('finds the previews to replace where the expressions do, in either key order', () => {
    const { scan, plain } = checks(redacting);
    const preview = fc.oneof(
      fc.constantFrom(
        IMSI_HEX,
        '7e0a0001',
        '',
        '7e0a000',
        Buffer.from('+44 20 7946 0958').toString('hex'),
      ),
      fc.stringMatching(/^([0-9a-f]{2}){0,20}$/),
    );
    const line = fc
      .tuple(preview, fc.boolean())
      .map(([hex, last]) =>
        Buffer.from(
          last
            ? `${HEAD},"kind":"read-data",${SERVICE},"byteLength":15,"preview":"${hex}"}`
            : `${HEAD},"kind":"read-data",${SERVICE},"preview":"${hex}","byteLength":15}`,
          'latin1',
        ),
      );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), (lines) => {
        agree(scan, plain, lines);
      }),
      budget(1000),
    );
    // The IMSI's preview is found, redacting; it is a plain line otherwise.
    const imsi = block([Buffer.from(EVERYDAY[5] ?? '', 'latin1')]);
    expect(verdicts(scan, imsi)[0]).toMatch(redacting ? /^passed, preview \d+-\d+$/ : /^passed$/);
  });

  it('leaves a line longer than the limit to the expressions, which call it too long', () => {
    const { scan, plain } = checks(redacting);
    const all = block(EVERYDAY.map((line) => Buffer.from(line, 'latin1')));
    const expected = verdicts(plain, all, 200);
    expect(expected).toContain('too long');
    expect(verdicts(scan, all, 200)).toEqual(expected);
  });
});
