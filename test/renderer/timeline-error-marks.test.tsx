/**
 * The product promises a timeline of every request, completion and device event. The report's
 * timeline drew error records (a red "!" badge in its "Backend and errors" row) and completions
 * no request matched (a hollow ring on their service's lane); the window's drew neither, so a
 * technician at the window missed the backend error that explained a gap the support engineer saw
 * in the report. Both now draw them from the one description (shared/request/mark-looks.ts
 * POINT_LOOKS), tell them in the same words (the log's, describeRecord), count them in the
 * pointer's tally and list them in the legend.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TimelineCollector } from '../../electron/core/export/timeline-model';
import { timelineSvg } from '../../electron/core/export/timeline-svg';
import type { LogRow } from '../../electron/ipc/contract';
import { toLogRow } from '../../electron/ipc/log-row';
import type { JournalRecord } from '../../shared/journal/record';
import {
  MARK_COLOURS,
  POINT_LOOKS,
  POINT_RADIUS,
  type MarkColour,
} from '../../shared/request/mark-looks';
import { drawMarks } from '../../renderer/src/timeline/draw-marks';
import { AXIS_HEIGHT, LANE_HEIGHT, xOf, type Viewport } from '../../renderer/src/timeline/geometry';
import { hitTest } from '../../renderer/src/timeline/hit-test';
import { LegendList } from '../../renderer/src/timeline/Legend';
import { tallyMarks, tallyWords } from '../../renderer/src/timeline/mark-tally';
import { readPalette, type Palette } from '../../renderer/src/timeline/palette';
import type { TimelineLane, TimelineMark } from '../../renderer/src/timeline/timeline-lanes';
import { TimelineModel } from '../../renderer/src/timeline/timeline-model';
import { view } from './support/timeline-frame';
import { canvasOf } from './support/recording-context';

const T0 = Date.UTC(2026, 3, 1, 10);
const SERVICE = {
  interfaceId: '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
  serviceId: '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}',
  serviceName: 'Sierra diagnostics stream',
};
let seq = 0;
const at = (ms: number) => ({
  v: 2 as const,
  seq: ++seq,
  time: new Date(T0 + ms).toISOString(),
  mono: ms,
});
const completion = { ...SERVICE, kind: 'completion' as const, op: 'close' as const };

/**
 * A close that succeeds (10 ms), its completion again (a duplicate, 200 ms), a completion for a
 * request this app never sent (300 ms), and the backend's error (500 ms).
 */
function smallLog(): JournalRecord[] {
  seq = 0;
  const base = { ...SERVICE, ref: 'r1', op: 'close' as const };
  return [
    { ...at(0), ...base, kind: 'request', outcome: 'sending', sessionOpenBefore: true },
    {
      ...at(1),
      ...base,
      kind: 'request-returned',
      outcome: 'waiting',
      requestId: 1001,
      hresult: '0x00000000',
      hresultName: 'S_OK',
      callMs: 1,
    },
    {
      ...at(10),
      ...completion,
      ref: 'r1',
      requestId: 1001,
      status: '0x00000000',
      statusName: 'S_OK',
      match: 'matched',
      outcome: 'succeeded',
      latencyMs: 10,
    },
    {
      ...at(200),
      ...completion,
      ref: 'r1',
      requestId: 1001,
      status: '0x00000000',
      statusName: 'S_OK',
      match: 'duplicate',
      outcome: null,
      latencyMs: null,
    },
    {
      ...at(300),
      ...completion,
      ref: null,
      requestId: 4242,
      status: '0x80004005',
      statusName: 'E_FAIL',
      match: 'unknown-request',
      outcome: null,
      latencyMs: null,
    },
    { ...at(500), kind: 'error', context: 'backend', message: 'the helper process stopped' },
  ];
}

function windowModel(records: readonly JournalRecord[]): TimelineModel {
  const rows: LogRow[] = records.map((r) => toLogRow(r));
  const model = new TimelineModel();
  model.sync(rows, true);
  return model;
}

function reportModel(records: readonly JournalRecord[]): TimelineCollector {
  const model = new TimelineCollector();
  for (const record of records) model.observe(record);
  return model;
}

