/**
 * How conformance journals are compared (test/wine/conformance/drive.ts): a notification comes on
 * the service's own clock, so where it lands among the requests may differ between backends, but
 * each notification and their number must not.
 */
import { describe, expect, it } from 'vitest';
import { firstDifference, normalize } from '../conformance/drive.js';

const request = (ref: string) => ({ kind: 'request', ref, seq: 1, time: 't' });
const note = (eventId: number, data: string) => ({
  kind: 'event-notification',
  eventId,
  data,
  seq: 2,
});

describe('conformance normalize', () => {
  it('compares notifications apart from where they landed among the requests', () => {
    const a = [request('r1'), note(1, 'aa'), request('r2'), note(2, 'bb')];
    const b = [note(2, 'bb'), request('r1'), request('r2'), note(1, 'aa')];
    expect(firstDifference(normalize(a), normalize(b))).toBeUndefined();
  });

  it('still tells a missing or different notification', () => {
    const a = [request('r1'), note(1, 'aa'), note(1, 'aa')];
    expect(firstDifference(normalize(a), normalize([request('r1'), note(1, 'aa')]))).toMatch(
      /record 3/,
    );
    expect(
      firstDifference(normalize(a), normalize([request('r1'), note(1, 'aa'), note(1, 'ab')])),
    ).toMatch(/record 3/);
  });

  it('keeps the order of everything else', () => {
    const a = [request('r1'), request('r2')];
    expect(firstDifference(normalize(a), normalize([request('r2'), request('r1')]))).toMatch(
      /record 1/,
    );
  });
});
