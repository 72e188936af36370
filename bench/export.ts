/**
 * Export and open-log benchmark: `npm run bench -- export`, or
 * `node --import tsx bench/export.ts [--events 1000000,10000000] [--formats jsonl,csv] [--peer-limit 900] [--skip-open]`.
 *
 * For each size, a synthetic log (bench/export-records.ts: about 300 bytes an event, so ten million
 * is about 3 GB) is written once to a temporary folder, which is deleted afterwards; the free disk
 * space is checked first and the size scaled down, loudly, when it would not fit.
 *
 * Each export format then runs in a fresh child process, from that file, as the app and the CLI
 * export a saved log (exportFromPath, redacted by default); in the same child the same number of
 * bytes is then written with no formatting at all (the export's first MiB, repeated, through the
 * same temporary file, fsync and rename), three times: the median is the raw write rate the export
 * is measured against (the slowest and fastest are printed beside it), in
 * the same run, on the same disk. JSON Lines and CSV, which have a target against that rate, take
 * turns with it: export, raw write, export, raw write..., each into the space the one before it
 * freed, so both meet the disk in the same state, a child per round (see measureExport), and the
 * export's time is the median of its three. Peak memory is the child's max RSS (of a targeted
 * format, the highest of its rounds'). Targets: JSON Lines and CSV
 * at least half the raw write rate; every export under 300 MB of memory. Beside JSON Lines, the
 * source log is also copied as it is, through the same file, fsync and rename, a MiB read then
 * written at a time: what passing the log through costs with no check at all (an export that
 * reads ahead while it writes can beat it, and the own journal's does).
 *
 * With JSON Lines, the same events are then also written as the app writes its own journal (a run
 * folder of rotated files, through the journal and its index, which certifies each bucket as it
 * is written: line-certificate.ts) and exported as the app exports its own log, redacted and not:
 * the certified buckets are copied without checking their lines again.
 *
 * Beside each figure, the peer a technician would use on the same file (export-peers.ts): `jq -c .`
 * re-serialising it, `mlr --ijsonl --ocsv cat` converting it to CSV, `zip -1` compressing the
 * bundle's entries (our own exports of them, so the same bytes), `lnav` opening it (headless).
 * Target: ahead of every peer. No figure here is asserted by a test; this only prints.
 *
 * One child per measurement, so that one format's garbage never counts against another's peak.
 * Run from source, the export's helper threads need their script built first (the app and the CLI
 * ship it built): the child does that before its clock starts.
 *
 * Each export's CPU time (all its threads) is printed beside its wall clock: on a shared machine the
 * load average printed with every line says how far the wall clock can be trusted, and the CPU
 * time is what to compare with the old code's.
 */
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  openSync,
  readSync,
  closeSync,
  rmSync,
  statSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AtomicFile } from '../electron/core/export/atomic-file.js';
import { BUNDLE_FILES } from '../electron/core/export/bundle-manifest.js';
import { exportFromPath } from '../electron/core/export/export-saved-log.js';
import { FORMAT_INFO, type ExportFormat } from '../electron/core/export/formats.js';
import { prepareExportHelpers } from '../electron/core/export/export-helpers.js';
import { openLog } from '../electron/core/export/open-log.js';
import { listJournalFiles } from '../electron/core/journal-files.js';
import { ownJournalDir } from '../electron/engine/default-paths.js';
import { sidecarPath } from '../electron/core/journal-index-file.js';
import { parseFileIndex } from '../electron/core/journal-index-format.js';
import { measureWindowOpen, type WindowMeasure } from './window-open.js';
import { writeBenchJournal, writeBenchLog } from './export-records.js';
import { runPeer, type PeerResult } from './export-peers.js';

const MB = 1024 * 1024;
const PEAK_LIMIT_MB = 300;
const RAW_ROUNDS = 3;

