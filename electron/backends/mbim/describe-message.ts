/** An MBIM message as the journal keeps it: raw bytes plus the fields a reader searches for. */
import { mbimStatusName, protocolErrorName } from '../../../shared/mbim-status.js';
import type { InterfaceId } from '../../../shared/model.js';
import { RECORDED_DATA_BYTES, type MbimMessageFields } from '../../../shared/journal/record.js';
import { recordedLength } from '../../../shared/recorded-cut.js';
import { wellKnownServiceName } from '../../../shared/well-known-services.js';
import type { MessageNote } from './channel.js';
import { cidName, formatUuid, UUID_DSS, UUID_PROXY_CONTROL } from './uuid.js';

function serviceName(uuid: Uint8Array): string {
  const text = formatUuid(uuid);
  if (text === formatUuid(UUID_PROXY_CONTROL)) return 'Proxy Control';
  if (text === formatUuid(UUID_DSS)) return 'DSS';
  return wellKnownServiceName(text) ?? 'Vendor service';
}

const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

export function messageFields(
  interfaceId: InterfaceId,
  note: MessageNote,
  requestId: number | null,
): MbimMessageFields {
  const m = note.message;
  const whole = note.bytes.byteLength;
  const kept = recordedLength(note.bytes, RECORDED_DATA_BYTES);
  const fields: MbimMessageFields = {
    interfaceId,
    direction: note.direction,
    transactionId: m?.tid ?? readTid(note.bytes),
    type: m?.type ?? 'undecodable',
    service: null,
    serviceName: null,
    cid: null,
    cidName: null,
    status: null,
    statusName: null,
    requestId,
    fragments: note.fragments,
    bytes: Buffer.from(note.bytes.buffer, note.bytes.byteOffset, kept).toString('hex'),
    // The header and the start say what the message was; its length says how much is missing.
    ...(kept < whole ? { byteLength: whole } : {}),
    ...(note.error ? { error: note.error } : {}),
  };
  if (!m) return fields;
  if (m.type === 'command' || m.type === 'command-done' || m.type === 'indicate-status') {
    fields.service = formatUuid(m.service);
    fields.serviceName = serviceName(m.service);
    fields.cid = m.cid;
    fields.cidName = cidName(m.service, m.cid);
  }
  if (m.type === 'command-done' || m.type === 'open-done' || m.type === 'close-done') {
    fields.status = hex(m.status);
    fields.statusName = mbimStatusName(m.status);
  }
  if (m.type === 'function-error' || m.type === 'host-error') {
    fields.status = hex(m.error);
    fields.statusName = protocolErrorName(m.error);
  }
  return fields;
}

function readTid(bytes: Uint8Array): number {
  return bytes.length >= 12
    ? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true)
    : 0;
}
