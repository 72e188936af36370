/**
 * The preview's one folder for exports and saved logs is a fixed name in the shared temporary
 * folder by default: another user of the machine could make it first and read every export
 * written there, unredacted ones too, or offer their own logs. The preview uses only a private
 * folder of its own user's.
 */
import {
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { previewFiles } from '../../../electron/preview/preview-files.js';
import { writeRunFolder } from '../../support/run-folder.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'preview-files-'));
  made.push(dir);
  return dir;
}

const posix = process.platform !== 'win32';

describe.runIf(posix)("the preview's files folder", () => {
  it('is made private: nobody else can list it or read the exports in it', async () => {
    const folder = join(temp(), 'files');
    const path = await previewFiles(folder).chooseExportPath('log.jsonl', 'jsonl');
    expect(path).toBe(join(folder, 'log.jsonl'));
    expect(statSync(folder).mode & 0o777).toBe(0o700);
  });

  it('is made private again when it was left readable by everyone', async () => {
    const folder = join(temp(), 'files');
    mkdirSync(folder, { mode: 0o777 });
    await previewFiles(folder).choices();
    expect(statSync(folder).mode & 0o777).toBe(0o700);
  });

  it('is refused when it is a link someone put there, and nothing is written through it', async () => {
    const elsewhere = temp();
    const folder = join(temp(), 'files');
    symlinkSync(elsewhere, folder);
    const files = previewFiles(folder);
    await expect(files.chooseExportPath('log.jsonl', 'jsonl')).rejects.toMatchObject({
      ipc: { code: 'unavailable', message: expect.stringContaining('not a folder of this user') },
    });
    await expect(files.choices()).rejects.toMatchObject({ ipc: { code: 'unavailable' } });
    await expect(files.chooseLogToOpen('log.jsonl')).rejects.toMatchObject({
      ipc: { code: 'unavailable' },
    });
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it.runIf(process.getuid?.() === 0)('is refused when another user made it first', async () => {
    const folder = join(temp(), 'files');
    mkdirSync(folder, { mode: 0o777 });
    chownSync(folder, 65534, 65534);
    await expect(previewFiles(folder).chooseExportPath('log.jsonl', 'jsonl')).rejects.toMatchObject(
      { ipc: { code: 'unavailable' } },
    );
  });
});

/**
 * The app's journal is a run folder of rotated files (run.json, journal-000001.jsonl, …), which the
 * CLI opens; the preview listed .jsonl and .zip files only, so the run could be opened only one
 * file at a time, each looking like the whole log.
 */
describe.runIf(posix)("the preview's list of saved logs", () => {
  it('offers the run folders and journal folders in its folder, and opens them', async () => {
    const folder = join(temp(), 'files');
    const files = previewFiles(folder);
    await files.choices();
    writeRunFolder(join(folder, 'kiosk-run'), 3, 4);
    writeRunFolder(join(folder, 'journal', 'run-20260105T080000000Z-012345'), 2, 4);
    mkdirSync(join(folder, 'photos'));
    const listed = (await files.choices()).files;
    expect(listed.map((f) => [f.name, f.folder])).toEqual([
      ['journal', 'journal'],
      ['kiosk-run', 'run'],
    ]);
    expect(listed.find((f) => f.name === 'kiosk-run')?.bytes).toBeGreaterThan(0);
    expect(await files.chooseLogToOpen('kiosk-run')).toBe(join(folder, 'kiosk-run'));
    expect(await files.chooseLogToOpen('photos')).toBeNull();
  });

  it("opens the run folder of a journal file it opened, by the folder's name only", async () => {
    const folder = join(temp(), 'files');
    const files = previewFiles(folder);
    await files.choices();
    const run = writeRunFolder(join(temp(), 'kiosk-run'), 3, 4);
    symlinkSync(join(run, 'journal-000002.jsonl'), join(folder, 'journal-000002.jsonl'));
    expect(await files.chooseLogToOpen('kiosk-run')).toBeNull();
    await files.chooseLogToOpen('journal-000002.jsonl');
    expect(await files.chooseLogToOpen('kiosk-run')).toBe(run);
  });
});