const laneOf = (model: TimelineModel, kind: TimelineLane['kind']): TimelineLane => {
  const lane = model.orderedLanes().find((l) => l.kind === kind);
  if (!lane) throw new Error(`no ${kind} lane`);
  return lane;
};

const kinds = (marks: readonly TimelineMark[]) => marks.map((m) => m.kind);

describe('error records and unmatched completions on the window’s timeline', () => {
  it('are marked where the report draws them: errors in the backend’s row, the rest on their service', () => {
    const model = windowModel(smallLog());
    const backend = laneOf(model, 'backend');
    expect(kinds(backend.marks)).toEqual(['error']);
    expect(backend.marks[0]?.t).toBe(T0 + 500);
    // Named as the report names its top row.
    expect(backend.label).toBe('Backend and errors');
    const service = laneOf(model, 'service');
    expect(kinds(service.marks)).toEqual(['unmatched', 'unmatched']);
    expect(service.marks.map((m) => m.t)).toEqual([T0 + 200, T0 + 300]);
    // The matched completion is the request's bar, not a mark.
    expect(service.columns.length).toBe(1);
  });

  it('are told in the report’s words', () => {
    const records = smallLog();
    const window = windowModel(records);
    const report = reportModel(records);
    const error = laneOf(window, 'backend').marks[0]?.text;
    expect(error).toBe('error in backend: the helper process stopped');
    expect(report.fixedMarks.filter((m) => m.kind === 'error').map((m) => m.title)).toEqual([
      error,
    ]);
    const unmatched = laneOf(window, 'service').marks.map((m) => m.text);
    expect(unmatched[0]).toMatch(/duplicate of an earlier completion/);
    expect(unmatched[1]).toMatch(/for a request this app never sent/);
    expect(report.marks.filter((m) => m.kind === 'unmatched').map((m) => m.title)).toEqual(
      unmatched,
    );
  });

  it('are counted in the pointer’s tally and found by it', () => {
    const model = windowModel(smallLog());
    const service = laneOf(model, 'service');
    const backend = laneOf(model, 'backend');
    expect(tallyWords(tallyMarks(service.marks, T0, T0 + 1000))).toBe('2 unmatched completions');
    expect(tallyWords(tallyMarks(backend.marks, T0, T0 + 1000))).toBe('1 error');
    const v = view(T0 - 100, T0 + 600);
    const y = (lane: TimelineLane) =>
      AXIS_HEIGHT + model.orderedLanes().indexOf(lane) * LANE_HEIGHT + LANE_HEIGHT / 2;
    expect(hitTest(model, v, xOf(v, T0 + 500), y(backend))).toMatchObject({
      mark: { kind: 'error', text: 'error in backend: the helper process stopped' },
    });
    expect(hitTest(model, v, xOf(v, T0 + 300), y(service))).toMatchObject({
      mark: { kind: 'unmatched' },
    });
  });

  it('are in the legend, in the words of the tally', () => {
    const html = renderToStaticMarkup(<LegendList notLoaded={false} />);
    const text = html.replace(/<[^>]+>/g, '');
    expect(text).toMatch(/! error ·/);
    expect(text).toMatch(/○ unmatched completion ·/);
    expect(html).toContain('class="mark-error mark-badge"');
  });
});

/** A point mark's look: how it is painted, its size, its colour's role, the symbol on a badge. */
interface PointLook {
  paint: 'badge' | 'ring';
  r: number;
  colour: MarkColour;
  symbol: string | null;
}

function described(kind: 'error' | 'unmatched'): PointLook {
  const look = POINT_LOOKS[kind];
  return {
    paint: look.paint,
    r: POINT_RADIUS[look.paint],
    colour: look.colour,
    symbol: look.paint === 'badge' ? look.symbol : null,
  };
}

/** The colour role of a report colour (the light theme's), or of a window theme variable. */
function roleOf(colour: string): MarkColour | undefined {
  const roles = Object.keys(MARK_COLOURS) as MarkColour[];
  // muted and abandoned share a colour: muted first (the role a point mark takes).
  const ordered: MarkColour[] = ['muted', ...roles.filter((r) => r !== 'muted')];
  return colour === '--muted'
    ? 'muted'
    : colour.startsWith('--tl-')
      ? (colour.slice(5) as MarkColour)
      : ordered.find((r) => MARK_COLOURS[r].light === colour.toLowerCase());
}

