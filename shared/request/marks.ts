/**
 * How each outcome is drawn on a timeline, the window's and the report's alike: outcomes that
 * look the same to a technician share a mark, and every mark has one legend entry, so a legend
 * built from this list cannot miss a mark the spans use.
 */
import type { RequestOutcome } from './outcome.js';
import { OUTCOME_WORDS } from './words.js';

export const SPAN_MARKS = [
  'ok',
  'failed',
  'refused',
  'late',
  'overdue',
  'abandoned',
  'waiting',
] as const;
export type SpanMark = (typeof SPAN_MARKS)[number];

const MARK_OF: Record<RequestOutcome, SpanMark> = {
  sending: 'waiting',
  waiting: 'waiting',
  overdue: 'overdue',
  succeeded: 'ok',
  failed: 'failed',
  late: 'late',
  refused: 'refused',
  'call-failed': 'refused',
  abandoned: 'abandoned',
  // Nothing more is awaited, as with an abandoned request: one mark, one legend entry.
  'given-up': 'abandoned',
  unfinished: 'waiting',
};

export function spanMark(outcome: RequestOutcome): SpanMark {
  return MARK_OF[outcome];
}

/** The legend's words for each mark: the outcomes it stands for, in the shared words. */
export const MARK_LEGEND: Record<SpanMark, string> = {
  ok: OUTCOME_WORDS.succeeded.label,
  failed: OUTCOME_WORDS.failed.label,
  refused: `${OUTCOME_WORDS.refused.label} / ${OUTCOME_WORDS['call-failed'].label.toLowerCase()}`,
  late: `${OUTCOME_WORDS.late.label} (completed after overdue)`,
  overdue: `${OUTCOME_WORDS.overdue.label} (no completion yet)`,
  abandoned: `${OUTCOME_WORDS.abandoned.label} / ${OUTCOME_WORDS['given-up'].label.toLowerCase()}`,
  waiting: `${OUTCOME_WORDS.waiting.label} / ${OUTCOME_WORDS.unfinished.label.toLowerCase()}`,
};
