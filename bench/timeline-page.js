/* global window, document, requestAnimationFrame */
// The timeline benchmark's page side, bundled by bench/timeline.ts with esbuild: builds the
// renderer's own TimelineModel from 100,000 requests as log rows, and times frames of the
// renderer's own drawTimeline while panning and zooming, against an empty model's frame.
// Plain JavaScript because it runs in the page: the bench's type-check has no DOM, by design.
import { toLogRow } from '../electron/ipc/log-row';
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
const DEVICES = 4;
const SERVICES = 6;
// Rows as main makes them: from journal records of each kind, through the real toLogRow.
function row(seq, t, kind, lane, ref, outcome) {
  const device = Math.floor(lane / SERVICES);
  const base = {
    v: 2,
    seq,
    time: new Date(t).toISOString(),
    mono: t,
    kind,
    interfaceId: `{DEV-${device}}`,
    serviceId: `svc-${lane}`,
    serviceName: `Service ${lane % SERVICES}`,
  };
  const request = { ...base, ref, op: 'close', outcome };
  switch (kind) {
    case 'request':
      return toLogRow({ ...request, outcome: 'sending', sessionOpenBefore: true });
    case 'overdue':
      return toLogRow({ ...request, requestId: seq, timeoutMs: 1000 });
    case 'abandoned':
      return toLogRow({ ...request, requestId: seq, reason: 'device-removed' });
    case 'completion':
      return toLogRow({
        ...request,
        requestId: seq,
        status: outcome === 'failed' ? '0x80004005' : '0x00000000',
        statusName: outcome === 'failed' ? 'E_FAIL' : 'S_OK',
        match: outcome === 'late' ? 'late' : 'matched',
        latencyMs: 40,
      });
    default:
      return toLogRow({ ...base, byteLength: 16, preview: '00' });
  }
}
function makeRows(spans) {
  const rows = [];
  let seq = 1;
  let t = Date.UTC(2026, 0, 1, 8);
  for (let i = 0; i < spans; i++) {
    const lane = i % (DEVICES * SERVICES);
    const ref = `r${i + 1}`;
    t += 7 + (i % 13);
    rows.push(row(seq++, t, 'request', lane, ref, 'sending'));
    const kind = i % 97;
    if (kind === 0) {
      rows.push(row(seq++, t + 1e3, 'overdue', lane, ref, 'overdue'));
      rows.push(row(seq++, t + 1500, 'completion', lane, ref, 'late'));
    } else if (kind === 1) {
      rows.push(row(seq++, t + 300, 'abandoned', lane, ref, 'abandoned'));
    } else {
      rows.push(
        row(seq++, t + 20 + (i % 50), 'completion', lane, ref, kind < 5 ? 'failed' : 'succeeded'),
      );
    }
    if (i % 10 === 0) rows.push(row(seq++, t + 5, 'read-data', lane, null, null));
  }
  return rows;
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
async function run(spanCount) {
  const canvas = document.createElement('canvas');
  const width = 1366;
  const height = 24 + (DEVICES * (SERVICES + 1) + 1) * 28 + 6;
  canvas.width = width;
  canvas.height = height;
  document.body.append(canvas);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  const buildStart = performance.now();
  const rows = makeRows(spanCount);
  const model = new TimelineModel();
  model.sync(rows);
  const buildMs = performance.now() - buildStart;
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
  const scenarios = {};
  const pans = (range, steps) => {
    const out = [];
    let r = range;
    for (let i = 0; i < steps; i++) out.push((r = panBy(r, i < steps / 2 ? 0.02 : -0.02)));
    return out;
  };
  scenarios['pan, all in view'] = pans(all, 120);
  scenarios['pan, 1/20 in view'] = pans(zoomAt(all, 1 / 20, 0.5), 120);
  scenarios['pan, 2 s in view'] = pans(zoomAt(all, 2e3 / (all.t1 - all.t0), 0.5), 120);
  const zooms = [];
  let z = all;
  for (let i = 0; i < 60; i++) zooms.push((z = zoomAt(z, 0.85, 0.37)));
  for (let i = 0; i < 60; i++) zooms.push((z = zoomAt(z, 1 / 0.85, 0.37)));
  scenarios['zoom in and out'] = zooms;
  const results = { spans: model.spanCount, rows: rows.length, buildMs };
  for (const [name, ranges] of Object.entries(scenarios)) {
    const times = [];
    const drawn = [];
    const base = [];
    for (const range of ranges) {
      await nextFrame();
      base.push(frame(empty, range)[0]);
      const [ms, n] = frame(model, range);
      times.push(ms);
      drawn.push(n);
    }
    results[name] = { timeline: stats(times, drawn), emptyBaseline: stats(base, [0]) };
  }
  return results;
}
window.__timelineBench = run;
export { makeRows, run };
