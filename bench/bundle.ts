/**
 * The diagnostic bundle (.zip) benchmark: `npm run bench -- bundle`, or
 * `node --expose-gc --import tsx bench/bundle.ts [--events 1000000] [--peer-limit 900] [--skip-entries]`.
 *
 * A synthetic log (bench/export-records.ts, about 300 bytes an event) is written to a temporary
 * folder, deleted afterwards. Then, each in a fresh child process so that one's garbage never
 * counts against another's peak memory:
 *  1. the whole bundle, exported from that file as the app and the CLI do (redacted): wall time,
 *     CPU time (every thread of the process: the main thread, the helper threads that check
 *     lines and make the report and trace, and the thread pool that compresses), of which the
 *     main thread's (Linux), peak memory (max RSS), and how long packing took after the
 *     formatting pass;
 *  2. unless --skip-entries, each of its four entries exported alone in the same way, to show
 *     what each format costs (the bundle formats all four in one pass over the log);
 *  3. our compression alone: the bundle's four entries, read back from disk, compressed the way
 *     the bundle compresses them (raw deflate level 1 on the thread pool, all four at once) and
 *     packed into a zip, no formatting at all;
 *  4. beside it, the peer: `zip -1` compressing the same four entries (same bytes, same run).
 * The fair comparison with `zip -1` is (3), compression against compression; (1) also reads,
 * parses, redacts and formats a million records, which zip does not, and is printed beside it so
 * a reader sees both. Load average beside every figure: the machine may be shared.
 * Target: peak memory under 300 MB. No figure here is asserted by a test; this only prints.
 */
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';
import { AtomicFile } from '../electron/core/export/atomic-file.js';
import { BUNDLE_FILES } from '../electron/core/export/bundle-manifest.js';
import { DeflatedPart } from '../electron/core/export/deflated-part.js';
import { exportFromPath } from '../electron/core/export/export-saved-log.js';
import { prepareExportHelpers } from '../electron/core/export/export-helpers.js';
import type { ExportFormat } from '../electron/core/export/formats.js';
import { writeZip } from '../electron/core/export/zip-container.js';
import { writeBenchLog } from './export-records.js';

const MB = 1024 * 1024;
const PEAK_LIMIT_MB = 300;
const ENTRIES = [BUNDLE_FILES.jsonl, BUNDLE_FILES.csv, BUNDLE_FILES.html, BUNDLE_FILES.trace];
const ENTRY_FORMAT: Record<string, ExportFormat> = {
  [BUNDLE_FILES.jsonl]: 'jsonl',
  [BUNDLE_FILES.csv]: 'csv',
  [BUNDLE_FILES.html]: 'html',
  [BUNDLE_FILES.trace]: 'trace',
};

interface Measure {
  seconds: number;
  /** User + system CPU of the whole process (all threads). */
  cpuSeconds: number;
  /** Of which the main thread's (Linux: /proc), to show how the work is shared; else undefined. */
  mainCpuSeconds?: number | undefined;
  peakMb: number;
  /** Bytes written. */
  bytes: number;
  /** Bytes before compression (the bundle and our compression). */
  innerBytes?: number;
  /** The bundle: from the end of the formatting pass to the end. */
  packSeconds?: number;
}

const load = (): string => `load ${loadavg()[0]?.toFixed(1) ?? '?'}`;
const mb = (bytes: number): string => (bytes / MB).toFixed(0);

/** CPU seconds of this process's main thread so far (its task has the process's ID). */
function mainThreadCpu(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks
  } catch {
    return undefined;
  }
}

function finish(
  started: number,
  cpu: NodeJS.CpuUsage,
  bytes: number,
  mainStart = mainThreadCpu(),
): Measure {
  const used = process.cpuUsage(cpu);
  const mainNow = mainThreadCpu();
  return {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    mainCpuSeconds:
      mainStart === undefined || mainNow === undefined ? undefined : mainNow - mainStart,
    peakMb: process.resourceUsage().maxRSS / 1024,
    bytes,
  };
}

