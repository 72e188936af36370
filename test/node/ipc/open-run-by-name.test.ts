/**
 * A run folder opened by its name alone (`mbn:open-saved-log` with `runOf`): the buttons of the
 * count in the other runs, Run before and after, and a journal file's run. Main finds the run
 * beside what was opened, or among the app's own runs, and never by a dialog: a run deleted since
 * its button was drawn opened a file dialog in the app. A copy of a kiosk's journal folder opened
 * on the kiosk itself stays the copy, though the app's own runs bear the same names; and what
 * fails to open is said without the folder that holds it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult, SavedLogOpened } from '../../../electron/ipc/contract.js';
import { kioskLogLines } from '../../support/journal-traffic.js';
import { filesHost } from './files-host.js';
import { openSaved } from './open-saved.js';

const RUNS = ['run-20260105T080000000Z-aaaaaa', 'run-20260106T080000000Z-bbbbbb'] as const;

describe('a run opened by name', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  /** The app's own two earlier runs of 10 requests, and a copy of them of 40 in `kiosk-copy`. */
  function setup() {
    const made = filesHost('ipc-run-by-name-', Date.UTC(2026, 0, 8));
    close = made.close;
    const own = dirname(made.engine.journal.runDir);
    for (const [folder, requests] of [
      [own, 10],
      [join(made.folder, 'kiosk-copy'), 40],
    ] as const)
      for (const run of RUNS) {
        mkdirSync(join(folder, run), { recursive: true });
        const lines = kioskLogLines(requests);
        writeFileSync(join(folder, run, 'journal-000001.jsonl'), `${lines.join('\n')}\n`);
      }
    return { ...made, own };
  }

  const open = async (
    host: ReturnType<typeof setup>['host'],
    name: string,
    runOf: 'opened' | 'session',
  ) =>
    (await host.invoke('mbn:open-saved-log', { name, runOf }, 'window')) as IpcResult<
      SavedLogOpened | { cancelled: true }
    >;
  const records = (answer: IpcResult<SavedLogOpened | { cancelled: true }>) =>
    answer.ok && !('cancelled' in answer.value) ? answer.value.rows.length : -1;

  it("finds the run before beside the copy opened, not among the app's own", async () => {
    const { host } = setup();
    const copy = await openSaved(host, 'kiosk-copy');
    expect(copy.rows.length).toBe(120);
    // The copy's run before: its 40 requests, not the app's own run of the same name (10).
    expect(records(await open(host, RUNS[0], 'opened'))).toBe(120);
    // The live session's count names the app's own.
    expect(records(await open(host, RUNS[0], 'session'))).toBe(30);
    // And from the app's own run, its run after is the app's own too, though the copy opened
    // before has one of the same name.
    expect(records(await open(host, RUNS[1], 'opened'))).toBe(30);
    // And from the copy's again, the copy's.
    expect(
      records(await openSaved(host, 'kiosk-copy').then(() => open(host, RUNS[0], 'opened'))),
    ).toBe(120);
  });

  it('says a run deleted since is no longer there, and never asks the files for one', async () => {
    const { host } = setup();
    const answer = await open(host, 'run-20260101T080000000Z-gone00', 'session');
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'open-failed',
        message:
          'run-20260101T080000000Z-gone00 is no longer in its journal folder (deleted or moved since).',
      },
    });
    expect((await open(host, 'run-20260101T080000000Z-gone00', 'opened')).ok).toBe(false);
  });

  it('says why a run could not be opened without the folder that holds it', async () => {
    const { host, own } = setup();
    // A journal file that is no plain file (a pipe left where it was): refused as it is opened.
    execFileSync('mkfifo', [join(own, RUNS[0], 'journal-000002.jsonl')]);
    const answer = await open(host, RUNS[0], 'session');
    expect(answer.ok).toBe(false);
    const message = answer.ok ? '' : answer.error.message;
    expect(message).toContain(`journal-000002.jsonl in ${RUNS[0]}`);
    expect(message).not.toContain(own);
  });
});