interface ExportMeasure {
  format: ExportFormat;
  records: number;
  bytes: number;
  /** JSON Lines and CSV: the median of RAW_ROUNDS exports (see childExport); others: the one. */
  seconds: number;
  /** The fastest and slowest export. */
  exportRange: [number, number];
  peakMb: number;
  /** The median of RAW_ROUNDS raw writes (see rawWrite), and the fastest and slowest of them. */
  rawSeconds: number;
  rawRange: [number, number];
  /** CPU time of the whole process (every thread) during the export. */
  cpuSeconds: number;
  /**
   * For JSON Lines: the source log copied as it is (read, written, fsync, rename), the median of
   * RAW_ROUNDS copies.
   */
  copySeconds?: number;
  /** For the bundle: the bytes of the formats inside before compression. */
  innerBytes?: number;
  /** For the bundle: from the end of the formatting pass to the end (packing and compressing). */
  packSeconds?: number;
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

/** Where each format's export goes: the bundle's entry names, so `zip` can pack the same entries. */
const OUT_NAME: Record<ExportFormat, string> = {
  jsonl: BUNDLE_FILES.jsonl,
  csv: BUNDLE_FILES.csv,
  html: BUNDLE_FILES.html,
  trace: BUNDLE_FILES.trace,
  zip: 'bench.zip',
  pcapng: `bench.${FORMAT_INFO.pcapng.extension}`,
};

/**
 * How a child measures an export: `once`, the export and then RAW_ROUNDS raw writes (a format
 * with no target against the raw rate); `round`, one round of a targeted format's (see
 * measureExport): the export, then its file deleted, then one raw write (and for JSON Lines one
 * copy of the log) into the space it freed; `keep`, the export made and kept, untimed, for the
 * bundle's peer (zip packs the same entries).
 */
type ChildMode = 'once' | 'round' | 'keep';

async function childExport(
  format: ExportFormat,
  source: string,
  dir: string,
  redact: boolean,
  mode: ChildMode,
  journalDir: string | undefined,
): Promise<void> {
  // As the app says before it exports its own log: which journal folder is its own.
  if (journalDir) ownJournalDir(journalDir);
  const destination = join(dir, redact ? OUT_NAME[format] : `unredacted-${OUT_NAME[format]}`);
  // Run from source, the helper threads' script is built on first use; the app and the CLI ship
  // it built, so that is done before the clock starts.
  await prepareExportHelpers();
  let compressingAt: number | undefined;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await exportFromPath({
    source,
    format,
    destination,
    app: { name: 'mbn-diag', version: 'bench' },
    redact,
    onProgress: (p) => {
      if (p.phase === 'compressing') compressingAt ??= performance.now();
    },
  });
  const ended = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (ended - started) / 1000;
  // The export's own peak: what follows writes from one MiB.
  const peak = peakMb();
  if (mode === 'keep') {
    process.stdout.write('{}\n');
    return;
  }
  const head = headOf(destination);
  const raws: number[] = [];
  let copySeconds: number | undefined;
  if (mode === 'round') {
    rmSync(destination);
    raws.push(await rawWrite(head, result.bytes, join(dir, 'raw.bin')));
    if (format === 'jsonl') copySeconds = await copyWrite(source, join(dir, 'copy.bin'));
  } else
    for (let round = 0; round < RAW_ROUNDS; round++)
      raws.push(await rawWrite(head, result.bytes, join(dir, 'raw.bin')));
  raws.sort((a, b) => a - b);
  const measure: ExportMeasure = {
    format,
    records: result.records,
    bytes: result.bytes,
    seconds,
    exportRange: [seconds, seconds],
    peakMb: peak,
    rawSeconds: median(raws),
    rawRange: [raws[0] ?? 0, raws.at(-1) ?? 0],
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    ...(copySeconds === undefined ? {} : { copySeconds }),
  };
  if (mode === 'round') {
    process.stdout.write(`${JSON.stringify(measure)}\n`);
    return;
  }
  if (format === 'zip') {
    const { default: yauzl } = await import('yauzl');
    const zip = await yauzl.openPromise(destination, { lazyEntries: true });
    let inner = 0;
    for await (const entry of zip.eachEntry()) inner += entry.uncompressedSize;
    measure.innerBytes = inner;
    if (compressingAt !== undefined) measure.packSeconds = (ended - compressingAt) / 1000;
  }
  if (!redact || format === 'zip') rmSync(destination);
  process.stdout.write(`${JSON.stringify(measure)}\n`);
}

/** The same number of bytes, no formatting: the export's first MiB (headOf) again and again. */
async function rawWrite(chunk: Buffer, bytes: number, destination: string): Promise<number> {
  const started = performance.now();
  const file = await AtomicFile.create(destination);
  for (let left = bytes; left > 0; left -= chunk.length)
    await file.write(left >= chunk.length ? chunk : chunk.subarray(0, left));
  await file.commit();
  const seconds = (performance.now() - started) / 1000;
  rmSync(destination);
  return seconds;
}

/** A file's first MiB (all of it when shorter): what the raw write writes again and again. */
function headOf(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(Math.min(MB, statSync(path).size));
    readSync(fd, chunk, 0, chunk.length, 0);
    return chunk;
  } finally {
    closeSync(fd);
  }
}

