/**
 * UI latency benchmark (issue 3), runnable alone with `npx tsx bench/ui-latency.ts`.
 *
 * 1. Completion → row visible in the live log at 100 completions/s, p50/p99, next to a bare echo
 *    over the same transport (a loopback WebSocket served by the same Node process) in the same
 *    run. The page itself starts each sample, so both are timed on the page's clock.
 * 2. 10,000 events/s for 10 s: longest task (no long task over 50 ms), renderer JS heap after
 *    (under 150 MB), and every event present in the journal and reachable in the log, each next
 *    to the same figure for an idle window before the burst.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { WebSocketServer } from 'ws';
import { startPreview } from '../electron/preview/preview.js';
import { BENCH_DEVICE, BENCH_SERVICE, ScriptedBackend } from './ui-scripted-backend.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/chromium.js';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const RATE_PER_S = 100;
const BURST_PER_S = 10_000;
const BURST_SECONDS = Number(process.env.BENCH_BURST_SECONDS ?? 10);

// The renderer as the app ships it (and the preview bridge).
execFileSync(process.execPath, ['scripts/build.mjs', 'renderer'], { stdio: 'inherit' });

const work = mkdtempSync(join(tmpdir(), 'mbn-bench-'));
const backend = new ScriptedBackend();
const preview = await startPreview({
  choice: 'simulator',
  backend: { backend, reason: 'Benchmark.' },
  journalDir: join(work, 'journal'),
  timeoutMs: 600_000,
});

// The control socket: echo for the baseline, "complete" to fire a completion from the backend.
const control = new WebSocketServer({ host: '127.0.0.1', port: 0 });
await new Promise<void>((resolve) => control.once('listening', () => resolve()));
const controlPort = (control.address() as { port: number }).port;
control.on('connection', (ws) => {
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { t: 'echo' | 'complete'; id: number };
    if (message.t === 'echo') ws.send(data.toString());
    else backend.complete(message.id);
  });
});

const context = await chromium.launchPersistentContext(join(work, 'profile'), {
  executablePath: CHROMIUM,
  args: [...CHROMIUM_ARGS],
  headless: true,
  viewport: { width: 1366, height: 768 },
  // The control socket is on another port than the page's CSP allows; nothing else changes.
  bypassCSP: true,
});
const pageScript = readFileSync(new URL('./ui-latency-page.js', import.meta.url), 'utf8');

try {
  const page = context.pages()[0] ?? (await context.newPage());
  /** Calls a function of ui-latency-page.js in the page. */
  const inPage = <T>(name: string, arg?: unknown): Promise<T> =>
    page.evaluate(`window.__uiBench.${name}(${arg === undefined ? '' : JSON.stringify(arg)})`);
  await page.goto(preview.url);
  await page.getByRole('button', { name: /BENCH-1/ }).waitFor();
  await page.getByText('Following live').waitFor();

  // Requests to complete later, sent through the engine as the app would.
  const requestIds: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const sent = await preview.engine.send('close', BENCH_DEVICE, BENCH_SERVICE);
    if (sent.request.requestId !== null) requestIds.push(sent.request.requestId);
  }
  await page.waitForTimeout(500);

  await page.evaluate(pageScript);
  const latency = await inPage<{ echo: number[]; inDom: number[]; onScreen: number[] }>('latency', {
    port: controlPort,
    ids: requestIds,
    intervalMs: 1000 / RATE_PER_S,
  });

  // Burst: long tasks and heap, with an idle window of the same page as the baseline.
  await inPage('watchLongTasks');
  const cdp = await context.newCDPSession(page);
  const heapMb = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize / 1024 / 1024;
  };
  const takeLongTasks = () => inPage<number[]>('takeLongTasks');

  const idleMs = 3000;
  await page.waitForTimeout(idleMs);
  const idleTasks = await takeLongTasks();
  const heapBefore = await heapMb();

  // BENCH_PROFILE=1: where the page's time goes during the burst (top self-time functions).
  const profiling = process.env.BENCH_PROFILE === '1';
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const firstBurstSeq = preview.engine.journal.lastSeq + 1;
  const burstStart = performance.now();
  const cpuBefore = process.cpuUsage();
  let emitted = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(
        BURST_PER_S * BURST_SECONDS,
        Math.round(((performance.now() - burstStart) / 1000) * BURST_PER_S),
      );
      const n = Math.max(0, due - emitted);
      backend.readData(n);
      emitted += n;
      if (emitted >= BURST_PER_S * BURST_SECONDS) {
        clearInterval(timer);
        resolve();
      }
    }, 10);
  });
  const burstSeconds = (performance.now() - burstStart) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const nodeCores = (cpu.user + cpu.system) / 1e6 / burstSeconds;
  const lastSeq = preview.engine.journal.lastSeq;
  const expected = `${lastSeq.toLocaleString('en-US')} entries`;
  while ((await inPage<string>('count')) !== expected) await page.waitForTimeout(100);
  const burstTasks = await takeLongTasks();
  const frames = await inPage<Frame[]>('takeFrames');
  if (profiling) {
    printProfile((await cdp.send('Profiler.stop')).profile);
    console.log('\nSlowest frames during the burst:');
    for (const f of [...frames].sort((a, b) => b.duration - a.duration).slice(0, 8))
      console.log(
        `  ${f.duration.toFixed(0)} ms: scripts ${f.scripts.toFixed(0)} ms, style+layout ${f.layout.toFixed(0)} ms; ${f.top}`,
      );
  }
  const heapAfter = await heapMb();

  // Every event in the journal (read back from disk through its pages)...
  let inJournal = 0;
  for (let seq = firstBurstSeq; seq <= lastSeq;) {
    const page_ = preview.engine.journal.readPage(seq, 5000);
    if (page_.length === 0) break;
    inJournal += page_.filter((r) => r.kind === 'read-data').length;
    seq = (page_.at(-1)?.seq ?? lastSeq) + 1;
  }
  // ...and reachable in the log: the first and the last entry can be scrolled to.
  const ends = await inPage<{ first: number; last: number }>('ends');

  const pct = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  };
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const max = (v: number[]) => (v.length ? Math.max(...v) : 0);

  console.log(
    `\nUI latency (${SAMPLES} samples at ${RATE_PER_S}/s; Chromium ${context.browser()?.version() ?? ''})`,
  );
  console.log(
    '                                   p50        p99      (baseline: bare echo, same transport)',
  );
  console.log(
    `  echo round trip            ${ms(pct(latency.echo, 50)).padStart(9)}  ${ms(pct(latency.echo, 99)).padStart(9)}`,
  );
  console.log(
    `  completion → row in DOM    ${ms(pct(latency.inDom, 50)).padStart(9)}  ${ms(pct(latency.inDom, 99)).padStart(9)}    echo p50 ${ms(pct(latency.echo, 50))}`,
  );
  console.log(
    `  completion → row on screen ${ms(pct(latency.onScreen, 50)).padStart(9)}  ${ms(pct(latency.onScreen, 99)).padStart(9)}    target p50 ≤ 16.7 ms, p99 ≤ 33.3 ms`,
  );
  console.log(
    `\nBurst: ${emitted.toLocaleString('en-US')} events in ${burstSeconds.toFixed(1)} s (${Math.round(emitted / burstSeconds).toLocaleString('en-US')}/s)`,
  );
  console.log(
    `  longest task          ${ms(max(burstTasks))} (${burstTasks.length} over 50 ms)    idle baseline ${ms(max(idleTasks))} (${idleTasks.length}); target: none over 50 ms`,
  );
  const ownWork = frames.map((f) => f.scripts + f.layout);
  console.log(
    `  frames over 50 ms      ${frames.length}; the worst one's own work ${ms(max(ownWork))} (scripts + style/layout; the rest is time the renderer was not scheduled)`,
  );
  console.log(
    `  machine: load average ${loadavg()[0]?.toFixed(1) ?? '?'} on ${availableParallelism()} cores; the main side (engine, journal, preview server) used ${nodeCores.toFixed(2)} cores`,
  );
  console.log(
    `  renderer JS heap      ${heapAfter.toFixed(1)} MB    before the burst ${heapBefore.toFixed(1)} MB; target < 150 MB`,
  );
  console.log(
    `  events in the journal ${inJournal.toLocaleString('en-US')} of ${emitted.toLocaleString('en-US')}`,
  );
  console.log(`  log reachable         entries #${ends.first}…#${ends.last} of #1…#${lastSeq}`);
  const ok =
    burstTasks.length === 0 &&
    heapAfter < 150 &&
    inJournal === emitted &&
    ends.first === 1 &&
    ends.last === lastSeq;
  console.log(`\n${ok ? 'burst targets met' : 'BURST TARGETS MISSED'}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await context.close();
  control.close();
  await preview.close();
  rmSync(work, { recursive: true, force: true });
}

interface Frame {
  duration: number;
  scripts: number;
  layout: number;
  top: string;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

function printProfile(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const name = frame
      ? `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber}`
      : '?';
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  console.log('\nPage CPU during the burst (self time):');
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
}
