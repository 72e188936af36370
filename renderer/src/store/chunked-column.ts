/**
 * Numbers in fixed-size chunks: a column grows by a chunk, never by copying what it holds, so a
 * growing log neither holds two copies for a moment nor leaves large freed blocks behind.
 *
 * One class per element type, each with its own `get`: a filter reads every row's cells, and a
 * `get` shared by both types reads two kinds of typed array at one site, which V8 compiles slower.
 */
export const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;
const IN_CHUNK = CHUNK - 1;

export class U32Column {
  private readonly chunks: (Uint32Array | undefined)[] = [];
  length = 0;
  /** Chunks let go (`releaseBefore`): the first of them that still holds values. */
  private kept = 0;

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
      this.chunks[index >>> CHUNK_BITS] = chunk;
    }
    chunk[index & IN_CHUNK] = value;
    return index;
  }

  /** Writes `value` at `index`, which must be below `length`. */
  set(index: number, value: number): void {
    const chunk = this.chunks[index >>> CHUNK_BITS];
    if (chunk !== undefined) chunk[index & IN_CHUNK] = value;
  }

  /**
   * Makes room for `count` values at each new index in `at` (ascending, in the grown column's
   * numbering), moving the values after the first of them up: only those move, a typed copy each.
   * The values at `at` are left to the caller to write.
   */
  spread(at: readonly number[], count = at.length): void {
    spreadIn(this, at, count);
  }

  /**
   * Lets go of the chunks that hold only values below `index` (they read 0 from then on): a full
   * window dropping its oldest rows by moving where it starts (./row-columns.ts `dropFront`).
   */
  releaseBefore(index: number): void {
    this.kept = releaseIn(this.chunks, this.kept, index);
  }

  get byteLength(): number {
    return (this.chunks.length - this.kept) * CHUNK * 4;
  }
}

export class F64Column {
  private readonly chunks: (Float64Array | undefined)[] = [];
  length = 0;
  /** Chunks let go (`releaseBefore`): the first of them that still holds values. */
  private kept = 0;

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
      this.chunks[index >>> CHUNK_BITS] = chunk;
    }
    chunk[index & IN_CHUNK] = value;
    return index;
  }

  /** Writes `value` at `index`, which must be below `length`. */
  set(index: number, value: number): void {
    const chunk = this.chunks[index >>> CHUNK_BITS];
    if (chunk !== undefined) chunk[index & IN_CHUNK] = value;
  }

  /**
   * Makes room for `count` values at each new index in `at` (ascending, in the grown column's
   * numbering), moving the values after the first of them up: only those move, a typed copy each.
   * The values at `at` are left to the caller to write.
   */
  spread(at: readonly number[], count = at.length): void {
    spreadIn(this, at, count);
  }

  /**
   * Lets go of the chunks that hold only values below `index` (they read 0 from then on): a full
   * window dropping its oldest rows by moving where it starts (./row-columns.ts `dropFront`).
   */
  releaseBefore(index: number): void {
    this.kept = releaseIn(this.chunks, this.kept, index);
  }

  get byteLength(): number {
    return (this.chunks.length - this.kept) * CHUNK * 8;
  }
}

/** See U32Column.spread: from the end down to the first new index, each value once. */
function spreadIn(column: U32Column | F64Column, at: readonly number[], count: number): void {
  const old = column.length;
  for (let n = 0; n < count; n++) column.push(0);
  let write = old + count - 1;
  let read = old - 1;
  for (let c = count - 1; c >= 0;) {
    if (at[c] === write) {
      c--;
      write--;
      continue;
    }
    column.set(write--, column.get(read--));
  }
}

/** See U32Column.releaseBefore: the chunks below `index`'s, from the first still kept. */
function releaseIn(chunks: unknown[], kept: number, index: number): number {
  const to = Math.min(chunks.length, index >>> CHUNK_BITS);
  for (let k = kept; k < to; k++) chunks[k] = undefined;
  return Math.max(kept, to);
}

/**
 * Values of any kind in chunks, as the columns above hold numbers: the texts and nested values of
 * the log's rows, let go of from the front as a full window drops its oldest rows.
 */
export class ListColumn<T> {
  private readonly chunks: (T[] | undefined)[] = [];
  length = 0;
  private kept = 0;

  get(index: number): T | undefined {
    return this.chunks[index >>> CHUNK_BITS]?.[index & IN_CHUNK];
  }

  /** Adds `value` at the end; returns its index. */
  push(value: T): number {
    const index = this.length++;
    const chunk = this.chunks[index >>> CHUNK_BITS];
    if (chunk === undefined) this.chunks[index >>> CHUNK_BITS] = [value];
    else chunk.push(value);
    return index;
  }

  /** See U32Column.releaseBefore. */
  releaseBefore(index: number): void {
    this.kept = releaseIn(this.chunks, this.kept, index);
  }
}

export const u32 = (): U32Column => new U32Column();
export const f64 = (): F64Column => new F64Column();
