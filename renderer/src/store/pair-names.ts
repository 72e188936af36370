/**
 * Short names for pairs of small whole numbers, the same name for the same pair: how a filter
 * names a row's fields when they are too many to write as one number (./row-columns.ts
 * `testFields`: each pair of the name so far and the next field's digit is named in turn). A scan
 * names some ten pairs a row over every row, so the table is open addressing in typed arrays: a
 * `Map` lookup costs several times as much.
 */
const EMPTY = -1;

/**
 * Where a pair is looked for first: both numbers mixed (a multiply, then MurmurHash3's finishing
 * steps), so pairs of near names and near numbers, the usual ones, spread over the table.
 */
function slotOf(first: number, second: number, mask: number): number {
  let h = (Math.imul(first, 0x9e3779b1) + second) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) & mask;
}

export class PairNames {
  private firsts = new Int32Array(1024);
  private seconds = new Int32Array(1024);
  private names = new Int32Array(1024).fill(EMPTY);
  private mask = 1023;
  private count = 0;

  /**
   * The name of (`first`, `second`), both whole numbers below 2^31: 0, 1, 2 … in the order pairs
   * are first asked.
   */
  name(first: number, second: number): number {
    const mask = this.mask;
    let slot = slotOf(first, second, mask);
    for (;;) {
      const name = this.names[slot] ?? EMPTY;
      if (name === EMPTY) break;
      if (this.firsts[slot] === first && this.seconds[slot] === second) return name;
      slot = (slot + 1) & mask;
    }
    const name = this.count++;
    this.firsts[slot] = first;
    this.seconds[slot] = second;
    this.names[slot] = name;
    // Kept at most half full, so a probe ends soon.
    if (this.count * 2 > mask) this.grow();
    return name;
  }

  private grow(): void {
    const { firsts, seconds, names } = this;
    const size = names.length * 2;
    this.firsts = new Int32Array(size);
    this.seconds = new Int32Array(size);
    this.names = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
    for (let old = 0; old < names.length; old++) {
      const name = names[old] ?? EMPTY;
      if (name === EMPTY) continue;
      const first = firsts[old] ?? 0;
      const second = seconds[old] ?? 0;
      let slot = slotOf(first, second, this.mask);
      while (this.names[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.firsts[slot] = first;
      this.seconds[slot] = second;
      this.names[slot] = name;
    }
  }
}
