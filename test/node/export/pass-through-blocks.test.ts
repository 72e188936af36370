/**
 * Lines checked a block at a time (line-block-check.ts) must get the verdict, preview and CSV row
 * each gets when checked alone (pass-through.test.ts), wherever a run of passing lines starts and
 * stops.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineCheck } from '../../../electron/core/export/line-check.js';
import { checkBlock, LINE_PASSED } from '../../../electron/core/export/line-block-check.js';
import { LINE_FIELDS } from '../../../electron/core/export/raw-line.js';
import {
  base,
  hostileLine,
  IMSI,
  lineOf,
  SIERRA,
  SMS,
  typical,
} from './support/pass-through-lines.js';

describe('lines passed a run at a time', () => {
  it('get the verdict and preview each line gets alone, hostile lines among them', () => {
    // Everyday lines, a preview that decodes to an IMSI (the redactor's token replaces it),
    // hostile lines between them: what a block's check says of each line must be what the
    // line-by-line check says, wherever a run of passing lines starts and stops.
    const imsiPreview = lineOf({
      ...base(3),
      kind: 'read-data',
      interfaceId: SIERRA,
      serviceId: SMS,
      serviceName: 'SMS',
      byteLength: 15,
      preview: Buffer.from(IMSI).toString('hex'),
    });
    // The same with its fields in another order (valid JSON all the same): the preview not last.
    const imsiPreviewFirst = lineOf({
      ...base(4),
      kind: 'read-data',
      interfaceId: SIERRA,
      serviceId: SMS,
      serviceName: 'SMS',
      preview: Buffer.from(IMSI).toString('hex'),
      byteLength: 15,
    });
    const everyday = fc.oneof(
      fc.constantFrom(...typical(20).map(lineOf)),
      fc.constant(imsiPreview),
      fc.constant(imsiPreviewFirst),
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ arbitrary: everyday, weight: 4 }, hostileLine()), { maxLength: 40 }),
        fc.boolean(),
        (lines, redacting) => {
          const block = Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')]));
          // A CSV export's rows are made with the check: each line's row must be the one made
          // for the line alone (a block of one line without its LF is checked line by line).
          const ahead = { version: 1, models: [[SIERRA, 'EM7455']] as [string, string][] };
          const checked = checkBlock(
            new LineCheck(redacting),
            block,
            0,
            block.length,
            undefined,
            ahead,
          );
          const { lines: found, count } = checked;
          const alone = new LineCheck(redacting);
          const rowsAlone = lines.map((line) => {
            const { made } = checkBlock(alone, line, 0, line.length, undefined, ahead);
            return Buffer.from(made ?? new Uint8Array()).toString();
          });
          expect(Buffer.from(checked.made ?? new Uint8Array()).toString()).toBe(rowsAlone.join(''));
          expect(count).toBe(lines.length);
          let at = 0;
          lines.forEach((line, i) => {
            const k = i * LINE_FIELDS;
            const passed = alone.test(block, at, at + line.length);
            const preview = passed && alone.previewFrom >= 0;
            expect([found[k], found[k + 1], found[k + 2] === LINE_PASSED], line.toString()).toEqual(
              [at, at + line.length, passed],
            );
            expect([found[k + 3], found[k + 4]]).toEqual(
              preview ? [alone.previewFrom, alone.previewTo] : [-1, -1],
            );
            at += line.length + 1;
          });
        },
      ),
      { numRuns: 400 },
    );
  });
});
