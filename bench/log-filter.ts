/**
 * Issue 14: the log's filters over a saved log of about 211,000 kept rows, the renderer's own
 * LogModel (plain TS, so plain Node runs it): `npm run bench -- log-filter`, or
 * `node --expose-gc --import tsx bench/log-filter.ts [spans]` (default 100,000 requests, the
 * timeline bench's app path: about 211,000 rows).
 *
 * The rows are made as main makes them (bench/timeline-rows.ts: journal records through the real
 * `toLogRow`), a page at a time, each page copied as IPC copies it (structuredClone), and kept by
 * the LogModel, as a saved log opens. Beside it, in the same run, the baseline: the object rows
 * the model kept before its columns (a plain array of the lean rows kept-row.ts makes, read by the
 * same shared readers) filtered by the per-row rules (`rowMatches`), as that model did.
 *
 * Timed, by CPU time (process.cpuUsage: user + system, so another process taking the core does
 * not count; each timing begun after a full collection and a 50 ms pause, as the collector's helper
 * threads count too and would bill their sweep to the next scan), best of RUNS, ours and the
 * baseline interleaved in each run:
 *   - outcome "failed", outcome "problems", kind "completion": from no filter;
 *   - text "e_fail" from scratch (no filter before), and needles with digits ("0x80004005", an
 *     HRESULT; "#4242", a request ID), which tell rows apart by their numbers, and a needle with a
 *     space ("e_fail (", and "data session" whose words are in most rows), which may span two
 *     of a row's pieces;
 *   - typing "e", "e_", … "e_fail" one keystroke at a time, from no filter: the sum.
 * Each of ours must select the very rows of the baseline (checked here, by seq) and cost no more.
 * The load average is printed beside the figures: the machine may be shared.
 */
import { cpuUsage, memoryUsage } from 'node:process';
import { loadavg } from 'node:os';
import type { LogRow } from '../electron/ipc/contract.js';
import { keptRow } from '../renderer/src/store/kept-row.js';
import { NO_FILTER, rowMatches, type LogFilter } from '../renderer/src/store/log-filter.js';
import { LogModel } from '../renderer/src/store/log-model.js';
import { rowPages } from './timeline-rows.js';

const RUNS = 10;
const spans = Number(process.argv[2] ?? 100_000);
const load = (): string => `load ${loadavg()[0]?.toFixed(1) ?? '?'}`;
const gc = (globalThis as { gc?: () => void }).gc;

/** CPU time of `work`, begun once the collector's helper threads (counted too) are done. */
async function cpuMs(work: () => void): Promise<number> {
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const start = cpuUsage();
  work();
  const used = cpuUsage(start);
  return (used.user + used.system) / 1000;
}

// Ours: the model as a saved log fills it.
const model = new LogModel();
// The baseline: the rows as the object-row model kept them.
const objects: LogRow[] = [];
for (const page of rowPages(spans)) {
  const copy = structuredClone(page);
  model.insert(copy);
  for (const row of structuredClone(page)) objects.push(keptRow(row.seq, row.hresult, row.record));
}
gc?.();
console.log(
  `${String(model.rows.length)} rows kept; heap ${(memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB (both models); ${load()}`,
);

interface Scenario {
  name: string;
  /** The filters set one after the other, from no filter. */
  steps: LogFilter[];
}

const typed = (text: string): LogFilter => ({ ...NO_FILTER, text });
const SCENARIOS: Scenario[] = [
  { name: 'outcome "failed"', steps: [{ ...NO_FILTER, outcome: 'failed' }] },
  { name: 'outcome "problems"', steps: [{ ...NO_FILTER, outcome: 'problems' }] },
  { name: 'kind "completion"', steps: [{ ...NO_FILTER, kind: 'completion' }] },
  { name: 'text "e_fail" from scratch', steps: [typed('e_fail')] },
  // Needles with digits: each row's numbers are read (an HRESULT's hex, a request ID).
  { name: 'text "0x80004005" from scratch', steps: [typed('0x80004005')] },
  { name: 'text "#4242" from scratch', steps: [typed('#4242')] },
  // A needle with a space may span two of a row's pieces: each row's whole haystack is made.
  { name: 'text "e_fail (" from scratch', steps: [typed('e_fail (')] },
  // A needle with a space whose every word is in most rows: the haystack of nearly all is made.
  { name: 'text "data session" from scratch', steps: [typed('data session')] },
  {
    name: 'typing "e" … "e_fail"',
    steps: ['e', 'e_', 'e_f', 'e_fa', 'e_fai', 'e_fail'].map(typed),
  },
];

/** The baseline's filter: every row tested by the per-row rules, as the object-row model did. */
function baselineFilter(filter: LogFilter): LogRow[] {
  const needle = filter.text.trim().toLowerCase();
  return objects.filter((row) => rowMatches(row, filter, needle));
}

function oursSeqs(): number[] {
  const out: number[] = [];
  const visible = model.visible;
  for (let i = 0; i < visible.length; i++) out.push(visible.seqAt(i) ?? -1);
  return out;
}

function sameSeqs(a: number[], b: readonly LogRow[]): boolean {
  return a.length === b.length && b.every((row, i) => row.seq === a[i]);
}

let mismatches = 0;
console.log(`best of ${String(RUNS)} runs, CPU ms (ours | object rows, same run)`);
for (const scenario of SCENARIOS) {
  let ours = Infinity;
  let base = Infinity;
  let shown = 0;
  for (let run = 0; run < RUNS; run++) {
    model.setFilter(NO_FILTER);
    ours = Math.min(
      ours,
      await cpuMs(() => {
        for (const step of scenario.steps) model.setFilter(step);
      }),
    );
    let baseRows: LogRow[] = [];
    base = Math.min(
      base,
      await cpuMs(() => {
        for (const step of scenario.steps) baseRows = baselineFilter(step);
      }),
    );
    if (run === 0) {
      shown = baseRows.length;
      if (!sameSeqs(oursSeqs(), baseRows)) {
        mismatches += 1;
        console.log(`  ${scenario.name}: MISMATCH, ours selected other rows than the baseline`);
      }
    }
  }
  console.log(
    `  ${scenario.name.padEnd(30)} ${ours.toFixed(1).padStart(7)} | ${base.toFixed(1).padStart(7)}  (${String(shown)} rows shown; ${load()})`,
  );
}
model.setFilter(NO_FILTER);
if (mismatches > 0) process.exitCode = 1;
