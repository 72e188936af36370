/**
 * The kind of identifier that the text just before a number says it is (`IMEI: 490154203237519`,
 * `imsi=…`, `"msisdn":"…"`, `+CGSN: …`). The digits alone cannot always tell (identifiers.ts): an
 * IMEI whose check digit fails (a mistyped IMEI or a test IMEI) reads as the IMSI it could be.
 * An engineer who then sees `IMEI: IMSI-1` in an export stops trusting it. Where the text names
 * the number, its name is taken.
 *
 * A label names a number; it never lets one through. Whether the number is hidden is decided by
 * its digits (classifyDigits), so none makes a short number after it (a count, a slot) into an
 * identifier. Only a number machines also write (a date and hour, a build stamp, an integer's
 * limit: identifiers.ts machineNumber), which is otherwise left as written, is hidden where a
 * label calls it an identifier.
 */
import type { IdentifierKind } from './identifiers.js';

/** Each label, in lower case: the words, and the AT commands that answer with the number. */
const LABELS: ReadonlyMap<string, IdentifierKind> = new Map([
  ['imei', 'IMEI'],
  ['imeisv', 'IMEI'],
  ['cgsn', 'IMEI'],
  ['imsi', 'IMSI'],
  ['cimi', 'IMSI'],
  ['iccid', 'ICCID'],
  ['ccid', 'ICCID'],
  ['msisdn', 'PHONE'],
  ['phone', 'PHONE'],
  ['telephone', 'PHONE'],
  ['tel', 'PHONE'],
]);

/**
 * A word in either case, letter by letter. The expression has no `i` flag, so the case-aware
 * classes below (a lower-case letter, then an upper-case one) keep their meaning.
 */
const anyCase = (word: string): string =>
  Array.from(word, (c) => `[${c}${c.toUpperCase()}]`).join('');

/**
 * A label at the end of the text: a word of its own (`IMSI`, `sim_iccid`) or the last word of a
 * camelCase name (`deviceImei`, `modemIMEI`; not `Intel` or `hotel`), then maybe `number` or `No.`,
 * then a dual-SIM phone's slot (`IMEI1`, `IMEI 2`), then up to six characters that are neither
 * letters nor digits (`: `, `=`, `": "`, `>`, `\":\"`).
 */
const LABEL = new RegExp(
  `(?:(?<!\\p{L})|(?<=\\p{Ll})(?=\\p{Lu}))(${[...LABELS.keys()].map(anyCase).join('|')})` +
    `(?:[ _-]?(?:${anyCase('number')}|${anyCase('no')}\\.?))?(?:[ _(-]?[12]\\)?)?` +
    `[^\\p{L}\\p{Nd}]{0,6}$`,
  'u',
);

/**
 * How far back from a number a label can start: `telephone`, `_number`, `_(1)`, six characters
 * of punctuation, and the character before the label that marks where its word starts.
 */
export const LABEL_REACH = 32;

/** The kind the text ending at `at` labels the number at `at` as, or undefined if there is no label. */
export function labelBefore(text: string, at: number): IdentifierKind | undefined {
  const word = LABEL.exec(text.slice(Math.max(0, at - LABEL_REACH), at))?.[1];
  return word === undefined ? undefined : LABELS.get(word.toLowerCase());
}
