/**
 * The log list's line where a saved log's rows do not follow on, and its button. A technician
 * scrolling down from #2000 of a large saved log saw #14001 next, nothing between them saying
 * 12,000 entries were not loaded, nor how to see them. Drawn as the list draws it (React's own
 * rendering of the window's first frame: the first 27 slots, unscrolled; its stores as they
 * start), and the button's action through the bridge main answers on.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { LogRow } from '../../electron/ipc/contract';
import { toLogRow } from '../../electron/ipc/log-row';
import { savedLogState } from '../support/saved-log-state';
import { HoleLine } from '../../renderer/src/components/HoleLine';
import { LogList } from '../../renderer/src/components/LogList';
import { loadHole } from '../../renderer/src/search/search-actions';
import { useFiles } from '../../renderer/src/store/files-store';
import { LogModel } from '../../renderer/src/store/log-model';
import { LogSourceContext, type LogSource } from '../../renderer/src/store/log-source';
import { createLogStore } from '../../renderer/src/store/log-store';

const TIME = '2026-01-05T08:00:00.000Z';
const entries = (from: number, to: number): LogRow[] =>
  Array.from({ length: to - from + 1 }, (_, i) =>
    toLogRow({
      ...{ v: 2, seq: from + i, time: TIME, mono: from + i, kind: 'error' },
      ...{ message: `entry ${String(from + i)}`, context: 'c' },
    }),
  );

/** A log source holding #1–#12 and, after entries not loaded, #5001–#5006. */
function holding(live: boolean): LogSource {
  const model = new LogModel();
  model.insert(entries(1, 12));
  model.keepBefore(5001);
  model.insert(entries(5001, 5006));
  return { model, store: createLogStore(), live, ended: () => true };
}

/**
 * The list as drawn with its store as it is now (React's server rendering reads a store as it
 * started: a store that starts where this one is).
 */
const list = (source: LogSource) => {
  const now = source.store.getState();
  const drawn = { ...source, store: create<typeof now>()(() => now) };
  return renderToStaticMarkup(
    <LogSourceContext.Provider value={drawn}>
      <LogList />
    </LogSourceContext.Provider>,
  );
};

/** The list's rows and lines as a screen reader goes through them: index and words. */
function tableRows(html: string): string[] {
  const body = html.slice(html.indexOf('id="log"'));
  return [...body.matchAll(/<div role="row" aria-rowindex="(\d+)"[^>]*>(.*?)<\/div>/g)].map(
    ([, index, inner]) =>
      `${String(index)} ${(inner ?? '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()}`,
  );
}

type Invoke = (channel: string, payload: unknown) => Promise<unknown>;
function bridge(invoke: Invoke): void {
  const api = {
    invoke: async (channel: string, payload: unknown) => {
      try {
        return { ok: true, value: await invoke(channel, payload) };
      } catch (error) {
        return { ok: false, error: { code: 'search-failed', message: (error as Error).message } };
      }
    },
    on: () => () => undefined,
  };
  Object.assign(globalThis, { window: { mbnDiag: api } });
}

/** The saved log open in the window is main's log `logId`. */
function openedAs(logId: number): void {
  useFiles.setState({
    saved: savedLogState({ logId, count: 5006 }),
  });
}

afterEach(() => {
  Reflect.deleteProperty(globalThis, 'window');
  useFiles.setState({ saved: null });
});

