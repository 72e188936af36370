/**
 * What an export's redaction replaced, in words, for the app's confirmation: a technician about
 * to attach the file sees "2 IMEIs, 1 IMSI" rather than taking "redacted" on trust.
 */
import { formatCount } from './format-count.js';

/** Kinds of identifier the redactor counts (electron/core/export/identifiers.ts), in words. */
const KIND_WORDS: Readonly<Record<string, readonly [string, string]>> = {
  IMEI: ['IMEI', 'IMEIs'],
  IMSI: ['IMSI', 'IMSIs'],
  ICCID: ['ICCID (SIM number)', 'ICCIDs (SIM numbers)'],
  PHONE: ['phone number', 'phone numbers'],
  MEID: ['MEID', 'MEIDs'],
  ESN: ['ESN', 'ESNs'],
  'DEVICE-ID': ['other device ID', 'other device IDs'],
};

/** "2 IMEIs, 1 IMSI" (distinct values replaced, by kind); "" when nothing was found. */
export function redactionCountsText(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => {
      const [one, many] = KIND_WORDS[kind] ?? [kind, kind];
      return `${formatCount(n)} ${n === 1 ? one : many}`;
    })
    .join(', ');
}

/** The sentence the confirmation ends with. */
export function redactionSentence(
  redacted: boolean,
  counts: Readonly<Record<string, number>>,
): string {
  if (!redacted)
    return 'Personal identifiers were NOT redacted: the file contains device and subscriber identifiers.';
  const text = redactionCountsText(counts);
  return text
    ? `Personal identifiers were redacted: ${text} replaced.`
    : 'Personal identifiers were redacted (none were found).';
}
