/**
 * The search and jump channels: malformed queries are refused before anything reads a log, a
 * search streams its hits with a running count and says how many it found, a cancel stops it,
 * and a jump returns the rows around the end, a time or a row, numbered as the log numbers them.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulator } from '../../../electron/backends/select-backend.js';
import { ManualClock, type Clock } from '../../../electron/core/clock.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import {
  DiagnosticsEngine,
  type EngineOptions,
} from '../../../electron/engine/diagnostics-engine.js';
import type {
  IpcResult,
  SearchDone,
  SearchProgressEvent,
  SearchQueryPayload,
  SeekAnswer,
} from '../../../electron/ipc/contract.js';
import { IpcHost } from '../../../electron/ipc/ipc-host.js';
import { SEARCH_MAX_ROWS, searchLogRequest } from '../../../electron/ipc/contract-whole-log.js';
import type * as LogSearch from '../../../electron/core/log-search.js';
import type { SearchSummary } from '../../../electron/core/log-search.js';
import { previewFiles } from '../../../electron/preview/preview-files.js';
import { RARE_HRESULT, kioskLogLines, requestEntries } from '../../support/journal-traffic.js';
import { steppingClock } from '../../support/stepping-clock.js';
import { spyEngine } from './spy-engine.js';
import { spyFiles } from './spy-files.js';
import { openSaved } from './open-saved.js';
import { RANGE_FROM, RANGE_TO, writeRangeExport } from './range-export-file.js';

const live = { log: 'live' } as const;

/** What each search of the log found on its way, as the search itself counts it. */
const searched = vi.hoisted(() => [] as SearchSummary[]);
vi.mock('../../../electron/core/log-search.js', async (importOriginal) => {
  const original = await importOriginal<typeof LogSearch>();
  return {
    ...original,
    searchLog: async (...args: Parameters<typeof original.searchLog>) => {
      const summary = await original.searchLog(...args);
      searched.push(summary);
      return summary;
    },
  };
});

describe('search channels refuse what is not a search', () => {
  const bad: [string, unknown][] = [
    ['no condition at all', { searchId: 1, source: live, query: {} }],
    [
      'an outcome that is not a word of the log',
      { searchId: 1, source: live, query: { outcomes: ['broken'] } },
    ],
    ['an empty outcome list', { searchId: 1, source: live, query: { outcomes: [] } }],
    ['an HRESULT that is not hex', { searchId: 1, source: live, query: { hresult: 'access' } }],
    ['a reference that is not rN', { searchId: 1, source: live, query: { ref: '12' } }],
    [
      'a kind with capitals or spaces',
      { searchId: 1, source: live, query: { kinds: ['Completion x'] } },
    ],
    [
      'text longer than any search',
      { searchId: 1, source: live, query: { text: 'x'.repeat(201) } },
    ],
    ['a negative request ID', { searchId: 1, source: live, query: { requestId: -1 } }],
    ['a start that is no time', { searchId: 1, source: live, query: { since: 'Tuesday' } }],
    [
      'an end without its zone',
      { searchId: 1, source: live, query: { until: '2026-01-06T13:00:00' } },
    ],
    ['an unknown condition', { searchId: 1, source: live, query: { text: 'a', path: '/etc' } }],
    ['a saved log without its id', { searchId: 1, source: { log: 'saved' }, query: { text: 'a' } }],
    [
      'a path instead of a log',
      { searchId: 1, source: { log: '/etc/passwd' }, query: { text: 'a' } },
    ],
  ];
  it.each(bad)('mbn:search-log: %s', async (_why, payload) => {
    const spy = spyEngine();
    const files = spyFiles();
    const host = new IpcHost<string>({
      engine: spy.engine,
      reason: 'test',
      timeoutMs: 1000,
      app: { name: 'mbn-diag', version: '0' },
      isTrustedSender: (s) => s === 'window',
      files: files.files,
    });
    const result = await host.invoke('mbn:search-log', payload, 'window');
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(spy.calls() + files.calls()).toBe(0);
    host.dispose();
  });

  const badSeeks: [string, unknown][] = [
    ['a time that is not a date', { source: live, to: { time: 'yesterday' }, limit: 10 }],
    ['row 0', { source: live, to: { row: 0 }, limit: 10 }],
    ['two places at once', { source: live, to: { end: true, row: 3 }, limit: 10 }],
    ['more rows than a page', { source: live, to: { end: true }, limit: 100_000 }],
    ['no place', { source: live, to: {}, limit: 10 }],
  ];
  it.each(badSeeks)('mbn:seek-log: %s', async (_why, payload) => {
    const spy = spyEngine();
    const host = new IpcHost<string>({
      engine: spy.engine,
      reason: 'test',
      timeoutMs: 1000,
      app: { name: 'mbn-diag', version: '0' },
      isTrustedSender: (s) => s === 'window',
    });
    const result = await host.invoke('mbn:seek-log', payload, 'window');
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(spy.calls()).toBe(0);
    host.dispose();
  });
});