/** The report's picture of the small log: each badge and ring it draws, with its title. */
function reportLooks(): { look: PointLook; title: string }[] {
  const svg = timelineSvg(reportModel(smallLog()), { device: (id) => id, zeroTime: null });
  return [
    ...svg.matchAll(
      /<g><circle ([^>]*)\/>(?:<text[^>]*>([^<]*)<\/text>)?<title>([^<]*)<\/title><\/g>/g,
    ),
  ].map((m) => {
    const attrs = m[1] ?? '';
    const attr = (name: string) => new RegExp(` ?${name}="([^"]*)"`).exec(attrs)?.[1] ?? '';
    const ring = attr('fill') === '#fff';
    return {
      look: {
        paint: ring ? 'ring' : 'badge',
        r: Number(attr('r')),
        colour: roleOf(ring ? attr('stroke') : attr('fill')) ?? 'ok',
        symbol: m[2] ?? null,
      },
      title: m[3] ?? '',
    };
  });
}

/** What the window's canvas draws of `marks`: each disc or ring, its colour and its symbol. */
function canvasLooks(marks: readonly TimelineMark[], v: Viewport, palette: Palette): PointLook[] {
  /** Each shape filled: its radius, fill, and the outline and symbol drawn on it. */
  const shapes: { r: number; fill: string; stroke: string | null; symbol: string | null }[] = [];
  let radius = 0;
  const state: Record<string | symbol, unknown> = { fillStyle: '', strokeStyle: '' };
  const calls: Record<string, (...args: never[]) => unknown> = {
    arc: (_x: number, _y: number, r: number) => (radius = r),
    fill: () =>
      shapes.push({ r: radius, fill: String(state.fillStyle), stroke: null, symbol: null }),
    stroke: () => {
      const last = shapes.at(-1);
      if (last) last.stroke = String(state.strokeStyle);
    },
    fillText: (text: string) => {
      const last = shapes.at(-1);
      if (last) last.symbol = text;
    },
  };
  const ctx = canvasOf(state, calls);
  drawMarks(ctx, marks, v, 50, palette, true);
  return shapes.map((s) => ({
    paint: s.stroke === null ? 'badge' : 'ring',
    r: s.r,
    colour: roleOf(s.stroke ?? s.fill) ?? 'ok',
    symbol: s.symbol,
  }));
}

describe('the window and the report draw them alike', () => {
  let palette: Palette;
  beforeAll(() => {
    // The palette reads the theme's variables: here each reads as its own name.
    vi.stubGlobal(
      'getComputedStyle',
      () => ({ getPropertyValue: (name: string) => name }) as CSSStyleDeclaration,
    );
    palette = readPalette({} as Element);
  });
  afterAll(() => {
    vi.unstubAllGlobals();
  });

  it('as the shared description says, by more than colour', () => {
    const report = reportLooks();
    expect(report.map((r) => r.look)).toEqual([
      described('unmatched'),
      described('unmatched'),
      described('error'),
    ]);
    const model = windowModel(smallLog());
    const v = view(T0 - 100, T0 + 600);
    expect(canvasLooks(laneOf(model, 'backend').marks, v, palette)).toEqual([described('error')]);
    expect(canvasLooks(laneOf(model, 'service').marks, v, palette)).toEqual([
      described('unmatched'),
      described('unmatched'),
    ]);
    // Apart from a notification's filled disc and a removal's red by shape, not colour alone.
    expect(described('unmatched').paint).not.toBe('symbol');
    expect(described('error').symbol).toBe('!');
  });

  it('where thousands of marks are drawn from their columns too', () => {
    const marks: TimelineMark[] = [];
    for (let i = 0; i < 5000; i++)
      marks.push({ kind: 'notification', t: T0 + i * 10, seq: i * 2 + 1, text: '' });
    marks.push({ kind: 'unmatched', t: T0 + 20_005, seq: 20_000, text: '' });
    marks.push({ kind: 'error', t: T0 + 30_005, seq: 30_000, text: '' });
    const drawn = canvasLooks(marks, view(T0, T0 + 50_000), palette).filter(
      (l) => l.colour !== 'pending',
    );
    expect(drawn).toEqual([described('unmatched'), described('error')]);
  });
});