describe('the log’s line where its rows do not follow on', () => {
  it('says between a saved log’s rows how many entries are not loaded and which, with a button', () => {
    const html = list(holding(false));
    const rows = tableRows(html);
    expect(rows[11]).toMatch(/^13 12 /);
    expect(rows[12]).toBe(
      '14 4,988 entries not loaded (#13–#5000): still in the file. Load entries #13–#2012',
    );
    expect(rows[13]).toMatch(/^15 5001 /);
    // The table counts it among its rows (and the heading).
    expect(html).toContain('aria-rowcount="20"');
    expect(html).toMatch(
      /<button type="button" class="small" [^>]*>Load entries #13–#2012<\/button>/,
    );
    // The keys reach it from the rows beside it, where it is not drawn: its title says so.
    expect(html).toContain('title="Or, in the log, Enter on the entry above or below this line"');
  });

  // The live log keeps a jump's rows beside the newest, thousands of entries apart: drawn with
  // nothing between them, #12 read as followed by #5001.
  it('says so between the live log’s rows too, where the entries are still in the journal', () => {
    const live = list(holding(true));
    expect(tableRows(live)[12]).toBe(
      '14 4,988 entries not loaded (#13–#5000): still in the journal. Load entries #13–#2012',
    );
    expect(tableRows(live)[13]).toMatch(/^15 5001 /);
    expect(live).toContain('aria-rowcount="20"');
    expect(live).toContain('Enter beside a line of entries not loaded loads them');
  });

  it('says it is bringing them in, and why it could not', () => {
    const hole = { fromSeq: 13, toSeq: 14 };
    const line = (loading: boolean, busy: boolean, error: string | null) =>
      renderToStaticMarkup(
        <HoleLine
          {...{ hole, live: false, slot: 12, top: 312, height: 26, loading, busy, error }}
          onLoad={() => undefined}
        />,
      );
    expect(line(false, false, null)).toContain('>Load entries #13–#14</button>');
    expect(line(true, true, null)).toContain('disabled="">Loading…</button>');
    // Another hole's rows are coming: one at a time.
    expect(line(false, true, null)).toContain('disabled="">Load entries #13–#14</button>');
    expect(line(false, false, 'The log changed on disk.')).toContain(
      '<span class="log-hole-error" role="alert">Not brought in: The log changed on disk.</span>',
    );
    expect(
      renderToStaticMarkup(
        <HoleLine
          {...{
            hole: { fromSeq: 9, toSeq: 9 },
            live: false,
            slot: 8,
            top: 0,
            height: 26,
            loading: false,
            busy: false,
            error: null,
          }}
          onLoad={() => undefined}
        />,
      ),
    ).toContain('1 entry not loaded (#9): still in the file.');
  });

  it('brings in a page from the hole’s start when pressed, the first of them selected', async () => {
    const source = holding(false);
    openedAs(7);
    const asked: unknown[] = [];
    bridge((channel, payload) => {
      asked.push({ channel, payload });
      // Main's seek: `limit` rows centred on the row asked for.
      const { to, limit } = payload as { to: { row: number }; limit: number };
      const first = to.row - Math.floor(limit / 2);
      return Promise.resolve({ rows: entries(first, first + limit - 1), target: to.row });
    });
    const [hole] = source.model.holes();
    if (!hole) throw new Error('no hole');
    expect(await loadHole(source, hole)).toBe(13);
    expect(asked).toEqual([
      {
        channel: 'mbn:seek-log',
        payload: { source: { log: 'saved', logId: 7 }, to: { row: 1013 }, limit: 2000 },
      },
    ]);
    expect(source.store.getState().selectedSeq).toBe(13);
    expect(source.store.getState().loadingHole).toBeNull();
    // They came in where the line was; it is 2,000 rows on, and says what is left.
    const html = list(source);
    const rows = tableRows(html);
    // A screen reader hears which came in: the line went, the focus went back to the log.
    expect(html).toContain(
      '<p class="visually-hidden" role="status" aria-live="polite">Entries #13–#2012 loaded.</p>',
    );
    expect(rows[11]).toMatch(/^13 12 /);
    expect(rows[12]).toMatch(/^14 13 /);
    expect(rows.join()).not.toContain('not loaded');
    expect(source.model.holes()).toEqual([{ fromSeq: 2013, toSeq: 5000 }]);
  });

  it('says which came in when main read only part of the page (very long lines)', async () => {
    const source = holding(false);
    openedAs(7);
    bridge(() => Promise.resolve({ rows: entries(900, 1100), target: 1013 }));
    const [hole] = source.model.holes();
    if (!hole) throw new Error('no hole');
    expect(await loadHole(source, hole)).toBe(900);
    expect(source.store.getState().broughtIn).toEqual({ fromSeq: 900, toSeq: 1100 });
  });

  // The line's button is drawn only while the line is on screen: the entry selected beside it
  // offers the same, where the keys are.
  it('offers the line’s entries on the selected entry beside it, and nowhere else', () => {
    const source = holding(false);
    const details = (seq: number) => {
      source.store.setState({ selectedSeq: seq });
      const html = list(source);
      return html.slice(html.indexOf('class="entry-details"'));
    };
    const offer = '<button type="button" class="small">Load entries #13–#2012 (Enter)</button>';
    expect(details(12)).toContain(offer);
    expect(details(5001)).toContain(offer);
    expect(details(11)).not.toContain('Load entries');
    // While some line's entries are coming in, it waits.
    source.store.setState({ loadingHole: 13 });
    expect(details(12)).toContain('disabled="">Loading…</button>');
  });

  it('leaves the line as it was, with the reason on it, when main cannot read them', async () => {
    const source = holding(false);
    openedAs(7);
    bridge(() => Promise.reject(new Error('The log changed on disk.')));
    const [hole] = source.model.holes();
    if (!hole) throw new Error('no hole');
    expect(await loadHole(source, hole)).toBeNull();
    expect(source.model.holes()).toEqual([hole]);
    // What its line says (drawn with it: above).
    expect(source.store.getState().holeError).toEqual({
      fromSeq: 13,
      message: 'The log changed on disk.',
    });
    expect(source.store.getState().loadingHole).toBeNull();
  });
});
