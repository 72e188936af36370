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

/** The device label pinned with the stage scrolled `scrolled` px down (none: undefined). */
function pinnedAt(scrolled: number): { text: string; y: number } | undefined {
  const { ctx, texts } = recordingContext();
  const view = { t0: T0, t1: T0 + 60_000, width: 683, height: 400, axisTop: scrolled };
  drawPinnedDevice(ctx, lanes(), view, palette);
  expect(texts.length).toBeLessThanOrEqual(1);
  const [text] = texts;
  if (text) expect(text.x).toBeLessThan(LABEL_WIDTH);
  return text;
}

describe("the timeline's lanes scrolled under the axis", () => {
  const rowOf = (lane: number) => lane * LANE_HEIGHT;
  const underAxis = (scrolled: number) => scrolled + AXIS_HEIGHT + LANE_HEIGHT / 2;

  it('names the device of the services at the top, right under the axis', () => {
    // SMS and USSD of the first modem at the top: its own row is above, out of sight.
    expect(pinnedAt(rowOf(2))).toEqual({
      text: 'Device: EM7565 (…8E47)',
      x: 6,
      y: underAxis(rowOf(2)),
    });
    // Half way into the second modem's services.
    expect(pinnedAt(rowOf(7) + 9)?.text).toBe('Device: EM120R-GL (…2B30)');
  });

  it('is pushed up by the next device row as it comes, never drawn over it', () => {
    // The second modem's row is 10 px under the axis: the first's name sits right above it.
    const scrolled = rowOf(5) - 10;
    const pinned = pinnedAt(scrolled);
    expect(pinned?.text).toBe('Device: EM7565 (…8E47)');
    expect(pinned?.y).toBe(AXIS_HEIGHT + rowOf(4) + LANE_HEIGHT / 2);
  });

  it('pins nothing unscrolled, over the backend, or where the device row is wholly in sight', () => {
    expect(pinnedAt(0)).toBeUndefined();
    expect(pinnedAt(5)).toBeUndefined();
    expect(pinnedAt(rowOf(1))).toBeUndefined();
    expect(pinnedAt(rowOf(5))).toBeUndefined();
  });
});
