/**
 * Issue 14: a week-long kiosk log, 1,000,000 and 10,000,000 events (~300 MB and ~3 GB as a run of
 * rotated 16 MiB journal files), opened, jumped through and searched.
 *
 * Ours, each in a child process of its own so its peak memory (max RSS) is its own:
 *   - first rows: the saved-log reader's first page;
 *   - first search, no index yet: a rare HRESULT across everything, searched bucket by bucket as
 *     the index is built (on both cores: a helper thread builds later files' indexes), what happens
 *     once to a saved log written by an older version or another tool;
 *   - jump to the end and to a time, through the index, and a second jump in the same process (the
 *     files' indexes already loaded, as the window's second jump finds them);
 *   - the same rare-HRESULT search with the index, a search for one service's failures, for
 *     every failure, for any problem and for failed or refused (found by their outcomes' words,
 *     bucket by bucket, as Failed alone is by its own: beside it), one for all of one service's
 *     records (`--service` alone: only the lines holding its ID parsed), one afternoon's
 *     failures (a time range: only its buckets read), the
 *     same counted only (`--limit 0`: from the index's service counts) beside it counted by
 *     reading (the service and every kind its records have: the same lines parsed, as a service
 *     alone was counted before), one for free text in any case (every bucket read), and the
 *     newest 5,000 successes, newest first (the window's Newest first), and the newest 100 of the
 *     free text's matches, newest first (read once: the index cannot count words);
 *   - the log opened in the window (bench/window-open.ts) with its indexes beside its files, as
 *     the journal keeps them: first page, whole log reachable, the newest rows all sent.
 *   - the built command itself, `mbn-diag search --hresult`, timed from start to end as the peers
 *     are (Node's start, the bundle's load, the first page read for the device names, the search
 *     and the time-zone pass): on the log without an index (its index cache in a folder of its
 *     own, so the log's folder stays unindexed for the first search above), then again with it.
 *   - one hour of the week exported as JSON Lines, redacted (export --from --to), through the index.
 * Beside them, on the same files in the same run: `lnav` opening the log and going to its end,
 * `grep -c` and `jq select` doing the rare-HRESULT search, `grep` the afternoon's failures, `grep -F`
 * copying the hour's lines, `tac | grep -m` the newest successes and words (and `grep -c` their
 * count).
 * Targets: peak memory under 300 MB; ahead of every peer.
 *
 * The log is generated once per size in a temporary folder and deleted afterwards; when the disk
 * has too little room for 10,000,000 events the size is scaled down and the report says so.
 * `npm run bench -- search` runs only this; BENCH_SEARCH_COUNTS=200000 picks other sizes.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  rmSync,
  statfsSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLog } from '../electron/core/export/open-log.js';
import { journalFileName } from '../electron/core/journal-files.js';
import { prepareExportHelpers } from '../electron/core/export/export-helpers.js';
import { prepareIndexHelper } from '../electron/core/index-builds.js';
import { prepareTextScanHelper } from '../electron/core/text-scans.js';
import { openIndexedLog } from '../electron/core/indexed-log.js';
import { searchLog, type SearchQuery } from '../electron/core/log-search.js';
import { searchNewestFirst } from '../electron/core/newest-first.js';
import { SEARCH_MAX_ROWS } from '../electron/ipc/contract-whole-log.js';
import { exportFromPath } from '../electron/core/export/export-saved-log.js';
import { RARE_HRESULT, requestEntries } from '../test/support/journal-traffic.js';
import { measureWindowOpen } from './window-open.js';

const MB = 1024 * 1024;
const PEAK_LIMIT_MB = 300;
const FILE_BYTES = 16 * MB;
/** Bytes per event in this traffic, measured: for the disk check. */
const BYTES_PER_EVENT = 330;
const START = Date.UTC(2026, 0, 5);
const WEEK_MS = 7 * 24 * 3600 * 1000;
const PEER_TIMEOUT_S = 240;
/** Free text a technician types from an error they were told of: one record in ~3,000. */
const TEXT = 'sim_not_inserted';
/** Its newest matches asked for, fewer than there are (~325 a million events). */
const TEXT_NEWEST = 100;
/** The hour around an incident a support engineer asks for: a Friday morning, 06:00-07:00. */
const HOUR = { from: Date.UTC(2026, 0, 9, 6), to: Date.UTC(2026, 0, 9, 7) };
/** The same hour as `grep -F` finds it in the lines' text. */
const HOUR_TEXT = '"time":"2026-01-09T06:';
/** An afternoon a technician is told of ("it failed on Friday afternoon"): 13:00-18:00. */
const AFTERNOON = { from: Date.UTC(2026, 0, 9, 13), to: Date.UTC(2026, 0, 9, 18) };
/** The same hours as `grep` finds them in the lines' text. */
const AFTERNOON_TEXT = '"time":"2026-01-09T1[3-7]:';