describe('search and jump through a saved log and the live one', () => {
  let dir: string | undefined;
  let closeAll: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await closeAll?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function setup(
    frameMs = 0,
    journal?: EngineOptions['journal'],
    clock: Clock = new ManualClock(Date.UTC(2026, 0, 5)),
  ) {
    dir = mkdtempSync(join(tmpdir(), 'ipc-search-'));
    const engine = new DiagnosticsEngine({
      backend: createSimulator({ clock }),
      clock,
      journalDir: join(dir, 'journal'),
      backendReason: 'because',
      app: { name: 'mbn-diag', version: '0' },
      timeoutMs: 1000,
      ...(journal ? { journal } : {}),
    });
    const folder = join(dir, 'files');
    mkdirSync(folder);
    const events: SearchProgressEvent[] = [];
    const host = new IpcHost<string>({
      engine,
      reason: 'because',
      timeoutMs: 1000,
      app: { name: 'mbn-diag', version: '0' },
      isTrustedSender: (s) => s === 'window',
      files: previewFiles(folder),
      batcher: { frameMs },
    });
    host.subscribe((channel, batch) => {
      if (channel === 'mbn:search-progress') events.push(...(batch as SearchProgressEvent[]));
    });
    closeAll = async () => {
      host.dispose();
      await engine.close();
    };
    return { host, folder, engine, events };
  }

  /** A saved JSON Lines log of `requests` requests, one a second from 08:00. */
  function savedLog(folder: string, requests: number): string {
    const lines = kioskLogLines(requests, () => ({ rareEvery: 5000 }));
    writeFileSync(join(folder, 'kiosk.jsonl'), lines.join('\n') + '\n');
    return 'kiosk.jsonl';
  }

  it('finds a refused request across a whole saved log, streaming the rows and the count', async () => {
    // Batches held for a long frame: only the search's own flush can deliver them in time.
    const { host, folder, events } = setup(60_000);
    const log = await openSaved(host, savedLog(folder, 12_000));
    const result = (await host.invoke(
      'mbn:search-log',
      { searchId: 7, source: { log: 'saved', logId: log.logId }, query: { hresult: RARE_HRESULT } },
      'window',
    )) as IpcResult<SearchDone>;
    // Every hit was sent before the answer: the window stops listening once it has it.
    expect(result).toMatchObject({ ok: true, value: { searchId: 7, matches: 2, delivered: 2 } });
    const rows = events.flatMap((e) => e.hits);
    expect(rows.map((r) => [r.ref, r.outcome, r.hresult?.name])).toEqual([
      ['r5000', 'refused', 'E_ACCESSDENIED'],
      ['r10000', 'refused', 'E_ACCESSDENIED'],
    ]);
    expect(events.every((e) => e.searchId === 7)).toBe(true);
    expect(events[events.length - 1]).toMatchObject({ matches: 2 });

    // Each hit's row number is where the log shows it: the jump brings that very record.
    const hit = rows[0];
    if (!hit) throw new Error('no hit');
    const jump = (await host.invoke(
      'mbn:seek-log',
      { source: { log: 'saved', logId: log.logId }, to: { row: hit.seq }, limit: 100 },
      'window',
    )) as IpcResult<SeekAnswer>;
    if (!jump.ok) throw new Error(jump.error.message);
    expect(jump.value.target).toBe(hit.seq);
    expect(jump.value.rows.find((r) => r.seq === hit.seq)?.ref).toBe('r5000');
  });

  it('sends the newest matches first, saying it takes them once every match is counted', async () => {
    const { host, folder, events } = setup();
    const log = await openSaved(host, savedLog(folder, 12_000));
    const result = (await host.invoke(
      'mbn:search-log',
      {
        searchId: 8,
        source: { log: 'saved', logId: log.logId },
        query: { outcomes: ['succeeded'] },
        newestFirst: true,
      },
      'window',
    )) as IpcResult<SearchDone>;
    if (!result.ok) throw new Error(result.error.message);
    const { matches } = result.value;
    expect(matches).toBeGreaterThan(SEARCH_MAX_ROWS);
    const rows = events.flatMap((e) => e.hits).map((r) => r.seq);
    expect(rows).toHaveLength(SEARCH_MAX_ROWS);
    expect(rows).toEqual([...rows].sort((a, b) => b - a));
    // The window's bar goes again as the newest are read: said so, the count whole.
    const taking = events.filter((e) => e.newest !== undefined);
    expect(taking.length).toBeGreaterThan(0);
    for (const e of taking) expect(e).toMatchObject({ matches, newest: SEARCH_MAX_ROWS });
  });

  it("names the command a match's request sent, as the log's rows do", async () => {
    const { host, folder, events } = setup();
    const place = {
      v: 2,
      time: '2026-01-05T08:00:00.000Z',
      interfaceId: '{DEV-1}',
      serviceId: '{A289CC33-BCBB-8B4F-B6B0-133EC2AAE6DF}',
      serviceName: 'Basic Connect',
      ref: 'r1',
      op: 'query',
    };
    const records = [
      { kind: 'request', outcome: 'sending', sessionOpenBefore: null, commandId: 11 },
      { kind: 'request-returned', outcome: 'waiting', requestId: 7, hresult: '0x00000000' },
      { kind: 'completion', requestId: 7, status: '0x80004005', statusName: 'E_FAIL' },
    ];
    const lines = [
      { ...records[0], byteLength: 0, data: '' },
      { ...records[1], hresultName: 'S_OK', callMs: 1 },
      { ...records[2], match: 'matched', outcome: 'failed', latencyMs: 40 },
    ].map((record, i) => JSON.stringify({ ...place, seq: i + 1, mono: i, ...record }));
    writeFileSync(join(folder, 'commands.jsonl'), lines.join('\n') + '\n');
    const log = await openSaved(host, 'commands.jsonl');
    const found = (await host.invoke(
      'mbn:search-log',
      { searchId: 3, source: { log: 'saved', logId: log.logId }, query: { outcomes: ['failed'] } },
      'window',
    )) as IpcResult<SearchDone>;
    expect(found).toMatchObject({ ok: true, value: { matches: 1 } });
    expect(events.flatMap((e) => e.hits).map((r) => r.text)).toEqual([
      'query SIGNAL_STATE (CID 11) #7 completed: E_FAIL (0x80004005) after 40 ms',
    ]);
  });

  it('searches and jumps through a .zip bundle through a private copy, removed when done', async () => {
    const { host, folder, events } = setup();
    const name = savedLog(folder, 12_000);
    await exportFromPath({
      source: join(folder, name),
      format: 'zip',
      destination: join(folder, 'kiosk.zip'),
      app: { name: 'mbn-diag', version: '0' },
    });
    // This process's copies (named with its PID): another test file's, beside it, are not its.
    const copies = () =>
      readdirSync(tmpdir()).filter((f) => f.startsWith(`mbn-diag-bundle-${String(process.pid)}-`));
    const before = copies();
    const log = await openSaved(host, 'kiosk.zip');
    const source = { log: 'saved' as const, logId: log.logId };
    const found = (await host.invoke(
      'mbn:search-log',
      { searchId: 1, source, query: { hresult: RARE_HRESULT } },
      'window',
    )) as IpcResult<SearchDone>;
    expect(found).toMatchObject({ ok: true, value: { matches: 2 } });
    expect(copies().filter((c) => !before.includes(c))).toHaveLength(1);
    // The window is told the bundle is being unpacked first (it would sit at 0 % otherwise),
    // and only for the search that unpacks it.
    expect(events[0]).toMatchObject({ searchId: 1, unpacking: true });
    await host.invoke(
      'mbn:search-log',
      { searchId: 2, source, query: { hresult: RARE_HRESULT } },
      'window',
    );
    expect(events.filter((e) => e.unpacking === true).map((e) => e.searchId)).toEqual([1]);

    // Rows are numbered as the bundle's log shows them: a jump to the last one brings r12000.
    const end = (await host.invoke(
      'mbn:seek-log',
      { source, to: { end: true }, limit: 10 },
      'window',
    )) as IpcResult<SeekAnswer>;
    if (!end.ok) throw new Error(end.error.message);
    expect(end.value.rows[end.value.rows.length - 1]?.ref).toBe('r12000');
    expect(end.value.target).toBe(end.value.rows[end.value.rows.length - 1]?.seq);

    await closeAll?.();
    closeAll = undefined;
    // The copy goes with the window (the host's dispose removes it without being waited for: a
    // fixed 50 ms was a guess a loaded machine can miss); the bundle itself is as it was.
    await vi.waitFor(() => expect(copies().filter((c) => !before.includes(c))).toEqual([]), {
      timeout: 10_000,
    });
  });

  it('jumps to the end and to a time of a saved log', async () => {
    const { host, folder } = setup();
    const log = await openSaved(host, savedLog(folder, 12_000));
    const source = { log: 'saved' as const, logId: log.logId };
    const end = (await host.invoke(
      'mbn:seek-log',
      { source, to: { end: true }, limit: 50 },
      'window',
    )) as IpcResult<SeekAnswer>;
    if (!end.ok) throw new Error(end.error.message);
    expect(end.value.rows).toHaveLength(50);
    expect(end.value.rows[end.value.rows.length - 1]?.ref).toBe('r12000');
    expect(end.value.target).toBe(end.value.rows[end.value.rows.length - 1]?.seq);

    const at = (await host.invoke(
      'mbn:seek-log',
      { source, to: { time: '2026-01-05T10:00:00.000Z' }, limit: 20 },
      'window',
    )) as IpcResult<SeekAnswer>;
    if (!at.ok) throw new Error(at.error.message);
    const target = at.value.rows.find((r) => r.seq === at.value.target);
    // 10:00 is 7200 s after 08:00: request r7200's first record.
    expect(target?.ref).toBe('r7200');
    expect(target?.kind).toBe('request');
  });

  // The window says "The log’s entries run from … to …" beside a range that matched nothing: from
  // the search's own answer, which asked it of the overview strip first, a second call.
  it('answers with the log’s first and last times, a range’s export’s within its range', async () => {
    const { host, folder } = setup();
    const ask = async (name: string, query: SearchQueryPayload) => {
      const log = await openSaved(host, name);
      const result = (await host.invoke(
        'mbn:search-log',
        { searchId: 4, source: { log: 'saved', logId: log.logId }, query },
        'window',
      )) as IpcResult<SearchDone>;
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };
    const eight = Date.UTC(2026, 0, 5, 8);
    // 12,000 requests, one a second from 08:00:01; a month later matches nothing.
    const later = await ask(savedLog(folder, 12_000), { since: '2026-02-01T00:00:00Z' });
    expect(later).toMatchObject({ matches: 0, firstMs: eight + 1000, lastMs: eight + 12_000_000 });

    // An export of 08:00 to 10:00 that kept the run's start from the day before, and ends with a
    // note stamped days after: its entries run as its range does, as its overview strip has it.
    writeRangeExport(folder, 'range.jsonl', 5000);
    const ranged = await ask('range.jsonl', { until: '2026-01-03T00:00:00Z' });
    expect(ranged).toMatchObject({
      matches: 0,
      firstMs: RANGE_FROM,
      lastMs: RANGE_TO - 1,
    });
  });

  // The window builds a large saved log's index as it opens it (its overview, its newest rows); a
  // search started meanwhile built the same index again beside it, on the same two cores.
  it('searches a saved log through the index its window is building, not one of its own', async () => {
    const { host, folder, events } = setup();
    const log = await openSaved(host, savedLog(folder, 12_000));
    const source = { log: 'saved' as const, logId: log.logId };
    const overview = host.invoke('mbn:log-overview', { source, columns: 1000 }, 'window');
    searched.length = 0;
    const result = (await host.invoke(
      'mbn:search-log',
      { searchId: 9, source, query: { hresult: RARE_HRESULT } },
      'window',
    )) as IpcResult<SearchDone>;
    expect(result).toMatchObject({ ok: true, value: { matches: 2, delivered: 2 } });
    expect(events.flatMap((e) => e.hits).map((r) => r.ref)).toEqual(['r5000', 'r10000']);
    expect(searched.map((s) => s.indexed)).toEqual([0]);
    // The window was told what the search waited for, rather than sit at 0 %.
    expect(events[0]).toMatchObject({ searchId: 9, indexing: true });
    expect(await overview).toMatchObject({ ok: true });
  });

  it('stops a search that is cancelled, in words', async () => {
    const { host, folder } = setup();
    const log = await openSaved(host, savedLog(folder, 6000));
    const running = host.invoke(
      'mbn:search-log',
      { searchId: 3, source: { log: 'saved', logId: log.logId }, query: { text: 'S_OK' } },
      'window',
    );
    const cancelled = await host.invoke('mbn:cancel-search', { searchId: 3 }, 'window');
    expect(cancelled).toEqual({ ok: true, value: { cancelled: true } });
    const stopped = await running;
    expect(stopped).toMatchObject({ ok: false, error: { code: 'search-cancelled' } });
    // The count, and how far the search had got: "4976 matches" alone said neither plainly.
    expect(!stopped.ok && stopped.error.message).toMatch(
      /^The search was stopped after [\d,]+ match(es)?, with \d+% of the log searched\.$/,
    );
    expect(await host.invoke('mbn:cancel-search', { searchId: 3 }, 'window')).toEqual({
      ok: true,
      value: { cancelled: false },
    });
  });

  it('searches the live session and jumps to its end', async () => {
    const { host, engine } = setup();
    for (let n = 1; n <= 50; n++)
      for (const entry of requestEntries(n, { rareEvery: 25 })) engine.journal.append(entry);
    const found = (await host.invoke(
      'mbn:search-log',
      { searchId: 1, source: live, query: { outcomes: ['refused'] } },
      'window',
    )) as IpcResult<SearchDone>;
    expect(found).toMatchObject({ ok: true, value: { matches: 2 } });
    const end = (await host.invoke(
      'mbn:seek-log',
      { source: live, to: { end: true }, limit: 10 },
      'window',
    )) as IpcResult<SeekAnswer>;
    if (!end.ok) throw new Error(end.error.message);
    expect(end.value.target).toBe(engine.journal.lastSeq);
    expect(end.value.rows[end.value.rows.length - 1]?.seq).toBe(engine.journal.lastSeq);
  });

  it('goes to a time the live clock showed twice, set back in between, and says where both are', async () => {
    const { clock, manual, step } = steppingClock(Date.UTC(2026, 0, 5));
    const { host, engine } = setup(0, undefined, clock);
    const seqAt: number[] = [];
    const requests = (from: number, to: number) => {
      for (let n = from; n <= to; n++) {
        manual.advance(1000);
        seqAt[n] = engine.journal.lastSeq + 1;
        for (const entry of requestEntries(n)) engine.journal.append(entry);
      }
    };
    // 00:00:01 to 00:01:40; ten minutes later the clock is set back to 00:00:40 and goes on.
    requests(1, 100);
    manual.advance(10 * 60_000);
    step(-11 * 60_000);
    requests(101, 200);
    const seek = (await host.invoke(
      'mbn:seek-log',
      { source: live, to: { time: '2026-01-05T00:01:00.000Z' }, limit: 20 },
      'window',
    )) as IpcResult<SeekAnswer>;
    if (!seek.ok) throw new Error(seek.error.message);
    expect(seek.value.target).toBe(seqAt[60]);
    expect(seek.value.times).toEqual([seqAt[60], seqAt[120]]);
  });

  it('says a jump to an entry the live journal has dropped since is gone, and brings no rows', async () => {
    // A hit found before its file was deleted to make room: the jump read from the oldest entry
    // kept, and the window showed 200 entries from hours later, selecting one it did not have.
    const { host, engine } = setup(0, {
      maxFileBytes: 64 * 1024,
      maxFilesPerRun: 3,
      windowSize: 500,
    });
    for (let n = 1; n <= 600; n++) {
      for (const entry of requestEntries(n, { rareEvery: 25 })) engine.journal.append(entry);
      if (n % 10 === 0) engine.journal.flush();
    }
    const first = engine.journal.firstSeq;
    expect(first).toBeGreaterThan(500);
    const jump = (row: number) =>
      host.invoke('mbn:seek-log', { source: live, to: { row }, limit: 200 }, 'window') as Promise<
        IpcResult<SeekAnswer>
      >;
    expect(await jump(500)).toEqual({
      ok: false,
      error: {
        code: 'search-failed',
        message: `Entry #500 is no longer in the journal: its oldest files were deleted to make room for newer entries, and it now starts at #${String(first)}.`,
      },
    });
    // The oldest entry kept is there to jump to, among the rows brought.
    const kept = await jump(first);
    if (!kept.ok) throw new Error(kept.error.message);
    expect(kept.value.target).toBe(first);
    expect(kept.value.rows.some((r) => r.seq === first)).toBe(true);
  });

  it('says in words that a saved log no longer open cannot be searched', async () => {
    const { host } = setup();
    const result = await host.invoke(
      'mbn:search-log',
      { searchId: 1, source: { log: 'saved', logId: 99 }, query: { text: 'x' } },
      'window',
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'open-failed' } });
  });
});

