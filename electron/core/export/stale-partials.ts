/**
 * Temporary files an export left behind when its process was killed (kill -9, a power cut, a
 * crash): hidden `.name.<pid>-<random>.partial` files beside the destination, which may hold raw
 * identifiers after a `--no-redact` export. The next export into the same folder removes them.
 *
 * A temporary file is stale when the process that wrote it is gone, or when it is this process's
 * own and no export here is writing it any more. One written by a live process is left alone: it
 * may be another export under way. A PID means something only on the machine that wrote it, so
 * the name carries that machine too (a hash of its host name): in a folder on a network share,
 * another machine's file is stale only once it has not been written to for a while, as are names
 * from before the PID was written into them.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

const TEMP = /^\..+\.(?:(?:([0-9a-f]{8})-)?(\d+)-)?[0-9a-f]{8}\.(?:partial|[a-z]+\.part)$/;
/** For another machine's files and names without a PID: no export pauses this long between writes. */
const IDLE_STALE_MS = 10 * 60 * 1000;

/** This machine, in a temporary file's name: not its host name itself, which may name a person. */
export const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

const live = new Set<string>();

/**
 * Bytes of the destination's name a temporary name keeps: what follows it takes about 40 more,
 * and a file name may have 255 bytes (ext4, most others) or 255 UTF-16 units (NTFS). A name the
 * technician could save under must leave room for its temporary name.
 */
const TEMP_BASE_BYTES = 120;

function cutToBytes(name: string, bytes: number): string {
  let used = 0;
  let end = 0;
  for (const char of name) {
    used += Buffer.byteLength(char, 'utf8');
    if (used > bytes) break;
    end += char.length;
  }
  return name.slice(0, end);
}

export function tempName(base: string, random: string, suffix: string): string {
  return `.${cutToBytes(base, TEMP_BASE_BYTES)}.${HOST_TAG}-${process.pid}-${random}.${suffix}`;
}

/** Marks a temporary file as being written by this process; returns how to unmark it. */
export function trackTemp(path: string): () => void {
  live.add(path);
  return () => live.delete(path);
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, and belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes the stale temporary files in `dir`. Never throws: cleaning must not stop an export. */
export async function removeStalePartials(dir: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = TEMP.exec(name);
    if (!match) continue;
    const path = join(dir, name);
    if (live.has(path)) continue;
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isFile()) continue;
    const host = match[1] ?? HOST_TAG;
    const pid = match[2] === undefined ? undefined : Number(match[2]);
    const stale =
      pid === undefined || host !== HOST_TAG
        ? now - info.mtimeMs > IDLE_STALE_MS
        : pid === process.pid || !processAlive(pid);
    if (!stale) continue;
    try {
      await unlink(path);
      removed.push(path);
    } catch {
      // Gone already, or not ours to delete: leave it.
    }
  }
  return removed;
}