interface Measure {
  ms: number;
  peakMb: number;
  detail: string;
}

const peakMb = (): number => process.resourceUsage().maxRSS / 1024;

/** Requests (~2.9 events each) spread evenly over a week; ten are refused with E_ACCESSDENIED. */
function generate(
  dir: string,
  events: number,
): { files: string[]; bytes: number; records: number } {
  const requests = Math.ceil(events / 2.95);
  const rareEvery = Math.max(1, Math.floor(requests / 10));
  const step = WEEK_MS / requests;
  const files: string[] = [];
  let fileNo = 0;
  let fd = -1;
  let fileBytes = FILE_BYTES;
  let total = 0;
  let seq = 0;
  let chunk: string[] = [];
  let chunkBytes = 0;
  const flush = () => {
    const text = chunk.join('');
    writeSync(fd, text);
    chunk = [];
    chunkBytes = 0;
  };
  const line = (text: string) => {
    if (fileBytes >= FILE_BYTES) {
      if (fd !== -1) {
        flush();
        closeSync(fd);
      }
      fileNo += 1;
      const file = join(dir, journalFileName(fileNo));
      files.push(file);
      fd = openSync(file, 'w');
      fileBytes = 0;
    }
    chunk.push(text);
    chunkBytes += text.length;
    fileBytes += text.length;
    total += text.length;
    if (chunkBytes >= 4 * MB) flush();
  };
  const runStart = {
    v: 2,
    seq: ++seq,
    time: new Date(START).toISOString(),
    mono: 0,
    kind: 'run-start',
    format: 'mbn-diag-journal',
    runId: 'bench0search0',
    app: { name: 'mbn-diag', version: 'bench' },
    os: { platform: 'linux', release: 'x', arch: 'x64' },
    backend: { kind: 'simulator', label: 'bench', reason: 'bench' },
  };
  line(`${JSON.stringify(runStart)}\n`);
  writeFileSync(join(dir, 'run.json'), `${JSON.stringify(runStart)}\n`);
  // The JSON of each kind of record once, with the few fields that change spliced in: the same
  // bytes requestEntries() gives, without serialising ten million objects.
  const templates = new Map<string, string[]>();
  const shapes = (n: number): string[] => {
    const entries = requestEntries(n, { rareEvery, failEvery: 997 });
    const key = entries
      .map(
        (e) =>
          `${e.kind}:${'outcome' in e ? String(e.outcome) : ''}:${'serviceName' in e ? e.serviceName : ''}`,
      )
      .join('|');
    let shape = templates.get(key);
    if (!shape) {
      shape = entries.map((e) =>
        JSON.stringify(e)
          .slice(1)
          .replaceAll(`"r${String(n)}"`, '"r@REF@"')
          .replaceAll(`:${String(1000 + n)},`, ':@RID@,'),
      );
      templates.set(key, shape);
    }
    return shape;
  };
  for (let n = 1; n <= requests && seq < events; n++) {
    const mono = Math.round(n * step);
    const time = new Date(START + mono).toISOString();
    const head = `","mono":${String(mono)},`;
    const ref = String(n);
    const rid = String(1000 + n);
    for (const body of shapes(n))
      line(
        `{"v":2,"seq":${String(++seq)},"time":"${time}${head}${body.replace('@REF@', ref).replace('@RID@', rid)}\n`,
      );
  }
  flush();
  closeSync(fd);
  writeFileSync(join(dir, 'ended'), '');
  return { files, bytes: total, records: seq };
}

