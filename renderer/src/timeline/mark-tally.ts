/**
 * What a stretch of a lane drawn from its mark columns (./mark-columns.ts) holds: how many marks
 * of each kind, in words. A pointer over a column of a fast live log's notifications was told of
 * one of them, the one drawn on top, where the column held thousands: the tip now says how many
 * of each kind it holds, the rare, bad kinds first, as the drawing puts them on top.
 */
import { formatCount } from '../../../shared/format-count';
import { recordOutcomeLabel } from '../../../shared/request/words';
import { firstMark } from './draw-marks';
import { segmentsOf } from './segments';
import type { MarkKind, TimelineMark } from './timeline-lanes';

/** How many marks of each kind a stretch of a lane holds, from `t0` to `t1` (both included). */
export interface MarkTally {
  t0: number;
  t1: number;
  total: number;
  counts: Partial<Record<MarkKind, number>>;
}

/** Counts the marks from `t0` to `t1`, segment by segment (./segments.ts). */
export function tallyMarks(marks: readonly TimelineMark[], t0: number, t1: number): MarkTally {
  const counts: Partial<Record<MarkKind, number>> = {};
  let total = 0;
  const segments = segmentsOf(marks);
  for (let g = 0; g < segments.count; g++) {
    const to = segments.to(g);
    for (let k = firstMark(marks, t0, g); k < to; k++) {
      const mark = marks[k];
      if (!mark || mark.t > t1) break;
      counts[mark.kind] = (counts[mark.kind] ?? 0) + 1;
      total++;
    }
  }
  return { t0, t1, total, counts };
}

/** The log's and the report's word for a completion no request matched: "unmatched completion". */
const UNMATCHED = recordOutcomeLabel('unmatched').toLowerCase();

/** Each kind's words, one and many: the legend's. */
const KIND_WORDS: Readonly<Record<MarkKind, readonly [one: string, many: string]>> = {
  error: ['error', 'errors'],
  'backend-down': ['backend status (unavailable)', 'backend statuses (unavailable)'],
  removal: ['device removal', 'device removals'],
  arrival: ['device arrival', 'device arrivals'],
  backend: ['backend status (available)', 'backend statuses (available)'],
  unmatched: [UNMATCHED, `${UNMATCHED}s`],
  notification: ['notification', 'notifications'],
  read: ['data read', 'data reads'],
};

/** The kinds in the order a tip names them: those drawn on top first (./draw-marks.ts). */
const TOLD: readonly MarkKind[] = [
  'error',
  'backend-down',
  'removal',
  'arrival',
  'backend',
  'unmatched',
  'notification',
  'read',
];

/** "1,204 notifications, 3 data reads": each kind the stretch holds, the rare ones first. */
export function tallyWords(tally: MarkTally): string {
  return TOLD.flatMap((kind) => {
    const n = tally.counts[kind] ?? 0;
    const [one, many] = KIND_WORDS[kind];
    return n > 0 ? [`${formatCount(n)} ${n === 1 ? one : many}`] : [];
  }).join(', ');
}

/** One kind's words, for one mark: "device removal". */
export function kindWord(kind: MarkKind): string {
  return KIND_WORDS[kind][0];
}