async function childExport(format: ExportFormat, source: string, destination: string) {
  // Run from source, the helper threads' scripts are built on first use; the app and the CLI
  // ship them built, so that is done before the clock starts.
  await prepareExportHelpers();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const mainStart = mainThreadCpu();
  let packingAt: number | undefined;
  const result = await exportFromPath({
    source,
    format,
    destination,
    app: { name: 'mbn-diag', version: 'bench' },
    onProgress: (p) => {
      if (p.phase === 'compressing') packingAt ??= performance.now();
    },
  });
  const measure = finish(started, cpu, result.bytes, mainStart);
  if (packingAt !== undefined) measure.packSeconds = (performance.now() - packingAt) / 1000;
  return measure;
}

/** The bundle's four entries from `dir`, compressed and packed as the bundle does, nothing else. */
async function childCompress(dir: string, destination: string): Promise<Measure> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const out = await AtomicFile.create(destination);
  const parts: DeflatedPart[] = [];
  try {
    for (const name of ENTRIES) parts.push(await DeflatedPart.create(destination, name, 1));
    await Promise.all(
      ENTRIES.map(async (name, i) => {
        const part = parts[i];
        if (!part) return;
        for await (const chunk of createReadStream(join(dir, name), { highWaterMark: MB }))
          await part.write([chunk as Buffer]);
        await part.finish();
      }),
    );
    const entries = ENTRIES.map((name, i) => {
      const part = parts[i];
      if (!part) throw new Error('missing part');
      const { crc, size, compressedSize } = part;
      return { name, crc, size, compressedSize, data: part.file.tempPath };
    });
    await writeZip(out, entries, new Date(), () => undefined);
    await out.commit();
    const measure = finish(started, cpu, out.bytes);
    measure.innerBytes = parts.reduce((sum, p) => sum + p.size, 0);
    return measure;
  } finally {
    for (const part of parts) await part.abort();
    await out.abort();
  }
}

/** The bundle's four entries, written out to `dir` under their own names. */
async function extract(zipPath: string, dir: string): Promise<number> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
  let inner = 0;
  for await (const entry of zip.eachEntry()) {
    if (!ENTRIES.includes(entry.fileName as (typeof ENTRIES)[number])) continue;
    inner += entry.uncompressedSize;
    await pipeline(
      await zip.openReadStreamPromise(entry),
      createWriteStream(join(dir, entry.fileName)),
    );
  }
  return inner;
}

interface ZipPeer {
  seconds: number;
  cpuSeconds: number;
  peakMb: number;
  bytes: number;
}

