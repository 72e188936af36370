/**
 * A .zip bundle's log, copied out once to a private temporary file so it can be searched and
 * jumped through like any JSON Lines log. A compressed entry can only be read from its start, so
 * the index's seeks need the bytes on disk; the copy lives in a folder of its own under the
 * system's temporary folder (readable by this user only, as mkdtemp makes it) and is removed when
 * the log is closed, or the app stops. The support engineer's bundle itself is never written.
 *
 * A bundle holding a run's journal files in order is copied as their concatenation: the records,
 * and so the rows' positions, are the ones the saved-log reader shows.
 *
 * The copy is refused, before anything is written, when the log would not fit in the free space
 * of the temporary folder: deflate packs a log of one repeated line a thousand to one, so a
 * bundle of a few MB sent by anyone could otherwise fill the disk of the technician who searched it.
 *
 * A copy's folder is named after the process that made it, so that the next copy removes those a
 * crash or kill -9 left behind (each a whole log, possibly gigabytes and not redacted): a folder
 * whose process is gone is nobody's any more.
 */
import { createWriteStream } from 'node:fs';
import { lstat, mkdtemp, readdir, rm, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { LogOpenError, locateLog } from './export/log-location.js';
import { openParts } from './export/log-parts.js';
import { processAlive } from './export/stale-partials.js';

const PREFIX = 'mbn-diag-bundle-';
/** A copy's folder: the prefix, the PID of the process that made it, mkdtemp's six characters. */
const COPY_DIR = /^mbn-diag-bundle-(\d+)-[A-Za-z0-9]{6}$/;

/** Removes the copies whose process is gone. Never throws: cleaning must not stop a search. */
async function removeStaleCopies(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(COPY_DIR.exec(name)?.[1] ?? Number.NaN);
    if (!Number.isInteger(pid) || pid === process.pid || processAlive(pid)) continue;
    const path = join(dir, name);
    const info = await lstat(path).catch(() => undefined);
    // Only a real folder of this user's: not a link, not someone else's.
    if (!info?.isDirectory() || (process.getuid && info.uid !== process.getuid())) continue;
    await rm(path, { recursive: true, force: true }).catch(() => undefined);
  }
}

export interface BundleLogCopy {
  /** The copy: one JSON Lines file. */
  path: string;
  remove(): Promise<void>;
}

/** Whether `path` is a .zip bundle (by its first bytes, as opening a log decides). */
export async function isBundle(path: string): Promise<boolean> {
  return (await locateLog(path)).kind === 'bundle';
}

/** Bytes free to this user in `dir`'s file system. */
async function freeBytes(dir: string): Promise<number> {
  const info = await statfs(dir);
  return info.bavail * info.bsize;
}

/** Space left free after the copy, for everything else on the machine. */
const KEEP_FREE = 256 * 1024 * 1024;

export async function copyBundleLog(
  zipPath: string,
  signal?: AbortSignal,
  /** Tests give a small disk. */
  free: (dir: string) => Promise<number> = freeBytes,
): Promise<BundleLogCopy> {
  const opened = await openParts(await locateLog(zipPath));
  const needed = opened.parts.reduce((sum, part) => sum + (part.bytes ?? 0), 0);
  const available = await free(tmpdir()).catch(() => Number.POSITIVE_INFINITY);
  if (needed + KEEP_FREE > available) {
    opened.close();
    throw new LogOpenError(
      `${basename(zipPath)} holds a log of ${gigabytes(needed)} unpacked, and ${tmpdir()} has ${gigabytes(available)} free: it was not copied out to be searched. It can still be opened and exported.`,
      'unreadable',
    );
  }
  // The bundle is let go of however this ends: a temporary folder that could not be made (no
  // room, no such folder) left it open for as long as the app ran, once more for each search.
  let dir: string | undefined;
  const remove = () =>
    dir === undefined ? Promise.resolve() : rm(dir, { recursive: true, force: true });
  try {
    await removeStaleCopies(tmpdir());
    dir = await mkdtemp(join(tmpdir(), `${PREFIX}${String(process.pid)}-`));
    const path = join(dir, 'log.jsonl');
    await pipeline(
      async function* () {
        for (const part of opened.parts) {
          let last = 10;
          for await (const chunk of part.open(0)) {
            if (chunk.length > 0) last = chunk[chunk.length - 1] ?? 10;
            yield chunk;
          }
          // Each part's last line ends where the next part's first begins.
          if (last !== 10) yield Buffer.from('\n');
        }
      },
      createWriteStream(path, { mode: 0o600 }),
      { signal },
    );
    return { path, remove };
  } catch (error) {
    await remove();
    throw error;
  } finally {
    opened.close();
  }
}

function gigabytes(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}
