/**
 * A whole-log search of many matches, through the window's channels: it goes on from a row (after
 * the last hit listed, so every match of a week can be reached, not only the first 5,000), the row
 * checked at the boundary; and its rows come a few hundred a message, a frame apart, not 4,096
 * (2.7 MB) in one that held the window still for seconds.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator } from '../../../electron/backends/select-backend.js';
import { ManualClock } from '../../../electron/core/clock.js';
import { DiagnosticsEngine } from '../../../electron/engine/diagnostics-engine.js';
import {
  SEARCH_MAX_ROWS,
  type IpcResult,
  type SearchDone,
  type SearchProgressEvent,
} from '../../../electron/ipc/contract.js';
import { IpcHost } from '../../../electron/ipc/ipc-host.js';
import { previewFiles } from '../../../electron/preview/preview-files.js';
import { kioskLogLines } from '../../support/journal-traffic.js';
import { openSaved } from './open-saved.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** The host as the window meets it, with the batches (messages) it sends the window. */
function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'ipc-search-from-'));
  const clock = new ManualClock(Date.UTC(2026, 0, 5));
  const engine = new DiagnosticsEngine({
    backend: createSimulator({ clock }),
    clock,
    journalDir: join(dir, 'journal'),
    backendReason: 'because',
    app: { name: 'mbn-diag', version: '0' },
    timeoutMs: 1000,
  });
  const folder = join(dir, 'files');
  mkdirSync(folder);
  const messages: SearchProgressEvent[][] = [];
  const host = new IpcHost<string>({
    engine,
    reason: 'because',
    timeoutMs: 1000,
    app: { name: 'mbn-diag', version: '0' },
    isTrustedSender: (s) => s === 'window',
    files: previewFiles(folder),
  });
  host.subscribe((channel, batch) => {
    if (channel === 'mbn:search-progress') messages.push(batch as SearchProgressEvent[]);
  });
  cleanup = async () => {
    host.dispose();
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { host, folder, messages };
}

describe('a search of many matches, through the channels', () => {
  it('refuses a start that is not a row', async () => {
    const { host } = setup();
    for (const fromRow of [0, -3, 2.5, '10', Number.MAX_SAFE_INTEGER + 2]) {
      const result = await host.invoke(
        'mbn:search-log',
        { searchId: 1, source: { log: 'live' }, query: { text: 'a' }, fromRow },
        'window',
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    }
  });

  it('sends rows a few hundred a message, and goes on after the last one sent', async () => {
    const { host, folder, messages } = setup();
    writeFileSync(join(folder, 'week.jsonl'), kioskLogLines(4000).join('\n') + '\n');
    const log = await openSaved(host, 'week.jsonl');
    const source = { log: 'saved', logId: log.logId } as const;
    // Every line holds a time: every record matches.
    const query = { text: '"time"' };
    const first = (await host.invoke(
      'mbn:search-log',
      { searchId: 1, source, query },
      'window',
    )) as IpcResult<SearchDone>;
    if (!first.ok) throw new Error(first.error.message);
    const all = first.value.matches;
    expect(all).toBeGreaterThan(2 * SEARCH_MAX_ROWS);
    expect(first.value.delivered).toBe(SEARCH_MAX_ROWS);
    const rows = messages.flat().flatMap((e) => e.hits);
    expect(rows.map((r) => r.seq)).toEqual(
      Array.from({ length: SEARCH_MAX_ROWS }, (_, i) => i + 1),
    );
    // No message the window takes in at once holds more than a few hundred rows.
    const most = Math.max(...messages.map((m) => m.reduce((n, e) => n + e.hits.length, 0)));
    expect(most).toBeLessThanOrEqual(500);

    messages.length = 0;
    const next = (await host.invoke(
      'mbn:search-log',
      { searchId: 2, source, query, fromRow: SEARCH_MAX_ROWS + 1 },
      'window',
    )) as IpcResult<SearchDone>;
    if (!next.ok) throw new Error(next.error.message);
    // The matches from there on: with the 5,000 before, every match of the log.
    expect(next.value.matches).toBe(all - SEARCH_MAX_ROWS);
    const more = messages.flat().flatMap((e) => e.hits);
    expect(more[0]?.seq).toBe(SEARCH_MAX_ROWS + 1);
    expect(more.at(-1)?.seq).toBe(2 * SEARCH_MAX_ROWS);
  });
});
