/**
 * The frame around the plot: the time axis along the top (ticks at a readable step, in the zone
 * the log shows its times in, the date and zone once, and the day again on each tick where a new
 * day starts) and the lanes' labels down the left. Apart from the spans and marks
 * because it is text and layout, redrawn the same whatever the lanes hold.
 */
import { tickStep } from '../../../shared/tick-steps';
import { formatTimestamp } from '../../../shared/time';
import { AXIS_HEIGHT, LABEL_WIDTH, LANE_HEIGHT, axisTopOf, xOf, type Viewport } from './geometry';
import type { Palette } from './palette';
import type { TimelineModel } from './timeline-model';

type Ctx = CanvasRenderingContext2D;

/** The ticks' lines, down through the lanes (drawn under them, inside the plot's clip). */
export function drawGrid(ctx: Ctx, view: Viewport, palette: Palette): void {
  ctx.strokeStyle = palette.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  eachTick(view, (_t, x) => {
    ctx.moveTo(x, AXIS_HEIGHT - 4);
    ctx.lineTo(x, view.height);
  });
  ctx.stroke();
}

/**
 * The time axis itself, over everything at `axisTopOf(view)`: the times at the ticks, and the
 * date and zone once at the left. Drawn where the stage is scrolled to, so on half a 13-inch
 * screen, where the lanes scroll, the times stay readable above whichever lanes are in sight.
 */
export function drawAxis(ctx: Ctx, view: Viewport, palette: Palette): void {
  const top = axisTopOf(view);
  ctx.fillStyle = palette.bg;
  ctx.fillRect(0, top, view.width, AXIS_HEIGHT);
  ctx.strokeStyle = palette.grid;
  ctx.lineWidth = 1;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = palette.muted;
  ctx.beginPath();
  const zone = view.zone ?? 'local';
  const ticks: { t: number; x: number; step: number }[] = [];
  eachTick(view, (t, x, step) => ticks.push({ t, x, step }));
  // The axis's date is the first tick's: the view's left edge is often the empty margin before
  // the first entry, and its day ("2026-01-04" above a first tick "01-05 00:00:00") had nothing
  // on it. Each tick on another day than the left edge's or the tick before it says its day.
  const shown = ticks[0]?.t ?? view.t0;
  let day = dayOf(view.t0, zone);
  for (const { t, x, step } of ticks) {
    ctx.moveTo(x, top + AXIS_HEIGHT - 4);
    ctx.lineTo(x, top + AXIS_HEIGHT);
    // A label cut at the plot's right edge reads as another time ("10:07:57" of 10:07:57.400):
    // the tick keeps its line, and its label only where it fits whole.
    const label = tickLabel(t, step, zone, day);
    day = dayOf(t, zone);
    if (x + 3 + ctx.measureText(label).width <= view.width)
      ctx.fillText(label, x + 3, top + AXIS_HEIGHT / 2);
  }
  // The date and zone of the ticks' times, once, beside them.
  ctx.fillText(axisDate(shown, zone), 6, top + AXIS_HEIGHT / 2);
  // Its edges: against the lane labels, and (once lanes scroll beneath it) against the lanes.
  ctx.moveTo(LABEL_WIDTH - 0.5, top);
  ctx.lineTo(LABEL_WIDTH - 0.5, top + AXIS_HEIGHT);
  if (top > 0) {
    ctx.moveTo(0, top + AXIS_HEIGHT - 0.5);
    ctx.lineTo(view.width, top + AXIS_HEIGHT - 0.5);
  }
  ctx.stroke();
}

/**
 * Each tick in view, at a readable step (about one per 120 px): its time and its x. Ticks fall at
 * whole steps of the zone's wall clock, so hours fall on its hours and days on its midnights, and
 * a week reads as days (at whole multiples of the step from the epoch they fell at 18:00, 12:00,
 * ... in UTC; half-hour ticks at :15 and :45 in a zone 5:45 ahead). Each tick's instant is found
 * from its own wall-clock time: a week across a change to or from summer time keeps midnight.
 */
function eachTick(view: Viewport, visit: (t: number, x: number, step: number) => void): void {
  const raw = (view.t1 - view.t0) / Math.max(1, (view.width - LABEL_WIDTH) / 120);
  // The steps the report's axis takes too; at least 1 ms, the finest a tick's label says.
  const step = tickStep(Math.max(1, raw));
  const zone = view.zone ?? 'local';
  const first = Math.ceil((view.t0 + offsetMs(view.t0, zone)) / step) * step;
  for (let wall = first; ; wall += step) {
    const t = instantOf(wall, zone);
    if (t > view.t1) return;
    if (t >= view.t0) visit(t, Math.round(xOf(view, t)) + 0.5, step);
  }
}

/** The instant at which the zone's clock reads `wall` (ms as if it were UTC). */
function instantOf(wall: number, zone: 'local' | 'utc'): number {
  return wall - offsetMs(wall - offsetMs(wall, zone), zone);
}

/** The zone's offset from UTC at `t`, in ms (0 for UTC). */
function offsetMs(t: number, zone: 'local' | 'utc'): number {
  return zone === 'utc' ? 0 : -new Date(t).getTimezoneOffset() * 60_000;
}