describe('the search query main accepts', () => {
  it('takes no service of spaces alone: it asked for every record', () => {
    const asks = (service: string) =>
      searchLogRequest.safeParse({ searchId: 1, source: { log: 'live' }, query: { service } })
        .success;
    expect(asks('   ')).toBe(false);
    expect(asks(' sms ')).toBe(true);
  });

  it('takes a time range, alone or with other conditions, whose start is before its end', () => {
    const parse = (query: object) =>
      searchLogRequest.safeParse({ searchId: 1, source: { log: 'live' }, query });
    const since = '2026-01-06T13:00:00+01:00';
    const until = '2026-01-06T18:00:00.000Z';
    expect(parse({ since, until }).success).toBe(true);
    expect(parse({ since }).success).toBe(true);
    expect(parse({ until, outcomes: ['failed'] }).success).toBe(true);
    const backwards = parse({ since: until, until: since });
    expect(backwards.success).toBe(false);
    expect(backwards.error?.issues.map((i) => i.message)).toEqual([
      "the search's start must be before its end",
    ]);
    // The same instant is an empty range: no record is at or after it and before it.
    expect(parse({ since: until, until }).success).toBe(false);
  });

  it('goes on below a row newest first, and from a row oldest first, never both ways at once', () => {
    const parse = (paging: object) =>
      searchLogRequest.safeParse({
        searchId: 1,
        source: { log: 'live' },
        query: { outcomes: ['failed'] },
        ...paging,
      }).success;
    expect(parse({ newestFirst: true })).toBe(true);
    expect(parse({ newestFirst: true, beforeRow: 500 })).toBe(true);
    expect(parse({ fromRow: 500 })).toBe(true);
    // A bound the order does not go towards read as a search of the other rows.
    expect(parse({ newestFirst: true, fromRow: 500 })).toBe(false);
    expect(parse({ beforeRow: 500 })).toBe(false);
    expect(parse({ newestFirst: false })).toBe(false);
  });
});
