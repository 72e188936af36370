/**
 * A busy live log's full window, on the Timeline tab (`node --import tsx bench/live-window-full.ts
 * [seconds]`): the app's preview against the real engine on test/fixtures/ui-fast-log.json (some
 * thousands of entries a second on this machine), in Debian's Chromium as the e2e specs run it.
 * Once the window holds its 250,000 rows it drops its oldest 25,000 every few seconds; each drop
 * froze the window about 2 s (the rows kept made again one by one, the timeline folded again at
 * once) and the log box over a log of 225,000 rows showed none, for seconds on end while it
 * followed live.
 *
 * Measured in the page for `seconds` (default 40) while the window fills, the baseline, and as
 * long once it is full and dropping: drops seen, frames a second, the longest tasks
 * (PerformanceObserver 'longtask') and their sum, and the frames whose log box showed no row
 * though the log held rows. Figures, not limits: the machine is shared (the load is printed).
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { openApp } from '../test/e2e/harness.js';

const SECONDS = Number(process.argv[2] ?? 40);

// The renderer as the app ships it (and the preview bridge).
execFileSync(process.execPath, ['scripts/build.mjs', 'renderer'], { stdio: 'inherit' });

interface Figures {
  drops: number;
  frames: number;
  tasks: number[];
  emptyFrames: number;
}

const s = await openApp({
  choice: 'simulator',
  scenarioPath: resolve('test/fixtures/ui-fast-log.json'),
});
try {
  await s.page.getByRole('button', { name: 'Timeline', exact: true }).click();
  // In the page, as a string: the tsx loader's helpers are not there.
  await s.page.evaluate(`(() => {
    const m = (window.__bench = { drops: 0, frames: 0, tasks: [], emptyFrames: 0, full: false });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) m.tasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
    let held = 0;
    const frame = () => {
      const count = Number(document.querySelector('.log-table')?.getAttribute('aria-rowcount') ?? 0);
      if (count < held - 1000) { m.drops++; m.full = true; }
      held = count;
      m.frames++;
      // Rows of the log box on screen: none while the log holds rows is an empty box.
      const box = document.querySelector('.log-scroll')?.getBoundingClientRect();
      let shown = 0;
      if (box)
        for (const row of document.querySelectorAll('.log-scroll .log-row')) {
          const r = row.getBoundingClientRect();
          if (r.bottom > box.top + 1 && r.top < box.bottom - 1) shown++;
        }
      if (shown === 0 && count > 1) m.emptyFrames++;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })()`);
  const take = (): Promise<Figures> =>
    s.page.evaluate(`(() => {
      const m = window.__bench;
      const out = { drops: m.drops, frames: m.frames, tasks: m.tasks, emptyFrames: m.emptyFrames };
      Object.assign(m, { drops: 0, frames: 0, tasks: [], emptyFrames: 0 });
      return out;
    })()`);
  const isFull = () => s.page.evaluate<boolean>('window.__bench.full');

  // The baseline: the window filling (after its first seconds, the initial page and layout).
  await s.page.waitForTimeout(5_000);
  await take();
  await s.page.waitForTimeout(SECONDS * 1000);
  const filling = await take();
  while (!(await isFull())) await s.page.waitForTimeout(500);
  await take();
  await s.page.waitForTimeout(SECONDS * 1000);
  const full = await take();

  console.log(
    `A live log of thousands of entries a second, Timeline tab, ${String(SECONDS)} s each (load ${loadavg()[0]?.toFixed(1) ?? '?'})`,
  );
  for (const [name, f] of [
    ['baseline: the window filling', filling],
    ['full: dropping its oldest rows', full],
  ] as const) {
    const tasks = [...f.tasks].sort((a, b) => b - a);
    const sum = tasks.reduce((a, b) => a + b, 0);
    console.log(
      `  ${name.padEnd(32)} drops ${String(f.drops).padStart(2)}  ${(f.frames / SECONDS).toFixed(0).padStart(3)} frames/s  longest tasks ${tasks.slice(0, 5).join(', ') || '-'} ms (all ${String(sum)} ms)  frames with the log box empty ${String(f.emptyFrames)}`,
    );
  }
  const errors = s.pageErrors.filter((e) => !e.includes('404'));
  if (errors.length > 0) console.log(`  page errors: ${errors.slice(0, 3).join(' | ')}`);
} finally {
  await s.close();
}
