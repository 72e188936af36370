/**
 * The command each kept row's request sent, for the rows of a QUERY or SET request and their
 * completions, which do not carry it (shared/request/request-commands.ts, the rule the CSV's
 * command columns follow). Learnt from the rows in order, as they are kept: one 32-bit cell per
 * row, an index into a table of the commands met, so a log of thousands of queries of three
 * commands holds three numbers and a cell per row.
 *
 * What the rows kept do not tell (the request is older than the oldest row, or behind a gap in
 * their seqs) is no command rather than a guessed one; history paged in front makes the columns
 * again, and tells it.
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
  private readonly requests = new RequestCommands();
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
    const command = this.requests.observe(record);
    if (command === null) {
      this.slots.push(0);
      return;
    }
    let slot = this.slotOf.get(command);
    if (slot === undefined) {
      slot = this.commands.push(command);
      this.slotOf.set(command, slot);
    }
    this.slots.push(slot);
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

  get byteLength(): number {
    return this.slots.byteLength;
  }
}
