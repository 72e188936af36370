/**
 * A size as it is read ("326.9 MB", "2.9 GB"): every size of a log, a search or an export the
 * CLI and the window show, in one form, in binary units as the file managers technicians use
 * count them. Three formatters had grown apart: the export said "3,082.4 MB" for a week-long log
 * where the search panel said "3.0 GB", and the panel showed "13 KB" for what the export called
 * "12.4 KB".
 */
import { formatCount } from './format-count.js';

const KIB = 1024;
const MIB = KIB * 1024;
const GIB = MIB * 1024;

export function formatBytes(bytes: number): string {
  if (bytes < KIB) return `${formatCount(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < MIB) return `${(bytes / KIB).toFixed(1)} KB`;
  if (bytes < GIB) return `${(bytes / MIB).toFixed(1)} MB`;
  return `${(bytes / GIB).toFixed(1)} GB`;
}
