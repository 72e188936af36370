import { describe, expect, it } from 'vitest';
import { SpanColumns } from '../../renderer/src/timeline/span-columns';

const T0 = Date.UTC(2026, 10, 23, 9);

describe('span columns kept narrow', () => {
  it('hold a busy lane in 7 bytes a span', () => {
    const columns = new SpanColumns();
    const n = 100_000;
    columns.reserve(n);
    for (let i = 0; i < n; i++)
      columns.push(T0 + i * 300, T0 + i * 300 + 40, 'succeeded', 2 * i + 1);
    // Start 2, duration 2, outcome 1, seq 2 (and 4-byte bases per 128 starts and 256 seqs).
    expect(columns.byteLength).toBeLessThan(n * 7.1);
    expect(columns.startAt(n - 1)).toBe(T0 + (n - 1) * 300);
    expect(columns.end(n - 1)).toBe(T0 + (n - 1) * 300 + 40);
    expect(columns.indexOfSeq(2 * 777 + 1)).toBe(777);
  });

  it('give back exactly the durations that do not fit two bytes: long, fractional, waiting', () => {
    const columns = new SpanColumns();
    const long = columns.push(T0, T0 + 3_600_000, 'late', 1);
    const fraction = columns.push(T0 + 10, T0 + 10.25, 'succeeded', 2);
    const waiting = columns.push(T0 + 20, Number.NaN, 'waiting', 3);
    const short = columns.push(T0 + 30, T0 + 65_000, 'succeeded', 4);
    expect(columns.durationAt(long)).toBe(3_600_000);
    expect(columns.durationAt(fraction)).toBe(0.25);
    expect(columns.durationAt(waiting)).toBeNaN();
    expect(columns.durationAt(short)).toBe(64_970);
    // The culling bound sees the long one, so a frame an hour later still draws it.
    expect(columns.maxDuration).toBe(3_600_000);
    columns.update(long, T0 + 50, 'succeeded');
    expect(columns.durationAt(long)).toBe(50);
    columns.update(waiting, T0 + 120_020, 'late');
    expect(columns.end(waiting)).toBe(T0 + 120_020);
  });

  it('stay exact when long durations stop being rare (the lane widens)', () => {
    const columns = new SpanColumns();
    for (let i = 0; i < 10_000; i++)
      columns.push(T0 + i * 1000, T0 + i * 1000 + 90_000 + i, 'late');
    for (const i of [0, 4_096, 4_097, 9_999]) expect(columns.durationAt(i)).toBe(90_000 + i);
  });

  it('give back exactly the starts after a long pause, and find spans by time across it', () => {
    const columns = new SpanColumns();
    // A quiet kiosk: a request every 40 ms, an hour's pause, a clock stepped back, then days.
    const starts = [0, 40, 80, 3_600_080, 3_600_120, 3_600_100, 3 * 86_400_000, 20 * 86_400_000];
    starts.forEach((start, i) => columns.push(T0 + start, T0 + start + 10, 'succeeded', i + 1));
    starts.forEach((start, i) => expect(columns.startAt(i)).toBe(T0 + start));
    expect(columns.firstStartingAt(T0 + 3_600_000)).toBe(3);
    expect(columns.firstStartingAfter(T0 + 3 * 86_400_000)).toBe(7);
  });

  it('stay exact when pauses stop being rare (the lane widens its starts)', () => {
    const columns = new SpanColumns();
    // Every start more than a minute after the one before: most are far from their block's first.
    for (let i = 0; i < 10_000; i++) columns.push(T0 + i * 70_001, T0 + i * 70_001 + 5, 'failed');
    for (const i of [0, 1, 127, 128, 4_096, 4_200, 9_999])
      expect(columns.startAt(i)).toBe(T0 + i * 70_001);
    expect(columns.firstStartingAt(T0 + 5_000 * 70_001 - 1)).toBe(5_000);
  });

  it('find spans by seq when they are far apart in the log (a lane that rarely sends)', () => {
    const columns = new SpanColumns();
    const seqs = [5, 70_000, 70_001, 1_000_000, 4_000_000_000];
    seqs.forEach((seq, i) => columns.push(T0 + i, T0 + i + 1, 'succeeded', seq));
    seqs.forEach((seq, i) => expect(columns.seqAt(i)).toBe(seq));
    expect(columns.indexOfSeq(1_000_000)).toBe(3);
    expect(columns.firstSeqAtLeast(70_000)).toBe(1);
  });
});
