/**
 * What the journal says when its file cannot be written (the disk filled by something else, the
 * drive gone): the entries still reach the window, and the journal keeps count of those lost so
 * that the file itself can say which it lacks. A support engineer reading the export months later
 * must be able to tell a quiet hour from an hour the disk was full.
 *
 * Two sayings per gap, not one per failure: on a nearly full disk small writes fit where larger
 * ones do not, and a first version filled the window with a pair of entries every 50 ms.
 */

/** Writes going through for this long (ms) after the last that failed: the file is written again. */
const RECOVERED_MS = 5000;

interface Gap {
  first: number;
  last: number;
  count: number;
  reason: string;
  failedAt: number;
  /** A write has gone through since the last that failed. */
  wroteSince: boolean;
  /**
   * The words that close it were handed out: the gap is over once the next write, which holds
   * them, goes through. Should that write fail, the gap goes on, and the next words cover both:
   * words cleared before they reached the file left the file lacking a whole gap, unexplained.
   */
  said: boolean;
}

export class UnsavedEntries {
  private gap: Gap | undefined;
  /** Entries lost in all, over every gap. */
  lost = 0;

  /**
   * A write holding entries `first`…`last` failed at `now` (monotonic ms). Returns the words to
   * say when this starts a gap; nothing while one is open.
   */
  failed(first: number, last: number, reason: string, now: number): string | undefined {
    const count = last - first + 1;
    this.lost += count;
    const gap = this.gap;
    if (gap) {
      gap.last = last;
      gap.count += count;
      gap.failedAt = now;
      gap.wroteSince = false;
      gap.said = false;
      return undefined;
    }
    this.gap = { first, last, count, reason, failedAt: now, wroteSince: false, said: false };
    return `The journal file could not be written (${reason}): entries from #${String(first)} on may be missing from it (the window shows them while they are kept in memory); writing is tried again.`;
  }

  /** A write holding entries went through at `now`: see `held`. */
  wrote(now: number): string | undefined {
    const gap = this.gap;
    if (gap?.said) this.gap = undefined;
    else if (gap) gap.wroteSince = true;
    return this.held(now);
  }

  /**
   * Returns the words that close a gap once a write has gone through and none has failed for
   * RECOVERED_MS; asked at every flush, idle ones too, so that a kiosk gone quiet after the disk
   * had room again still says what its file lacks. An idle flush alone proves nothing: a write
   * must have gone through.
   */
  held(now: number): string | undefined {
    const gap = this.gap;
    if (!gap?.wroteSince || gap.said || now - gap.failedAt < RECOVERED_MS) return undefined;
    gap.said = true;
    return `The journal file is written again. ${missing(gap)}`;
  }

  /**
   * The words of the gap open now, leaving it open: for an export made meanwhile, whose records
   * come from the file (journal.ts, noteExportedGap).
   */
  openNow(): { words: string; entries: number } | undefined {
    return this.gap ? { words: missing(this.gap), entries: this.gap.count } : undefined;
  }

  /**
   * At closing, the words of a gap still open: the app quit, or the kiosk went quiet, before
   * writes had held for long. Without them the file would lack entries and never say so.
   */
  atClose(): string | undefined {
    const gap = this.gap;
    // Said already, and waiting to be written (by the last flush): nothing more to say.
    if (!gap || gap.said) return undefined;
    gap.said = true;
    return `The journal was closed with entries unsaved. ${missing(gap)}`;
  }
}

function missing(gap: Gap): string {
  const because = `could not be saved (${gap.reason})`;
  // One failed write of one entry: the gap is that entry alone.
  if (gap.count === 1) return `1 entry, #${String(gap.first)}, ${because} and is missing from it.`;
  return `${String(gap.count)} entries between #${String(gap.first)} and #${String(gap.last)} ${because} and are missing from it.`;
}
