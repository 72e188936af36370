/**
 * Where a lane's list (its spans, its marks) goes back in time. The list is kept in the order the
 * log's rows arrive, seq order, and each item's time is the recording machine's clock, so when
 * that clock is set back (a Windows time sync, a manual change) a later row has an earlier time:
 * searched as one sorted list, everything after the step was missed or put in the wrong place.
 * So a list is cut into segments, a new one wherever a time is below the one before it. Within a
 * segment times only grow: each is searched (and summarised) on its own, and a list whose clock
 * never stepped back is one segment, read as a sorted list always was.
 */

export class Segments {
  /** Index of the first item of each segment after the first (which starts at 0). */
  private readonly breaks: number[] = [];
  /** How many items have been noted. */
  length = 0;
  private last = Number.NEGATIVE_INFINITY;

  /** Notes the time of the next item appended to the list. */
  add(t: number): void {
    if (t < this.last) this.breaks.push(this.length);
    this.last = t;
    this.length++;
  }

  /** How many segments the list has: one while it is empty or its times only grow. */
  get count(): number {
    return this.breaks.length + 1;
  }

  /** Index of the first item of segment `g`. */
  from(g: number): number {
    return g === 0 ? 0 : (this.breaks[g - 1] ?? this.length);
  }

  /** Index after the last item of segment `g`. */
  to(g: number): number {
    return this.breaks[g] ?? this.length;
  }
}

const OF_LIST = new WeakMap<readonly { readonly t: number }[], Segments>();

/**
 * The segments of a list that only grows at its end (a lane's marks): noted as far as they were
 * when last asked for, and brought up to date with what was appended since (a frame pays only for
 * new items). A list that got shorter is noted again from its start.
 */
export function segmentsOf(list: readonly { readonly t: number }[]): Segments {
  let segments = OF_LIST.get(list);
  if (!segments || segments.length > list.length) {
    segments = new Segments();
    OF_LIST.set(list, segments);
  }
  for (let i = segments.length; i < list.length; i++) segments.add(list[i]?.t ?? 0);
  return segments;
}

/**
 * Binary search in the ascending values from..to (one segment): the first index whose value is
 * at least `value` (or above it, when `after`); `to` when there is none.
 */
export function firstIndex(
  valueAt: (i: number) => number,
  from: number,
  to: number,
  value: number,
  after: boolean,
): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = valueAt(mid);
    if (v < value || (after && v === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
