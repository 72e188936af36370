/**
 * Export and open-log benchmark: `npx tsx bench/export.ts [--records N]`.
 *
 * For each format, a fresh child process exports N synthetic records (bench/export-records.ts,
 * made on the fly) to a file, then in the same process writes the same number of bytes with no
 * formatting work at all (the first MiB of the export, repeated, through the same temp file,
 * fsync and rename); the export's MB/s is printed next to that raw rate, with the process's peak
 * memory (max RSS). Targets: at least half the raw rate, peak memory under 300 MB.
 * Then a saved 1M-record log (the JSON Lines export, and the .zip bundle) is opened: time to the
 * first page of rows, time to read it all, and peak memory, next to reading the same bytes raw.
 *
 * One child per measurement, so that one format's garbage never counts against another's peak.
 */
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  mkdtempSync,
  openSync,
  readSync,
  closeSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AtomicFile } from '../electron/core/export/atomic-file.js';
import { EXPORT_FORMATS, FORMAT_INFO, type ExportFormat } from '../electron/core/export/formats.js';
import { openLog } from '../electron/core/export/open-log.js';
import { exportLog } from '../electron/core/export/write-export.js';
import type { JournalRecord } from '../shared/journal/record.js';
import { benchRecords } from './export-records.js';

const MB = 1024 * 1024;
const PEAK_LIMIT_MB = 300;

interface ExportMeasure {
  format: ExportFormat;
  records: number;
  bytes: number;
  seconds: number;
  peakMb: number;
  rawSeconds: number;
  /** For the bundle: the bytes of the formats inside before compression. */
  innerBytes?: number;
}

interface OpenMeasure {
  path: string;
  bytes: number;
  firstRows: number;
  firstSeconds: number;
  allSeconds: number;
  records: number;
  peakMb: number;
  rawFirstSeconds: number;
  rawAllSeconds: number;
}

const peakMb = (): number => process.resourceUsage().maxRSS / 1024;

/** The records as the async source an export takes (as a file reader would hand them over). */
function asAsync(records: Iterator<JournalRecord>): AsyncIterable<JournalRecord> {
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => Promise.resolve(records.next()),
    }),
  };
}

async function childExport(format: ExportFormat, dir: string, count: number): Promise<void> {
  const destination = join(dir, `bench.${FORMAT_INFO[format].extension}`);
  const started = performance.now();
  const result = await exportLog({
    format,
    destination,
    records: asAsync(benchRecords(count)[Symbol.iterator]()),
    app: { name: 'mbn-diag', version: 'bench' },
    sourceLabel: 'bench.jsonl',
    // The round trip and open-log measurement read this file back with identifiers intact.
    redact: format !== 'jsonl',
  });
  const seconds = (performance.now() - started) / 1000;
  const peak = peakMb();
  const rawSeconds = await rawWrite(destination, result.bytes, join(dir, 'raw.bin'));
  const measure: ExportMeasure = {
    format,
    records: result.records,
    bytes: result.bytes,
    seconds,
    peakMb: peak,
    rawSeconds,
  };
  if (format === 'zip') {
    const { default: yauzl } = await import('yauzl');
    const zip = await yauzl.openPromise(destination, { lazyEntries: true });
    let inner = 0;
    for await (const entry of zip.eachEntry()) inner += entry.uncompressedSize;
    measure.innerBytes = inner;
  }
  process.stdout.write(`${JSON.stringify(measure)}\n`);
}

/** The same number of bytes, no formatting: the export's first MiB again and again. */
async function rawWrite(source: string, bytes: number, destination: string): Promise<number> {
  const chunk = Buffer.alloc(Math.min(MB, bytes));
  const fd = openSync(source, 'r');
  readSync(fd, chunk, 0, chunk.length, 0);
  closeSync(fd);
  const started = performance.now();
  const file = await AtomicFile.create(destination);
  for (let left = bytes; left > 0; left -= chunk.length)
    await file.write(left >= chunk.length ? chunk : chunk.subarray(0, left));
  await file.commit();
  const seconds = (performance.now() - started) / 1000;
  rmSync(destination);
  return seconds;
}

