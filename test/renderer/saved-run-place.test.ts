/**
 * A run of a journal folder opened by Run before: the banner's run line ("Run 5 of 7 …", with
 * its Run before and Run after) came with what the log holds, answered once its index was built.
 * For up to a second after each step the line was gone, the banner a line shorter, and the button
 * the technician was about to click again had moved. Main now says where the run stands as it
 * opens it; the window has it with the first rows.
 */
import { afterEach, expect, it } from 'vitest';
import type { SavedLogOpened } from '../../electron/ipc/contract';
import { openSavedLog } from '../../renderer/src/store/file-actions';
import { SAVED_SOURCE, useFiles } from '../../renderer/src/store/files-store';

afterEach(() => {
  Reflect.deleteProperty(globalThis, 'window');
  useFiles.setState({ saved: null });
  SAVED_SOURCE.model.clear();
});

const RUNS = {
  place: 5,
  of: 7,
  before: 'run-20260108T020000350Z-8ae49a',
  after: 'run-20260110T020000572Z-98f35d',
};

it('shows the run’s place among its folder’s runs with its first rows, not once its index is built', async () => {
  const opened: SavedLogOpened = {
    logId: 1,
    rows: [],
    count: 0,
    complete: true,
    counted: true,
    problems: [],
    tornTail: false,
    name: 'run-20260109T020000461Z-cd7328',
    kind: 'run-directory',
    readOnly: true,
    runs: RUNS,
    endedAbnormally: true,
  };
  const api = {
    invoke: (channel: string) =>
      channel === 'mbn:open-saved-log'
        ? Promise.resolve({ ok: true, value: opened })
        : // What the log holds: not answered yet (its index is still being built).
          new Promise(() => undefined),
    on: () => () => undefined,
  };
  Object.assign(globalThis, { window: { mbnDiag: api } });
  expect(await openSavedLog(RUNS.after, 'opened')).toBe(true);
  expect(useFiles.getState().saved?.runs).toEqual(RUNS);
  expect(useFiles.getState().saved?.endedAbnormally).toBe(true);
});
