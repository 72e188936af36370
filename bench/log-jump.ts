/**
 * A jump in a full window (issue 14's week-long log): a page of 2,000 rows put in before the
 * newest 250,000 (`node --expose-gc --import tsx bench/log-jump.ts [runs]`). The renderer's own
 * LogModel and TimelineModel, plain TS, so plain Node runs them; rows made as main makes them
 * (bench/timeline-rows.ts), each page copied as IPC copies it.
 *
 * Beside each figure, in the same run and alternately (the machine is shared): the baseline, the
 * window made again with the page in it (`insertAside` + `mergeAside`, the one pass every jump took
 * before `insert` put a page in place), and the timeline folded at once. Ours: `insert`, with no
 * filter and with the outcome filter "failed", and the timeline folded in 12 ms slices: its
 * longest slice (what a frame waits for) and all its slices together. The load average is
 * printed beside: on a shared 2-core machine wall clocks are rough.
 *
 * Then a busy live log's full window taking its next batch (100 rows), which drops its oldest
 * 25,000 (every few seconds at thousands of entries a second): the baseline, the 225,000 rows kept
 * made into rows and kept again one by one (`pushFrom`, what each drop did), and the timeline
 * folded again at once; ours, `insert` (the rows kept copied as they are kept: RowColumns
 * `without`), and the timeline folded in 12 ms slices.
 */
import { loadavg } from 'node:os';
import type { LogRow } from '../electron/ipc/contract.js';
import { NO_FILTER } from '../renderer/src/store/log-filter.js';
import { LogModel } from '../renderer/src/store/log-model.js';
import { RowColumns } from '../renderer/src/store/row-columns.js';
import { TimelineModel } from '../renderer/src/timeline/timeline-model.js';
import { rowPages } from './timeline-rows.js';

const RUNS = Number(process.argv[2] ?? 3);
const gc = (globalThis as { gc?: () => void }).gc;
const all = [...rowPages(200_000)].flatMap((page) => structuredClone(page));
const firstPage = all.slice(0, 2_000);
const newest = all.slice(all.length - 250_000);

function fullWindow(failed: boolean): LogModel {
  const model = new LogModel();
  model.insert(firstPage);
  model.keepBefore(newest[0]?.seq ?? 0);
  for (let i = 0; i < newest.length; i += 2_000) model.insert(newest.slice(i, i + 2_000));
  if (failed) model.setFilter({ ...NO_FILTER, outcome: 'failed' });
  return model;
}

function page(run: number): LogRow[] {
  const at = 20_000 + run * 30_000;
  return structuredClone(all.slice(at, at + 2_000));
}

function ms(work: () => void): number {
  gc?.();
  const start = performance.now();
  work();
  return performance.now() - start;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const figures = new Map<string, number[]>();
const note = (name: string, value: number) => {
  const values = figures.get(name) ?? [];
  figures.set(name, values);
  values.push(value);
};

for (let run = 0; run < RUNS; run++) {
  for (const failed of [false, true]) {
    const label = failed ? 'filter failed' : 'no filter';
    const base = fullWindow(failed);
    const rows = page(run);
    note(
      `baseline: window made again (${label})`,
      ms(() => {
        base.insertAside(rows);
        base.mergeAside();
      }),
    );
    const ours = fullWindow(failed);
    note(
      `ours: insert (${label})`,
      ms(() => ours.insert(page(run))),
    );
  }
  const model = fullWindow(false);
  const timeline = new TimelineModel();
  timeline.sync(model.rows);
  model.insert(page(run));
  note(
    'baseline: timeline folded at once',
    ms(() => new TimelineModel().sync(model.rows)),
  );
  const { longest, total } = slices(timeline, model.rows);
  note('ours: timeline, longest slice', longest);
  note('ours: timeline, all slices', total);
}

/** Folds `rows` in 12 ms slices as the window does: its longest slice, and all of them. */
function slices(
  timeline: TimelineModel,
  rows: LogModel['rows'],
): { longest: number; total: number } {
  let longest = 0;
  const total = ms(() => {
    while (longest === 0 || timeline.rebuilding) {
      const start = performance.now();
      timeline.sync(rows, false, 12);
      longest = Math.max(longest, performance.now() - start);
    }
  });
  return { longest, total };
}

function print(title: string): void {
  console.log(`${title} (${String(RUNS)} runs, load ${loadavg()[0]?.toFixed(1) ?? '?'})`);
  for (const [name, values] of figures)
    console.log(
      `  ${name.padEnd(44)} median ${median(values).toFixed(1).padStart(8)} ms  (${values.map((v) => v.toFixed(0)).join(', ')})`,
    );
  figures.clear();
}

print('A jump: 2,000 rows into a window of 2,000 + 250,000');

/** A live window holding `all`'s first 250,000 rows: full, its next batch drops 25,000. */
function liveWindow(): LogModel {
  const model = new LogModel();
  for (let i = 0; i < 250_000; i += 2_000) model.insert(all.slice(i, i + 2_000));
  return model;
}

for (let run = 0; run < RUNS; run++) {
  const batch = structuredClone(all.slice(250_000 + run * 100, 250_000 + (run + 1) * 100));
  const base = liveWindow();
  note(
    'baseline: the rows kept made again',
    ms(() => {
      const kept = new RowColumns();
      for (let i = 25_000; i < base.rows.length; i++) kept.pushFrom(base.rows, i);
    }),
  );
  const ours = liveWindow();
  const timeline = new TimelineModel();
  timeline.sync(ours.rows);
  note(
    'ours: insert',
    ms(() => ours.insert(batch)),
  );
  if (ours.rows.length !== 225_100) throw new Error(`kept ${String(ours.rows.length)} rows`);
  note(
    'baseline: timeline folded at once',
    ms(() => new TimelineModel().sync(ours.rows)),
  );
  const { longest, total } = slices(timeline, ours.rows);
  note('ours: timeline, longest slice', longest);
  note('ours: timeline, all slices', total);
}

print('A drop: a full live window of 250,000 takes 100 rows more, and drops its oldest 25,000');
