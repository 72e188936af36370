/**
 * The timeline's corner date names a day the view shows: opened on a log whose first entry is at
 * midnight, it read "2026-01-04, UTC" above a first tick "01-05 00:00:00", the date of the empty
 * margin drawn before the first entry, though nothing in the log was from 4 January.
 */
import { describe, expect, it } from 'vitest';
import { drawAxis } from '../../renderer/src/timeline/draw-frame';
import { LABEL_WIDTH } from '../../renderer/src/timeline/geometry';
import { palette, recordingContext } from './support/recording-context';

const HOUR = 3_600_000;

describe('the timeline axis’s date', () => {
  it('is the first tick’s, not the margin’s before the first entry', () => {
    // A week from midnight on 5 January, opened with a margin of a few hours before it.
    const first = Date.UTC(2026, 0, 5, 0, 0, 0);
    const view = {
      t0: first - 3 * HOUR,
      t1: first + 7 * 24 * HOUR + 3 * HOUR,
      width: 1366,
      height: 200,
      zone: 'utc' as const,
    };
    const { ctx, texts } = recordingContext();
    drawAxis(ctx, view, palette);
    expect(texts.find((t) => t.x < LABEL_WIDTH)?.text).toBe('2026-01-05, UTC');
    const ticks = texts.filter((t) => t.x >= LABEL_WIDTH).map((t) => t.text);
    // The first tick starts that day; no label names the day before it.
    expect(ticks[0]).toBe('01-05 00:00:00');
    expect(ticks.filter((t) => t.startsWith('01-04'))).toEqual([]);
  });
});
