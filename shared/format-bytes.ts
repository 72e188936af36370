/**
 * A size as it is read ("326.9 MB", "2.9 GB"): every size of a log, a search or an export the
 * CLI and the window show, in one form, in binary units as the file managers technicians use
 * count them. Three formatters had grown apart: the export said "3,082.4 MB" for a week-long log
 * where the search panel said "3.0 GB", and the panel showed "13 KB" for what the export called
 * "12.4 KB".
 */
import { formatCount } from './format-count.js';

const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

export function formatBytes(bytes: number): string {
  // A size no file has (no caller gives one): said as nothing, never "NaN GB".
  const n = Number.isFinite(bytes) && bytes > 0 ? Math.round(bytes) : 0;
  if (n < 1024) return `${formatCount(n)} ${n === 1 ? 'byte' : 'bytes'}`;
  // The unit is chosen on the rounded figure: 1,048,575 bytes is "1.0 MB", not "1024.0 KB".
  let value = n / 1024;
  let unit = 0;
  while (unit < UNITS.length - 1 && Number(value.toFixed(1)) >= 1024) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${UNITS[unit] ?? 'TB'}`;
}