export function drawLabels(
  ctx: Ctx,
  lanes: ReturnType<TimelineModel['orderedLanes']>,
  view: Viewport,
  palette: Palette,
): void {
  ctx.fillStyle = palette.bg;
  ctx.fillRect(0, 0, LABEL_WIDTH, view.height);
  ctx.textBaseline = 'middle';
  lanes.forEach((lane, i) => {
    const mid = AXIS_HEIGHT + i * LANE_HEIGHT + LANE_HEIGHT / 2;
    const service = lane.kind === 'service';
    ctx.font = service ? '12px system-ui, sans-serif' : 'bold 12px system-ui, sans-serif';
    ctx.fillStyle = service ? palette.text : palette.muted;
    const width = LABEL_WIDTH - (service ? 22 : 10);
    const label =
      lane.kind === 'device' ? fitDevice(ctx, lane.label, width) : fit(ctx, lane.label, width);
    ctx.fillText(label, service ? 18 : 6, mid);
  });
  ctx.strokeStyle = palette.grid;
  ctx.beginPath();
  ctx.moveTo(LABEL_WIDTH - 0.5, 0);
  ctx.lineTo(LABEL_WIDTH - 0.5, view.height);
  ctx.stroke();
}

/**
 * The device of the lanes at the top of the scrolled stage, pinned under the time axis: scrolled
 * past their device's own row, a service's lanes ("SMS", "Auth") no longer said on which modem
 * they ran. The next device's row pushes it up as it comes, so the two never overlap. It covers
 * the label of one lane, which it says again under the device's name (two small lines), so every
 * lane in sight keeps its name. Drawn in the labels' column only; the spans stay beside it.
 */
export function drawPinnedDevice(
  ctx: Ctx,
  lanes: ReturnType<TimelineModel['orderedLanes']>,
  view: Viewport,
  palette: Palette,
): void {
  const top = axisTopOf(view);
  if (top <= 0) return;
  // The lane whose row is at the top of what is in sight, under the axis.
  const at = Math.floor(top / LANE_HEIGHT);
  const lane = lanes[at];
  const device = lane?.kind === 'device' ? lane : lane?.device;
  // Its own row wholly in sight says it already.
  if (!device || (lane === device && at * LANE_HEIGHT === top)) return;
  let y = top + AXIS_HEIGHT;
  const next = lanes.findIndex((l, i) => i > at && l.kind === 'device');
  if (next >= 0) y = Math.min(y, AXIS_HEIGHT + (next - 1) * LANE_HEIGHT);
  // The lane whose label (drawn at its row's middle) the pinned row covers; its label's whole
  // row is covered, so no half of it shows under the pinned row.
  const hidden = Math.ceil((y - AXIS_HEIGHT) / LANE_HEIGHT - 0.5);
  const covered = lanes[hidden];
  const bottom = Math.max(y + LANE_HEIGHT, AXIS_HEIGHT + (hidden + 1) * LANE_HEIGHT);
  ctx.fillStyle = palette.bg;
  ctx.fillRect(0, y, LABEL_WIDTH - 1, bottom - y);
  ctx.textBaseline = 'middle';
  ctx.fillStyle = palette.muted;
  if (covered?.kind === 'service' && covered.device === device) {
    ctx.font = 'bold 10px system-ui, sans-serif';
    ctx.fillText(fitDevice(ctx, device.label, LABEL_WIDTH - 10), 6, y + 8);
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = palette.text;
    ctx.fillText(fit(ctx, covered.label, LABEL_WIDTH - 22), 18, y + 20);
  } else {
    ctx.font = 'bold 12px system-ui, sans-serif';
    ctx.fillText(fitDevice(ctx, device.label, LABEL_WIDTH - 10), 6, y + LANE_HEIGHT / 2);
  }
  ctx.strokeStyle = palette.grid;
  ctx.beginPath();
  ctx.moveTo(0, bottom - 0.5);
  ctx.lineTo(LABEL_WIDTH - 1, bottom - 0.5);
  ctx.stroke();
}

/**
 * "Device: EM7565 (…8E47)" where it fits; else without "Device:", then with the model cut and
 * the end kept whole: cut from its end, "Device: unknown model …" lost what tells it apart.
 */
function fitDevice(ctx: Ctx, name: string, width: number): string {
  const labelled = `Device: ${name}`;
  if (ctx.measureText(labelled).width <= width) return labelled;
  if (ctx.measureText(name).width <= width) return name;
  const at = name.lastIndexOf(' (');
  if (at < 0) return fit(ctx, name, width);
  const end = name.slice(at);
  return `${fit(ctx, name.slice(0, at), width - ctx.measureText(end).width)}${end}`;
}

function fit(ctx: Ctx, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

const DAY = 86_400_000;

/** "2026-11-29, UTC+01:00" (or "2026-11-29, UTC"): the date and zone of the axis's times. */
function axisDate(t: number, zone: 'local' | 'utc'): string {
  const [date = '', , offset = ''] = formatTimestamp(new Date(t).toISOString(), zone).split(' ');
  return `${date}, UTC${offset === 'Z' ? '' : offset}`;
}

/** The calendar day of `t` in the zone, as a number that differs from one day to the next. */
function dayOf(t: number, zone: 'local' | 'utc'): number {
  return Math.floor((t + offsetMs(t, zone)) / DAY);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * A tick's time in the zone; on another day than the tick before it (`dayBefore`), with its month
 * and day first ("12-06 00:00:00"), so a week-long log's axis says where each day starts.
 */
function tickLabel(t: number, step: number, zone: 'local' | 'utc', dayBefore: number): string {
  const d = new Date(t + offsetMs(t, zone));
  const hms = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const time = step < 1000 ? `${hms}.${pad(d.getUTCMilliseconds(), 3)}` : hms;
  return dayOf(t, zone) === dayBefore
    ? time
    : `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${time}`;
}