const median = (sorted: readonly number[]): number => sorted[Math.floor(sorted.length / 2)] ?? 0;

/**
 * The source log's bytes, copied as they are through the same temporary file, fsync and rename,
 * a MiB read and then written at a time: what passing the log through costs with no check at all.
 */
async function copyWrite(source: string, destination: string): Promise<number> {
  // A run folder's journal files one after the other, as its export reads them.
  const files = statSync(source).isDirectory() ? listJournalFiles(source) : [source];
  const started = performance.now();
  const file = await AtomicFile.create(destination);
  for (const from of files)
    for await (const chunk of createReadStream(from, { highWaterMark: MB }))
      await file.write(chunk as Buffer);
  await file.commit();
  const seconds = (performance.now() - started) / 1000;
  rmSync(destination);
  return seconds;
}

/**
 * One format's export of `source`, measured in children of its own. This disk's rate depends on
 * what was written just before: a write into space just freed ran at 2,000 MB/s, and the same
 * write after 1 GB of new files at 320 MB/s (a virtual disk's cache). Measured once, right after
 * the log and the formats before it were written, the export met the slow rate, while two of its
 * three raw writes, each into the space the one before freed, met the fast one: the ratio
 * compared the disk in two states (the export at 307 MB/s read 0.15 of a raw 2,006 MB/s whose own
 * slowest round was 318). So JSON Lines and CSV, the formats with a target against that rate,
 * take turns with the raw write, RAW_ROUNDS rounds, each write into the space the one before
 * freed, and each figure is the median of its rounds. Each round is a child of its own, so its
 * peak memory is one export's (at 10M events, CSV's four in one process peaked 398 MB, one 278).
 */
function measureExport(
  format: ExportFormat,
  source: string,
  dir: string,
  redact: boolean,
  journalDir?: string,
): ExportMeasure {
  const child = (mode: ChildMode): unknown =>
    runChild([
      '--child-export',
      format,
      source,
      dir,
      redact ? 'redact' : 'plain',
      mode,
      ...(journalDir === undefined ? [] : [journalDir]),
    ]);
  if (format !== 'jsonl' && format !== 'csv') return child('once') as ExportMeasure;
  const rounds: ExportMeasure[] = [];
  for (let round = 0; round < RAW_ROUNDS; round++) rounds.push(child('round') as ExportMeasure);
  // The bundle's peer packs the entries as exported: made once more, untimed.
  if (redact) child('keep');
  const bySeconds = [...rounds].sort((a, b) => a.seconds - b.seconds);
  const middle = bySeconds[Math.floor(bySeconds.length / 2)] ?? rounds[0];
  if (!middle) throw new Error('no export round ran');
  const raws = rounds.map((m) => m.rawSeconds).sort((a, b) => a - b);
  const copies = rounds.flatMap((m) => (m.copySeconds === undefined ? [] : [m.copySeconds]));
  return {
    ...middle,
    exportRange: [bySeconds[0]?.seconds ?? 0, bySeconds.at(-1)?.seconds ?? 0],
    peakMb: Math.max(...rounds.map((m) => m.peakMb)),
    rawSeconds: median(raws),
    rawRange: [raws[0] ?? 0, raws.at(-1) ?? 0],
    ...(copies.length > 0 ? { copySeconds: median(copies.sort((a, b) => a - b)) } : {}),
  };
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
    { encoding: 'utf8', maxBuffer: 16 * MB },
  );
  if (child.status !== 0)
    throw new Error(`benchmark child ${args.join(' ')} failed:\n${child.stderr}`);
  const line = child.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line);
}

const rate = (bytes: number, seconds: number): number => bytes / MB / seconds;
const mbps = (bytes: number, seconds: number): string => rate(bytes, seconds).toFixed(0);
const mb = (bytes: number): string => (bytes / MB).toFixed(0);
const verdict = (ok: boolean): string => (ok ? 'ok' : 'MISSED');
/**
 * A ratio to the raw write rate as its verdict reads it: cut, not rounded, to two places, so a
 * 0.497 that missed the 0.50 target reads 0.49, not "0.50 MISSED".
 */
