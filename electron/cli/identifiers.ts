/**
 * Device IDs (IMEI, ESN/MEID) identify a person's modem: the CLI masks them by default exactly as
 * the app's device list does (first four and last two characters kept), and --show-ids shows
 * them whole. Journal records printed by `watch` go through the exports' redactor instead.
 */
export function maskDeviceId(id: string): string {
  if (id.length <= 6) return '•'.repeat(id.length);
  return `${id.slice(0, 4)}${'•'.repeat(id.length - 6)}${id.slice(-2)}`;
}
