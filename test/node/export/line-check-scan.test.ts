/**
 * The export's LineCheck passes runs of lines through the WebAssembly reader (wasm/line-scan.ts)
 * when it can: it must pass exactly the runs its expression passes, redacting or not. Above all a
 * text the redactor would change (a run of 7 digits, however separated, that is not a whole GUID
 * or a ref's number) must never pass: an export would then write an identifier in clear.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineCheck } from '../../../electron/core/export/line-check.js';
import { EVERYDAY } from '../../support/everyday-lines.js';
import { budget } from '../fuzz/fuzz-budget.js';

/** A check with the WebAssembly reader and one without, both having learned every key order. */
function checks(redacting: boolean): { scan: LineCheck; plain: LineCheck } {
  const scan = new LineCheck(redacting);
  const plain = new LineCheck(redacting, { scan: false });
  for (const line of EVERYDAY) {
    const bytes = Buffer.from(line, 'latin1');
    scan.test(bytes, 0, bytes.length);
    plain.test(bytes, 0, bytes.length);
  }
  return { scan, plain };
}

/** Where each check's run from the start ends, over these lines, each ended by LF. */
function runs(scan: LineCheck, plain: LineCheck, lines: readonly Buffer[]): [number, number] {
  const buf = Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')]));
  return [scan.passRun(buf, 0, buf.length), plain.passRun(buf, 0, buf.length)];
}

/** Text a hand-edited or hostile log may hold where names and refs go: digits and separators. */
const digitsText = fc.oneof(
  fc
    .array(fc.constantFrom(...Array.from('0123456789 ()./+-aZ{}:#_')), { maxLength: 24 })
    .map((chars) => chars.join('')),
  fc.constantFrom(
    '4155550123',
    '415 555 0123',
    '+1 (415) 555-0123',
    '123-45-6789',
    '1234567',
    '123456',
    '1 2 3 4 5 6 7',
    '1--2--3--4--5--6--7',
    '1---2--3--4--5--6--7',
    'r1234567',
    'r123456789',
    'r1234567890',
    'R1234567',
    '{12345678-1234-1234-1234-123456789012}',
    '12345678-1234-1234-1234-123456789012',
    '{12345678-1234-1234-1234-12345678901}',
    '12345678-1234-1234-1234-1234567890123',
    '(12345678-1234-1234-1234-123456789012)',
    '49015420323751',
    '8944500102198304826',
  ),
);

describe('the export check with the WebAssembly reader', () => {
  for (const redacting of [true, false]) {
    const mode = redacting ? 'redacting' : 'not redacting';

    it(`passes the same runs as its expression, ${mode}, on digit runs in every text`, () => {
      const { scan, plain } = checks(redacting);
      const keys = ['interfaceId', 'serviceId', 'serviceName', 'ref', 'hresultName', 'statusName'];
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.nat(EVERYDAY.length - 1), fc.constantFrom(...keys), digitsText), {
            minLength: 1,
            maxLength: 12,
          }),
          (picks) => {
            const lines = picks.map(([which, key, text]) => {
              const record = JSON.parse(EVERYDAY[which] ?? '{}') as Record<string, unknown>;
              if (key in record) record[key] = text;
              return Buffer.from(JSON.stringify(record), 'utf8');
            });
            const [fast, slow] = runs(scan, plain, lines);
            expect(fast).toBe(slow);
          },
        ),
        budget(3000),
      );
    });

    it(`passes the same runs as its expression, ${mode}, on every one-byte change`, () => {
      const { scan, plain } = checks(redacting);
      const changes = Buffer.from(
        '0159-.:"\\{},nNtfxXeEaAgGzZT r~+()/\x00\x7f\x80\xff\r',
        'latin1',
      );
      let passed = 0;
      for (const [n, line] of EVERYDAY.entries()) {
        const bytes = Buffer.from(line, 'latin1');
        const next = Buffer.from(EVERYDAY[(n + 1) % EVERYDAY.length] ?? '', 'latin1');
        for (let at = 0; at < bytes.length; at++)
          for (const c of changes) {
            const changed = Buffer.from(bytes);
            changed[at] = c;
            // The changed line, then a good one: the run stops at the first or takes both.
            const [fast, slow] = runs(scan, plain, [changed, next]);
            expect(fast, changed.toString('latin1')).toBe(slow);
            if (slow > 0) passed += 1;
          }
      }
      expect(passed).toBeGreaterThan(100);
    });
  }
});