const ratioText = (ratio: number): string => (Math.floor(ratio * 100) / 100).toFixed(2);
/** The machine's load average (1 min) where a figure was taken: on a shared machine it says how far to trust it. */
const load = (): string => (loadavg()[0] ?? 0).toFixed(1);

/** The raw write rate (the median of its rounds), with the slowest and fastest round's rates. */
/** The export's fastest and slowest round, where it had rounds (see childExport). */
const roundsText = (m: ExportMeasure): string =>
  m.exportRange[0] === m.exportRange[1]
    ? ''
    : ` | export rounds ${m.exportRange[0].toFixed(2)}-${m.exportRange[1].toFixed(2)} s`;

const rawText = (m: ExportMeasure): string =>
  `${mbps(m.bytes, m.rawSeconds)} (${mbps(m.bytes, m.rawRange[1])}-${mbps(m.bytes, m.rawRange[0])})`.padStart(
    14,
  );

/** About what one event takes in the log, and the disk a size needs at its peak (log, four exports kept for zip, the bundle's parts and the .zip). */
const BYTES_PER_EVENT = 310;
const DISK_FACTOR = 9;

/**
 * The bundle beside `zip -1`, judged on the same job: zip only compresses entries already made,
 * so the peer's bundle is the four entries exported one by one (the rows above) and then zipped.
 * Compression against compression alone is bench/bundle.ts's.
 */
function bundlePeerText(
  peer: PeerResult | undefined,
  ours: number,
  entrySeconds: ReadonlyMap<ExportFormat, number>,
): string {
  if (!peer || peer.missing || peer.timedOut) return peerText(peer, ours, 'time');
  const entries = (['jsonl', 'csv', 'html', 'trace'] as const).map((f) => entrySeconds.get(f));
  const zipText = `${peer.name}: ${peer.seconds.toFixed(2)} s`;
  if (entries.some((s) => s === undefined)) return `${zipText} (the entries' rows are needed too)`;
  const theirs = peer.seconds + entries.reduce<number>((a, s) => a + (s ?? 0), 0);
  const verdict =
    ours < theirs
      ? `ahead, ${(theirs / ours).toFixed(1)}x`
      : `BEHIND, ${(ours / theirs).toFixed(1)}x`;
  return `${zipText}; the same bundle made by exporting its four entries one by one (the rows above) and zipping them: ${theirs.toFixed(2)} s -> ${verdict} (compression alone against zip -1: bench/bundle.ts)`;
}

function peerText(peer: PeerResult | undefined, ours: number, unit: 'bytes' | 'time'): string {
  if (!peer) return '';
  if (peer.missing) return `${peer.name}: NOT RUN (${peer.missing})`;
  const time = `${peer.timedOut ? '> ' : ''}${peer.seconds.toFixed(2)} s`;
  const speed =
    unit === 'bytes' && peer.bytes > 0 ? `, ${mbps(peer.bytes, peer.seconds)} MB/s out` : '';
  const memory = peer.peakMb === undefined ? '' : `, peak ${peer.peakMb.toFixed(0)} MB`;
  // A peer stopped before we finished was not beaten or lost to: it is not judged.
  const ahead =
    ours < peer.seconds
      ? `ahead, ${(peer.seconds / ours).toFixed(1)}x`
      : peer.timedOut
        ? 'not judged (stopped first: raise --peer-limit)'
        : 'BEHIND';
  return `${peer.name}: ${time}${speed}${memory} -> ${ahead}`;
}

