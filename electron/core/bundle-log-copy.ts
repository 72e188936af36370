/**
 * A .zip bundle's log, copied out once to a private temporary file so it can be searched and
 * jumped through like any JSON Lines log. A compressed entry can only be read from its start, so
 * the index's seeks need the bytes on disk; the copy lives in a folder of its own under the
 * system's temporary folder (readable by this user only, as mkdtemp makes it) and is removed when
 * the log is closed, or the app stops. The support engineer's bundle itself is never written.
 *
 * A bundle holding a run's journal files in order is copied as their concatenation: the records,
 * and so the rows' positions, are the ones the saved-log reader shows.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { locateLog } from './export/log-location.js';
import { openParts } from './export/log-parts.js';

export interface BundleLogCopy {
  /** The copy: one JSON Lines file. */
  path: string;
  remove(): Promise<void>;
}

/** Whether `path` is a .zip bundle (by its first bytes, as opening a log decides). */
export async function isBundle(path: string): Promise<boolean> {
  return (await locateLog(path)).kind === 'bundle';
}

export async function copyBundleLog(zipPath: string, signal?: AbortSignal): Promise<BundleLogCopy> {
  const opened = await openParts(await locateLog(zipPath));
  const dir = await mkdtemp(join(tmpdir(), 'mbn-diag-bundle-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, 'log.jsonl');
  try {
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
