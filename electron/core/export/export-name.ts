/**
 * The name an export is offered under: which modem and when, so a support engineer with ten
 * attachments can tell them apart (`mbn-diag_EM7565_2026-11-29T1400Z.zip`), never a bare run hash.
 */
import { replaceIdentifiers } from '../../../shared/identifiers.js';
import type { ExportRange } from '../../../shared/export-range.js';

/**
 * Letters, digits, dots and dashes only: a model name from a device must not make a path. Nor
 * may it name a person: a model may carry a phone number or an IMEI (the log's copy is redacted,
 * but the name is offered as it is and travels with the file), so identifiers are left out,
 * looked for once the name is made of dashes, which read as separators between digits.
 */
function safePart(model: string): string {
  const dashed = model.normalize('NFKD').replace(/[^A-Za-z0-9.-]+/g, '-');
  return replaceIdentifiers(dashed, () => '')
    .replace(/--+/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 32);
}

/** "2026-11-29T1400Z": the export's time in UTC, to the minute, safe in every file system. */
function stamp(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
}

/**
 * A range's times as the name says them, to the minute in UTC: "2026-01-05T1400Z-1500Z" within a
 * day, both dates across one. Ten attachments of the same modem then tell which hour each holds.
 */
function rangeStamp(range: ExportRange): string {
  const from = stamp(new Date(range.from));
  const to = stamp(new Date(range.to));
  return from.slice(0, 10) === to.slice(0, 10) ? `${from}-${to.slice(11)}` : `${from}-${to}`;
}

/**
 * `mbn-diag_<models>_<time>.<ext>`: one or two models joined by `+`, "3-devices" beyond that,
 * "no-device" when the session saw none; the time is the export's, or the range's when only a
 * range is exported.
 */
export function exportFileName(
  models: readonly string[],
  at: Date,
  extension: string,
  range?: ExportRange,
): string {
  const distinct = [...new Set(models.map(safePart).filter((m) => m.length > 0))];
  const who =
    distinct.length === 0
      ? 'no-device'
      : distinct.length <= 2
        ? distinct.join('+')
        : `${String(distinct.length)}-devices`;
  return `mbn-diag_${who}_${range ? rangeStamp(range) : stamp(at)}.${extension}`;
}
