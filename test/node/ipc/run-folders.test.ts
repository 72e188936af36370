/**
 * The saved log's "Run before" and "Run after" send a run folder's name, never a path: main opens
 * a run of that name only beside what the technician chose to open (a run folder or a journal
 * folder), and nothing else on the disk, whatever name the window sends.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAmongRuns } from '../../../electron/core/export/part-of-run.js';
import { RunFolders } from '../../../electron/ipc/run-folders.js';

const root = mkdtempSync(join(tmpdir(), 'mbn-run-folders-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(folder: string, name: string, bytes = '{}\n'): string {
  const dir = join(root, folder, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'journal-000001.jsonl'), bytes);
  return dir;
}

const A = 'run-20260105T080000000Z-aaaaaa';
const B = 'run-20260106T080000000Z-bbbbbb';
const C = 'run-20260107T080000000Z-cccccc';

describe('the runs beside a run folder', () => {
  const a = run('kiosk', A);
  const b = run('kiosk', B);
  const c = run('kiosk', C);
  // A run that died as it started holds nothing: no run to step to.
  run('kiosk', 'run-20260108T080000000Z-dddddd', '');
  const elsewhere = run('other', 'run-20260101T080000000Z-eeeeee');

  it('are its neighbours among those holding records, oldest first', () => {
    expect(runAmongRuns(b)).toEqual({ place: 2, of: 3, before: a, after: c });
    expect(runAmongRuns(c)).toEqual({ place: 3, of: 3, before: b, after: null });
    expect(runAmongRuns(elsewhere)).toBeNull();
  });

  it('open by name only beside a run or journal folder opened', async () => {
    const folders = new RunFolders();
    expect(await folders.folderNamed(A)).toBeNull();
    folders.noteOpened(join(root, 'kiosk'));
    expect(await folders.folderNamed(A)).toBe(a);
    expect(await folders.folderNamed('run-20260101T080000000Z-eeeeee')).toBeNull();
    expect(await folders.folderNamed('../other/run-20260101T080000000Z-eeeeee')).toBeNull();
    const one = new RunFolders();
    one.noteOpened(c);
    expect(await one.folderNamed(B)).toBe(b);
  });
});