async function child(op: string, dir: string): Promise<Measure> {
  // Run from source, the helpers' scripts are built on first use (about 0.6 s); the app and the
  // CLI ship them built, so that is done before the clock starts: the export's too, for the hour
  // exported (as bench/export.ts does).
  await prepareIndexHelper();
  await prepareTextScanHelper();
  await prepareExportHelpers();
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const search = async (query: SearchQuery, maxHits?: number) => {
    // As the window and `mbn-diag search` search: each hit naming its command.
    const summary = await searchLog(dir, query, {
      numbering: 'position',
      commands: true,
      ...(maxHits === undefined ? {} : { maxHits }),
    });
    return `${String(summary.matches)} matches; buckets read ${String(summary.bucketsRead)}, skipped ${String(summary.bucketsSkipped)}${summary.indexed > 0 ? `; indexed ${String(summary.indexed)} files on the way` : ''}`;
  };
  switch (op) {
    case 'first-rows': {
      const log = await openLog(dir);
      const ms = elapsed();
      const rows = log.firstPage.records.length;
      log.close();
      return { ms, peakMb: peakMb(), detail: `${String(rows)} rows` };
    }
    case 'search-unindexed':
    case 'search-rare': {
      const detail = await search({ hresult: RARE_HRESULT });
      return { ms: elapsed(), peakMb: peakMb(), detail };
    }
    case 'search-failed-service': {
      const detail = await search({ outcomes: ['failed'], service: 'diagnostics' });
      return { ms: elapsed(), peakMb: peakMb(), detail };
    }
    case 'search-failed': {
      const detail = await search({ outcomes: ['failed'] });
      return { ms: elapsed(), peakMb: peakMb(), detail };
    }
    case 'search-problems': {
      // The window's Outcome = Any problem: this traffic's failures and its few refusals.
      const detail = await search({ problems: true });
      return { ms: elapsed(), peakMb: peakMb(), detail };
    }
    case 'search-failed-refused': {
      const detail = await search({ outcomes: ['failed', 'refused'] });
      return { ms: elapsed(), peakMb: peakMb(), detail };
    }
    case 'search-service': {
      // A service alone: a third of the log, found by its ID's bytes (search-query.ts).
      const detail = await search({ service: 'diagnostics' });
      return { ms: elapsed(), peakMb: peakMb(), detail };
    }
    case 'search-service-count': {
      // `--service diagnostics --limit 0`: every match counted, from the index's service counts.
      const detail = await search({ service: 'diagnostics' }, 0);
      return { ms: elapsed(), peakMb: peakMb(), detail };
    }
    case 'search-service-count-read': {
      // The same matches (every kind of this traffic's), which only reading counts: each line
      // holding the service's ID parsed, as `--service` alone was counted before.
      const kinds = ['request', 'request-returned', 'completion'];
      const detail = await search({ service: 'diagnostics', kinds }, 0);
      return { ms: elapsed(), peakMb: peakMb(), detail };
    }
    case 'search-failed-afternoon': {
      // "It failed on Friday afternoon": the index reads only the buckets of those hours.
      const detail = await search({
        outcomes: ['failed'],
        since: new Date(AFTERNOON.from).toISOString(),
        until: new Date(AFTERNOON.to).toISOString(),
      });
      return { ms: elapsed(), peakMb: peakMb(), detail };
    }
    case 'search-newest': {
      // "When did it last succeed?": the window's Newest first, its 5,000 newest successes of a
      // third of the log; from the index's counts, only the buckets that hold them are read.
      const summary = await searchNewestFirst(
        dir,
        { outcomes: ['succeeded'] },
        { numbering: 'position', commands: true, maxHits: SEARCH_MAX_ROWS },
      );
      return {
        ms: elapsed(),
        peakMb: peakMb(),
        detail: `${String(summary.delivered)} of ${String(summary.matches)} matches; buckets read ${String(summary.bucketsRead)}, skipped ${String(summary.bucketsSkipped)}`,
      };
    }
    case 'search-text-newest': {
      // "When did the SIM last go missing?": the newest 100 of the error's ~325 matches, newest
      // first. The index cannot count words, so the log is read whole, once.
      const summary = await searchNewestFirst(
        dir,
        { text: TEXT },
        { numbering: 'position', commands: true, maxHits: TEXT_NEWEST },
      );
      return {
        ms: elapsed(),
        peakMb: peakMb(),
        detail: `${String(summary.delivered)} of ${String(summary.matches)} matches; buckets read ${String(summary.bucketsRead)}, skipped ${String(summary.bucketsSkipped)}`,
      };
    }
    case 'search-text': {
      // The words of an error, in another case than the log writes them: every bucket is read.
      const detail = await search({ text: TEXT });
      return { ms: elapsed(), peakMb: peakMb(), detail };
    }
    case 'jump-end': {
      const log = await openIndexedLog(dir);
      const rows = await log.read(log.total - 500, 500);
      return {
        ms: elapsed(),
        peakMb: peakMb(),
        detail: `rows ${String(log.total - 499)}–${String(log.total)} (last seq ${String(rows[rows.length - 1]?.seq)})`,
      };
    }
    case 'jump-again': {
      // The window's second jump: the log was opened (and its files' indexes loaded) by the first.
      await openIndexedLog(dir);
      const again = performance.now();
      const log = await openIndexedLog(dir);
      const at = await log.positionAt(START + WEEK_MS * 0.3);
      const rows = await log.read(Math.max(0, at - 100), 200);
      return {
        ms: performance.now() - again,
        peakMb: peakMb(),
        detail: `row ${String(at + 1)}, ${String(rows.length)} rows around it`,
      };
    }
    case 'jump-time': {
      const log = await openIndexedLog(dir);
      const at = await log.positionAt(START + WEEK_MS * 0.61);
      const rows = await log.read(Math.max(0, at - 100), 200);
      return {
        ms: elapsed(),
        peakMb: peakMb(),
        detail: `row ${String(at + 1)}, ${String(rows.length)} rows around it`,
      };
    }
    case 'export-hour': {
      // The hour exported as JSON Lines, redacted, as the window and `mbn-diag export --from --to`
      // export it: through the index the first search saved beside the log.
      // Never into the log's own folder: the export refuses that, as it does for the app.
      const out = mkdtempSync(join(tmpdir(), 'mbn-bench-hour-'));
      const destination = join(out, 'hour.jsonl');
      const result = await exportFromPath({
        source: dir,
        format: 'jsonl',
        destination,
        app: { name: 'mbn-diag', version: 'bench' },
        range: HOUR,
      });
      const ms = elapsed();
      rmSync(out, { recursive: true });
      return {
        ms,
        peakMb: peakMb(),
        detail: `${result.records.toLocaleString('en-US')} records, ${(result.bytes / MB).toFixed(1)} MB`,
      };
    }
    case 'window': {
      // As the window opens the log once its files' indexes are beside them (the journal keeps
      // them as it writes; here the first search saved them): its first page, the whole log
      // reachable, then its newest rows. The figure is the time until all of those are sent.
      const w = await measureWindowOpen(dir);
      return {
        ms: w.completeSeconds * 1000,
        peakMb: w.peakMb,
        detail: `first page ${(w.firstSeconds * 1000).toFixed(0)} ms, whole log reachable ${(w.reachableSeconds * 1000).toFixed(0)} ms; ${w.rows.toLocaleString('en-US')} rows sent of ${w.records.toLocaleString('en-US')}`,
      };
    }
    default:
      throw new Error(`unknown measurement ${op}`);
  }
}

