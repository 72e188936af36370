/**
 * Timeline benchmark (issue 5), runnable alone with `npx tsx bench/timeline.ts`: the renderer's
 * canvas timeline with 100,000 request spans in Chromium, frame times while panning and zooming
 * (p50/p95/max; target p95 ≤ 20 ms), next to an empty timeline's frame on the same canvas in the
 * same run. A frame here is the draw call plus a one-pixel read, which makes the canvas finish
 * rasterizing inside the timing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/chromium.js';

const SPANS = Number(process.env.BENCH_SPANS ?? 100_000);
const TARGET_P95_MS = 20;

const bundle = await build({
  entryPoints: ['bench/timeline-page.js'],
  bundle: true,
  write: false,
  format: 'iife',
  target: 'chrome120',
  logLevel: 'warning',
});
const script = bundle.outputFiles[0]?.text ?? '';

const work = mkdtempSync(join(tmpdir(), 'mbn-bench-timeline-'));
const context = await chromium.launchPersistentContext(join(work, 'profile'), {
  executablePath: CHROMIUM,
  args: [...CHROMIUM_ARGS],
  headless: true,
  viewport: { width: 1366, height: 900 },
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
  await page.addScriptTag({ content: script });
  const results = await page.evaluate<Record<string, unknown>>(`window.__timelineBench(${SPANS})`);
  console.log(
    `Timeline benchmark: ${SPANS.toLocaleString('en-US')} spans, Chromium (software canvas), ` +
      `${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(2)}`,
  );
  console.log(
    `model built from ${String(results.rows)} log rows in ${Number(results.buildMs).toFixed(0)} ms`,
  );
  let worst = 0;
  console.log(
    'scenario                 timeline p50 / p95 / max (ms)   empty p50 / p95 (ms)   spans drawn (max)',
  );
  for (const [name, value] of Object.entries(results)) {
    if (typeof value !== 'object' || value === null) continue;
    const { timeline, emptyBaseline } = value as {
      timeline: { p50: number; p95: number; max: number; drawnMax: number };
      emptyBaseline: { p50: number; p95: number };
    };
    worst = Math.max(worst, timeline.p95);
    console.log(
      `${name.padEnd(24)} ${timeline.p50.toFixed(2).padStart(7)} / ${timeline.p95.toFixed(2).padStart(6)} / ${timeline.max
        .toFixed(2)
        .padStart(6)}        ${emptyBaseline.p50.toFixed(2).padStart(5)} / ${emptyBaseline.p95
        .toFixed(2)
        .padStart(5)}          ${timeline.drawnMax.toLocaleString('en-US')}`,
    );
  }
  const ok = worst <= TARGET_P95_MS;
  console.log(
    `worst p95 ${worst.toFixed(2)} ms: ${ok ? 'within' : 'OVER'} the ${TARGET_P95_MS} ms target`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await context.close();
  rmSync(work, { recursive: true, force: true });
}
