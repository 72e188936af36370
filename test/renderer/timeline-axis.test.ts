/**
 * The timeline's time axis: a tick label cut at the plot's right edge would read as another time
 * ("10:07:57" of 10:07:57.400), so a label is drawn only where it fits whole; and where the lanes
 * scroll beneath it (half a 13-inch screen), the axis is drawn at the scrolled-to top, in sight.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { drawAxis } from '../../renderer/src/timeline/draw-frame';
import { AXIS_HEIGHT, LABEL_WIDTH, LANE_HEIGHT } from '../../renderer/src/timeline/geometry';
import { hitTest } from '../../renderer/src/timeline/hit-test';
import { TimelineModel } from '../../renderer/src/timeline/timeline-model';
import { palette, recordingContext } from './support/recording-context';

const T0 = Date.UTC(2026, 11, 1, 10, 7, 56, 250);
/** The times at the ticks (the date and zone, at the left, is drawn once beside them). */
const tickLabels = (texts: { text: string; x: number }[]) =>
  texts.filter((t) => t.x >= LABEL_WIDTH);

describe('timeline axis', () => {
  it('draws every tick label whole, and none past the right edge', () => {
    const t0 = T0;
    // Ticks every 200 ms; the last one lands a few pixels from the right edge.
    for (const width of [1366, 1000, 683]) {
      const view = { t0, t1: t0 + 1190, width, height: 200 };
      const { ctx, texts } = recordingContext();
      drawAxis(ctx, view, palette);
      expect(tickLabels(texts).length, `${String(width)} px`).toBeGreaterThan(1);
      for (const { text, x } of tickLabels(texts)) {
        expect(text).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
        expect(x + text.length * 6, `${text} at ${String(width)} px`).toBeLessThanOrEqual(width);
      }
    }
  });

  it('draws the times where the lanes are scrolled to, not at the canvas top out of sight', () => {
    const view = { t0: T0, t1: T0 + 1190, width: 683, height: 400, axisTop: 120 };
    const { ctx, texts } = recordingContext();
    drawAxis(ctx, view, palette);
    expect(texts.some((t) => t.x < LABEL_WIDTH && /UTC|[+-]\d\d:\d\d/.test(t.text))).toBe(true);
    for (const { y } of texts) expect(y).toBe(120 + AXIS_HEIGHT / 2);
    // Never below the canvas's end, however far the stage says it is scrolled.
    const { ctx: end, texts: atEnd } = recordingContext();
    drawAxis(end, { ...view, axisTop: 10_000 }, palette);
    for (const { y } of atEnd) expect(y).toBe(400 - AXIS_HEIGHT / 2);
  });
});

describe("timeline axis times, in the log's zone and across days", () => {
  // Paris: an hour ahead of UTC in January, so local and UTC ticks differ.
  beforeAll(() => {
    vi.stubEnv('TZ', 'Europe/Paris');
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });
  const HOUR = 3_600_000;
  /** 20:05 UTC on 2026-01-15, as the saved log shows it with Times: UTC. */
  const EVENING = Date.UTC(2026, 0, 15, 20, 5, 0);

  it('reads its times in UTC when the log shows UTC, as the log beside it does', () => {
    const view = { t0: EVENING, t1: EVENING + 10 * 60_000, width: 1366, height: 200 };
    const utc = recordingContext();
    drawAxis(utc.ctx, { ...view, zone: 'utc' as const }, palette);
    expect(utc.texts.find((t) => t.x < LABEL_WIDTH)?.text).toBe('2026-01-15, UTC');
    expect(tickLabels(utc.texts)[0]?.text).toMatch(/^20:\d\d:00$/);
    // Local (Paris), as before: an hour on.
    const local = recordingContext();
    drawAxis(local.ctx, view, palette);
    expect(local.texts.find((t) => t.x < LABEL_WIDTH)?.text).toBe('2026-01-15, UTC+01:00');
    expect(tickLabels(local.texts)[0]?.text).toMatch(/^21:\d\d:00$/);
  });

  it("says where each day of a week-long log starts, its ticks on the zone's hours", () => {
    // A kiosk's week, Monday morning to the next Monday night, seen whole at 1366 px.
    const t0 = Date.UTC(2026, 0, 5, 7, 0, 0);
    for (const zone of ['utc', 'local'] as const) {
      const { ctx, texts } = recordingContext();
      drawAxis(
        ctx,
        { t0, t1: t0 + 7 * 24 * HOUR + 13 * HOUR, width: 1366, height: 200, zone },
        palette,
      );
      const labels = tickLabels(texts).map((t) => t.text);
      // Every day after the first is named once, at its midnight; the other ticks are times.
      const days = labels.filter((l) => /^\d\d-\d\d /.test(l));
      expect(days, zone).toEqual(
        ['01-06', '01-07', '01-08', '01-09', '01-10', '01-11', '01-12'].map((d) => `${d} 00:00:00`),
      );
      for (const label of labels) expect(label, zone).toMatch(/^(\d\d-\d\d )?(00|12):00:00$/);
    }
  });
});