const CLI = fileURLToPath(new URL('../bin/mbn-diag.cjs', import.meta.url));
const CLI_BUNDLE = fileURLToPath(new URL('../dist/cli/mbn-diag.cjs', import.meta.url));

/**
 * `mbn-diag search <log> --hresult` as a technician runs it, timed as the peers are: first with
 * no index anywhere, then with the one it saved (in an index cache of its own: the log's folder is
 * left unindexed for the first search measured after it). Undefined, said loudly, when the CLI
 * is not built.
 */
function commandSearch(
  dir: string,
  fileCount: number,
): { unindexed: Measure | string; indexed: Measure | string } | undefined {
  if (!existsSync(CLI_BUNDLE)) {
    console.log('  mbn-diag search (the command)               NOT RUN: run `npm run build` first');
    return undefined;
  }
  const journal = mkdtempSync(join(tmpdir(), 'mbn-bench-cli-journal-'));
  try {
    // Its summary line (stderr) as the detail: how many matches, and that it built the index.
    const command = `env MBN_DIAG_JOURNAL_DIR='${journal}' '${process.execPath}' '${CLI}' search '${dir}' --hresult ${RARE_HRESULT} 2>&1 >/dev/null | head -1`;
    const unindexed = peer(command);
    show(`mbn-diag search, no index (${String(fileCount)} files)`, unindexed);
    const indexed = peer(command);
    show('mbn-diag search, index saved', indexed);
    return { unindexed, indexed };
  } finally {
    rmSync(journal, { recursive: true, force: true });
  }
}