/** The record source alone (no export), so its share of each export's time can be seen. */
async function childSource(count: number): Promise<void> {
  const started = performance.now();
  let records = 0;
  for await (const _record of asAsync(benchRecords(count)[Symbol.iterator]())) records += 1;
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ records, seconds })}\n`);
}

async function childOpen(path: string): Promise<void> {
  const started = performance.now();
  const log = await openLog(path);
  const firstSeconds = (performance.now() - started) / 1000;
  const firstRows = log.firstPage.records.length;
  for await (const _page of log.rest()) {
    // Pages are handed on and dropped, as the app's IPC would.
  }
  const allSeconds = (performance.now() - started) / 1000;
  const peak = peakMb();
  log.close();
  const raw0 = performance.now();
  const head = Buffer.alloc(64 * 1024);
  const fd = openSync(path, 'r');
  readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const rawFirstSeconds = (performance.now() - raw0) / 1000;
  const raw1 = performance.now();
  for await (const _chunk of createReadStream(path, { highWaterMark: MB })) {
    // bytes only
  }
  const rawAllSeconds = (performance.now() - raw1) / 1000;
  const measure: OpenMeasure = {
    path,
    bytes: statSync(path).size,
    firstRows,
    firstSeconds,
    allSeconds,
    records: log.count,
    peakMb: peak,
    rawFirstSeconds,
    rawAllSeconds,
  };
  process.stdout.write(`${JSON.stringify(measure)}\n`);
}

function runChild(args: string[]): unknown {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), ...args],
    {
      encoding: 'utf8',
      maxBuffer: 16 * MB,
    },
  );
  if (child.status !== 0)
    throw new Error(`benchmark child ${args.join(' ')} failed:\n${child.stderr}`);
  const line = child.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line);
}

const mbps = (bytes: number, seconds: number): string =>
  (bytes / MB / seconds).toFixed(0).padStart(5);
const pad = (text: string, n: number): string => text.padEnd(n);

function main(count: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'mbn-bench-'));
  try {
    console.log(
      `Export of ${count.toLocaleString('en-US')} records (redacted, except JSON Lines which the open test reads back)`,
    );
    const source = runChild(['--child-source', String(count)]) as { seconds: number };
    console.log(
      `(making the records alone takes ${source.seconds.toFixed(2)} s of each export's time; "net" below leaves it out)`,
    );
    console.log(
      'format  output MB   time s  MB/s | raw MB/s  ratio (>= 0.50) | net MB/s  net ratio | peak MB (< 300)',
    );
    for (const format of EXPORT_FORMATS) {
      const m = runChild(['--child-export', format, dir, String(count)]) as ExportMeasure;
      const ratio = m.rawSeconds / m.seconds;
      const net = Math.max(0.001, m.seconds - source.seconds);
      const netRatio = m.rawSeconds / net;
      const inner = m.innerBytes
        ? `  (${(m.innerBytes / MB).toFixed(0)} MB before compression: ${mbps(m.innerBytes, m.seconds).trim()} MB/s)`
        : '';
      console.log(
        `${pad(format, 7)} ${(m.bytes / MB).toFixed(1).padStart(9)} ${m.seconds.toFixed(2).padStart(8)} ${mbps(m.bytes, m.seconds)} | ${mbps(m.bytes, m.rawSeconds).padStart(8)}  ${ratio.toFixed(2).padStart(5)} ${ratio >= 0.5 ? 'ok  ' : 'LOW '}         | ${mbps(m.bytes, net).padStart(8)}  ${netRatio.toFixed(2).padStart(9)} | ${m.peakMb.toFixed(0).padStart(7)} ${m.peakMb < PEAK_LIMIT_MB ? 'ok' : 'HIGH'}${inner}`,
      );
    }
    console.log(
      '\nOpen a saved log: first rows | all rows | peak memory, next to reading the same bytes raw',
    );
    for (const file of ['bench.jsonl', 'bench.zip']) {
      const m = runChild(['--child-open', join(dir, file)]) as OpenMeasure;
      console.log(
        `${pad(file, 12)} first ${m.firstRows} rows in ${(m.firstSeconds * 1000).toFixed(1)} ms (raw read of 64 KiB: ${(m.rawFirstSeconds * 1000).toFixed(2)} ms) | all ${m.records.toLocaleString('en-US')} in ${m.allSeconds.toFixed(2)} s (raw read of the ${(m.bytes / MB).toFixed(0)} MB file: ${m.rawAllSeconds.toFixed(2)} s) | peak ${m.peakMb.toFixed(0)} MB ${m.peakMb < PEAK_LIMIT_MB ? 'ok' : 'HIGH'}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child-export') {
  await childExport(args[1] as ExportFormat, args[2] ?? '', Number(args[3]));
} else if (args[0] === '--child-source') {
  await childSource(Number(args[1]));
} else if (args[0] === '--child-open') {
  await childOpen(args[1] ?? '');
} else {
  const at = args.indexOf('--records');
  main(at === -1 ? 1_000_000 : Number(args[at + 1]));
}
