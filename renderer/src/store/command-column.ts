/**
 * The command each kept row's request sent, for the rows of a QUERY or SET request and their
 * completions, which do not carry it (shared/request/request-commands.ts, the rule the CSV's
 * command columns follow). Learnt from the rows in order, as they are kept: one 32-bit cell per
 * row, an index into a table of the commands met, so a log of thousands of queries of three
 * commands holds three numbers and a cell per row.
 *
 * What the rows kept do not tell (the request is older than the oldest row, or behind a gap in
 * their seqs) is no command rather than a guessed one; history paged in front makes the columns
 * again, and tells it. What they told stays told when older rows are dropped (`pushFrom`).
 */
import type { JournalRecord } from '../../../shared/journal/record';
import { RequestCommands } from '../../../shared/request/request-commands';
import { u32 } from './chunked-column';
import { holeBetween } from './row-holes';

export class CommandColumn {
  /** Index into `commands` plus one; 0 is "no command". */
  private readonly slots = u32();
  private readonly commands: number[] = [];
  private readonly slotOf = new Map<number, number>();
  /** What the rows so far tell of their requests' commands. */
  private requests = new RequestCommands();
  /** The seq of the last row kept (NaN before the first). */
  private lastSeq = Number.NaN;

  /** Whether any row's request sent a command. */
  get any(): boolean {
    return this.commands.length > 0;
  }

  /** Learns row `seq`'s command from its record, kept after the rows before it. */
  push(seq: number, record: JournalRecord): void {
    // Rows missing between the last and this one may have begun a run or sent its request.
    if (!Number.isNaN(this.lastSeq) && holeBetween(this.lastSeq, seq)) this.requests.forgetAll();
    this.lastSeq = seq;
    this.slots.push(this.slotFor(this.requests.observe(record)));
  }

  /**
   * Keeps the command row `index` of `from` was learnt to name, as row `seq` after the last
   * (columns made of rows kept when others are dropped: row-columns.ts `without`). What a row
   * dropped told stays told: a completion kept names the command of its request dropped before
   * it, as it did, rather than its words changing under the technician reading it.
   */
  pushFrom(from: CommandColumn, index: number, seq: number): void {
    this.lastSeq = seq;
    this.slots.push(this.slotFor(from.at(index)));
  }

  /**
   * Goes on learning as `from` would have, when the last row it learnt is the last kept here
   * (`pushFrom`): what requests before it sent, for the rows appended next. Otherwise nothing is
   * known there, as after a gap.
   */
  learntOn(from: CommandColumn): void {
    if (this.slots.length > 0 && this.lastSeq === from.lastSeq) this.requests = from.requests;
  }

  private slotFor(command: number | null): number {
    if (command === null) return 0;
    let slot = this.slotOf.get(command);
    if (slot === undefined) {
      slot = this.commands.push(command);
      this.slotOf.set(command, slot);
    }
    return slot;
  }

  /** Room for rows put in among those kept, at the new indices `at` (see `relearn`). */
  spread(at: readonly number[]): void {
    this.slots.spread(at);
  }

  /**
   * Learns the commands of rows `from` on again, in order, after rows were put in among them
   * (history paged in front tells what a later row's request sent): from `from`, where nothing
   * is known (the first row, or the first after a gap), up to the next gap or the last row.
   * Rows from `settledFrom` on were learnt with nothing known when they began (each began a
   * stretch: what was put in filled the gap before it), so from the first of them where again
   * nothing is carried, what was learnt of them holds and the learning stops there. Returns
   * the index it stopped at: past `settledFrom`, rows there may name another command now.
   */
  relearn(
    from: number,
    length: number,
    seqAt: (index: number) => number,
    recordAt: (index: number) => JournalRecord,
    settledFrom: number,
  ): number {
    const requests = new RequestCommands();
    let before = Number.NaN;
    let i = from;
    for (; i < length; i++) {
      const seq = seqAt(i);
      if (!Number.isNaN(before) && holeBetween(before, seq)) break;
      if (i >= settledFrom && requests.empty) return i;
      before = seq;
      this.slots.set(i, this.slotFor(requests.observe(recordAt(i))));
    }
    // Learnt to the last row: what the next row appended goes on from.
    if (i === length) {
      this.requests = requests;
      this.lastSeq = before;
    }
    return i;
  }

  /** Whether row `index` names no command: its words are main's as they came. */
  isNoneAt(index: number): boolean {
    return this.slots.get(index) === 0;
  }

  /** The command row `index`'s request sent, when the rows kept tell it. */
  at(index: number): number | null {
    const slot = this.slots.get(index);
    return slot === 0 ? null : (this.commands[slot - 1] ?? null);
  }

  /** Lets go of the rows before `index` (../store/row-columns.ts `dropFront`). */
  releaseBefore(index: number): void {
    this.slots.releaseBefore(index);
  }

  get byteLength(): number {
    return this.slots.byteLength;
  }
}