describe('timeline axis ticks across summer time, and in a zone not whole hours ahead', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  const HOUR = 3_600_000;
  const labelsOf = (view: { t0: number; t1: number; width: number; height: number }) => {
    const { ctx, texts } = recordingContext();
    drawAxis(ctx, view, palette);
    return tickLabels(texts).map((t) => t.text);
  };

  it('keeps each day on its midnight across the night summer time ends', () => {
    vi.stubEnv('TZ', 'Europe/Paris');
    // Thursday 22 October 2026 to the next Thursday night: Paris leaves summer time on the 25th.
    const t0 = Date.UTC(2026, 9, 22, 6, 0, 0);
    const labels = labelsOf({ t0, t1: t0 + 7 * 24 * HOUR + 13 * HOUR, width: 1366, height: 200 });
    const days = labels.filter((l) => /^\d\d-\d\d /.test(l));
    expect(days).toEqual(
      ['10-23', '10-24', '10-25', '10-26', '10-27', '10-28', '10-29'].map((d) => `${d} 00:00:00`),
    );
    for (const label of labels) expect(label).toMatch(/^(\d\d-\d\d )?(00|12):00:00$/);
  });

  it("puts half-hour ticks on the zone's own half hours (Nepal, 5:45 ahead of UTC)", () => {
    vi.stubEnv('TZ', 'Asia/Kathmandu');
    const t0 = Date.UTC(2026, 0, 15, 3, 0, 0);
    const labels = labelsOf({ t0, t1: t0 + 4 * HOUR, width: 1366, height: 200 });
    expect(labels.length).toBeGreaterThan(4);
    for (const label of labels) expect(label).toMatch(/^\d\d:(00|30):00$/);
  });
});

describe('timeline hits under the axis', () => {
  it('a click on the axis drawn over a scrolled lane selects nothing; the same lane in sight is hit', () => {
    const model = new TimelineModel();
    const lanes = Array.from({ length: 6 }, (_, i) => ({
      interfaceId: '{DEV-0}',
      serviceId: `svc-${String(i)}`,
      serviceName: `Service ${String(i)}`,
    }));
    for (const [i, lane] of lanes.entries()) model.appendSpan(lane, T0, T0 + 1000, 'failed', i + 1);
    model.prepare();
    const last = model.orderedLanes().length - 1;
    const y = AXIS_HEIGHT + last * LANE_HEIGHT + LANE_HEIGHT / 2;
    const x = LABEL_WIDTH + 100;
    const view = { t0: T0 - 100, t1: T0 + 1100, width: 683, height: y + 100 };
    expect(hitTest(model, view, x, y)).toMatchObject({ span: { outcome: 'failed' } });
    // Scrolled so that this lane's middle lies under the axis: the axis is what was clicked.
    expect(hitTest(model, { ...view, axisTop: y - AXIS_HEIGHT / 2 }, x, y)).toBeNull();
  });
});