function runChild(op: string, dir: string): Measure {
  const result = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--child', op, dir],
    {
      encoding: 'utf8',
      maxBuffer: 16 * MB,
    },
  );
  if (result.status !== 0) throw new Error(`benchmark child ${op} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as Measure;
}

/** A peer under /usr/bin/time: elapsed and max RSS, or why it did not run. */
function peer(command: string): Measure | string {
  const probe = spawnSync('sh', ['-c', `command -v ${command.split(' ')[0] ?? ''}`]);
  if (probe.status !== 0) return `not installed (apt-get install ${command.split(' ')[0] ?? ''})`;
  const result = spawnSync(
    '/usr/bin/time',
    ['-f', 'TIME %e %M', 'timeout', String(PEER_TIMEOUT_S), 'sh', '-c', command],
    {
      encoding: 'utf8',
      maxBuffer: 64 * MB,
    },
  );
  const stats = /TIME ([\d.]+) (\d+)/.exec(result.stderr);
  if (!stats) return `did not run: ${result.stderr.slice(0, 200)}`;
  const seconds = Number(stats[1]);
  if (result.status === 124 || seconds >= PEER_TIMEOUT_S - 0.5)
    return `still running after ${String(PEER_TIMEOUT_S)} s (stopped)`;
  return {
    ms: seconds * 1000,
    peakMb: Number(stats[2]) / 1024,
    detail: result.stdout.trim().split('\n').slice(-1)[0]?.slice(0, 60) ?? '',
  };
}

function show(label: string, m: Measure | string): void {
  if (typeof m === 'string') {
    console.log(`  ${label.padEnd(44)} ${m}`);
    return;
  }
  const time = m.ms >= 1000 ? `${(m.ms / 1000).toFixed(2)} s` : `${m.ms.toFixed(1)} ms`;
  const peak = `${m.peakMb.toFixed(0)} MB`;
  const flag = m.peakMb < PEAK_LIMIT_MB ? 'ok' : 'HIGH';
  // The load average beside each figure: on a shared machine a figure means little without it.
  const load = `load ${loadavg()[0]?.toFixed(2) ?? '?'}`;
  console.log(
    `  ${label.padEnd(44)} ${time.padStart(10)}   peak ${peak.padStart(7)} ${flag.padEnd(4)}  ${load}  ${m.detail}`,
  );
}

/** One of ours against its peer: ahead or behind, and by how much. */
function versus(label: string, ours: Measure, peerName: string, peer: Measure | string): void {
  const what = `${label} vs ${peerName}`.padEnd(62);
  if (typeof peer === 'string') {
    // A peer stopped at PEER_TIMEOUT_S took longer than that: any of ours that finished is ahead.
    const stopped = peer.startsWith('still running');
    console.log(
      `  ${what} ${stopped ? 'ahead: the peer was stopped' : 'no figure for the peer'} (${peer})`,
    );
    return;
  }
  const verdict =
    ours.ms <= peer.ms
      ? `ahead, ${(peer.ms / ours.ms).toFixed(1)}x`
      : `BEHIND, ${(ours.ms / peer.ms).toFixed(1)}x slower`;
  console.log(`  ${what} ${verdict}`);
}

function sizes(): number[] {
  const asked = process.env.BENCH_SEARCH_COUNTS?.split(',')
    .map(Number)
    .filter((n) => n > 0);
  const wanted = asked?.length ? asked : [1_000_000, 10_000_000];
  const free = statfsSync(tmpdir()).bavail * statfsSync(tmpdir()).bsize;
  return wanted.map((count) => {
    const need = count * BYTES_PER_EVENT * 1.2 + 512 * MB;
    if (need <= free) return count;
    const scaled = Math.floor((free - 512 * MB) / (BYTES_PER_EVENT * 1.2) / 100_000) * 100_000;
    console.log(
      `\n!!! ${tmpdir()} has ${(free / MB).toFixed(0)} MB free, too little for ${count.toLocaleString('en-US')} events (${(need / MB).toFixed(0)} MB): SCALED DOWN to ${scaled.toLocaleString('en-US')} events.`,
    );
    return scaled;
  });
}

function main(): void {
  for (const count of sizes()) {
    if (count <= 0) continue;
    const dir = mkdtempSync(join(tmpdir(), 'mbn-bench-search-'));
    try {
      const started = performance.now();
      const log = generate(dir, count);
      console.log(
        `\nA week-long kiosk log: ${log.records.toLocaleString('en-US')} events, ${(log.bytes / MB).toFixed(0)} MB in ${String(log.files.length)} journal files (generated in ${((performance.now() - started) / 1000).toFixed(1)} s, no index yet)`,
      );
      const files = log.files.map((f) => `'${f}'`).join(' ');
      console.log('mbn-diag:');
      const ours = (label: string, op: string): Measure => {
        const m = runChild(op, dir);
        show(label, m);
        return m;
      };
      const theirs = (label: string, command: string): Measure | string => {
        const m = peer(command);
        show(label, m);
        return m;
      };
      ours('first rows of the saved log', 'first-rows');
      const command = commandSearch(dir, log.files.length);
      const firstSearch = ours('rare HRESULT, first search (builds index)', 'search-unindexed');
      const jumpEnd = ours('jump to the end (index)', 'jump-end');
      ours('jump to a time (index)', 'jump-time');
      ours('jump to another time, log already open', 'jump-again');
      const rare = ours('rare HRESULT across everything (index)', 'search-rare');
      const failed = ours('failed requests of one service (index)', 'search-failed-service');
      const failedAll = ours('failed requests, every service (index)', 'search-failed');
      const problems = ours('any problem (index)', 'search-problems');
      const failedRefused = ours('failed or refused (index)', 'search-failed-refused');
      const service = ours('every record of one service (index)', 'search-service');
      const serviceCount = ours('one service counted, --limit 0 (index)', 'search-service-count');
      const serviceRead = ours(
        'one service counted by reading (+ every kind)',
        'search-service-count-read',
      );
      const afternoon = ours('failed in one afternoon (index)', 'search-failed-afternoon');
      const text = ours('free text, any case (index)', 'search-text');
      const textNewest = ours('free text, newest 100 first (index)', 'search-text-newest');
      const newest = ours('newest 5,000 successes, newest first (index)', 'search-newest');
      ours('opened in the window, newest rows in (index)', 'window');
      const hour = ours('one hour exported, JSON Lines (index)', 'export-hour');
      console.log('peers, same files:');
      const lnav = theirs(
        'lnav: open and go to the end',
        `lnav -n -c ':goto 100%' ${files} > /dev/null`,
      );
      const grepRare = theirs('grep -c rare HRESULT', `cat ${files} | grep -c ${RARE_HRESULT}`);
      // The lines grep finds are a superset (the name may stand in any field): a generous peer.
      const grepFailed = theirs(
        'grep failed requests of one service',
        `cat ${files} | grep '"outcome":"failed"' | grep -ci diagnostics`,
      );
      // The lines naming the service anywhere: a superset again.
      const grepService = theirs('grep -ci one service', `cat ${files} | grep -ci diagnostics`);
      const grepText = theirs('grep -ci free text', `cat ${files} | grep -ci ${TEXT}`);
      const grepAfternoon = theirs(
        'grep failed in one afternoon',
        `cat ${files} | grep '${AFTERNOON_TEXT}' | grep -c '"outcome":"failed"'`,
      );
      const grepHour = theirs(
        'grep -F one hour into a file',
        `cat ${files} | grep -F '${HOUR_TEXT}' > '${join(dir, 'peer-hour.jsonl')}'; wc -l < '${join(dir, 'peer-hour.jsonl')}'`,
      );
      // The files newest first, each read from its end: grep stops at its 5,000th line. Ours says
      // how many there are in all as well (333,002 at a million events): grep -c counts them.
      const newestFiles = [...log.files]
        .reverse()
        .map((f) => `'${f}'`)
        .join(' ');
      const tacNewest = theirs(
        'tac | grep -m 5000 newest, grep -c all',
        `tac ${newestFiles} | grep -m ${String(SEARCH_MAX_ROWS)} -F '"outcome":"succeeded"' > /dev/null; cat ${files} | grep -c -F '"outcome":"succeeded"'`,
      );
      const tacText = theirs(
        `tac | grep -m ${String(TEXT_NEWEST)} free text, grep -c all`,
        `tac ${newestFiles} | grep -m ${String(TEXT_NEWEST)} -i ${TEXT} > /dev/null; cat ${files} | grep -ci ${TEXT}`,
      );
      const jq = theirs(
        'jq select rare HRESULT',
        `cat ${files} | jq -c 'select(.hresult == "${RARE_HRESULT}")' | wc -l`,
      );
      // Each of ours beside the peer doing the same, so a figure behind its peer cannot hide in
      // the table (target: ahead of every peer).
      console.log('against the peers (target: ahead of every one):');
      versus('jump to the end', jumpEnd, 'lnav', lnav);
      versus('rare HRESULT, first search (builds index)', firstSearch, 'grep -c', grepRare);
      versus('rare HRESULT, first search (builds index)', firstSearch, 'jq', jq);
      versus('rare HRESULT (index)', rare, 'grep -c', grepRare);
      for (const [label, m] of [
        ['the command, start to end, no index yet', command?.unindexed],
        ['the command, start to end, index saved', command?.indexed],
      ] as const) {
        if (typeof m === 'object') versus(label, m, 'grep -c', grepRare);
        else if (m) console.log(`  ${label} vs grep -c: not measured (${m})`);
      }
      versus('failed requests of one service (index)', failed, 'grep', grepFailed);
      // Several outcomes' words beside one's: about as fast (they parsed every line of a bucket).
      versus('any problem (index)', problems, 'failed alone', failedAll);
      versus('failed or refused (index)', failedRefused, 'failed alone', failedAll);
      versus('every record of one service (index)', service, 'grep -ci', grepService);
      versus('one service counted, --limit 0 (index)', serviceCount, 'grep -ci', grepService);
      versus('one service counted, --limit 0 (index)', serviceCount, 'reading', serviceRead);
      versus('free text, any case (index)', text, 'grep -ci', grepText);
      versus('failed in one afternoon (index)', afternoon, 'grep', grepAfternoon);
      versus('free text, newest 100 first (index)', textNewest, 'tac | grep -m, grep -c', tacText);
      versus('newest 5,000 successes (index)', newest, 'tac | grep -m, grep -c', tacNewest);
      versus('one hour exported (index)', hour, 'grep -F', grepHour);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

const at = process.argv.indexOf('--child');
const only = process.argv.indexOf('--generate');
if (only !== -1) {
  // For profiling by hand: `--generate <dir> <events>` writes the log and stops.
  generate(process.argv[only + 1] ?? '', Number(process.argv[only + 2]));
} else if (at !== -1) {
  const op = process.argv[at + 1] ?? '';
  const dir = process.argv[at + 2] ?? '';
  void child(op, dir).then((m) => process.stdout.write(`${JSON.stringify(m)}\n`));
} else {
  main();
}
