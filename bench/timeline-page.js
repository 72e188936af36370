/* global window, document, requestAnimationFrame */
// The timeline benchmark's page side, bundled by bench/timeline.ts with esbuild: builds the
// renderer's own TimelineModel, either from requests as log rows (the app's path: rows made as
// main makes them, copied page by page as IPC copies them, kept by the renderer's own LogModel
// and folded from it) or straight into its span columns (`appendSpan`, the lean path: no rows,
// no request objects), and times
// frames of the renderer's own drawTimeline while panning and zooming, against an empty model's
// frame.
// Plain JavaScript because it runs in the page: the bench's type-check has no DOM, by design.
import { LogModel } from '../renderer/src/store/log-model';
import { DEVICES, rowPages, SERVICES } from './timeline-rows';
import { drawTimeline } from '../renderer/src/timeline/draw';
import { TimelineModel } from '../renderer/src/timeline/timeline-model';
import { fitAll, panBy, zoomAt } from '../renderer/src/timeline/viewport';
const PALETTE = {
  bg: '#ffffff',
  text: '#1b1f24',
  muted: '#57606a',
  grid: '#d0d7de',
  focus: '#c2410c',
  laneAlt: '#f6f8fa',
  cls: {
    ok: '#1a7f37',
    failed: '#cf222e',
    refused: '#cf222e',
    waiting: '#0969da',
    overdue: '#9a6700',
    late: '#bc4c00',
    abandoned: '#57606a',
  },
  read: '#57606a',
  arrival: '#1a7f37',
  removal: '#cf222e',
  backend: '#0969da',
};
// The same requests as bench/timeline-rows.ts makes rows of, straight into the model's columns, each with the seq its request
// record would have (so it can be selected), then the lanes' summaries built, as a loader does.
function loadColumns(model, spans) {
  const lanes = Array.from({ length: DEVICES * SERVICES }, (_, lane) => ({
    interfaceId: `{DEV-${Math.floor(lane / SERVICES)}}`,
    serviceId: `svc-${lane}`,
    serviceName: `Service ${lane % SERVICES}`,
  }));
  // A loader that knows its size (a saved log's index does) makes the room once.
  for (const lane of lanes) model.reserve?.(lane, Math.ceil(spans / lanes.length));
  let t = Date.UTC(2026, 0, 1, 8);
  for (let i = 0; i < spans; i++) {
    const lane = lanes[i % lanes.length];
    t += 7 + (i % 13);
    const kind = i % 97;
    const seq = 2 * i + 1;
    if (kind === 0) model.appendSpan(lane, t, t + 1500, 'late', seq);
    else if (kind === 1) model.appendSpan(lane, t, t + 300, 'abandoned', seq);
    else model.appendSpan(lane, t, t + 20 + (i % 50), kind < 5 ? 'failed' : 'succeeded', seq);
  }
  // Present since the model keeps its summaries ahead of the frames; older checkouts built them
  // inside frames.
  model.prepare?.();
}
// Point marks on top of the spans, as a fast live log makes them (`marks` mode): a device
// notification every few ms on one service lane, read data on another, a device that came and
// went, the backend's status; and among them the rare ones a technician looks for: one removal
// among the arrivals, a burst of backend-down in the middle. Pushed straight into the lanes'
// marks as the model's rows would put them there (in time order, each with its row's seq).
const NOTIFICATIONS = 250_000;
function loadMarks(model) {
  const t0 = model.minTime;
  const span = model.maxTime - model.minTime;
  const lanes = model.orderedLanes().filter((lane) => lane.kind === 'service');
  const device = model.orderedLanes().find((lane) => lane.kind === 'device');
  const backend = model.lanes.backendLane();
  let seq = 1;
  const push = (lane, kind, t) => lane.marks.push({ kind, t, seq: (seq += 2), text: kind });
  const notified = lanes[0];
  const read = lanes[1];
  for (let i = 0; i < NOTIFICATIONS; i++)
    push(notified, 'notification', t0 + Math.floor((i * span) / NOTIFICATIONS));
  for (let i = 0; i < 100_000; i++) push(read, 'read', t0 + Math.floor((i * span) / 100_000));
  for (let i = 0; i < 50_000; i++) {
    const t = t0 + Math.floor((i * span) / 50_000);
    push(device, i === 31_000 ? 'removal' : 'arrival', t);
    push(backend, i >= 25_000 && i < 25_100 ? 'backend-down' : 'backend', t);
  }
  let marks = 0;
  for (const lane of model.lanes.values()) marks += lane.marks.length;
  return marks;
}
function stats(times, drawn) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    frames: times.length,
    p50: at(0.5),
    p95: at(0.95),
    max: at(1),
    drawnMax: Math.max(...drawn),
  };
}
// Bytes the model's typed arrays hold (span columns and summary buckets).
function columnBytes(model) {
  let spans = 0;
  let buckets = 0;
  for (const lane of model.lanes.values()) {
    const c = lane.columns;
    // A model from before the span columns (the bench run against an older checkout).
    if (!c) continue;
    // Columns that count their own bytes (narrow ones do); older checkouts' columns by hand.
    spans +=
      c.byteLength ??
      c.offset.byteLength + c.duration.byteLength + c.outcome.byteLength + (c.seq?.byteLength ?? 0);
    buckets += lane.summary.byteLength ?? bucketBytes(lane.summary, c.seq ? 10 : 9);
  }
  return { spans, buckets };
}
function bucketBytes(summary, perBucket) {
  let n = 0;
  for (const size of summary.levelSizes().values()) n += size;
  return n * perBucket;
}
function scenarioRanges(all) {
  const pans = (range, steps) => {
    const out = [];
    let r = range;
    for (let i = 0; i < steps; i++) out.push((r = panBy(r, i < steps / 2 ? 0.02 : -0.02)));
    return out;
  };
  // In to `depth` of the range and back out, about a point a little left of the middle.
  const zooms = (range, depth, steps) => {
    const factor = depth ** (1 / steps);
    const out = [];
    let z = range;
    for (let i = 0; i < steps; i++) out.push((z = zoomAt(z, factor, 0.37)));
    for (let i = 0; i < steps; i++) out.push((z = zoomAt(z, 1 / factor, 0.37)));
    return out;
  };
  const twentieth = zoomAt(all, 1 / 20, 0.5);
  return {
    'pan, all in view': pans(all, 120),
    'zoom, all in view': zooms(all, 0.5, 60),
    'pan, 1/20 in view': pans(twentieth, 120),
    'zoom, 1/20 in view': zooms(twentieth, 0.5, 60),
    'pan, 2 s in view': pans(zoomAt(all, 2e3 / (all.t1 - all.t0), 0.5), 120),
    'zoom, all to 2 s and back': zooms(all, 2e3 / (all.t1 - all.t0), 60),
  };
}
// Fewer frames a scenario (BENCH_FRAMES, a share of the full 120): a slow frame times out a run.
function thinned(ranges, share) {
  if (share >= 1) return ranges;
  const step = Math.max(1, Math.round(1 / share));
  return ranges.filter((_, i) => i % step === 0);
}
async function run(spanCount, mode, frameShare = 1) {
  const canvas = document.createElement('canvas');
  const width = 1366;
  const height = 24 + (DEVICES * (SERVICES + 1) + 1) * 28 + 6;
  canvas.width = width;
  canvas.height = height;
  document.body.append(canvas);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  const buildStart = performance.now();
  const model = new TimelineModel();
  let rows = 0;
  if (mode === 'rows') {
    // A saved log opened with the timeline in view: each page of rows made as main makes them
    // (bench/timeline-rows.ts; here, so the page's garbage counts against it, more than the
    // app's), copied as Electron's IPC copies it (the structured clone algorithm: every string
    // its own), kept by the renderer's LogModel, and the timeline brought up to date with it.
    const log = new LogModel();
    for (const page of rowPages(spanCount)) {
      log.insert(structuredClone(page));
      model.sync(log.rows);
    }
    // The log ends: what still waits has no outcome in it.
    model.sync(log.rows, true);
    rows = log.rows.length;
  } else {
    loadColumns(model, spanCount);
  }
  const marks = mode === 'marks' ? loadMarks(model) : 0;
  const buildMs = performance.now() - buildStart;
  const heapAfterLoad = performance.memory?.usedJSHeapSize ?? 0;
  const empty = new TimelineModel();
  empty.sync([]);
  const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const frame = (m, range) => {
    const view = { t0: range.t0, t1: range.t1, width, height };
    const start = performance.now();
    const drawn = drawTimeline(ctx, m, view, PALETTE, null);
    ctx.getImageData(0, 0, 1, 1);
    return [performance.now() - start, drawn];
  };
  const all = fitAll(model.minTime, model.maxTime);
  const results = { spans: model.spanCount, mode, rows, marks, buildMs, scenarios: {} };
  for (const [name, every] of Object.entries(scenarioRanges(all))) {
    const ranges = thinned(every, frameShare);
    const times = [];
    const drawn = [];
    const base = [];
    const best = [];
    for (const range of ranges) {
      await nextFrame();
      base.push(frame(empty, range)[0]);
      const [ms, n] = frame(model, range);
      times.push(ms);
      drawn.push(n);
      // The same frame twice more: the least of the three is what it costs when no other
      // process takes the core away mid-frame (the first one's one-off work is in `times`).
      best.push(Math.min(ms, frame(model, range)[0], frame(model, range)[0]));
    }
    results.scenarios[name] = {
      timeline: stats(times, drawn),
      bestOf3: stats(best, [0]),
      emptyBaseline: stats(base, [0]),
    };
  }
  results.bytes = columnBytes(model);
  results.jsHeap = { afterLoad: heapAfterLoad, atEnd: performance.memory?.usedJSHeapSize ?? 0 };
  return results;
}
window.__timelineBench = run;
export { loadColumns, run };
