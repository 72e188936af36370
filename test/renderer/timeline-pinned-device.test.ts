/**
 * On half a 13-inch screen the timeline's lanes scroll under its axis. Scrolled past a device's
 * own row, its services' lanes ("SMS", "Auth") no longer said on which modem they ran: the device
 * of the lanes at the top is pinned there, under the axis, until the next device's row takes over.
 */
import { describe, expect, it } from 'vitest';
import { drawPinnedDevice } from '../../renderer/src/timeline/draw-frame';
import { AXIS_HEIGHT, LABEL_WIDTH, LANE_HEIGHT } from '../../renderer/src/timeline/geometry';
import type { TimelineLane } from '../../renderer/src/timeline/timeline-lanes';
import { palette, recordingContext } from './support/recording-context';

const T0 = Date.UTC(2026, 11, 1, 10);

/** The backend, then two modems of three services each, as the timeline orders its lanes. */
function lanes(): TimelineLane[] {
  const out: TimelineLane[] = [{ kind: 'backend', label: 'Backend' } as TimelineLane];
  for (const name of ['EM7565 (…8E47)', 'EM120R-GL (…2B30)']) {
    const device = { kind: 'device', label: name } as TimelineLane;
    out.push(device);
    for (const service of ['SMS', 'USSD', 'Auth'])
      out.push({ kind: 'service', label: service, device } as TimelineLane);
  }
  return out;
}

/** What is drawn pinned with the stage scrolled `scrolled` px down, each text and its y. */
function pinnedAt(scrolled: number): { text: string; y: number }[] {
  const { ctx, texts } = recordingContext();
  const view = { t0: T0, t1: T0 + 60_000, width: 683, height: 400, axisTop: scrolled };
  drawPinnedDevice(ctx, lanes(), view, palette);
  for (const { x } of texts) expect(x).toBeLessThan(LABEL_WIDTH);
  return texts.map(({ text, y }) => ({ text, y }));
}

describe("the timeline's lanes scrolled under the axis", () => {
  const rowOf = (lane: number) => lane * LANE_HEIGHT;
  const underAxis = (scrolled: number) => scrolled + AXIS_HEIGHT;

  it('names the device of the services at the top, and the service whose label it covers', () => {
    // The first modem's SMS row at the top of what is in sight, the modem's own row above it.
    expect(pinnedAt(rowOf(2))).toEqual([
      { text: 'Device: EM7565 (…8E47)', y: underAxis(rowOf(2)) + 8 },
      { text: 'SMS', y: underAxis(rowOf(2)) + 20 },
    ]);
    // Scrolled past the middle of SMS: the row under the axis is USSD's, and it says so.
    expect(pinnedAt(rowOf(2) + 20).map((t) => t.text)).toEqual(['Device: EM7565 (…8E47)', 'USSD']);
    expect(pinnedAt(rowOf(7) + 9).map((t) => t.text)).toEqual([
      'Device: EM120R-GL (…2B30)',
      'USSD',
    ]);
  });

  // Its box ended half way down the label it names again, whose lower half showed under it.
  it('covers the whole label it names again, so none of it shows under the pinned row', () => {
    // USSD's middle 1 px above where a box one lane tall would end.
    const scrolled = rowOf(2) + 15;
    const { ctx, rects } = recordingContext();
    const view = { t0: T0, t1: T0 + 60_000, width: 683, height: 400, axisTop: scrolled };
    drawPinnedDevice(ctx, lanes(), view, palette);
    // USSD's label, drawn at its row's middle with text 12 px tall, lies within the box.
    const ussdMiddle = AXIS_HEIGHT + rowOf(3) + LANE_HEIGHT / 2;
    expect(rects).toHaveLength(1);
    const [box] = rects;
    expect(box?.y).toBe(underAxis(scrolled));
    expect((box?.y ?? 0) + (box?.h ?? 0)).toBeGreaterThanOrEqual(ussdMiddle + 6);
    expect(box?.y).toBeLessThanOrEqual(ussdMiddle - 6);
  });

  it('is pushed up by the next device row as it comes, never drawn over it', () => {
    // The second modem's row is 10 px under the axis: the first's name sits right above it, over
    // its last service (Auth), which it names.
    const pinned = pinnedAt(rowOf(5) - 10);
    expect(pinned).toEqual([
      { text: 'Device: EM7565 (…8E47)', y: AXIS_HEIGHT + rowOf(4) + 8 },
      { text: 'Auth', y: AXIS_HEIGHT + rowOf(4) + 20 },
    ]);
  });

  it("says a device's own row, scrolled part way, whole", () => {
    expect(pinnedAt(rowOf(1) + 5)).toEqual([
      { text: 'Device: EM7565 (…8E47)', y: underAxis(rowOf(1) + 5) + LANE_HEIGHT / 2 },
    ]);
  });

  it('pins nothing unscrolled, over the backend, or where the device row is wholly in sight', () => {
    expect(pinnedAt(0)).toEqual([]);
    expect(pinnedAt(5)).toEqual([]);
    expect(pinnedAt(rowOf(1))).toEqual([]);
    expect(pinnedAt(rowOf(5))).toEqual([]);
  });
});
