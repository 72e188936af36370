/**
 * The memory an export reads certified buckets into (certified-read.ts) and writes from as it is
 * (TextBuffer.pushKeptLine), filled again once nothing refers to it any more.
 *
 * A new buffer for every bucket meant fresh memory for every MiB exported: each page of it faulted
 * in as the read filled it, and the bucket's CRC then ran over memory no cache held. On this
 * machine that was most of the gap between exporting the app's own journal and copying it: a
 * 293 MB journal took 0.96-1.26 s, against 0.69-0.86 s read into memory used again (alternated).
 *
 * Memory is counted by holds: the reader holds a bucket while it hands out its lines, and the
 * TextBuffer each piece it keeps or has yet to copy, until the write that carried it is done
 * (`releaseKept` from TextBuffer.recycle). A piece handed to anyone who never releases it (a
 * bundle's part) keeps its memory out of the pool for good: it is then collected as any buffer
 * is, never filled again under it.
 */
import type { FileHandle } from 'node:fs/promises';

/** Memory kept for the next bucket: the read ahead, one being written, one being handed out. */
const SPARE = 4;
/** Buckets are about a MiB; memory is taken in MiBs so one fits the next. */
const STEP = 1 << 20;
/** Memory for a bucket far larger than most (long lines) is not kept once released. */
const LARGEST_KEPT = 8 * STEP;

const owners = new WeakMap<ArrayBufferLike, KeptBuffers>();

export class KeptBuffers {
  private readonly spare: ArrayBuffer[] = [];
  /**
   * Weakly: memory that someone keeps and never releases (a bundle's part) must still be collected
   * once nobody refers to it, not kept here for the rest of the read.
   */
  private readonly holds = new WeakMap<ArrayBufferLike, number>();

  /** A buffer of `bytes`, held once by the caller: spare memory when some fits, else new. */
  take(bytes: number): Buffer<ArrayBuffer> {
    const i = this.spare.findIndex((memory) => memory.byteLength >= bytes);
    const memory =
      i >= 0
        ? (this.spare.splice(i, 1)[0] as ArrayBuffer)
        : Buffer.allocUnsafeSlow(Math.ceil(Math.max(bytes, 1) / STEP) * STEP).buffer;
    owners.set(memory, this);
    this.holds.set(memory, 1);
    return Buffer.from(memory, 0, bytes);
  }

  /**
   * Takes `memory` in (a helper thread's, handed over): held once by the caller, and kept for
   * `take` once released, as memory this allocated is.
   */
  adopt(memory: ArrayBuffer): void {
    owners.set(memory, this);
    this.holds.set(memory, 1);
  }

  /**
   * `bytes` of the file at `position`, read into a buffer `take` gives (held once by the caller);
   * shorter at the file's end. A failed read gives the memory back.
   *
   * Its readers read ahead (log-parts.ts, certified-read.ts): the next chunk's read starts while
   * the one before is written, and is awaited only when that chunk is asked for. Unwatched until
   * then, a read failing meanwhile (a drive pulled out) was taken by Node for an unhandled
   * rejection, which ended the process where the export says the rest could not be read. So the
   * promise is watched from the start; its failure still reaches whoever awaits it.
   */
  read(file: FileHandle, bytes: number, position: number): Promise<Buffer> {
    const reading = this.readInto(file, bytes, position);
    reading.catch(() => undefined);
    return reading;
  }

  private async readInto(file: FileHandle, bytes: number, position: number): Promise<Buffer> {
    const buf = this.take(bytes);
    try {
      const { bytesRead } = await file.read(buf, 0, bytes, position);
      return buf.subarray(0, bytesRead);
    } catch (error) {
      this.release(buf.buffer);
      throw error;
    }
  }

  hold(memory: ArrayBufferLike): void {
    const holds = this.holds.get(memory);
    if (holds !== undefined) this.holds.set(memory, holds + 1);
  }

  release(memory: ArrayBufferLike): void {
    const holds = this.holds.get(memory);
    if (holds === undefined) return;
    if (holds > 1) {
      this.holds.set(memory, holds - 1);
      return;
    }
    this.holds.delete(memory);
    owners.delete(memory);
    if (
      this.spare.length < SPARE &&
      memory instanceof ArrayBuffer &&
      memory.byteLength <= LARGEST_KEPT
    )
      this.spare.push(memory);
  }
}

/** One more reference to `view`'s memory, when a pool's: it is not filled again until released. */
export function holdKept(view: Uint8Array): void {
  owners.get(view.buffer)?.hold(view.buffer);
}

/** A reference taken by `holdKept` (or `take`) is gone. */
export function releaseKept(view: Uint8Array): void {
  owners.get(view.buffer)?.release(view.buffer);
}
