/**
 * How times are shown, the same in every view: local or UTC wall-clock time (always with date and
 * zone), or, as Wireshark offers, relative time in the log (since the previous entry, or since
 * the entry's request was sent).
 */
import { create } from 'zustand';

export const TIME_MODES = ['local', 'utc', 'since-previous', 'since-sent'] as const;
export type TimeMode = (typeof TIME_MODES)[number];

export const TIME_MODE_LABELS: Record<TimeMode, string> = {
  local: 'Local time (date, zone)',
  utc: 'UTC (date, Z)',
  'since-previous': 'Since the previous entry',
  'since-sent': 'Since the request was sent',
};

/** The log's Time column heading for each mode. */
export const TIME_MODE_HEADINGS: Record<TimeMode, string> = {
  local: 'Time (local)',
  utc: 'Time (UTC)',
  'since-previous': 'Δ previous',
  'since-sent': 'Since sent',
};

interface TimeState {
  mode: TimeMode;
}

export const useTimeMode = create<TimeState>()(() => ({ mode: 'local' }));

/** Wall-clock times elsewhere (details, tooltips) follow the log's zone; relative modes keep local. */
export function zoneOf(mode: TimeMode): 'local' | 'utc' {
  return mode === 'utc' ? 'utc' : 'local';
}
