/**
 * `text` redacted as payload bytes in each encoding the byte redaction reads (UTF-8, UTF-16LE at
 * either alignment), read back, tokens' `*` padding left out: what the tests compare with the text
 * redaction. Every token is `KIND-1`.
 */
import { redactBytes } from '../../../../shared/redact-bytes.js';

export const token = (kind: string): string => `${kind}-1`;

export function redactedBytes(text: string): string[] {
  return (
    [
      ['utf8', 0],
      ['utf16le', 0],
      ['utf16le', 1],
    ] as const
  ).map(([encoding, offset]) => {
    const bytes = Buffer.concat([Buffer.alloc(offset, 0x01), Buffer.from(text, encoding)]);
    redactBytes(bytes, token);
    return bytes.subarray(offset).toString(encoding).replace(/\*+/g, '');
  });
}
