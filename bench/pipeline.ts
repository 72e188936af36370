/**
 * Events per second through backend → engine → tracker → journal on disk (with its in-memory
 * window and live index), next to a raw baseline measured in the same run: the very same records
 * serialized and appended with the same buffering, with no tracking. Then memory across a long
 * run, which must stay flat (bounded window + disk).
 *
 * Fairness and stability: one pipeline run of MBN_BENCH_EVENTS events is cut into slices, and
 * after each pipeline slice the baseline writes that slice's own records (read back from the
 * journal before its clock starts) to a file of its own. The two sides alternate every fraction
 * of a second, so a burst of load from another process falls on both alike, and the median of
 * the slices' ratios is what is reported, with the quartiles beside it. Each slice starts from a
 * collected heap (untimed), so neither side pays for the other's garbage: the records read back
 * for the baseline are the largest heap the run makes, and left for the next pipeline slice they
 * made its collections, not its work, decide the figure. The same ratio is also given by CPU
 * time, which other processes competing for the cores disturb less than wall-clock time.
 *
 * Run: node --expose-gc --import tsx bench/pipeline.ts   (npm run bench -- pipeline runs it)
 * Env: MBN_BENCH_EVENTS (events through the pipeline, default 1,000,000), MBN_BENCH_SLICE
 *      (events a slice, default 50,000), MBN_BENCH_MEMORY_EVENTS (the memory run, default
 *      1,000,000; 10,000,000 for issue 14).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, statfsSync, writeSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { JournalRecord } from '../shared/journal/record.js';
import type { BackendListener } from '../electron/backends/contract.js';
import type { BackendEvent } from '../shared/model.js';
import type * as Code from './pipeline-code.js';

/**
 * The code under test, bundled as the app ships it (esbuild, as scripts/build does) and loaded
 * from that bundle. Run through the development loader instead, every function expression is
 * wrapped to keep its name, which the shipped bundle does not do: the simulator makes two such
 * functions per call, and naming them cost about 8 % of the pipeline's time, none of it the app's.
 */
async function shippedCode(): Promise<typeof Code> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pipeline-code-'));
  const outfile = join(dir, 'pipeline-code.mjs');
  try {
    await build({
      entryPoints: [fileURLToPath(new URL('./pipeline-code.ts', import.meta.url))],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      logLevel: 'warning',
    });
    return (await import(pathToFileURL(outfile).href)) as typeof Code;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const { scenarioSchema, SimulatorBackend, ManualClock, listJournalFiles, DiagnosticsEngine } =
  await shippedCode();
type DiagnosticsEngine = Code.DiagnosticsEngine;
type SimulatorBackend = Code.SimulatorBackend;

const DEV = '{BENCH}';
const SVC = '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}';
const TARGET_EVENTS_PER_S = 100_000;

function makeEngine(dir: string) {
  const clock = new ManualClock();
  const scenario = scenarioSchema.parse({
    name: 'bench',
    devices: [
      {
        interfaceId: DEV,
        manufacturer: 'Bench',
        model: 'B1',
        firmware: '1',
        deviceId: '0',
        // Completions arrive synchronously so the run measures our code, not timers.
        services: [
          {
            serviceId: SVC,
            name: 'Vendor',
            dataRead: true,
            dataWrite: true,
            sessionOpen: true,
            write: { completion: 'before-return' },
          },
        ],
      },
    ],
  });
  const backend = new SimulatorBackend(scenario, { clock });
  // Before the engine subscribes, so that it hears the bench's read data.
  const feed = readDataFeed(backend);
  const engine = new DiagnosticsEngine({
    backend,
    clock,
    journalDir: dir,
    backendReason: 'bench',
    app: { name: 'mbn-diag', version: 'bench' },
    journal: { windowSize: 5000 },
  });
  return { engine, feed };
}

/**
 * Read data as the backend would report it, handed to whoever listens (the engine), through the
 * backend's own onEvent: the bench drives reads at its own pace without reaching into the
 * simulator's insides (which once moved, and left this benchmark unable to start).
 */
function readDataFeed(backend: SimulatorBackend): (event: BackendEvent) => void {
  const listeners: BackendListener[] = [];
  const onEvent = backend.onEvent.bind(backend);
  backend.onEvent = (listener) => {
    listeners.push(listener);
    return onEvent(listener);
  };
  return (event) => {
    for (const listener of listeners) listener(event);
  };
}

/** Drives write requests (request + returned + completion records) and read data through the engine. */
async function drive(
  engine: DiagnosticsEngine,
  feed: (event: BackendEvent) => void,
  events: number,
  onProgress?: (n: number) => void,
): Promise<number> {
  const payload = new Uint8Array(64);
  const start = engine.journal.lastSeq;
  while (engine.journal.lastSeq - start < events) {
    await engine.send('write', DEV, SVC, { data: payload });
    feed({ type: 'read-data', interfaceId: DEV, serviceId: SVC, data: payload });
    onProgress?.(engine.journal.lastSeq - start);
  }
  return engine.journal.lastSeq - start;
}

interface Timed {
  rate: number;
  cpuRate: number;
}

/** Times `run` by the wall clock and by this process's CPU time (user + system). */
async function timed(events: () => Promise<number> | number): Promise<Timed> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const n = await events();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { rate: n / seconds, cpuRate: n / ((cpu.user + cpu.system) / 1e6) };
}

