/**
 * What a log row says happened, as a pill: its request's outcome, or for an error or the backend
 * going unavailable (no request's outcome, but what "Any problem" finds) the shared trouble word,
 * in the failure's colours. The log's Outcome column and the whole-log search's hits show it alike.
 *
 * Sending and waiting are true only while they last (shared `stillSays`). Such a row is drawn in
 * their colours only while its request still is, as the "Still sending" and "Still waiting" filters
 * list it; otherwise its word is muted, what was true when it was logged: a log of requests long
 * finished no longer reads as a column of requests in flight.
 */
import type { LogRow } from '../../../electron/ipc/contract';
import { troubleLabel } from '../../../shared/journal/record';
import { isPassing } from '../../../shared/request/outcome';
import { rowOutcomeWords } from '../../../shared/request/words';
import type { passingReading } from '../store/log-source';
import { OUTCOME_LABELS } from '../labels';

interface OutcomePillProps {
  row: LogRow;
  /**
   * The row said sending or waiting, and its request still is: in the live log (`now`), or at a
   * saved log's end (`log-end`). Absent: not known to be (a search's hit is read alone).
   */
  still?: StillReading | undefined;
}

/** How a row still sending or waiting is read: its source's (log-source.ts `passingReading`). */
export type StillReading = ReturnType<typeof passingReading>;

export function OutcomePill({ row, still }: OutcomePillProps) {
  const { outcome } = row;
  if (outcome) {
    const label = OUTCOME_LABELS[outcome];
    if (outcome === 'unmatched' || !isPassing(outcome))
      return (
        // The full words on hover: a narrow column cuts the pill with an ellipsis.
        <span className={`pill outcome-${outcome}`} title={label}>
          {label}
        </span>
      );
    // Said in words as well as in colour, for a screen reader and Windows' high contrast.
    const words = rowOutcomeWords(outcome, still ?? 'as-logged');
    return (
      <span className={`pill outcome-${outcome}${still ? '' : ' is-past'}`} title={words}>
        <span aria-hidden="true">{label}</span>
        <span className="visually-hidden">{words}</span>
      </span>
    );
  }
  const trouble = troubleLabel(row.record);
  return trouble ? (
    <span className="pill is-trouble" title={trouble}>
      {trouble}
    </span>
  ) : null;
}
