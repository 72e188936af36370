/**
 * The report draws each outcome with the window's mark. A review found them apart: a dashed
 * outline meant Abandoned in the window and Waiting in the report, the report's Abandoned was a
 * grey bar with a cross, Late was hatched another way, and the colours were others; a support
 * engineer reading a technician's report beside the window read one mark two ways. Both are held
 * to the shared description (shared/request/mark-looks.ts; the window's canvas and legend in
 * test/renderer/marks-alike.test.tsx), colours included: the window's light theme's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { timelineSection } from '../../../electron/core/export/html-sections.js';
import { SummaryCollector } from '../../../electron/core/export/summary.js';
import { TimelineCollector } from '../../../electron/core/export/timeline-model.js';
import { MARK_COLOURS, MARK_LOOKS, POINT_LOOKS } from '../../../shared/request/mark-looks.js';
import { recordOutcomeLabel } from '../../../shared/request/words.js';
import { MARK_LEGEND, SPAN_MARKS, type SpanMark } from '../../../shared/request/marks.js';
import { svgLook, type Look } from '../../renderer/support/mark-look.js';

/** Each swatch of the report's legend, by its words. */
function reportSwatches(): Map<string, string> {
  const html = timelineSection(new TimelineCollector(), new SummaryCollector().summary);
  return new Map(
    [...html.matchAll(/<span><svg[^>]*>(.*?)<\/svg>([^<]*)<\/span>/g)].map((m) => [
      m[2] ?? '',
      m[1] ?? '',
    ]),
  );
}

function described(mark: SpanMark): Look {
  const { shape, fill, outline, end, colour } = MARK_LOOKS[mark];
  return { shape, fill, outline, end, colour: MARK_COLOURS[colour].light };
}

/** The window's theme variables, from its stylesheet's block `selector { … }`. */
function themeVars(selector: string): Map<string, string> {
  const css = readFileSync(
    join(import.meta.dirname, '../../../renderer/src/timeline/timeline.css'),
    'utf8',
  );
  const at = css.indexOf(`${selector} {`);
  const block = css.slice(at, css.indexOf('}', at));
  return new Map(
    [...block.matchAll(/(--tl-[\w-]+):\s*([^;]+);/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
}

describe('each outcome mark in the report', () => {
  it('is drawn in its legend as the window draws it (the shared description)', () => {
    const report = reportSwatches();
    for (const mark of SPAN_MARKS) {
      const swatch = report.get(MARK_LEGEND[mark]);
      expect(swatch, `the report's legend has ${mark}`).toBeDefined();
      expect(
        svgLook(swatch ?? '', (c) => c.toLowerCase()),
        mark,
      ).toEqual(described(mark));
    }
  });

  it('is in the colours the window’s themes draw it in', () => {
    const light = themeVars(':root');
    const dark = themeVars(":root[data-theme='dark']");
    for (const [role, { light: l, dark: d }] of Object.entries(MARK_COLOURS)) {
      if (role === 'muted') continue;
      expect(light.get(`--tl-${role}`), role).toBe(l);
      expect(dark.get(`--tl-${role}`), role).toBe(d);
    }
  });
});

describe('the report legend’s error and unmatched marks', () => {
  it('are in the colours the picture draws them in (the shared description)', () => {
    // The legend drew the unmatched ring black and the picture grey: a reader matched neither.
    const report = reportSwatches();
    const unmatched = report.get(recordOutcomeLabel('unmatched')) ?? '';
    const error = report.get('Error') ?? '';
    const muted = MARK_COLOURS[POINT_LOOKS.unmatched.colour].light;
    const failed = MARK_COLOURS[POINT_LOOKS.error.colour].light;
    expect(unmatched).toMatch(new RegExp(`<circle[^>]*fill="#fff"[^>]*stroke="${muted}"`));
    expect(error).toMatch(new RegExp(`<circle[^>]*fill="${failed}"`));
    expect(error).toContain(`>${POINT_LOOKS.error.symbol}</text>`);
  });
});
