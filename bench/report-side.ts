/**
 * The report side alone (report-formats.ts): what the bundle's report helper thread does, fed a
 * bundle's JSON Lines entry in 1 MiB pieces. Prints its CPU time and a hash of the report and
 * trace, so two builds can be compared on the same entry (interleave them: the machine may be
 * shared, and CPU time is steadier than wall time there).
 *
 * `node --import tsx bench/report-side.ts <entry.jsonl> [--runs N] [--helper]`
 * The entry: a JSON Lines export, or a bundle's mbn-diag-log.jsonl. Without --helper the work runs
 * on this thread (add `--cpu-prof` to see where its time goes); with it, on the helper thread as a
 * bundle runs it (its memory limits included), and the helper thread's own CPU time is read from
 * /proc (Linux).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { ReportFormats, type ReportOutput } from '../electron/core/export/report-formats.js';
import { openReportSide, prepareReportHelper } from '../electron/core/export/report-side.js';

const CONTEXT = {
  app: { name: 'mbn-diag', version: 'bench' },
  generatedAt: '2026-05-01T10:00:00.000Z',
  redacted: true,
  sourceLabel: 'bench',
};
const PIECE = 1 << 20;

/** CPU seconds of each thread of this process so far, by thread ID (Linux; else empty). */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, (Number(fields[11]) + Number(fields[12])) / 100);
    }
  } catch {
    // Not Linux: no per-thread figure.
  }
  return out;
}

async function run(entry: Buffer, helper: boolean): Promise<void> {
  // Each text hashed on its own: where it was cut into buffers depends on the thread.
  const html = createHash('sha256');
  // The report's log, which its file holds after the rest (ReportOutput.later).
  const later = createHash('sha256');
  const trace = createHash('sha256');
  let bytes = 0;
  const take = (out: ReportOutput): void => {
    for (const b of out.html) html.update(b);
    for (const b of out.later) later.update(b);
    for (const b of out.trace) trace.update(b);
    bytes += [...out.html, ...out.later, ...out.trace].reduce((sum, b) => sum + b.length, 0);
  };
  const before = threadCpu();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let helperCpu = '';
  if (helper) {
    const side = await openReportSide(CONTEXT);
    for (let at = 0; at < entry.length; at += PIECE) {
      await side.lines([entry.subarray(at, Math.min(entry.length, at + PIECE))]);
      take(side.take());
    }
    take((await side.finish([], 0)).out);
    // The helper's thread is the one that appeared since, and did the most.
    const spent = [...threadCpu()].filter(([tid]) => !before.has(tid)).map(([, s]) => s);
    helperCpu = `, helper thread ${Math.max(0, ...spent).toFixed(2)} s CPU`;
    await side.close();
  } else {
    const formats = new ReportFormats(CONTEXT);
    for (let at = 0; at < entry.length; at += PIECE) {
      formats.lines(Buffer.from(entry.subarray(at, Math.min(entry.length, at + PIECE))));
      take(formats.drain());
    }
    take(formats.finish([]));
  }
  const used = process.cpuUsage(cpu);
  console.log(
    `report side${helper ? ' (helper)' : ''}: ${((performance.now() - started) / 1000).toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s process CPU${helperCpu}, ${(bytes / 1048576).toFixed(0)} MB out, sha ${html.digest('hex').slice(0, 8)}+${later.digest('hex').slice(0, 8)}/${trace.digest('hex').slice(0, 8)}, load ${loadavg()[0]?.toFixed(1) ?? '?'}`,
  );
}

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 1;
const helper = args.includes('--helper');
const entry = readFileSync(args[0] ?? '');
if (helper) await prepareReportHelper();
for (let i = 0; i < runs; i++) await run(entry, helper);
