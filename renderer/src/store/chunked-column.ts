/**
 * Numbers in fixed-size chunks: a column grows by a chunk, never by copying what it holds, so a
 * growing log neither holds two copies for a moment nor leaves large freed blocks behind.
 *
 * One class per element type, each with its own `get`: a filter reads every row's cells, and a
 * `get` shared by both types reads two kinds of typed array at one site, which V8 compiles slower.
 */
const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;
const IN_CHUNK = CHUNK - 1;

export class U32Column {
  private readonly chunks: Uint32Array[] = [];
  length = 0;

  get(index: number): number {
    const chunk = this.chunks[index >>> CHUNK_BITS];
    return chunk === undefined ? 0 : (chunk[index & IN_CHUNK] ?? 0);
  }

  /** Adds `value` at the end; returns its index. */
  push(value: number): number {
    const index = this.length++;
    let chunk = this.chunks[index >>> CHUNK_BITS];
    if (chunk === undefined) {
      chunk = new Uint32Array(CHUNK);
      this.chunks.push(chunk);
    }
    chunk[index & IN_CHUNK] = value;
    return index;
  }

  get byteLength(): number {
    return this.chunks.length * CHUNK * 4;
  }
}

export class F64Column {
  private readonly chunks: Float64Array[] = [];
  length = 0;

  get(index: number): number {
    const chunk = this.chunks[index >>> CHUNK_BITS];
    return chunk === undefined ? 0 : (chunk[index & IN_CHUNK] ?? 0);
  }

  /** Adds `value` at the end; returns its index. */
  push(value: number): number {
    const index = this.length++;
    let chunk = this.chunks[index >>> CHUNK_BITS];
    if (chunk === undefined) {
      chunk = new Float64Array(CHUNK);
      this.chunks.push(chunk);
    }
    chunk[index & IN_CHUNK] = value;
    return index;
  }

  get byteLength(): number {
    return this.chunks.length * CHUNK * 8;
  }
}

export const u32 = (): U32Column => new U32Column();
export const f64 = (): F64Column => new F64Column();
