/**
 * The window's timeline and the HTML report's tick one span at the same steps. Each kept a table
 * of its own: a log spanning 20 days was ticked every 3 days in the window and every 4 in the
 * report, an hour and a half every 30 minutes in one and every 15 in the other, and a support
 * engineer reading the report beside the window saw the same log ticked at other times.
 */
import { describe, expect, it } from 'vitest';
import { timelineAxis } from '../../electron/core/export/timeline-axis';
import { drawAxis } from '../../renderer/src/timeline/draw-frame';
import { LABEL_WIDTH } from '../../renderer/src/timeline/geometry';
import { palette, recordingContext } from './support/recording-context';

const T0 = Date.UTC(2026, 0, 5, 8, 30);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The report's step over `span` ms: the report's axis has about 8 ticks. */
function reportStep(span: number): number {
  const [first, second] = timelineAxis(span, null, 'the run started').ticks;
  return (second?.t ?? Number.NaN) - (first?.t ?? Number.NaN);
}

/**
 * The window's step over `span` ms, read from where it draws its tick labels (a tick's label is
 * 3 px to its right), on a plot wide enough for 8 ticks (one per 120 px), as the report has.
 */
function windowStep(span: number): number {
  const view = { t0: T0, t1: T0 + span, width: LABEL_WIDTH + 8 * 120, height: 200 };
  const { ctx, texts } = recordingContext();
  drawAxis(ctx, { ...view, zone: 'utc' }, palette);
  const xs = texts.filter((t) => t.x >= LABEL_WIDTH).map((t) => t.x);
  const first = xs[0] ?? Number.NaN;
  const last = xs.at(-1) ?? Number.NaN;
  // Ticks sit on whole pixels: over several ticks, within a pixel of the step.
  return ((last - first) / (xs.length - 1)) * (span / (view.width - LABEL_WIDTH));
}

describe("the window's and the report's time axes", () => {
  it('tick the same span at the same step, from a few milliseconds to weeks', () => {
    const spans = [
      10,
      450,
      3_000,
      40_000,
      5 * MINUTE,
      // 11-minute steps asked for: 15 minutes in both (the window said 30).
      90 * MINUTE,
      5 * HOUR,
      20 * HOUR,
      6.9 * DAY,
      // 2.5-day steps asked for: a week in both (the window said 3 days, the report 4).
      20 * DAY,
      60 * DAY,
    ];
    for (const span of spans) {
      const report = reportStep(span);
      expect(
        windowStep(span) / report,
        `${String(span)} ms: the report's ${String(report)} ms`,
      ).toBeCloseTo(1, 2);
    }
  });
});
