/**
 * A fast live log's notifications, hundreds to a pixel column of the timeline, are drawn from
 * which kinds each column holds (./timeline-dense-marks.test.ts). The pointer over such a column
 * was told of one mark, the one drawn on top: a technician hovering a column of thousands of
 * notifications read of one notification. The tip now says how many marks of each kind are under
 * the pointer (the rare, bad kinds first), over what time, the requests there too, and which mark
 * a click selects; a mark drawn alone is told as before.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../electron/ipc/contract';
import { toLogRow } from '../../electron/ipc/log-row';
import { formatCount } from '../../shared/format-count';
import { formatTimestamp } from '../../shared/time';
import { useTimeMode, zoneOf } from '../../renderer/src/store/time-store';
import { AXIS_HEIGHT, LANE_HEIGHT, xOf } from '../../renderer/src/timeline/geometry';
import { hitTest, type Hit } from '../../renderer/src/timeline/hit-test';
import { MarkText } from '../../renderer/src/timeline/SpanDetails';
import { laneName, type TimelineMark } from '../../renderer/src/timeline/timeline-lanes';
import { TimelineModel } from '../../renderer/src/timeline/timeline-model';
import { view } from './support/timeline-frame';

const T0 = Date.UTC(2026, 3, 1, 10);
const place = {
  v: 2 as const,
  interfaceId: '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
  serviceId: '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}',
  serviceName: 'Sierra diagnostics stream',
};
let seq = 0;
const at = (ms: number) => ({
  ...place,
  seq: ++seq,
  time: new Date(T0 + ms).toISOString(),
  mono: ms,
});
const notification = (ms: number): LogRow =>
  toLogRow({ ...at(ms), kind: 'event-notification', eventId: 3, byteLength: 4, data: '01000000' });
const read = (ms: number): LogRow =>
  toLogRow({ ...at(ms), kind: 'read-data', byteLength: 16, preview: '00' });
const closed = (ms: number, ref: string, failed: boolean): LogRow[] => [
  toLogRow({
    ...at(ms),
    kind: 'request',
    ref,
    op: 'close',
    outcome: 'sending',
    sessionOpenBefore: true,
  }),
  toLogRow({
    ...at(ms + 30),
    kind: 'completion',
    ref,
    op: 'close',
    requestId: seq,
    status: failed ? '0x80004005' : '0x00000000',
    statusName: failed ? 'E_FAIL' : 'S_OK',
    match: 'matched',
    outcome: failed ? 'failed' : 'succeeded',
    latencyMs: 30,
  }),
];

/** A notification every 2 ms for two minutes, data read after each tenth, and three closes. */
function busyLane(): TimelineModel {
  const rows: LogRow[] = [];
  for (let i = 0; i < 60_000; i++) {
    const ms = i * 2;
    if (ms === 60_000) rows.push(...closed(ms, 'r1', true));
    if (ms === 90_000) rows.push(...closed(ms, 'r2', false));
    rows.push(notification(ms));
    if (i % 10 === 0) rows.push(read(ms + 1));
  }
  const model = new TimelineModel();
  model.sync(rows);
  return model;
}

/** What the pointer over the lane at time `t` finds, and the tip's words for it. */
function pointAt(model: TimelineModel, t: number) {
  const v = view(T0, T0 + 120_000);
  const lane = model.orderedLanes().findIndex((l) => l.kind === 'service');
  const hit = hitTest(model, v, xOf(v, t), AXIS_HEIGHT + lane * LANE_HEIGHT + LANE_HEIGHT / 2);
  return { hit, words: tip(hit) };
}

function tip(hit: Hit): string {
  if (!hit || !('mark' in hit)) return '';
  return renderToStaticMarkup(<MarkText {...hit} />)
    .replace(/<br\/>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'");
}

const when = (t: number) =>
  formatTimestamp(new Date(t).toISOString(), zoneOf(useTimeMode.getState().mode));

/** The marks of the lane from `t0` to `t1`, counted one by one: the reference. */
function counted(marks: readonly TimelineMark[], t0: number, t1: number) {
  const inside = marks.filter((m) => m.t >= t0 && m.t <= t1);
  return {
    notifications: inside.filter((m) => m.kind === 'notification').length,
    reads: inside.filter((m) => m.kind === 'read').length,
  };
}

describe('the tip over a column of hundreds of notifications', () => {
  const model = busyLane();
  const marks = model.orderedLanes().find((l) => l.kind === 'service')?.marks ?? [];

  it('says how many of each kind the pointer is over, and over what time', () => {
    const { hit, words } = pointAt(model, T0 + 30_000);
    if (!hit || !('mark' in hit) || !hit.column) throw new Error(`no column told: ${words}`);
    const { t0, t1 } = hit.column.tally;
    const { notifications, reads } = counted(marks, t0, t1);
    expect(notifications).toBeGreaterThan(400);
    expect(reads).toBeGreaterThan(40);
    const [first, times, click] = words.split('\n');
    expect(first).toBe(
      `${formatCount(notifications)} notifications, ${String(reads)} data reads · ${laneName(hit.column.lane)}`,
    );
    expect(first).toMatch(
      /^\d{3} notifications, \d\d data reads · unknown model \(…8E47\) · Sierra diagnostics stream$/,
    );
    expect(times).toBe(`${when(t0)} – ${when(t1)}`);
    // A click selects the mark drawn on top: a notification, over the read ticks.
    expect(hit.mark.kind).toBe('notification');
    expect(click).toContain(`click to select the notification at ${when(hit.mark.t)}`);
  });

  it('names the requests there too, the failed one first', () => {
    const { hit, words } = pointAt(model, T0 + 60_010);
    if (!hit || !('mark' in hit) || !hit.column) throw new Error(`no column told: ${words}`);
    expect(words.split('\n')[0]).toMatch(
      /^[\d,]+ notifications, \d+ data reads · .* — and 1 request \(1 failed\)$/,
    );
  });

  it('tells a mark drawn alone as before, zoomed in far enough', () => {
    const v = view(T0 + 30_000, T0 + 30_500);
    const lane = model.orderedLanes().findIndex((l) => l.kind === 'service');
    const y = AXIS_HEIGHT + lane * LANE_HEIGHT + LANE_HEIGHT / 2;
    const hit = hitTest(model, v, xOf(v, T0 + 30_100), y);
    expect(hit).toMatchObject({ mark: { kind: 'notification', t: T0 + 30_100 } });
    if (!hit || !('mark' in hit)) return;
    expect(hit.column).toBeUndefined();
    expect(tip(hit)).toBe(`${when(T0 + 30_100)} ${hit.mark.text}`);
  });
});
