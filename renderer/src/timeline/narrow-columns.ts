/**
 * Three of a lane's span columns in two bytes a span instead of four, exact either way: at ten
 * million spans that is 60 MB the renderer does not hold (issue 14: under 300 MB throughout).
 *
 * Durations are whole milliseconds (a journal's times are), and almost every request ends within
 * a minute: those are kept as a 16-bit count of ms. The rest (a request late by minutes, or a
 * duration that is not whole ms) are kept exactly beside them, and should they stop being rare
 * the lane's durations move to 32-bit floats, as all of them were before.
 *
 * Seqs grow with the index, so each block of spans keeps its first seq and each span its distance
 * from it in 16 bits; a lane whose spans are more than 65,535 records apart within a block (a
 * lane that sends rarely, so holds few spans) keeps its seqs in 32 bits instead. The summary
 * levels keep their buckets' first spans and reaches the same two ways (./span-summary.ts).
 *
 * Starts grow with the index too, but by time, not by record: a busy lane's 128 spans fall within
 * a minute, while a quiet one's are minutes apart. So each block of 128 keeps its first start and
 * each span its distance from it in 16 bits of ms when that fits, exactly beside them when not
 * (a span after a long pause), and a lane where that stops being rare keeps them all in 32 bits.
 */

/** Stored for a span still waiting (its duration is NaN). */
const WAITING = 0xffff;
/** Stored for a duration kept in `long` (or, once widened, in `wide`). */
export const LONG = 0xfffe;
/** Past this many long durations (and this share of the lane), a lane's durations widen. */
const LONG_KEPT = 4_096;
const LONG_SHARE = 1 / 32;

export const BLOCK_BITS = 8;
const SEQ_SPAN = 0xffff;

/** Durations in ms, 2 bytes a span while they are whole ms under a minute (nearly always). */
export class DurationColumn {
  /** The duration, or WAITING, or LONG (then `durationAt` reads it from beside). */
  short: Uint16Array;
  private long = new Map<number, number>();
  private wide: Float32Array | null = null;

  constructor(capacity: number) {
    this.short = new Uint16Array(capacity);
  }

  get capacity(): number {
    return this.short.length;
  }

  get byteLength(): number {
    // A Map entry costs about as much as a few dozen bytes; counted so the figure stays honest.
    return this.short.byteLength + (this.wide?.byteLength ?? 0) + this.long.size * 32;
  }

  /** The duration of span `i` in ms, NaN while it waits. */
  at(i: number): number {
    const v = this.short[i] ?? WAITING;
    if (v < LONG) return v;
    if (v === WAITING) return Number.NaN;
    return this.wide ? (this.wide[i] ?? Number.NaN) : (this.long.get(i) ?? Number.NaN);
  }

  /**
   * Stores `duration` (NaN: waiting) for span `i` and returns it as stored, which `at` gives
   * back: exact, except that a widened lane rounds to float32 as the lanes always did.
   */
  set(i: number, duration: number, length: number): number {
    // Only a duration that was long can have an entry beside it to forget.
    if (this.short[i] === LONG) this.long.delete(i);
    if (Number.isNaN(duration)) {
      this.short[i] = WAITING;
      return Number.NaN;
    }
    if (Number.isInteger(duration) && duration >= 0 && duration < LONG) {
      this.short[i] = duration;
      return duration;
    }
    this.short[i] = LONG;
    if (this.wide) return (this.wide[i] = duration);
    this.long.set(i, duration);
    if (this.long.size <= Math.max(LONG_KEPT, length * LONG_SHARE)) return duration;
    return this.widen()[i] ?? duration;
  }

  resize(size: number, length: number): void {
    this.short = regrown(this.short, new Uint16Array(size), length);
    if (this.wide) this.wide = regrown(this.wide, new Float32Array(size), length);
  }

  /** Long durations are no longer rare in this lane: keep them all as 32-bit floats. */
  private widen(): Float32Array {
    const wide = new Float32Array(this.short.length);
    for (const [i, d] of this.long) wide[i] = d;
    this.long.clear();
    this.wide = wide;
    return wide;
  }
}

/**
 * Whole numbers ascending with the index (a lane's seqs, a summary level's first spans): 2 bytes
 * each from their block's first value, or 4 once two in a block are too far apart.
 */
export class AscendingColumn {
  private base: Uint32Array;
  private delta: Uint16Array | null;
  private wide: Uint32Array | null = null;

  constructor(capacity: number) {
    this.delta = new Uint16Array(capacity);
    this.base = new Uint32Array(blocks(capacity));
  }

  get byteLength(): number {
    return this.base.byteLength + (this.delta?.byteLength ?? 0) + (this.wide?.byteLength ?? 0);
  }

  /**
   * The two-byte form for a loop over many values (value i is `base[i >>> BLOCK_BITS] +
   * delta[i]`), or null once widened (then `at`).
   */
  blocks(): { base: Uint32Array; delta: Uint16Array } | null {
    return this.delta ? { base: this.base, delta: this.delta } : null;
  }