/** The raw baseline's slice: `records` serialized and appended to `fd` with the journal's buffering. */
function rawSlice(fd: number, records: readonly JournalRecord[]): number {
  let pending: string[] = [];
  let chars = 0;
  for (const record of records) {
    const line = `${JSON.stringify(record)}\n`;
    pending.push(line);
    chars += line.length;
    if (chars >= 256 * 1024) {
      writeSync(fd, pending.join(''));
      pending = [];
      chars = 0;
    }
  }
  writeSync(fd, pending.join(''));
  return records.length;
}

/** The records the journal wrote from `fromSeq` on, read back from disk (untimed). */
function writtenSince(engine: DiagnosticsEngine, fromSeq: number): JournalRecord[] {
  return engine.journal.readPage(fromSeq, engine.journal.lastSeq - fromSeq + 1);
}

interface MemorySample {
  at: number;
  heapMb: number;
}

interface MemoryRun {
  events: number;
  afterGc: MemorySample[];
  peakHeapMb: number;
  peakRssMb: number;
  journalMb: number;
}

/** A journal line of this load is about 290 bytes; the run keeps at most its newest files. */
const BYTES_PER_EVENT = 300;
const KEPT_JOURNAL_BYTES = 32 * 16 * 1024 * 1024;

/** Events the disk can take for the memory run (the journal rotates, so it needs at most ~512 MiB). */
function eventsTheDiskHolds(wanted: number, dir: string): number {
  const stats = statfsSync(dir);
  const free = stats.bavail * stats.bsize;
  const needed = Math.min(wanted * BYTES_PER_EVENT, KEPT_JOURNAL_BYTES) * 1.5;
  if (free >= needed) return wanted;
  return Math.max(100_000, Math.floor(((free / 1.5) * 0.9) / BYTES_PER_EVENT));
}

async function memoryAcross(events: number): Promise<MemoryRun> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const dir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
  const { engine, feed } = makeEngine(dir);
  await engine.listServices(DEV);
  const afterGc: MemorySample[] = [];
  const marks = [0.1, 0.25, 0.5, 0.75, 1].map((f) => Math.round(events * f));
  let next = 0;
  let peakHeap = 0;
  let nextPeek = 0;
  await drive(engine, feed, events, (n) => {
    // Heap in use without forcing a collection, every 10,000 events: the peak it really reached.
    if (n >= nextPeek) {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      nextPeek = n + 10_000;
    }
    const mark = marks[next];
    if (mark !== undefined && n >= mark) {
      gc?.();
      afterGc.push({ at: mark, heapMb: process.memoryUsage().heapUsed / 1e6 });
      next += 1;
    }
  });
  await engine.close();
  const journalMb = listJournalFiles(engine.journal.runDir)
    .map((file) => statSync(file).size)
    .reduce((sum, size) => sum + size, 0);
  rmSync(dir, { recursive: true, force: true });
  return {
    events,
    afterGc,
    peakHeapMb: peakHeap / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    journalMb: journalMb / 1e6,
  };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
/** Cut, not rounded, as the 50 % target reads it: 49.7 % that missed it reads 49 %, not 50 %. */
const pct = (n: number): string => `${Math.floor(n * 100).toFixed(0)} %`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function envCount(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

const EVENTS = envCount('MBN_BENCH_EVENTS', 1_000_000);
const SLICE = envCount('MBN_BENCH_SLICE', 50_000);
const MEMORY_EVENTS = envCount('MBN_BENCH_MEMORY_EVENTS', 1_000_000);

function quartiles(values: readonly number[]): [number, number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.round(q * (sorted.length - 1))] ?? 0;
  return [at(0.25), median(sorted), at(0.75)];
}

