/**
 * Numbers in fixed-size chunks: a column grows by a chunk, never by copying what it holds, so a
 * growing log neither holds two copies for a moment nor leaves large freed blocks behind.
 */
const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;
const IN_CHUNK = CHUNK - 1;

export class Chunked<T extends Uint32Array | Float64Array> {
  private readonly chunks: T[] = [];
  length = 0;

  constructor(private readonly make: (n: number) => T) {}

  get(index: number): number {
    return this.chunks[index >>> CHUNK_BITS]?.[index & IN_CHUNK] ?? 0;
  }

  /** Adds `value` at the end; returns its index. */
  push(value: number): number {
    const index = this.length++;
    const chunk = this.chunks[index >>> CHUNK_BITS] ?? this.addChunk();
    chunk[index & IN_CHUNK] = value;
    return index;
  }

  get byteLength(): number {
    return this.chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  }

  private addChunk(): T {
    const chunk = this.make(CHUNK);
    this.chunks.push(chunk);
    return chunk;
  }
}

export const u32 = (): Chunked<Uint32Array> => new Chunked((n) => new Uint32Array(n));
export const f64 = (): Chunked<Float64Array> => new Chunked((n) => new Float64Array(n));