  at(i: number): number {
    if (this.wide) return this.wide[i] ?? 0;
    return (this.base[i >>> BLOCK_BITS] ?? 0) + (this.delta?.[i] ?? 0);
  }

  /**
   * Stores value `i`, in order: the block's first sets its base, and a value written again (a
   * level rebuilding its last buckets) is never below the ones before it in its block.
   */
  set(i: number, seq: number, length: number): void {
    if (this.wide) {
      this.wide[i] = seq;
      return;
    }
    const block = i >>> BLOCK_BITS;
    if ((i & ((1 << BLOCK_BITS) - 1)) === 0) this.base[block] = seq;
    const d = seq - (this.base[block] ?? 0);
    if (this.delta && d >= 0 && d <= SEQ_SPAN) this.delta[i] = d;
    else this.widen(length)[i] = seq;
  }

  resize(size: number, length: number): void {
    if (this.wide) {
      this.wide = regrown(this.wide, new Uint32Array(size), length);
      return;
    }
    this.delta = this.delta
      ? regrown(this.delta, new Uint16Array(size), length)
      : new Uint16Array(size);
    this.base = regrown(this.base, new Uint32Array(blocks(size)), this.base.length);
  }

  /** Spans of this lane are too far apart in seq for 16 bits: keep every seq in 32. */
  private widen(length: number): Uint32Array {
    const wide = new Uint32Array(this.delta?.length ?? length);
    for (let i = 0; i < length; i++) wide[i] = this.at(i);
    this.wide = wide;
    this.delta = null;
    this.base = new Uint32Array(0);
    return wide;
  }
}

/** `to` (a column's new room) holding the first `length` values of `from` (as many as fit). */
function regrown<T extends Uint16Array | Int32Array | Uint32Array | Float32Array>(
  from: ArrayLike<number> & { subarray(begin: number, end: number): ArrayLike<number> },
  to: T,
  length: number,
): T {
  to.set(from.subarray(0, Math.min(length, to.length)));
  return to;
}

function blocks(capacity: number, bits = BLOCK_BITS): number {
  return Math.ceil(capacity / (1 << bits));
}

const START_BLOCK_BITS = 7;
/** Stored for a start kept beside the column (too far from its block's first). */
const FAR = 0xffff;

/**
 * Spans' starts in whole ms from their lane's origin (±2^31), appended in the order they start:
 * 2 bytes each from their block's first start, kept exactly beside the column when farther than
 * 65,534 ms or before it, and all of them in 4 bytes once those stop being rare.
 */
export class StartColumn {
  private base: Int32Array;
  private delta: Uint16Array;
  private far = new Map<number, number>();
  private wide: Int32Array | null = null;

  constructor(capacity: number) {
    this.delta = new Uint16Array(capacity);
    this.base = new Int32Array(blocks(capacity, START_BLOCK_BITS));
  }

  get capacity(): number {
    return this.wide ? this.wide.length : this.delta.length;
  }

  get byteLength(): number {
    // As DurationColumn counts its Map: a few dozen bytes an entry.
    return this.wide
      ? this.wide.byteLength
      : this.base.byteLength + this.delta.byteLength + this.far.size * 32;
  }

  /** The start of span `i`, in ms from the origin. */
  at(i: number): number {
    const wide = this.wide;
    if (wide) return wide[i] ?? 0;
    const d = this.delta[i] ?? 0;
    if (d !== FAR) return (this.base[i >>> START_BLOCK_BITS] ?? 0) + d;
    return this.far.get(i) ?? 0;
  }

  /** Stores the start of span `i`, the newest (`length` spans in all, this one included). */
  set(i: number, start: number, length: number): void {
    const wide = this.wide;
    if (wide) {
      wide[i] = start;
      return;
    }
    const block = i >>> START_BLOCK_BITS;
    if ((i & ((1 << START_BLOCK_BITS) - 1)) === 0) this.base[block] = start;
    const d = start - (this.base[block] ?? 0);
    if (d >= 0 && d < FAR) {
      this.delta[i] = d;
      return;
    }
    this.delta[i] = FAR;
    this.far.set(i, start);
    if (this.far.size > Math.max(LONG_KEPT, length * LONG_SHARE)) this.widen(length);
  }

  resize(size: number, length: number): void {
    if (this.wide) {
      this.wide = regrown(this.wide, new Int32Array(size), length);
      return;
    }
    this.delta = regrown(this.delta, new Uint16Array(size), length);
    this.base = regrown(
      this.base,
      new Int32Array(blocks(size, START_BLOCK_BITS)),
      this.base.length,
    );
  }

  /** Far starts are no longer rare in this lane: keep every start in 32 bits. */
  private widen(length: number): void {
    const wide = new Int32Array(this.delta.length);
    for (let i = 0; i < length; i++) wide[i] = this.at(i);
    this.wide = wide;
    this.far.clear();
    this.delta = new Uint16Array(0);
    this.base = new Int32Array(0);
  }
}
