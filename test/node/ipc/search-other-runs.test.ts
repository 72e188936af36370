/**
 * `mbn:search-other-runs`: once a search of a saved run is done, the window asks how many matches
 * the same query has in the other runs of its journal folder. A kiosk restarted each night leaves
 * a run a night, and the window searches the run it shows: "0 matches" in the newest run said
 * nothing of the refusals two nights before.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  IpcResult,
  OtherRunsCount,
  SearchProgressEvent,
} from '../../../electron/ipc/contract.js';
import type { IpcHost } from '../../../electron/ipc/ipc-host.js';
import { RARE_HRESULT, kioskLogLines } from '../../support/journal-traffic.js';
import { filesHost } from './files-host.js';
import { openSaved } from './open-saved.js';

const RUNS = ['run-20260105T080000000Z-aaaaaa', 'run-20260106T080000000Z-bbbbbb'] as const;
const NEWEST = 'run-20260107T080000000Z-cccccc';

describe('the other runs of a saved run, counted', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  /** A journal folder `kiosk` of three nights: the oldest with two refusals of RARE_HRESULT. */
  function setup() {
    const made = filesHost('ipc-other-runs-', Date.UTC(2026, 0, 8));
    close = made.close;
    for (const [i, run] of [...RUNS, NEWEST].entries()) {
      const dir = join(made.folder, 'kiosk', run);
      mkdirSync(dir, { recursive: true });
      const lines = kioskLogLines(10, () => ({ rareEvery: i === 0 ? 5 : 1000 }));
      writeFileSync(join(dir, 'journal-000001.jsonl'), `${lines.join('\n')}\n`);
    }
    return made;
  }

  const count = async (host: IpcHost<string>, logId: number, hresult = RARE_HRESULT) =>
    (await host.invoke(
      'mbn:search-other-runs',
      { searchId: 7, source: { log: 'saved', logId }, query: { hresult } },
      'window',
    )) as IpcResult<OtherRunsCount>;

  it('counts the query in each other run, oldest first, by name, place and start', async () => {
    const { host } = setup();
    const opened = await openSaved(host, 'kiosk');
    expect(await count(host, opened.logId)).toEqual({
      ok: true,
      value: {
        runs: [
          {
            name: RUNS[0],
            place: 1,
            startedAt: '2026-01-05T08:00:00.000Z',
            matches: 2,
            damagedLines: 0,
          },
          {
            name: RUNS[1],
            place: 2,
            startedAt: '2026-01-06T08:00:00.000Z',
            matches: 0,
            damagedLines: 0,
          },
        ],
        of: 3,
        unread: [],
      },
    });
  });

  it('tells the window how far it has got, under the search id', async () => {
    const { host } = setup();
    const events: SearchProgressEvent[] = [];
    host.subscribe((channel, batch) => {
      if (channel === 'mbn:search-progress') events.push(...(batch as SearchProgressEvent[]));
    });
    const opened = await openSaved(host, 'kiosk');
    await count(host, opened.logId);
    await new Promise((resolve) => setImmediate(resolve));
    expect(events.map((e) => [e.searchId, e.otherRuns])).toEqual([
      [7, { searched: 0, of: 2 }],
      [7, { searched: 1, of: 2 }],
    ]);
  });

  it('names a run that cannot be searched, and counts the others all the same', async () => {
    const { host, folder } = setup();
    // A journal file gone from under its run (a broken link, a copy cut short).
    symlinkSync(join(folder, 'nowhere'), join(folder, 'kiosk', RUNS[1], 'journal-000002.jsonl'));
    const opened = await openSaved(host, 'kiosk');
    const answer = await count(host, opened.logId);
    expect(answer).toMatchObject({
      ok: true,
      value: {
        runs: [{ name: RUNS[0], matches: 2 }],
        of: 3,
        unread: [{ name: RUNS[1], place: 2, startedAt: '2026-01-06T08:00:00.000Z' }],
      },
    });
  });

  // A night's file garbled through by a power cut: no record in it, so its lines went uncounted,
  // and the night was one of "None in the 2 other runs".
  it('counts the damaged lines of each other run, a run of them alone too', async () => {
    const { host, folder } = setup();
    writeFileSync(
      join(folder, 'kiosk', RUNS[1], 'journal-000001.jsonl'),
      `${'\u0000'.repeat(80)}\n`.repeat(30),
    );
    const opened = await openSaved(host, 'kiosk');
    expect(await count(host, opened.logId)).toMatchObject({
      ok: true,
      value: {
        runs: [
          { name: RUNS[0], matches: 2, damagedLines: 0 },
          { name: RUNS[1], matches: 0, damagedLines: 30 },
        ],
      },
    });
  });

  // The session a technician starts on arrival holds nothing of the week before: the app's own
  // earlier runs, beside it in the journal folder it writes, are counted, and open by name.
  it("counts the live session's search in the app's own other runs, and opens one", async () => {
    const made = filesHost('ipc-other-runs-live-', Date.UTC(2026, 0, 8));
    close = made.close;
    const { host, engine } = made;
    const journalFolder = dirname(engine.journal.runDir);
    for (const [i, run] of RUNS.entries()) {
      mkdirSync(join(journalFolder, run));
      const lines = kioskLogLines(10, () => ({ rareEvery: i === 0 ? 5 : 1000 }));
      writeFileSync(join(journalFolder, run, 'journal-000001.jsonl'), `${lines.join('\n')}\n`);
    }
    const answer = (await host.invoke(
      'mbn:search-other-runs',
      { searchId: 8, source: { log: 'live' }, query: { hresult: RARE_HRESULT } },
      'window',
    )) as IpcResult<OtherRunsCount>;
    expect(answer).toMatchObject({
      ok: true,
      value: {
        runs: [
          { name: RUNS[0], place: 1, matches: 2 },
          { name: RUNS[1], place: 2, matches: 0 },
        ],
        of: 3,
        unread: [],
      },
    });
    // Its button sends the run's name: main finds it beside the session's, and opens it.
    const opened = await host.invoke(
      'mbn:open-saved-log',
      { name: RUNS[0], runOf: 'session' },
      'window',
    );
    expect(opened).toMatchObject({ ok: true, value: { name: RUNS[0], kind: 'run-directory' } });
    // Its own count names the live session's run as the session, not as a run to open again.
    const logId = opened.ok ? (opened.value as { logId: number }).logId : -1;
    const fromSaved = await count(host, logId);
    const session = fromSaved.ok ? fromSaved.value.runs.find((run) => run.place === 3) : undefined;
    expect(session).toMatchObject({ name: basename(engine.journal.runDir), session: true });
    expect(fromSaved.ok && fromSaved.value.runs.filter((run) => run.session)).toHaveLength(1);
  });

  it('says nothing of other runs for a log that is no run among runs', async () => {
    const { host, folder } = setup();
    writeFileSync(join(folder, 'kiosk.jsonl'), `${kioskLogLines(10).join('\n')}\n`);
    const opened = await openSaved(host, 'kiosk.jsonl');
    expect(await count(host, opened.logId)).toEqual({
      ok: true,
      value: { runs: [], of: 0, unread: [] },
    });
  });
});