async function compareWithBaseline(): Promise<void> {
  console.log('# Pipeline: backend → engine → tracker → journal (issues 2 and 14)');
  console.log(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${availableParallelism()} cores`,
  );
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'bench-pipeline-'));
  const rawDir = mkdtempSync(join(tmpdir(), 'bench-raw-'));
  const rawFd = openSync(join(rawDir, 'raw.jsonl'), 'a');
  const { engine, feed } = makeEngine(dir);
  await engine.listServices(DEV);
  const slices: { pipeline: Timed; raw: Timed }[] = [];
  let written = 0;
  // The first slice of each side is the warm-up (JIT, file system caches), not reported.
  for (let slice = -1; written < EVENTS; slice++) {
    const from = engine.journal.lastSeq + 1;
    gc();
    const pipeline = await timed(() => drive(engine, feed, SLICE));
    const records = writtenSince(engine, from);
    gc();
    const raw = await timed(() => rawSlice(rawFd, records));
    if (slice < 0) continue;
    written += records.length;
    slices.push({ pipeline, raw });
  }
  const closing = await timed(async () => {
    await engine.close();
    return 1;
  });
  closeSync(rawFd);
  rmSync(dir, { recursive: true, force: true });
  rmSync(rawDir, { recursive: true, force: true });

  const [q1, ratio, q3] = quartiles(slices.map((r) => r.pipeline.rate / r.raw.rate));
  const [c1, cpuRatio, c3] = quartiles(slices.map((r) => r.pipeline.cpuRate / r.raw.cpuRate));
  const pipelineRate = median(slices.map((r) => r.pipeline.rate));
  const rawRate = median(slices.map((r) => r.raw.rate));
  const of = `median of ${String(slices.length)} alternating slices of ${fmt(SLICE)} events`;
  console.log(
    `events/s through the pipeline : ${fmt(pipelineRate)}   (${fmt(written)} events in one run; ${of})`,
  );
  console.log(
    `events/s raw baseline         : ${fmt(rawRate)}   (each slice's own records, serialized and appended, no tracking)`,
  );
  console.log(
    `pipeline / baseline           : ${pct(ratio)}   (quartiles ${pct(q1)}–${pct(q3)}) by wall clock; ${pct(cpuRatio)} (quartiles ${pct(c1)}–${pct(c3)}) by CPU time   target ≥ 50 % → ${ratio >= 0.5 && cpuRatio >= 0.5 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `absolute target               : ≥ ${fmt(TARGET_EVENTS_PER_S)} events/s → ${pipelineRate >= TARGET_EVENTS_PER_S ? 'met' : 'NOT met'}   (closing the journal: ${(1000 / closing.rate).toFixed(0)} ms)`,
  );
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

/** Runs in a process of its own, so its peak RSS is the long run's alone. */
async function reportMemory(): Promise<void> {
  if (!(globalThis as { gc?: () => void }).gc)
    console.log('(memory figures are noisy: run with --expose-gc)');
  const memoryEvents = eventsTheDiskHolds(MEMORY_EVENTS, tmpdir());
  if (memoryEvents < MEMORY_EVENTS)
    console.log(
      `!!! SCALED DOWN: the disk under ${tmpdir()} cannot hold the journal of ${fmt(MEMORY_EVENTS)} events; running ${fmt(memoryEvents)} instead !!!`,
    );
  const memory = await memoryAcross(memoryEvents);
  console.log(
    `heap after GC across ${fmt(memory.events)} events: ${memory.afterGc.map((s) => `${fmt(s.at / 1000)}k → ${s.heapMb.toFixed(1)} MB`).join(', ')}`,
  );
  const first = memory.afterGc[0]?.heapMb ?? 0;
  const last = memory.afterGc.at(-1)?.heapMb ?? 0;
  console.log(
    `growth from the first to the last mark: ${(last - first).toFixed(1)} MB   target: flat (< 20 MB) → ${last - first < 20 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `peak heap ${memory.peakHeapMb.toFixed(0)} MB, peak RSS ${memory.peakRssMb.toFixed(0)} MB (this process: the long run alone)   target < 300 MB → ${memory.peakRssMb < 300 ? 'met' : 'NOT met'}; journal kept on disk at the end: ${memory.journalMb.toFixed(0)} MB (older files rotated away)`,
  );
}

if (process.argv.includes('--memory-only')) {
  await reportMemory();
} else {
  await compareWithBaseline();
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--memory-only'],
    { stdio: 'inherit' },
  );
  process.exitCode = child.status ?? 1;
}
