/**
 * The timeline as an inline SVG picture: one lane per device service, grouped under a row per
 * device, time running left to right from the start of the run (of a range's export: from its
 * first entry, timeline-model.ts). Each outcome's mark is the window's (shared/request/
 * mark-looks.ts): told apart by shape as well as colour (hatching for overdue and late, a dashed
 * outline and a cross for abandoned, an arrow for still waiting, a diamond for refused), so the
 * picture survives a black-and-white printer and colour-blind readers, and reads as the window.
 */
import { normalizeServiceId } from '../../../shared/model.js';
import { serviceLabels } from './service-labels.js';
import { esc } from './html-escape.js';
import { timelineAxis } from './timeline-axis.js';
import { BINS, CLASSES, type Mark, type TimelineCollector } from './timeline-model.js';
import type { FoldedRequest } from '../../../shared/request/fold.js';
import { MARK_LEGEND, SPAN_MARKS, spanMark } from '../../../shared/request/marks.js';
import {
  MARK_COLOURS,
  MARK_LOOKS,
  POINT_LOOKS,
  POINT_RADIUS,
  RING_WIDTH,
  hatchPatternSvg,
  markParts,
  markPartsSvg,
  type MarkColour,
} from '../../../shared/request/mark-looks.js';
import {
  OUTCOME_WORDS,
  requestIdText,
  shownCode,
  timingWords,
} from '../../../shared/request/words.js';

const WIDTH = 1100;
const LABEL_W = 250;
const PLOT_X = LABEL_W + 10;
const PLOT_W = WIDTH - PLOT_X - 20;
const ROW_H = 22;
const DEVICE_H = 22;
const TOP_H = 24;
const AXIS_H = 34;

/** A mark's colour on the report's white page: the window's light theme's. */
export const colourOf = (colour: MarkColour): string => MARK_COLOURS[colour].light;

/** The hatch pattern of a colour (`hatchPatterns` defines them once, before the first use). */
export const hatchOf = (colour: MarkColour): string => `url(#hatch-${colour})`;

/** The hatches' patterns, one per hatched colour, on the page's white. */
export function hatchPatterns(): string {
  const colours = new Set(
    Object.values(MARK_LOOKS)
      .filter((look) => look.fill === 'hatch')
      .map((look) => look.colour),
  );
  return [...colours].map((c) => hatchPatternSvg(`hatch-${c}`, colourOf(c), '#fff')).join('');
}

/**
 * A badge or ring point mark (an error, an unmatched completion) at `cx`, `cy`, as the window's
 * canvas draws it (shared/request/mark-looks.ts POINT_LOOKS): a disc in its colour with its
 * symbol white on it, or a hollow ring in its colour on the page's white.
 */
export function pointMarkSvg(kind: 'error' | 'unmatched', cx: number, cy: number): string {
  const look = POINT_LOOKS[kind];
  const colour = colourOf(look.colour);
  if (look.paint === 'ring')
    return `<circle cx="${f(cx)}" cy="${f(cy)}" r="${POINT_RADIUS.ring}" fill="#fff" stroke="${colour}" stroke-width="${RING_WIDTH}"/>`;
  return `<circle cx="${f(cx)}" cy="${f(cy)}" r="${POINT_RADIUS.badge}" fill="${colour}"/><text x="${f(cx)}" y="${f(cy + 4)}" class="tl-glyph">${esc(look.symbol)}</text>`;
}

export interface TimelineLabels {
  device: (interfaceId: string) => string;
  /**
   * The UTC time of the axis's zero when the whole picture runs on one clock from it (one run, or
   * a range's first entry), so its ticks can be times of day; null where a restart started the
   * clock again.
   */
  zeroTime: string | null;
}

