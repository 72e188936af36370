/**
 * A busy live log's full window, on the Live timeline tab (`node --import tsx bench/live-window-full.ts
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
 *
 * Then, the window full, Go to time to the session's first seconds (rows the window dropped, put
 * back in among the 250,000 as a jump's page): how long until the timeline draws the stretch
 * jumped to (a stretch not loaded between it and the window's rows), and the longest tasks
 * meanwhile. It drew it only once it had folded every row of the window again, seconds on a
 * loaded machine.
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

const started = Date.now();
const s = await openApp({
  choice: 'simulator',
  scenarioPath: resolve('test/fixtures/ui-fast-log.json'),
  timezoneId: 'UTC',
});
try {
  await s.page.getByRole('button', { name: 'Live timeline', exact: true }).click();
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

  // Go to time, to the session's first seconds: long dropped from the window.
  const target = new Date(Math.ceil((started + 5_000) / 1000) * 1000);
  await s.page.getByRole('button', { name: 'Search whole log…' }).click();
  const when = s.page.getByLabel(/^Go to time/);
  await when.fill(target.toISOString().slice(0, 19).replace('T', ' '));
  await s.page.evaluate(`(() => {
    const m = window.__bench;
    m.tasks = [];
    const canvas = document.querySelector('.timeline-stage canvas');
    const before = Number(canvas?.dataset.notLoaded);
    m.logIn = -1;
    m.jump = new Promise((done) => {
      const from = performance.now();
      setTimeout(() => done(-1), 120_000);
      // Drawn with the rows brought in: a stretch not loaded between them and the window's. The
      // log showing the entry gone to, selected, is when the rows came in.
      const frame = () => {
        if (m.logIn < 0 && document.querySelector('.log-scroll .log-row.is-selected'))
          m.logIn = Math.round(performance.now() - from);
        if (Number(canvas?.dataset.notLoaded) > before) done(Math.round(performance.now() - from));
        else requestAnimationFrame(frame);
      };
      document.addEventListener('keydown', () => requestAnimationFrame(frame), { once: true, capture: true });
    });
  })()`);
  await when.press('Enter');
  const shownIn = await s.page.evaluate<number>('window.__bench.jump');
  const logIn = await s.page.evaluate<number>('window.__bench.logIn');
  const jumpTasks = await s.page.evaluate<number[]>('window.__bench.tasks');

  console.log(
    `A live log of thousands of entries a second, Live timeline tab, ${String(SECONDS)} s each (load ${loadavg()[0]?.toFixed(1) ?? '?'})`,
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
  const longest = [...jumpTasks].sort((a, b) => b - a);
  console.log(
    `  Go to time, the session's first seconds: the log shows them in ${String(logIn)} ms (main's seek), the timeline draws them in ${shownIn < 0 ? 'over 120,000' : String(shownIn)} ms, ${logIn < 0 || shownIn < 0 ? '?' : String(shownIn - logIn)} ms after the log  longest tasks meanwhile ${longest.slice(0, 5).join(', ') || '-'} ms`,
  );
  const errors = s.pageErrors.filter((e) => !e.includes('404'));
  if (errors.length > 0) console.log(`  page errors: ${errors.slice(0, 3).join(' | ')}`);
} finally {
  await s.close();
}
