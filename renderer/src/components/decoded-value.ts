/**
 * A decoded command field as the Commands panel shows it. A field that is an identifier by its
 * kind (IMSI, ICCID, a number) is masked as device IDs are; so is an identifier inside any other
 * field (a modem's hardware string naming its IMEI), as the CLI does; whole once the technician
 * chooses Show device IDs.
 */
import type { DecodedField } from '../../../shared/commands/payloads';
import { maskDeviceId, maskIdentifiers } from '../../../shared/identifiers';

export function shownFieldValue(field: DecodedField, reveal: boolean): string {
  if (reveal) return field.value;
  return field.personal ? maskDeviceId(field.value) : maskIdentifiers(field.value);
}