/** `zip -1` on the same entries, under GNU time (wall, user, system, max RSS). */
function zipPeer(dir: string, limitS: number): ZipPeer | string {
  const time = '/usr/bin/time';
  const probe = spawnSync('zip', ['-v'], { stdio: 'ignore' });
  if (probe.error) return 'NOT RUN: zip is not installed (apt-get install zip)';
  const timeFile = join(dir, 'zip.time');
  const args = ['-f', '%e %U %S %M', '-o', timeFile, 'timeout', '-s', 'KILL', String(limitS)];
  const child = spawnSync(time, [...args, 'zip', '-1', '-q', 'peer.zip', ...ENTRIES], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (child.error) return `NOT RUN: ${child.error.message} (apt-get install time)`;
  if (child.status !== 0) return `zip failed (exit ${String(child.status)})`;
  const text = spawnSync('tail', ['-n', '1', timeFile], { encoding: 'utf8' }).stdout.trim();
  const [e, u, s, m] = text.split(' ').map(Number);
  const bytes = statSync(join(dir, 'peer.zip')).size;
  rmSync(join(dir, 'peer.zip'), { force: true });
  return { seconds: e ?? 0, cpuSeconds: (u ?? 0) + (s ?? 0), peakMb: (m ?? 0) / 1024, bytes };
}

function runChild(args: string[]): Measure {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), ...args],
    { encoding: 'utf8', maxBuffer: 16 * MB },
  );
  if (child.status !== 0)
    throw new Error(`benchmark child ${args.join(' ')} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '') as Measure;
}

const line = (m: Measure): string =>
  `${m.seconds.toFixed(2)} s, CPU ${m.cpuSeconds.toFixed(2)} s${m.mainCpuSeconds === undefined ? '' : ` (main thread ${m.mainCpuSeconds.toFixed(2)} s)`}, peak ${m.peakMb.toFixed(0)} MB`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at === -1 ? undefined : args[at + 1];
  };
  const count = Number(option('--events') ?? 1_000_000);
  const limit = Number(option('--peer-limit') ?? 900);
  const dir = mkdtempSync(join(tmpdir(), 'mbn-bench-bundle-'));
  try {
    const log = join(dir, 'bench-log.jsonl');
    await writeBenchLog(log, count);
    console.log(
      `\n=== bundle of ${count.toLocaleString('en-US')} events (log ${mb(statSync(log).size)} MB) ===`,
    );
    const bundlePath = join(dir, 'bench.zip');
    const bundle = runChild(['--child-export', 'zip', log, bundlePath]);
    const inner = await extract(bundlePath, dir);
    rmSync(bundlePath);
    const verdict = bundle.peakMb < PEAK_LIMIT_MB ? 'ok' : 'MISSED';
    console.log(
      `whole bundle (read, parse, redact, format 4 entries, compress, pack): ${line(bundle)} ${verdict} (< ${PEAK_LIMIT_MB}) | ${mb(bundle.bytes)} MB out, ${mb(inner)} MB inside | packing after the formatting pass: ${(bundle.packSeconds ?? 0).toFixed(2)} s | ${load()}`,
    );
    if (!args.includes('--skip-entries'))
      for (const name of ENTRIES) {
        const format = ENTRY_FORMAT[name] ?? 'jsonl';
        const alone = runChild(['--child-export', format, log, join(dir, `alone-${name}`)]);
        rmSync(join(dir, `alone-${name}`), { force: true });
        console.log(`  ${format.padEnd(5)} exported alone: ${line(alone)} | ${load()}`);
      }
    const ours = runChild(['--child-compress', dir, join(dir, 'ours.zip')]);
    rmSync(join(dir, 'ours.zip'), { force: true });
    console.log(
      `compression alone, same ${mb(inner)} MB of entries: ours (deflate -1 on the thread pool, 4 entries at once): ${line(ours)}, ${mb(ours.bytes)} MB | ${load()}`,
    );
    const peer = zipPeer(dir, limit);
    if (typeof peer === 'string') console.log(`  zip -1 (same entries): ${peer}`);
    else {
      const compare = (ourSeconds: number): string =>
        ourSeconds < peer.seconds
          ? `ahead, ${(peer.seconds / ourSeconds).toFixed(1)}x`
          : `BEHIND, ${(ourSeconds / peer.seconds).toFixed(1)}x slower`;
      console.log(
        `  zip -1 (same entries): ${peer.seconds.toFixed(2)} s, CPU ${peer.cpuSeconds.toFixed(2)} s, peak ${peer.peakMb.toFixed(0)} MB, ${mb(peer.bytes)} MB | ${load()}`,
      );
      console.log(
        `  -> our compression against zip -1: ${compare(ours.seconds)}; the whole bundle (which also formats every entry) against zip -1: ${compare(bundle.seconds)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
if (argv[0] === '--child-export') {
  const measure = await childExport(argv[1] as ExportFormat, argv[2] ?? '', argv[3] ?? '');
  process.stdout.write(`${JSON.stringify(measure)}\n`);
} else if (argv[0] === '--child-compress') {
  process.stdout.write(`${JSON.stringify(await childCompress(argv[1] ?? '', argv[2] ?? ''))}\n`);
} else {
  await main();
}