async function benchSize(
  requested: number,
  formats: ExportFormat[],
  peerLimit: number,
  open: boolean,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mbn-bench-export-'));
  try {
    const disk = statfsSync(dir);
    const free = disk.bavail * disk.bsize;
    const fits = Math.floor(free / (BYTES_PER_EVENT * DISK_FACTOR));
    const count = Math.min(requested, fits);
    console.log(
      `\n=== ${count.toLocaleString('en-US')} events (${(free / 1024 ** 3).toFixed(0)} GB free in ${tmpdir()}) ===`,
    );
    if (count < requested)
      console.log(
        `!!! SCALED DOWN: ${requested.toLocaleString('en-US')} events need about ${((requested * BYTES_PER_EVENT * DISK_FACTOR) / 1024 ** 3).toFixed(0)} GB of temporary disk; only ${count.toLocaleString('en-US')} fit. !!!`,
      );
    const log = join(dir, 'bench-log.jsonl');
    const made = await writeBenchLog(log, count);
    const logBytes = statSync(log).size;
    console.log(
      `log: ${mb(logBytes)} MB, written in ${made.toFixed(1)} s (kept for every format and peer, deleted at the end)`,
    );
    console.log(
      'export (redacted)  out MB  time s  MB/s | raw write MB/s, median of 3 (range; JSON Lines and CSV take turns with it, 3 rounds, median time, range at the end)  ratio (target >= 0.50, JSON Lines and CSV) | CPU s (all threads) | peak MB (target < 300) | peer on the same file | load average',
    );
    const peers: Partial<Record<ExportFormat, () => PeerResult>> = {
      jsonl: () => runPeer('jq -c .', 'jq', ['-c', '.', log], join(dir, 'peer.jsonl'), peerLimit),
      csv: () =>
        runPeer(
          'mlr --ijsonl --ocsv cat',
          'mlr',
          ['--ijsonl', '--ocsv', 'cat', log],
          join(dir, 'peer.csv'),
          peerLimit,
        ),
      zip: () =>
        // zip -1 is given the bundle's entries as this run made them (the rows above).
        [BUNDLE_FILES.jsonl, BUNDLE_FILES.csv, BUNDLE_FILES.html, BUNDLE_FILES.trace].some(
          (entry) => !existsSync(join(dir, entry)),
        )
          ? {
              name: 'zip -1 (same entries)',
              seconds: 0,
              bytes: 0,
              peakMb: undefined,
              timedOut: false,
              missing: 'its entries are the jsonl, csv, html and trace rows: run those formats too',
            }
          : runPeer(
              'zip -1 (same entries)',
              'zip',
              [
                '-1',
                '-q',
                join(dir, 'peer.zip'),
                BUNDLE_FILES.jsonl,
                BUNDLE_FILES.csv,
                BUNDLE_FILES.html,
                BUNDLE_FILES.trace,
              ],
              undefined,
              peerLimit,
              dir,
            ),
    };
    const rows: [string, ExportFormat, boolean][] = [];
    for (const format of formats) {
      if (format === 'pcapng') continue;
      rows.push([format, format, true]);
      if (format === 'jsonl') rows.push(['jsonl, not redacted', 'jsonl', false]);
    }
    /** Each entry's export time (redacted, as the bundle makes it), for the bundle's peer. */
    const entrySeconds = new Map<ExportFormat, number>();
    for (const [label, format, redact] of rows) {
      const m = measureExport(format, log, dir, redact);
      const ratio = m.rawSeconds / m.seconds;
      const targeted = format === 'jsonl' || format === 'csv';
      const inner = m.innerBytes
        ? ` (${mb(m.innerBytes)} MB inside: ${mbps(m.innerBytes, m.seconds)} MB/s; packing after the formatting pass took ${(m.packSeconds ?? 0).toFixed(2)} s of it)`
        : '';
      const peer = redact ? peers[format]?.() : undefined;
      if (redact) entrySeconds.set(format, m.seconds);
      // The ceiling of the ratio on this disk: the log passed through untouched.
      const copy =
        m.copySeconds === undefined
          ? ''
          : ` | the log copied as it is: ${m.copySeconds.toFixed(2)} s, ratio ${ratioText(m.rawSeconds / m.copySeconds)} (no check at all)`;
      if (peer && format !== 'zip')
        rmSync(join(dir, format === 'jsonl' ? 'peer.jsonl' : 'peer.csv'), { force: true });
      rmSync(join(dir, 'peer.zip'), { force: true });
      console.log(
        `${label.padEnd(19)} ${mb(m.bytes).padStart(6)} ${m.seconds.toFixed(2).padStart(7)} ${mbps(m.bytes, m.seconds).padStart(5)} | ${rawText(m)}  ${ratioText(ratio).padStart(5)} ${targeted ? verdict(ratio >= 0.5) : '(no target)'} | ${m.cpuSeconds.toFixed(2).padStart(6)} | ${m.peakMb.toFixed(0).padStart(7)} ${verdict(m.peakMb < PEAK_LIMIT_MB)} | ${format === 'zip' ? bundlePeerText(peer, m.seconds, entrySeconds) : peerText(peer, m.seconds, 'bytes')}${inner}${copy}${roundsText(m)} | load ${load()}`,
      );
    }
    for (const format of ['jsonl', 'csv', 'html', 'trace'] as const)
      rmSync(join(dir, OUT_NAME[format]), { force: true });
    if (formats.includes('jsonl')) benchOwnJournal(dir, count);
    if (formats.includes('pcapng')) {
      // The log above has no MBIM messages (an MBN log), so a capture of it would be empty: the
      // capture is measured on a log of as many events recorded as the MBIM backend records them.
      const mbimLog = join(dir, 'bench-mbim.jsonl');
      const mbimMade = await writeBenchLog(mbimLog, count, { mbim: true });
      const m = measureExport('pcapng', mbimLog, dir, true);
      rmSync(mbimLog, { force: true });
      rmSync(join(dir, OUT_NAME.pcapng), { force: true });
      console.log(
        `${'pcapng (MBIM log)'.padEnd(19)} ${mb(m.bytes).padStart(6)} ${m.seconds.toFixed(2).padStart(7)} ${mbps(m.bytes, m.seconds).padStart(5)} | ${rawText(m)}  ${(m.rawSeconds / m.seconds).toFixed(2).padStart(5)} (no target) | ${m.cpuSeconds.toFixed(2).padStart(6)} | ${m.peakMb.toFixed(0).padStart(7)} ${verdict(m.peakMb < PEAK_LIMIT_MB)} | (an MBIM log of the same ${count.toLocaleString('en-US')} events, written in ${mbimMade.toFixed(1)} s) | load ${load()}`,
      );
    }

    if (!open) {
      console.log('open the log: not measured (--skip-open)');
      return;
    }
    const o = runChild(['--child-open', log]) as OpenMeasure;
    const lnav = runPeer(
      'lnav -n (headless open)',
      'lnav',
      ['-n', '-q', log],
      undefined,
      peerLimit,
    );
    // Which peer parses every record as ours do: lnav, when one of its formats knows the log;
    // else it indexes lines only (as our index does, for "reachable" below), and jq parses them.
    const lnavFormat = lnavFormatOf(log, dir);
    const parsesAll = lnavFormat === null;
    const parser = parsesAll
      ? runPeer('jq empty (parse every line)', 'jq', ['empty', log], undefined, peerLimit)
      : lnav;
    console.log(`lnav reads this log as ${lnavWords(lnavFormat)}`);
    console.log(
      `open the log: first ${o.firstRows} rows in ${(o.firstSeconds * 1000).toFixed(1)} ms (raw 64 KiB read: ${(o.rawFirstSeconds * 1000).toFixed(2)} ms) | all ${o.records.toLocaleString('en-US')} parsed in ${o.allSeconds.toFixed(2)} s (raw read of the file: ${o.rawAllSeconds.toFixed(2)} s) | peak ${o.peakMb.toFixed(0)} MB ${verdict(o.peakMb < PEAK_LIMIT_MB)} | ${peerText(parser, o.allSeconds, 'time')}`,
    );
    // What the technician waits for: the window's saved log complete (its first page, then the
    // rows it holds, read as main reads them for the window and serialised as sent).
    const w = runChild(['--child-window', log]) as WindowMeasure;
    console.log(
      `open in the window: first page in ${(w.firstSeconds * 1000).toFixed(1)} ms | whole log reachable (index built: count, overview, jump anywhere) in ${w.reachableSeconds.toFixed(2)} s, ${peerText(lnav, w.reachableSeconds, 'time')} | complete (${w.rows.toLocaleString('en-US')} rows sent of ${w.records.toLocaleString('en-US')}: the first page and the newest the window holds, through the index built on the way) in ${w.completeSeconds.toFixed(2)} s | peak ${w.peakMb.toFixed(0)} MB ${verdict(w.peakMb < PEAK_LIMIT_MB)} | ${parsesAll ? 'no peer: lnav holds no rows, it reads lines from its line index as it shows them, as the window does past the rows it holds' : peerText(lnav, w.completeSeconds, 'time')}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The lnav format that recognises the log's first lines, null when none does (lnav then shows it
 * as plain text: it indexes lines and parses none), undefined when lnav cannot be asked.
 */
function lnavFormatOf(log: string, dir: string): string | null | undefined {
  const head = join(dir, 'lnav-head.jsonl');
  const fd = openSync(log, 'r');
  const buf = Buffer.alloc(256 * 1024);
  const length = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  writeFileSync(head, buf.subarray(0, buf.lastIndexOf(10, length - 1) + 1));
  const asked = spawnSync('lnav', ['-n', '-c', ';SELECT format FROM lnav_file', head], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  rmSync(head, { force: true });
  if (asked.status !== 0) return undefined;
  const format = asked.stdout.trim().split('\n').at(-1)?.trim();
  return format === undefined || format === '' || format === '<NULL>' ? null : format;
}

function lnavWords(format: string | null | undefined): string {
  if (format === undefined) return 'unknown (lnav could not be asked)';
  if (format === null)
    return 'plain text (no lnav format knows it): it indexes lines and parses none, so it is set against the log reachable through our index; every record parsed is set against jq';
  return `${format}: it parses every line, set against every record parsed`;
}

/**
 * The same events written as the app writes its own journal (a run folder of rotated files, each
 * bucket certified as it was written: line-certificate.ts), exported as the app exports its own
 * log: a JSON Lines export then copies the certified buckets without checking their lines again.
 */
function benchOwnJournal(dir: string, count: number): void {
  const journalDir = join(dir, 'journal');
  try {
    const { run, seconds } = writeBenchJournal(journalDir, count);
    const files = listJournalFiles(run);
    let bytes = 0;
    let buckets = 0;
    let certified = 0;
    let rechecked = 0;
    for (const file of files) {
      bytes += statSync(file).size;
      const index = parseFileIndex(readFileSync(sidecarPath(file), 'utf8'), basename(file));
      for (const bucket of index?.buckets ?? []) {
        buckets += 1;
        if (bucket.copyCrc !== undefined) certified += 1;
        rechecked += bucket.recheck?.length ?? 0;
      }
    }
    console.log(
      `the app's own journal: the same events written through the journal and its index (${String(files.length)} files, ${mb(bytes)} MB, in ${seconds.toFixed(1)} s); ${certified.toLocaleString('en-US')} of ${buckets.toLocaleString('en-US')} buckets certified as written, ${rechecked.toLocaleString('en-US')} lines in them to check again`,
    );
    for (const redact of [true, false]) {
      const m = measureExport('jsonl', run, dir, redact, journalDir);
      const ratio = m.rawSeconds / m.seconds;
      const copy =
        m.copySeconds === undefined
          ? ''
          : ` | the journal copied as it is: ${m.copySeconds.toFixed(2)} s, ratio ${ratioText(m.rawSeconds / m.copySeconds)}`;
      console.log(
        `${(redact ? 'jsonl, own journal' : 'same, not redacted').padEnd(19)} ${mb(m.bytes).padStart(6)} ${m.seconds.toFixed(2).padStart(7)} ${mbps(m.bytes, m.seconds).padStart(5)} | ${rawText(m)}  ${ratioText(ratio).padStart(5)} ${verdict(ratio >= 0.5)} | ${m.cpuSeconds.toFixed(2).padStart(6)} | ${m.peakMb.toFixed(0).padStart(7)} ${verdict(m.peakMb < PEAK_LIMIT_MB)}${copy}${roundsText(m)} | load ${load()}`,
      );
      rmSync(join(dir, OUT_NAME.jsonl), { force: true });
    }
  } finally {
    rmSync(journalDir, { recursive: true, force: true });
  }
}

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
}

const args = process.argv.slice(2);
if (args[0] === '--child-export') {
  await childExport(
    args[1] as ExportFormat,
    args[2] ?? '',
    args[3] ?? '',
    args[4] === 'redact',
    (args[5] ?? 'once') as ChildMode,
    args[6],
  );
} else if (args[0] === '--child-open') {
  await childOpen(args[1] ?? '');
} else if (args[0] === '--child-window') {
  process.stdout.write(`${JSON.stringify(await measureWindowOpen(args[1] ?? ''))}\n`);
} else {
  const sizes = (option('--events') ?? '1000000,10000000').split(',').map(Number);
  const formats = (option('--formats') ?? 'jsonl,csv,html,trace,zip,pcapng').split(
    ',',
  ) as ExportFormat[];
  const peerLimit = Number(option('--peer-limit') ?? 900);
  console.log(
    `Exports of a saved log, redacted (the default), each beside the raw write rate of the same bytes in the same child; peers stopped after ${peerLimit} s.`,
  );
  const open = !process.argv.includes('--skip-open');
  for (const size of sizes) await benchSize(size, formats, peerLimit, open);
}
