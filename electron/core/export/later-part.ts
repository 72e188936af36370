/**
 * Text a format makes before the text that goes ahead of it (FormatWriter.later: the HTML report's
 * log, made as the records are read, comes after the summary made at the end). It waits in a
 * hidden part file beside the destination, as the bundle's entries do (AtomicFile: deleted on
 * failure or cancel, and by the next export into that folder if the process was killed), and is
 * copied after the rest at the end, so the log is never held in memory.
 */
import { open } from 'node:fs/promises';
import { AtomicFile } from './atomic-file.js';

/** Bytes read back at a time: as a drain writes them. */
const READ_BYTES = 1 << 20;

export class LaterPart {
  private constructor(private readonly file: AtomicFile) {}

  static async create(destination: string): Promise<LaterPart> {
    return new LaterPart(await AtomicFile.create(destination, 'later.part'));
  }

  /** Bytes written so far. */
  get bytes(): number {
    return this.file.bytes;
  }

  /** Appends `buffers`; once this resolves they are written and may be filled again. */
  write(buffers: readonly Buffer[]): Promise<void> {
    return this.file.write(buffers);
  }

  /**
   * Everything written, read back in order a MiB at a time, each piece in memory of its own (the
   * compressor of a bundle's entry holds it a while) and handed to `write` once the last is done.
   */
  async copyTo(write: (buffers: Buffer[]) => Promise<void>): Promise<void> {
    await this.file.seal();
    const handle = await open(this.file.tempPath, 'r');
    try {
      for (;;) {
        const piece = Buffer.allocUnsafeSlow(READ_BYTES);
        const { bytesRead } = await handle.read(piece, 0, READ_BYTES, null);
        if (bytesRead === 0) return;
        await write([piece.subarray(0, bytesRead)]);
      }
    } finally {
      await handle.close();
    }
  }

  /** Deletes the part, whatever happened (after copyTo too). Never throws. */
  abort(): Promise<void> {
    return this.file.abort();
  }
}
