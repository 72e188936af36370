/**
 * The name an export is offered under: which modem and when, so a support engineer with ten
 * attachments can tell them apart (`mbn-diag_EM7565_2026-11-29T1400Z.zip`), never a bare run hash.
 */
import { replaceIdentifiers } from '../../../shared/identifiers.js';
import type { ExportRange } from '../../../shared/export-range.js';
import { deviceNames, type NameableDevice } from '../../../shared/device-name.js';

/**
 * What a file name calls each of `devices`: its model where the log says one (`EM7565`), else
 * what every view calls it (`unknown model (…0001)`, made `unknown-model-0001` by the name's
 * rules): named "no-device", a week's log of a modem known by its interface ID only read as if
 * it held no modem, while the window named that modem on every row.
 */
export function deviceFileNames(devices: Iterable<NameableDevice>): string[] {
  const all = [...devices];
  const viewNames = deviceNames(all);
  return all.map((device) => {
    const model = device.model?.trim() ?? '';
    if (model !== '') return model;
    // The ellipsis before the interface ID's end would become dots.
    return (viewNames.get(device.interfaceId) ?? '').replace(/\u2026/g, '');
  });
}

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
 * day, both dates across one, the minute alone when both fall in it (a short session's whole log
 * read "T1616Z-1616Z"). Ten attachments of the same modem then tell which hour each holds.
 */
function rangeStamp(range: ExportRange): string {
  const from = stamp(new Date(range.from));
  const to = stamp(new Date(range.to));
  if (from === to) return from;
  return from.slice(0, 10) === to.slice(0, 10) ? `${from}-${to.slice(11)}` : `${from}-${to}`;
}

/**
 * `mbn-diag_<models>_<time>.<ext>`: one or two models joined by `+`, "3-devices" beyond that,
 * "no-device" when the session saw none; the time is the export's, or the span's when one is
 * given: the range exported, or the first and last times of a whole saved log (two week-logs
 * exported a minute apart were offered as `…T1545Z.zip` and `…T1547Z.zip`).
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
