/**
 * The live log's overview strip, asked for again every 5 s (renderer/src/timeline/Overview.tsx):
 * what each refresh costs main and the IPC, for a live run of 100,000 and 1,000,000 events (a
 * kiosk's request a second, written by the journal with its index writer, as the app's), whose
 * device has been failing for the last hour or so, so its newest buckets hold problems (what a
 * technician watches, and what the strip reads again to place them).
 *
 * Each refresh follows 5 s of traffic. Ours: the strip 1,000 columns wide asks for its columns,
 * and what the last overview read again is kept (log-overview.ts `OverviewReads`). Beside it, in
 * the same run on the same log, as before: every bin sent, and what was read again kept only by
 * the index's bucket objects, which the live file's index loaded afresh each time does not keep
 * (so its chosen buckets were read again at every refresh). Figures: bins and bytes of the answer
 * (its JSON, about what Electron's structured clone copies), main's time for it, buckets and MB
 * read again. `npm run bench -- overview` runs only this; BENCH_OVERVIEW_COUNTS=300000 picks sizes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ManualClock } from '../electron/core/clock.js';
import { openIndexedLog } from '../electron/core/indexed-log.js';
import { attachJournalIndex } from '../electron/core/journal-index-writer.js';
import { scanStretch } from '../electron/core/journal-index-scan.js';
import type { IndexBucket } from '../electron/core/journal-index.js';
import { Journal } from '../electron/core/journal.js';
import {
  OverviewReads,
  overviewOfLog,
  type LogOverview,
  type ScanStretch,
} from '../electron/core/log-overview.js';
import { requestEntries } from '../test/support/journal-traffic.js';

const COUNTS = (process.env.BENCH_OVERVIEW_COUNTS ?? '100000,1000000')
  .split(',')
  .map((n) => Number(n.trim()))
  .filter((n) => n > 0);
/** The strip's width on a 1366-pixel screen's timeline, about. */
const COLUMNS = 1000;
const REFRESHES = 5;
/** A kiosk's traffic in the 5 s between refreshes: a request a second, three events each. */
const REQUESTS_PER_REFRESH = 5;
/** The last requests, failing one in seven (an hour and more of them at a request a second). */
const FAILING_LAST = 5000;

/** As before: a bucket read again is found again only as the same object of the same index. */
class BeforeReads extends OverviewReads {
  private readonly byObject = new WeakMap<IndexBucket, object>();
  override known(file: string, bucket: IndexBucket, column: number) {
    return this.byObject.has(bucket) ? super.known(file, bucket, column) : undefined;
  }
  seen(buckets: readonly { bucket: IndexBucket }[]): void {
    for (const { bucket } of buckets) this.byObject.set(bucket, bucket);
  }
}

interface Refresh {
  ms: number;
  bins: number;
  bytes: number;
  buckets: number;
  mb: number;
}

/** One overview of the live run as LogSearchJobs.overview makes it (no range, no prefix). */
async function overviewOf(
  journal: Journal,
  reads: OverviewReads,
  columns: number | undefined,
): Promise<{ overview: LogOverview; refresh: Refresh }> {
  const counted = { buckets: 0, bytes: 0 };
  const scan: ScanStretch = (file, from, until, cut) => {
    counted.buckets += 1;
    counted.bytes += until - from;
    return scanStretch(file, from, until, cut);
  };
  const started = performance.now();
  journal.flush();
  const log = await openIndexedLog(journal.runDir, { save: false });
  const overview = await overviewOfLog(
    { parts: log.parts, buckets: log.buckets, prefix: [] },
    { scan, reads, ...(columns === undefined ? {} : { columns }) },
  );
  const ms = performance.now() - started;
  if (reads instanceof BeforeReads) reads.seen(log.buckets);
  const bytes = JSON.stringify(overview).length;
  return {
    overview,
    refresh: {
      ms,
      bins: overview.bins.length,
      bytes,
      buckets: counted.buckets,
      mb: counted.bytes / 1024 / 1024,
    },
  };
}

async function measure(events: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mbn-bench-overview-'));
  const clock = new ManualClock(Date.UTC(2026, 0, 5));
  const journal = new Journal({
    dir,
    clock,
    runStart: {
      app: { name: 'mbn-diag', version: 'bench' },
      os: { platform: 'linux', release: 'x', arch: 'x64' },
      backend: { kind: 'simulator', label: 'bench', reason: 'bench' },
    },
  });
  attachJournalIndex(journal);
  const requests = Math.ceil(events / 3);
  let n = 0;
  const write = (count: number) => {
    for (let i = 0; i < count; i++) {
      n += 1;
      clock.advance(1000);
      const failing = n > requests - FAILING_LAST && n % 7 === 0;
      for (const entry of requestEntries(n, { rareEvery: 5000, failEvery: failing ? 1 : 1e9 }))
        journal.append(entry);
      if (n % 2000 === 0) journal.flush();
    }
    journal.flush();
  };
  try {
    const writing = performance.now();
    write(requests);
    // A second on, the index writer has saved its sidecar of the closed buckets, as in the app.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    write(1);
    const written = (performance.now() - writing) / 1000;
    console.log(
      `\n${journal.lastSeq.toLocaleString('en')} events live (written in ${written.toFixed(1)} s), ` +
        `strip ${String(COLUMNS)} columns, ${String(REQUESTS_PER_REFRESH * 3)} events between refreshes`,
    );
    const ours = new OverviewReads();
    const before = new BeforeReads();
    const first = await overviewOf(journal, ours, COLUMNS);
    await overviewOf(journal, before, undefined);
    console.log(
      `  first overview: ${first.refresh.ms.toFixed(0)} ms, ${String(first.refresh.buckets)} ` +
        `buckets (${first.refresh.mb.toFixed(1)} MB) read again`,
    );
    const rows: { ours: Refresh; before: Refresh }[] = [];
    for (let i = 0; i < REFRESHES; i++) {
      write(REQUESTS_PER_REFRESH);
      // Alternated, so that neither always finds the files in the page cache after the other.
      const a = i % 2 === 0 ? await overviewOf(journal, ours, COLUMNS) : undefined;
      const b = await overviewOf(journal, before, undefined);
      const c = a ?? (await overviewOf(journal, ours, COLUMNS));
      rows.push({ ours: c.refresh, before: b.refresh });
      if (c.overview.records !== b.overview.records) throw new Error('the two counted apart');
    }
    const line = (name: string, pick: (r: { ours: Refresh; before: Refresh }) => Refresh) => {
      const all = rows.map(pick);
      const median = (values: number[]) =>
        [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0;
      console.log(
        `  ${name.padEnd(8)} ${String(median(all.map((r) => r.bins))).padStart(6)} bins  ` +
          `${(median(all.map((r) => r.bytes)) / 1024).toFixed(1).padStart(7)} KB  ` +
          `${median(all.map((r) => r.ms))
            .toFixed(0)
            .padStart(5)} ms  ` +
          `${String(median(all.map((r) => r.buckets))).padStart(3)} buckets ` +
          `(${median(all.map((r) => r.mb)).toFixed(1)} MB) read again   [median of ${String(REFRESHES)} refreshes]`,
      );
    };
    line('ours', (r) => r.ours);
    line('before', (r) => r.before);
  } finally {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const events of COUNTS) await measure(events);
