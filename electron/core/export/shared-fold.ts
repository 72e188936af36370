/**
 * One RequestFold for every writer of a bundle that needs requests as they end (the HTML
 * report's timeline and the trace's spans), instead of one each: folding is a good part of what
 * each costs. Whoever drives it (bundle.ts) observes each record after every writer has been
 * handed it, and finishes it before finishing them, which is the order a writer's own fold keeps,
 * so the output is the same. It also makes each record's details text once for them.
 */
import type { JournalRecord } from '../../../shared/journal/record.js';
import { describeRecord } from '../../../shared/journal/record-text.js';
import type { FoldedRequest } from '../../../shared/request/fold.js';
import { RequestFold } from '../../../shared/request/fold.js';
import { mayNameCommand, recordCommandId, refOf } from '../../../shared/request/story.js';

export class SharedFold {
  private readonly listeners: ((request: FoldedRequest) => void)[] = [];
  readonly fold = new RequestFold({
    ended: (request) => {
      for (const listener of this.listeners) listener(request);
    },
  });

  private lastRecord: JournalRecord | undefined;
  private lastDetails = '';

  /**
   * The record's details text (describeRecord), made once for the writers that are handed the
   * same record one after the other (the report's log and the trace's event both show it).
   */
  details(record: JournalRecord): string {
    if (record !== this.lastRecord) {
      this.lastDetails = describeRecord(record);
      this.lastRecord = record;
    }
    return this.lastDetails;
  }

  /** `listener` hears every request as it ends, in the order the writers registered. */
  onEnded(listener: (request: FoldedRequest) => void): void {
    this.listeners.push(listener);
  }
}

/**
 * The fold a writer uses (`fold`, to ask what it knows of a request): its own, which it drives
 * (`driven`), or the shared one, which it only listens to (`driven` is undefined then, so the
 * writer leaves observing and finishing to the driver).
 */
export function writerFold(
  shared: SharedFold | undefined,
  ended: (request: FoldedRequest) => void,
): { driven: RequestFold | undefined; fold: RequestFold } {
  if (!shared) {
    const own = new RequestFold({ ended });
    return { driven: own, fold: own };
  }
  shared.onEnded(ended);
  return { driven: undefined, fold: shared.fold };
}

/**
 * The command ID (QUERY, SET) of the request a record belongs to, as `fold` knows the request
 * (recordCommandId): asked before the fold has observed the record, as both a writer's own fold
 * and the shared one are (the shared one observes after every writer).
 */
export function foldedCommandId(fold: RequestFold, record: JournalRecord): number | null {
  // Most records are of no such request: asked nothing.
  if (!mayNameCommand(record)) return null;
  const ref = refOf(record);
  return recordCommandId(record, ref === null ? undefined : fold.known(ref));
}
