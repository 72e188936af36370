/**
 * The command a whole-log search's hit of a QUERY's or SET's life names (its return, completion,
 * overdue and the rest carry only their request's ref), by the shared rule every view follows
 * (shared/request/request-commands.ts): a search for failures finds completions, and a technician
 * must read which command failed without searching for each one's request.
 *
 * A search reads only the buckets that may hold a hit, and parses only the lines that may match
 * (bucket-search.ts). So, in each bucket it reads, the lines that tell a command are parsed too,
 * in order with the hits: a request that sent one, and a run-start (the next run's refs name other
 * requests). A bucket it does not read tells nothing, and what was known is forgotten: a hit names
 * its command when its request is in its own bucket or in those read just before it (a request
 * and its completion are seldom 4,096 records apart), and none rather than a wrong one otherwise.
 */
import type { JournalRecord } from '../../shared/journal/record.js';
import { RequestCommands } from '../../shared/request/request-commands.js';
import { parseJournalLine } from './journal-index-scan.js';
import { tellingLines } from './telling-lines.js';
import type { TextFinder } from './text-finder.js';

export class HitCommands {
  private readonly commands = new RequestCommands();

  /** A bucket the search did not read: its records are not known. */
  skipped(): void {
    this.commands.forgetAll();
  }

  /**
   * A bucket read whole: its lines that tell a command are taken in order with the lines parsed
   * (`BucketCommands.at`). In a bucket with damaged lines every line is parsed (`everyLine`).
   * `finder`: the search's, which finds them when it holds the bytes; `runStarts`: false when
   * the bucket's index counts none (telling-lines.ts).
   */
  reading(
    bytes: Buffer,
    everyLine: boolean,
    finder?: TextFinder,
    runStarts = true,
  ): BucketCommands {
    const starts = everyLine ? [] : tellingLines(bytes, finder, runStarts);
    return new BucketCommands(bytes, starts, this.commands);
  }
}

export class BucketCommands {
  private next = 0;

  constructor(
    private readonly bytes: Buffer,
    /** Where the lines that tell a command begin, in order. */
    private readonly starts: readonly number[],
    private readonly commands: RequestCommands,
  ) {}

  /**
   * The command the record of the line at `from` names, after the lines before it that tell
   * one: asked of every line parsed, in order, hit or not.
   */
  at(from: number, record: JournalRecord): number | null {
    this.takeBefore(from);
    if (this.starts[this.next] === from) this.next += 1;
    return this.commands.observe(record);
  }

  /** The bucket's last lines that tell a command, for the hits of the buckets after it. */
  end(): void {
    this.takeBefore(Infinity);
  }

  private takeBefore(from: number): void {
    const { bytes, starts } = this;
    for (; this.next < starts.length; this.next++) {
      const start = starts[this.next] ?? 0;
      if (start >= from) return;
      let nl = bytes.indexOf(10, start);
      if (nl === -1) nl = bytes.length;
      // Its own upgrade state: a request of a v1 log is no v1 call's to take its service from.
      const parsed = parseJournalLine(bytes, start, nl, {});
      if (parsed?.record) this.commands.observe(parsed.record);
    }
  }
}
