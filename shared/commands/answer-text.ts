/**
 * What a QUERY or SET completion answered, decoded, in one line for an export or the log's entry:
 * `MBIM_RADIO_STATE_INFO: Hardware radio state On · Software radio state Off`. The CLI shows the
 * same fields (payloads.ts); the report and the trace gave only "response 7 with 8 bytes", and a
 * support engineer reading one months later could not tell what the modem had said.
 *
 * Only an answer recorded whole is decoded (the journal keeps the first RECORDED_DATA_BYTES), as
 * the CLI decodes it. Redacted, the bytes' identifiers are tokens already (redact-bytes.ts), so a
 * personal field (IMSI, ICCID, phone number, device ID) shows its token; anything else such a
 * field holds (a hex device ID the byte scan does not read as one) is said to be redacted, never
 * shown.
 */
import type { JournalRecord } from '../journal/record.js';
import { parseHex } from '../bytes.js';
import { TOKEN_PATTERN } from '../identifiers.js';
import { decodePayload, type DecodedField } from './payloads.js';

/** A token as the redaction writes one into bytes: its kind and number, `*` padding its room. */
const TOKEN = new RegExp(`^${TOKEN_PATTERN}(?=\\**$)`);

/** How a field's value is shown: as it is, masked, or redacted. */
export type ShownField = (field: DecodedField) => string;

/**
 * A field as an export shows it. `redacted`: whether the export hides identifiers, and so whether
 * its bytes hold tokens; a personal field then shows its token, or "(redacted)".
 */
export function exportedField(redacted: boolean): ShownField {
  return (field) =>
    field.personal !== undefined && redacted
      ? (TOKEN.exec(field.value)?.[0] ?? '(redacted)')
      : field.value;
}

/**
 * The decoded answer of `record` when it is a QUERY or SET completion whose response is known and
 * recorded whole; undefined otherwise. `commandId`: its request's (a completion does not carry it).
 * `shown`: how each field's value is shown (exportedField, or the window's masking).
 */
export function answerText(
  record: JournalRecord,
  commandId: number | null,
  shown: ShownField,
): string | undefined {
  if (record.kind !== 'completion' || commandId === null) return undefined;
  if (record.op !== 'query' && record.op !== 'set') return undefined;
  const { data, byteLength } = record;
  if (data === undefined || byteLength === undefined || data.length !== 2 * byteLength)
    return undefined;
  const bytes = parseHex(data);
  if (!bytes) return undefined;
  let decoded: ReturnType<typeof decodePayload>;
  try {
    decoded = decodePayload(record.serviceId, commandId, 'response', bytes);
  } catch {
    // Bytes the structure does not hold (a vendor's answer under a known ID): the hex says it.
    return undefined;
  }
  if (!decoded) return undefined;
  const fields = decoded.fields.map((field) => `${field.name} ${shown(field)}`);
  return `${decoded.structure}: ${fields.join(' · ')}`;
}
