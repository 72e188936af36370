/**
 * Reading a small file that came with a log from elsewhere (a sidecar, run.json, writer.pid): a
 * ticket folder may hold anything under those names. Opened without waiting, so a named pipe
 * planted under the name is refused rather than read forever (a read blocked there cannot even be
 * stopped by Ctrl+C); refused too when it is no plain file or larger than its kind ever is.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** POSIX's; Node on Windows has none, and no pipe can stand under a file's name there. */
const NONBLOCK = (constants as Partial<typeof constants>).O_NONBLOCK ?? 0;

/** The file's text; undefined when it is missing, no plain file, over `maxBytes`, or unreadable. */
export function readSmallFile(path: string, maxBytes: number): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > maxBytes) return undefined;
    // Up to one byte past its size, never more: a file that grew meanwhile is not believed.
    const buf = Buffer.allocUnsafe(info.size + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buf.length; length += n)
      n = readSync(fd, buf, length, buf.length - length, length);
    return length > info.size ? undefined : buf.toString('utf8', 0, length);
  } catch {
    return undefined;
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Nothing to do: what was read stands, or undefined was already the answer.
    }
  }
}
