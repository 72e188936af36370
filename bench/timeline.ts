/**
 * Timeline benchmark (issue 14 item 5), runnable alone with `npx tsx bench/timeline.ts`: the
 * renderer's canvas timeline in Chromium at 100,000, 1,000,000 and 10,000,000 request spans,
 * frame times while panning and zooming with everything in view and with 1/20 of it in view
 * (p50/p95/max; target p95 ≤ 20 ms), next to an empty timeline's frame on the same canvas in the
 * same run, and the renderer process's peak memory (target under 300 MB). A frame here is the
 * draw call plus a one-pixel read, which makes the canvas finish rasterizing inside the timing.
 * Each frame is timed as it comes (one-off work such as building a summary level included), and
 * drawn twice more: the least of the three is printed beside it, as what the frame costs when no
 * other process takes the core away mid-frame (on a shared, loaded machine the first figure
 * mostly measures the load).
 *
 * 100,000 spans are built both as the app builds them (log rows made as main makes them, a saved
 * log's page at a time, each page copied with the structured clone algorithm as Electron's IPC
 * copies it, kept by the renderer's LogModel and folded by the shared fold into the timeline in
 * view) and straight into the model's span columns; 1M and 10M only straight into the columns (the
 * log rows alone of a million requests would take gigabytes in the page). Each size runs in a
 * fresh browser, so its peak memory is its own. `BENCH_SIZES=100000:rows,1000000:columns` picks.
 * `100000:marks` is the columns' load with a fast live log's point marks on top (250,000 device
 * notifications on one lane, 100,000 read ticks on another, 50,000 device arrivals with one removal
 * among them, 50,000 backend statuses with a burst of 100 outages), and `BENCH_FRAMES=0.1` draws a
 * tenth of each scenario's frames, for a build whose frames take seconds.
 * The browser runs the renderer with the V8 flags the app gives it (electron/ipc/renderer-flags.ts).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { RENDERER_JS_FLAGS } from '../electron/ipc/renderer-flags.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/chromium.js';

/** The V8 flags the app gives its renderer (`BENCH_JS_FLAGS=` measures V8's defaults instead). */
const JS_FLAGS = process.env.BENCH_JS_FLAGS ?? RENDERER_JS_FLAGS;
const TARGET_P95_MS = 20;
const TARGET_PEAK_MB = 300;
/** The share of each scenario's frames drawn (`BENCH_FRAMES=0.25`: every fourth), all by default. */
const FRAME_SHARE = Number(process.env.BENCH_FRAMES ?? 1) || 1;
const SIZES = (
  process.env.BENCH_SIZES ??
  '100000:rows,100000:columns,100000:marks,1000000:columns,10000000:columns'
)
  .split(',')
  .map((entry) => {
    const [count = '', mode = 'columns'] = entry.split(':');
    return { count: Number(count), mode };
  });

interface Stats {
  p50: number;
  p95: number;
  max: number;
  drawnMax: number;
}
interface PageResult {
  spans: number;
  mode: string;
  rows: number;
  marks: number;
  buildMs: number;
  bytes: { spans: number; buckets: number };
  jsHeap: { afterLoad: number; atEnd: number };
  scenarios: Record<string, { timeline: Stats; bestOf3: Stats; emptyBaseline: Stats }>;
}

const bundle = await build({
  entryPoints: ['bench/timeline-page.js'],
  bundle: true,
  write: false,
  format: 'iife',
  target: 'chrome120',
  logLevel: 'warning',
});
const script = bundle.outputFiles[0]?.text ?? '';

/** Processes started under this one (the browser and its children), by pid. */
function descendants(): { pid: number; cmdline: string }[] {
  const parent = new Map<number, number>();
  const cmd = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(pid, ppid);
      cmd.set(pid, readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' '));
    } catch {
      // Gone since the listing.
    }
  }
  const out: { pid: number; cmdline: string }[] = [];
  for (const [pid, cmdline] of cmd) {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (p === process.pid) {
        out.push({ pid, cmdline });
        break;
      }
    }
  }
  return out;
}

/** This browser's renderer processes' pids. */
function renderers(): number[] {
  return descendants()
    .filter((p) => p.cmdline.includes('--type=renderer'))
    .map((p) => p.pid);
}

