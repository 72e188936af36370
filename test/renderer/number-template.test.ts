/**
 * A needle with digits is searched in each row's words made from a template of them
 * (renderer/src/store/number-template.ts): the template must make exactly the words
 * `describeRecord` writes, and be refused where the words do not write a number as itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../shared/journal/record';
import { describeRecord } from '../../shared/journal/record-text';
import { fillTemplate, numberTemplate } from '../../renderer/src/store/number-template';

const completion = {
  v: 2,
  seq: 1,
  time: '2026-01-01T00:00:00.000Z',
  mono: 1,
  kind: 'completion',
  interfaceId: '{DEV-1}',
  serviceId: 'svc-1',
  serviceName: 'Service 1',
  ref: 'r1',
  op: 'close',
  outcome: 'failed',
  requestId: 12,
  status: '0x80004005',
  statusName: 'E_FAIL',
  match: 'matched',
  latencyMs: 40.125,
};
const words = (record: Record<string, unknown>): string =>
  describeRecord(record as unknown as JournalRecord);

describe('numberTemplate', () => {
  it("makes a row's words with its own numbers, lowercased", () => {
    const template = numberTemplate(completion, ['requestId', 'latencyMs'], words);
    expect(template).not.toBeNull();
    if (!template) return;
    expect(template.fields).toEqual(['requestId', 'latencyMs']);
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 2 ** 40 }),
        fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
        (id, ms) => {
          fc.pre(!Number.isInteger(ms));
          const row = { ...completion, requestId: id, latencyMs: ms };
          const numbers: Record<string, number> = { requestId: id, latencyMs: ms };
          expect(fillTemplate(template, (field) => numbers[field])).toBe(words(row).toLowerCase());
        },
      ),
    );
  });

  it('writes a duration as formatDuration does, unit and all', () => {
    const givenUp = { ...completion, kind: 'given-up', outcome: 'given-up', waitedMs: 1500.25 };
    const template = numberTemplate(givenUp, ['waitedMs'], words);
    expect(template?.parts).toEqual([
      'close #12 given up by the user after ',
      ': a later completion is still recorded',
    ]);
    if (!template) return;
    for (const waitedMs of [0, 9.5, 412, 1500.25, 45_000, 3_600_000])
      expect(fillTemplate(template, () => waitedMs)).toBe(
        words({ ...givenUp, waitedMs }).toLowerCase(),
      );
  });

  it('is refused for a number the words do not write as itself', () => {
    const halved = (record: Record<string, unknown>): string =>
      `request #${String(Number(record.requestId) / 2)}`;
    expect(numberTemplate(completion, ['requestId'], halved)).toBeNull();
  });
});
