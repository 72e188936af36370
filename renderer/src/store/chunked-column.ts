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

  get byteLength(): number {
    return this.chunks.length * CHUNK * 8;
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

export const u32 = (): U32Column => new U32Column();
export const f64 = (): F64Column => new F64Column();