/** A field of /proc/<pid>/<file>, in MB (0 when the process is gone). */
function procMb(pid: number, file: string, field: string): number {
  try {
    const text = readFileSync(`/proc/${String(pid)}/${file}`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(text)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/**
 * Samples the renderers' private memory (what the page itself holds, without the shared library
 * pages every Chromium process maps) every 100 ms while a run goes on; the peak resident size
 * (VmHWM, shared pages included) comes from the kernel at the end.
 */
function watchMemory(): { stop: () => { rssPeakMb: number; privatePeakMb: number } } {
  let privatePeakMb = 0;
  let rssSampledMb = 0;
  const sample = () => {
    for (const pid of renderers()) {
      rssSampledMb = Math.max(rssSampledMb, procMb(pid, 'smaps_rollup', 'Rss'));
      const mine =
        procMb(pid, 'smaps_rollup', 'Private_Clean') + procMb(pid, 'smaps_rollup', 'Private_Dirty');
      privatePeakMb = Math.max(privatePeakMb, mine);
    }
  };
  const timer = setInterval(sample, 100);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      const rssPeakMb = Math.max(
        rssSampledMb,
        ...renderers().map((pid) => procMb(pid, 'status', 'VmHWM')),
      );
      return { rssPeakMb, privatePeakMb };
    },
  };
}

async function measure(
  count: number,
  mode: string,
): Promise<{ result: PageResult; rssPeakMb: number; privatePeakMb: number }> {
  const work = mkdtempSync(join(tmpdir(), 'mbn-bench-timeline-'));
  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    // Exact JS heap figures (without it Chromium rounds them and refreshes them rarely).
    args: [
      ...CHROMIUM_ARGS,
      '--enable-precise-memory-info',
      ...(JS_FLAGS ? [`--js-flags=${JS_FLAGS}`] : []),
    ],
    headless: true,
    viewport: { width: 1366, height: 900 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
    await page.addScriptTag({ content: script });
    const memory = watchMemory();
    const result = await page.evaluate<PageResult>(
      `window.__timelineBench(${String(count)}, ${JSON.stringify(mode)}, ${String(FRAME_SHARE)})`,
    );
    return { result, ...memory.stop() };
  } finally {
    await context.close();
    rmSync(work, { recursive: true, force: true });
  }
}

const mb = (bytes: number): string => (bytes / 1048576).toFixed(1);
console.log(
  `Timeline benchmark: Chromium (software canvas), 1366 px wide, 24 service lanes, ` +
    `${String(availableParallelism())} cores, load ${loadavg()[0]?.toFixed(2) ?? '?'}`,
);
// The same browser with an empty timeline: what every figure below starts from.
const empty = await measure(0, 'columns');
console.log(
  `renderer with an empty timeline: peak resident ${empty.rssPeakMb.toFixed(0)} MB, private ` +
    `${empty.privatePeakMb.toFixed(0)} MB`,
);
let worst = 0;
let worstBest = 0;
let worstPeak = 0;
for (const { count, mode } of SIZES) {
  const { result, rssPeakMb, privatePeakMb } = await measure(count, mode);
  worstPeak = Math.max(worstPeak, rssPeakMb);
  const verdict = rssPeakMb < TARGET_PEAK_MB ? 'within' : 'OVER';
  console.log(
    `\n${result.spans.toLocaleString('en-US')} spans, ${
      mode === 'rows'
        ? `built from ${result.rows.toLocaleString('en-US')} log rows (the app's path)`
        : 'loaded straight into span columns (no rows, no request objects)'
    }${
      result.marks
        ? `, with ${result.marks.toLocaleString('en-US')} point marks (250,000 notifications on one lane)`
        : ''
    } in ${result.buildMs.toFixed(0)} ms; columns ${mb(result.bytes.spans)} MB, summary ` +
      `buckets ${mb(result.bytes.buckets)} MB`,
  );
  console.log(
    `renderer peak resident ${rssPeakMb.toFixed(0)} MB (target < ${String(TARGET_PEAK_MB)} MB: ` +
      `${verdict}), private ${privatePeakMb.toFixed(0)} MB (sampled every 100 ms); JS heap in use ` +
      `${mb(result.jsHeap.afterLoad)} MB after loading, ${mb(result.jsHeap.atEnd)} MB at the end`,
  );
  console.log(
    'scenario                      as timed p50 / p95 / max   best of 3 p50 / p95 / max  ' +
      'p95 ≤ 20 ms   empty p50 / p95   read (max)',
  );
  const f = (n: number, w: number): string => n.toFixed(1).padStart(w);
  for (const [name, { timeline, bestOf3, emptyBaseline }] of Object.entries(result.scenarios)) {
    worst = Math.max(worst, timeline.p95);
    worstBest = Math.max(worstBest, bestOf3.p95);
    const verdict = `${timeline.p95 <= TARGET_P95_MS ? 'ok' : 'OVER'}/${bestOf3.p95 <= TARGET_P95_MS ? 'ok' : 'OVER'}`;
    console.log(
      `${name.padEnd(27)} ${f(timeline.p50, 7)} / ${f(timeline.p95, 6)} / ${f(timeline.max, 6)}` +
        `  ${f(bestOf3.p50, 7)} / ${f(bestOf3.p95, 6)} / ${f(bestOf3.max, 6)}   ${verdict.padEnd(9)}` +
        `    ${f(emptyBaseline.p50, 5)} / ${f(emptyBaseline.p95, 5)}   ` +
        timeline.drawnMax.toLocaleString('en-US'),
    );
  }
}
const ok = worst <= TARGET_P95_MS && worstPeak < TARGET_PEAK_MB;
console.log(
  `\nworst p95 ${worst.toFixed(1)} ms as timed, ${worstBest.toFixed(1)} ms best of 3 (target ≤ ` +
    `${String(TARGET_P95_MS)} ms); worst renderer peak ${worstPeak.toFixed(0)} MB (target < ` +
    `${String(TARGET_PEAK_MB)} MB): ${ok ? 'within' : 'OVER'} targets as timed`,
);
process.exitCode = ok ? 0 : 1;
