/**
 * What a log row says happened, as a pill: its request's outcome, or for an error or the backend
 * going unavailable (no request's outcome, but what "Any problem" finds) the shared trouble word,
 * in the failure's colours. The log's Outcome column and the whole-log search's hits show it alike.
 */
import type { LogRow } from '../../../electron/ipc/contract';
import { troubleLabel } from '../../../shared/journal/record';
import { OUTCOME_LABELS } from '../labels';

export function OutcomePill({ row }: { row: LogRow }) {
  if (row.outcome)
    return (
      // The full words on hover: a narrow column cuts the pill with an ellipsis.
      <span className={`pill outcome-${row.outcome}`} title={OUTCOME_LABELS[row.outcome]}>
        {OUTCOME_LABELS[row.outcome]}
      </span>
    );
  const trouble = troubleLabel(row.record);
  return trouble ? (
    <span className="pill is-trouble" title={trouble}>
      {trouble}
    </span>
  ) : null;
}
