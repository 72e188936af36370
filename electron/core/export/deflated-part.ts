/**
 * One entry of the bundle, compressed while it is written. Its text goes through zlib's raw
 * deflate, whose work runs on libuv's thread pool, so the four entries compress on the second core
 * while the main thread formats the next records, instead of one after the other once the
 * formatting is done. The compressed bytes go to a temporary file beside the destination
 * (AtomicFile: deleted whatever happens); the CRC-32 and sizes the zip headers need are counted
 * on the way.
 */
import { once } from 'node:events';
import { createDeflateRaw, crc32, type DeflateRaw, type ZlibOptions } from 'node:zlib';
import { AtomicFile } from './atomic-file.js';

/**
 * How far formatting may run ahead of compression: enough for every entry to keep a chunk or two
 * in flight on the thread pool, small enough to keep memory flat.
 */
const AHEAD_BYTES = 2 << 20;

/**
 * Compressed output comes back in pieces of this size, each a callback and a file write on the
 * main thread: zlib's default 16 KiB made ten thousand of them for a million-event bundle.
 */
const OUT_CHUNK = 256 << 10;

export class DeflatedPart {
  crc = 0;
  /** Bytes before compression. */
  size = 0;
  private readonly deflate: DeflateRaw;
  private readonly pump: Promise<void>;

  private constructor(
    readonly file: AtomicFile,
    level: number,
  ) {
    // zlib streams take stream options too (Node passes them on to Transform); the types omit them.
    const options: ZlibOptions & { writableHighWaterMark: number } = {
      level,
      chunkSize: OUT_CHUNK,
      writableHighWaterMark: AHEAD_BYTES,
    };
    this.deflate = createDeflateRaw(options);
    const deflate = this.deflate;
    this.pump = (async () => {
      for await (const chunk of deflate) await file.write(chunk as Buffer);
    })();
    // Awaited in finish(); until then a failure must not count as unhandled.
    this.pump.catch(() => undefined);
  }

  static async create(destination: string, suffix: string, level: number): Promise<DeflatedPart> {
    return new DeflatedPart(await AtomicFile.create(destination, suffix), level);
  }

  /** Compressed bytes so far (all of them after finish). */
  get compressedSize(): number {
    return this.file.bytes;
  }

  async write(buffers: readonly Buffer[]): Promise<void> {
    for (const buffer of buffers) {
      this.crc = crc32(buffer, this.crc);
      this.size += buffer.length;
      if (!this.deflate.write(buffer)) await Promise.race([once(this.deflate, 'drain'), this.pump]);
    }
  }

  /** Flushes the compressor and closes the file; throws what went wrong on the way, if anything. */
  async finish(): Promise<void> {
    this.deflate.end();
    await this.pump;
    await this.file.seal();
  }

  /** Stops compressing and deletes the file. Never throws. */
  async abort(): Promise<void> {
    this.deflate.destroy();
    await this.pump.catch(() => undefined);
    await this.file.abort();
  }
}
