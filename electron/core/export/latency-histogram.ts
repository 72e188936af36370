/**
 * Latency percentiles in bounded memory: a log-bucketed histogram (the idea behind HdrHistogram
 * and DDSketch) rather than a reservoir sample.
 *
 * Why a histogram: its memory is fixed (BUCKETS counters, ~19 KB) whether a service saw ten
 * requests or ten million; its error is bounded and relative (every bucket is 1% wide, and the
 * value reported is the bucket's midpoint, so within ±0.5%) at every percentile, including the
 * tail that a support engineer cares about; and it is deterministic, so exporting the same log
 * twice prints the same p95. A reservoir of fixed size would be exact for small logs but give a
 * p95 that varies run to run and is least reliable exactly in the tail. Min and max are tracked
 * exactly, and percentiles are clamped to them.
 */
const MIN_MS = 0.001;
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
/** Covers 1 µs to ~ 2.8 hours; slower values land in the last bucket (max stays exact). */
const BUCKETS = Math.ceil(Math.log(1e7 / MIN_MS) / LOG_GROWTH) + 2;

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private n = 0;
  private lo = Infinity;
  private hi = -Infinity;

  add(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.counts[bucketOf(ms)] = (this.counts[bucketOf(ms)] ?? 0) + 1;
    this.n += 1;
    if (ms < this.lo) this.lo = ms;
    if (ms > this.hi) this.hi = ms;
  }

  get count(): number {
    return this.n;
  }

  get max(): number | null {
    return this.n === 0 ? null : this.hi;
  }

  get min(): number | null {
    return this.n === 0 ? null : this.lo;
  }

  /** The q-quantile (0..1) by the nearest-rank method, or null when empty. */
  quantile(q: number): number | null {
    if (this.n === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.n));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return Math.min(this.hi, Math.max(this.lo, valueOf(i)));
    }
    return this.hi;
  }
}

function bucketOf(ms: number): number {
  if (ms <= MIN_MS) return 0;
  return Math.min(BUCKETS - 1, 1 + Math.floor(Math.log(ms / MIN_MS) / LOG_GROWTH));
}

/** The midpoint of a bucket (bucket 0 holds everything up to MIN_MS). */
function valueOf(bucket: number): number {
  if (bucket === 0) return MIN_MS;
  const low = MIN_MS * GROWTH ** (bucket - 1);
  return (low + low * GROWTH) / 2;
}