export function timelineSvg(model: TimelineCollector, labels: TimelineLabels): string {
  // Drawn from the axis's zero (the run's start, or a range's first entry).
  const end = Math.max(model.endMono - model.startMono, 1);
  const x = (t: number): number => PLOT_X + (Math.max(0, t - model.startMono) / end) * PLOT_W;
  const rows: { kind: 'device' | 'lane'; y: number; interfaceId: string; lane?: number }[] = [];
  let y = TOP_H;
  for (const interfaceId of model.devices) {
    rows.push({ kind: 'device', y, interfaceId });
    y += DEVICE_H;
    for (const lane of model.lanes.filter((l) => l.interfaceId === interfaceId)) {
      rows.push({ kind: 'lane', y, interfaceId, lane: lane.index });
      y += ROW_H;
    }
  }
  const plotBottom = y;
  const height = plotBottom + AXIS_H;
  const laneY = new Map<number, number>();
  const deviceRow = new Map<string, { top: number; bottom: number }>();
  const parts: string[] = [];

  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="Timeline of requests per device service">`,
    `<defs>${hatchPatterns()}</defs>`,
  );
  // Row backgrounds and labels.
  parts.push(
    `<text x="8" y="${TOP_H - 8}" class="tl-dev">Backend and errors</text>`,
    `<line x1="${PLOT_X}" x2="${PLOT_X + PLOT_W}" y1="${TOP_H - 0.5}" y2="${TOP_H - 0.5}" class="tl-grid"/>`,
  );
  // Lanes of one device under one name ("Vendor service") told apart by their IDs' start.
  const labelOf = serviceLabels(model.lanes);
  const laneName = (lane: (typeof model.lanes)[number] | undefined): string => {
    if (!lane) return '';
    const { name, id } = labelOf(lane);
    return id === null ? name : `${name} (${normalizeServiceId(id).slice(0, 8)}…)`;
  };
  for (const row of rows) {
    if (row.kind === 'device') {
      parts.push(
        `<rect x="0" y="${row.y}" width="${PLOT_X + PLOT_W}" height="${DEVICE_H}" class="tl-devrow"/>`,
        `<text x="8" y="${row.y + 15}" class="tl-dev">${esc(clip(labels.device(row.interfaceId), 34))}</text>`,
      );
      const lanes = rows.filter((r) => r.kind === 'lane' && r.interfaceId === row.interfaceId);
      const last = lanes[lanes.length - 1];
      deviceRow.set(row.interfaceId, { top: row.y, bottom: (last?.y ?? row.y) + ROW_H });
    } else if (row.lane !== undefined) {
      const lane = model.lanes[row.lane];
      laneY.set(row.lane, row.y);
      parts.push(
        `<text x="20" y="${row.y + 15}" class="tl-svc">${esc(clip(laneName(lane), 36))}</text>`,
        `<line x1="${PLOT_X}" x2="${PLOT_X + PLOT_W}" y1="${row.y + ROW_H - 0.5}" y2="${row.y + ROW_H - 0.5}" class="tl-grid"/>`,
      );
    }
  }
  parts.push(
    axis(
      end,
      (t) => x(model.startMono + t),
      plotBottom,
      labels.zeroTime,
      model.startTime !== null
        ? 'the range’s first entry'
        : model.runs > 1
          ? 'the first run started'
          : 'the run started',
    ),
  );

  if (model.detailed) {
    // Longest first, so a short span is drawn over a long one on the same lane rather than under
    // it: a close that succeeded while a query there went overdue was hidden under the query's
    // hatched bar, and could be neither seen nor hovered.
    const byLength = [...model.spans].sort((a, b) => spanLength(b) - spanLength(a));
    for (const span of byLength) {
      const top = laneY.get(model.lanes.findIndex((l) => sameLane(l, span)));
      if (top !== undefined) parts.push(spanShape(span, top, x));
    }
    for (const mark of model.marks) {
      const top = mark.lane === undefined ? undefined : laneY.get(mark.lane);
      if (top === undefined) continue;
      parts.push(
        mark.kind === 'unmatched'
          ? `<g>${pointMarkSvg('unmatched', x(mark.t), top + ROW_H / 2)}<title>${esc(mark.title)}</title></g>`
          : readTick(x(mark.t), top, mark.title),
      );
    }
  } else {
    parts.push(densityShapes(model, laneY, end));
  }
  for (const mark of model.fixedMarks) parts.push(fixedMark(mark, x, deviceRow, plotBottom));
  parts.push('</svg>');
  return parts.join('');
}

function sameLane(lane: { interfaceId: string; serviceId: string }, span: FoldedRequest): boolean {
  return lane.interfaceId === span.interfaceId && lane.serviceId === span.serviceId;
}

const spanLength = (span: FoldedRequest): number => (span.endMono ?? span.sentMono) - span.sentMono;

/** A span as the window draws it: its mark's pieces (shared/request/mark-looks.ts). */
function spanShape(span: FoldedRequest, top: number, x: (t: number) => number): string {
  const end = span.endMono ?? span.sentMono;
  const x0 = x(span.sentMono);
  const w = Math.max(2, x(end) - x0);
  const parts = markParts(spanMark(span.outcome), x0, w, top + ROW_H / 2, ROW_H - 10);
  return `<g><title>${esc(spanTitle(span))}</title>${markPartsSvg(parts, colourOf, hatchOf)}</g>`;
}

/** The hover text of a span: the same facts and words as the app's span details. */
function spanTitle(span: FoldedRequest): string {
  const code = shownCode(span);
  const timing = timingWords(span, (span.endMono ?? span.sentMono) - span.sentMono);
  return `${span.op} · ${span.serviceName} — ${OUTCOME_WORDS[span.outcome].label}. Request ID ${requestIdText(span)} · ${timing}${code ? ` · ${code.from === 'completion' ? 'completion status' : 'the call returned'} ${code.code.name} (${code.code.hex})` : ''}`;
}

function readTick(cx: number, top: number, title: string): string {
  return `<rect x="${f(cx - 1)}" y="${top + ROW_H - 6}" width="2" height="5" fill="${colourOf(POINT_LOOKS.read.colour)}"><title>${esc(title)}</title></rect>`;
}

function fixedMark(
  mark: Mark,
  x: (t: number) => number,
  deviceRow: Map<string, { top: number; bottom: number }>,
  plotBottom: number,
): string {
  const cx = x(mark.t);
  if (mark.kind === 'error') {
    // An error record: the window's badge, in the backend's row as there.
    return `<g>${pointMarkSvg('error', cx, TOP_H / 2)}<title>${esc(mark.title)}</title></g>`;
  }
  if (mark.kind === 'backend' || mark.kind === 'backend-down') {
    // The window's diamond: blue, red where the backend went away.
    const color = colourOf(POINT_LOOKS[mark.kind].colour);
    const cy = TOP_H / 2;
    return `<g><path d="M${f(cx)} ${cy - 7}L${f(cx + 6)} ${cy}L${f(cx)} ${cy + 7}L${f(cx - 6)} ${cy}Z" fill="${color}"/><title>${esc(mark.title)}</title></g>`;
  }
  const row = mark.interfaceId === undefined ? undefined : deviceRow.get(mark.interfaceId);
  if (!row) return '';
  const color = colourOf(POINT_LOOKS[mark.kind === 'arrival' ? 'arrival' : 'removal'].colour);
  const tri =
    mark.kind === 'arrival'
      ? `M${f(cx - 6)} ${row.top + 17}L${f(cx + 6)} ${row.top + 17}L${f(cx)} ${row.top + 5}Z`
      : `M${f(cx - 6)} ${row.top + 5}L${f(cx + 6)} ${row.top + 5}L${f(cx)} ${row.top + 17}Z`;
  return `<g><line x1="${f(cx)}" x2="${f(cx)}" y1="${row.top}" y2="${Math.min(row.bottom, plotBottom)}" stroke="${color}" stroke-dasharray="4 3"/><path d="${tri}" fill="${color}"/><title>${esc(mark.title)}</title></g>`;
}

/**
 * Density mode: each column of a lane is a small stacked bar of the outcomes in it, in proportion
 * (successes at the bottom), and any outcome present gets at least 2 px, so one failure among a
 * thousand successes is visible without making the column look as if everything failed.
 */
function densityShapes(model: TimelineCollector, laneY: Map<number, number>, end: number): string {
  const out: string[] = [];
  const k = CLASSES.length;
  const colW = (PLOT_W * model.binWidth) / end;
  const order = SPAN_MARKS;
  const h = ROW_H - 10;
  for (const lane of model.lanes) {
    const top = laneY.get(lane.index);
    const counts = model.bins[lane.index];
    if (top === undefined || !counts) continue;
    for (let i = 0; i < BINS; i++) {
      const x0 = PLOT_X + i * colW;
      if (x0 > PLOT_X + PLOT_W) break;
      const n = order.map((c) => counts[i * k + CLASSES.indexOf(c)] ?? 0);
      const total = n.reduce((a, b) => a + b, 0);
      if (total > 0) {
        let heights = n.map((c) => (c === 0 ? 0 : Math.max(2, (c / total) * h)));
        const sum = heights.reduce((a, b) => a + b, 0);
        if (sum > h) heights = heights.map((v) => (v * h) / sum);
        let y = top + 5 + h;
        const title = order
          .map((c, j) => ((n[j] ?? 0) > 0 ? `${n[j] ?? 0} ${MARK_LEGEND[c].toLowerCase()}` : ''))
          .filter(Boolean)
          .join(', ');
        out.push(`<g><title>${esc(title)}</title>`);
        order.forEach((c, j) => {
          const hh = heights[j] ?? 0;
          if (hh <= 0) return;
          y -= hh;
          // As the window's dense columns: hatched where the mark is; else its colour, a sliver
          // too thin for an outline to show.
          const look = MARK_LOOKS[c];
          const fill = look.fill === 'hatch' ? hatchOf(look.colour) : colourOf(look.colour);
          out.push(
            `<rect x="${f(x0)}" y="${f(y)}" width="${f(Math.max(1, colW))}" height="${f(hh)}" fill="${fill}"/>`,
          );
        });
        out.push('</g>');
      }
      if ((counts[i * k + CLASSES.indexOf('read')] ?? 0) > 0)
        out.push(
          `<rect x="${f(x0)}" y="${top + ROW_H - 4}" width="${f(Math.max(1, colW))}" height="3" fill="${colourOf(POINT_LOOKS.read.colour)}"/>`,
        );
    }
  }
  return out.join('');
}

/** Ticks from 0 to `end` (ms from the axis's zero), `x` placing each (timeline-axis.ts). */
function axis(
  end: number,
  x: (t: number) => number,
  plotBottom: number,
  zeroTime: string | null,
  since: string,
): string {
  const { ticks, label } = timelineAxis(end, zeroTime, since);
  const parts = [
    `<line x1="${PLOT_X}" x2="${PLOT_X + PLOT_W}" y1="${plotBottom}" y2="${plotBottom}" class="tl-axis"/>`,
  ];
  for (const tick of ticks) {
    const tx = x(tick.t);
    parts.push(
      `<line x1="${f(tx)}" x2="${f(tx)}" y1="${TOP_H}" y2="${plotBottom + 4}" class="tl-tick"/>`,
      `<text x="${f(tx)}" y="${plotBottom + 16}" class="tl-ticklabel">${esc(tick.label)}</text>`,
    );
  }
  parts.push(
    `<text x="${PLOT_X + PLOT_W}" y="${plotBottom + 30}" class="tl-axislabel">${esc(label)}</text>`,
  );
  return parts.join('');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function f(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}
