/**
 * A saved log larger than the window, as the e2e specs of a large log's first page open it (a
 * .jsonl, and a bundle made of it): the smallest that shows the window keeping its first page
 * while the newest rows come in. A request a second (three entries each), with a quiet night a
 * third in that the window does not hold, so the entries not loaded span hours. And the hold on
 * main's answer that starts the newest rows, so a spec scrolls and selects before they come in.
 */
import type { Page } from 'playwright-core';
import { SavedLogs } from '../../electron/ipc/saved-logs.js';
import { WINDOW_ROWS } from '../../shared/log-window.js';
import { requestEntries } from '../support/journal-traffic.js';

export const START = Date.UTC(2026, 0, 5, 8);
/** Entries in the first page main sends (MAX_PAGE). */
export const FIRST_PAGE = 2000;
export const ENTRIES = FIRST_PAGE + 12_000 + WINDOW_ROWS;
const NIGHT_MS = 6 * 3600_000;

/** The log's lines (no trailing newline) and each one's time. */
export function largeLogLines(): { lines: string[]; times: number[] } {
  const lines: string[] = [];
  const times: number[] = [];
  for (let n = 1; lines.length < ENTRIES; n++) {
    const time = START + n * 1000 + (n > 4000 ? NIGHT_MS : 0);
    for (const entry of requestEntries(n, { failEvery: 500 })) {
      if (lines.length === ENTRIES) break;
      const seq = lines.length + 1;
      lines.push(
        JSON.stringify({ v: 2, seq, time: new Date(time).toISOString(), mono: n, ...entry }),
      );
      times.push(time);
    }
  }
  return { lines, times };
}

/**
 * Holds back main's answer that starts a large log's newest rows (the page marked `restart`) until
 * `release`: the window keeps asking for nothing else meanwhile. Held in main's own handler (the
 * preview runs in this process), not on the page's socket: relayed through the test for every
 * page, the 250,000 rows took 54 s to come in where the window itself takes 12.
 */
export function holdNewest(holdAtFirst = false): {
  hold: (on: boolean) => void;
  release: () => void;
  restore: () => void;
} {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called on its own `this` below
  const { next } = SavedLogs.prototype;
  let holding = holdAtFirst;
  let released: (() => void)[] = [];
  SavedLogs.prototype.next = async function (this: SavedLogs, logId: number) {
    const page = await next.call(this, logId);
    if (holding && page.restart) await new Promise<void>((go) => released.push(go));
    return page;
  };
  return {
    hold: (on) => (holding = on),
    release: () => {
      holding = false;
      for (const go of released) go();
      released = [];
    },
    restore: () => (SavedLogs.prototype.next = next),
  };
}

/**
 * The saved log's view as the specs read it: its banner, log, timeline and where they are.
 * `page`: the spec's page, once its app is open.
 */
export function savedView(page: () => Page) {
  const region = () => page().locator('main.saved-view');
  const scroll = () => region().locator('.log-scroll');
  const canvas = () => region().locator('.timeline-stage canvas');
  /** The row at the top of the log's screen: its seq, and its time (from its time cell). */
  const top = () =>
    scroll().evaluate((el) => {
      const edge = el.getBoundingClientRect().top;
      const row = [...el.querySelectorAll<HTMLElement>('.log-row')]
        .filter((r) => r.getBoundingClientRect().bottom > edge + 1)
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0];
      return {
        seq: Number(row?.dataset.seq),
        time: Date.parse(row?.querySelector('[title]')?.getAttribute('title') ?? ''),
      };
    });
  return {
    region,
    banner: () => page().getByRole('region', { name: /Saved log \(read-only\)/ }),
    scroll,
    canvas,
    /** The span of time the timeline shows. */
    shownTimes: async () => ({
      t0: Number(await canvas().getAttribute('data-t0')),
      t1: Number(await canvas().getAttribute('data-t1')),
    }),
    topRow: async () => (await top()).seq,
    topTime: async () => (await top()).time,
  };
}
