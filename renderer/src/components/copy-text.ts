/**
 * What "Copy" puts on the clipboard: a log entry or a request as one line of text a ticket can
 * take (times with date and zone, the device by model and interface ID), or as JSON for a tool.
 */
import type { LogRow } from '../../../electron/ipc/contract';
import { formatTimestamp, type TimeZoneChoice } from '../../../shared/time';

/** "#12 2026-11-29 14:00:05.123 +01:00 · EM7565 {GUID} · SMS · close refused…: E_… — meaning" */
export function entryText(row: LogRow, model: string | undefined, zone: TimeZoneChoice): string {
  const parts = [`#${String(row.seq)} ${formatTimestamp(row.time, zone)}`];
  if (row.interfaceId) parts.push(model ? `${model} ${row.interfaceId}` : row.interfaceId);
  if (row.serviceName) parts.push(row.serviceName);
  const meaning = row.hresult && !row.hresult.succeeded ? ` — ${row.hresult.meaning}` : '';
  parts.push(`${row.text}${meaning}`);
  return parts.join(' · ');
}

/** The entry's typed record, with the device's model beside its interface ID. */
export function entryJson(row: LogRow, model: string | undefined): string {
  return JSON.stringify({ ...row.record, ...(model ? { model } : {}) }, null, 2);
}

/** Writes to the clipboard; false (never a throw) when the page may not. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
