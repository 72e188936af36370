/**
 * The search panel as its tests meet it: drawn as React draws its first frame (on the server: no
 * DOM here) and read as a technician reads it, with a bridge that answers the search as main does
 * and notes what the window asked of it.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import type { SearchDone } from '../../electron/ipc/contract';
import { SearchPanel } from '../../renderer/src/search/SearchPanel';
import { LogSourceContext, type LogSource } from '../../renderer/src/store/log-source';

/** What main answers a search with: how many matched, and the log's first and last times. */
export interface SearchAnswer {
  matches: number;
  firstMs: number | null;
  lastMs: number | null;
}

/** A call the window made: its channel and what it sent. */
export interface Asked {
  channel: string;
  payload: unknown;
}

/**
 * The window's listeners, by channel: kept across bridges, as the window listens once (the first
 * search) for as long as it runs.
 */
const listeners = new Map<string, ((batch: unknown) => void)[]>();

/** Sends the window a batch of `channel`'s events, as main's batcher does. */
export function tellWindow(channel: string, batch: unknown): void {
  for (const listener of listeners.get(channel) ?? []) listener(batch);
}

/**
 * Puts a bridge in `window.mbnDiag` answering each search with `answer` as it is then. A channel
 * `held` answers is answered by its promise instead (a call still running, for as long as a test
 * wants).
 */
export function answerSearches(
  answer: SearchAnswer,
  asked: Asked[],
  held: (channel: string) => Promise<unknown> | undefined = () => undefined,
): void {
  const done = (): SearchDone => ({
    searchId: 0,
    matches: answer.matches,
    doneBytes: 96 * 1024 * 1024,
    totalBytes: 96 * 1024 * 1024,
    delivered: 0,
    damagedLines: 0,
    bucketsRead: 1,
    bucketsSkipped: 0,
    firstMs: answer.firstMs,
    lastMs: answer.lastMs,
  });
  const api = {
    invoke: async (channel: string, payload: unknown) => {
      asked.push({ channel, payload });
      const value = (await held(channel)) ?? (channel === 'mbn:search-log' ? done() : {});
      return { ok: true, value };
    },
    on: (channel: string, listener: (batch: unknown) => void) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return () => undefined;
    },
  };
  Object.assign(globalThis, { window: { mbnDiag: api } });
}

/** The panel's words, its buttons' too, as a technician reads them. */
export function panelText(source: LogSource): string {
  const html = renderToStaticMarkup(
    <LogSourceContext.Provider value={source}>
      <SearchPanel />
    </LogSourceContext.Provider>,
  );
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}
