/**
 * A command's bytes as the CLI shows them: hex, decoded where the catalogue knows the structure,
 * and personal identifiers masked unless --show-ids. The decode reads the real bytes; only what
 * is shown is masked: decoded identifiers as device IDs are (first four and last two characters),
 * and in the hex, identifiers (digits as text, or in BCD as SIM files hold them) are overwritten
 * in place as exports do it (`IMSI-1*********`, same length, so offsets in the hex still hold).
 */
import { parseHex, toHex } from '../../shared/bytes.js';
import {
  decodePayload,
  type DecodedPayload,
  type PayloadRole,
} from '../../shared/commands/payloads.js';
import { hideCutRun } from '../../shared/recorded-cut.js';
import { redactBytes } from '../../shared/redact-bytes.js';
import type { IdentifierKind } from '../../shared/identifiers.js';
import { maskDeviceId, replaceIdentifiers } from '../../shared/identifiers.js';
import { safe } from './terminal-text.js';

export interface PayloadJson {
  byteLength: number;
  /** Lowercase hex, identifiers overwritten unless --show-ids. */
  hex: string;
  /** Whether `hex` is all the bytes (the journal keeps at most 64 KiB of a payload). */
  complete: boolean;
  /** The fields, when the catalogue knows this command's structure and the bytes fit it. */
  decoded: DecodedPayload | null;
}

/** Tokens shared by everything one command prints, so one IMSI is `IMSI-1` throughout. */
export class Masker {
  private readonly tokens = new Map<string, string>();
  private readonly counts = new Map<IdentifierKind, number>();

  /** Whether any hex held an identifier (masked unless revealed). */
  foundInHex = false;

  constructor(readonly reveal: boolean) {}

  /**
   * `cut`: only the payload's start was recorded (the journal keeps 64 KiB), and what ends it may
   * be the start of a number cut off there, too little of it to redact: hidden too, as exports
   * hide it (hideCutRun).
   */
  hex(hex: string, cut = false): string {
    const bytes = parseHex(hex);
    if (bytes === undefined) return hex;
    const redacted = redactBytes(bytes, (kind, digits) => this.token(kind, digits));
    const found = (cut && hideCutRun(bytes)) || redacted;
    this.foundInHex ||= found;
    return found && !this.reveal ? toHex(bytes) : hex;
  }

  decoded(payload: DecodedPayload | undefined): DecodedPayload | null {
    if (payload === undefined) return null;
    if (this.reveal) return payload;
    return {
      structure: payload.structure,
      // A field that is no identifier by its kind may still hold one (a modem's hardware string
      // naming its IMEI): replaced by the token the hex above shows for it.
      fields: payload.fields.map((field) =>
        field.personal === undefined
          ? { ...field, value: replaceIdentifiers(field.value, (k, d) => this.token(k, d)) }
          : { ...field, value: maskDeviceId(field.value) },
      ),
    };
  }

  private token(kind: IdentifierKind, digits: string): string {
    let token = this.tokens.get(digits);
    if (token === undefined) {
      const n = (this.counts.get(kind) ?? 0) + 1;
      this.counts.set(kind, n);
      token = `${kind}-${n}`;
      this.tokens.set(digits, token);
    }
    return token;
  }
}

/** What the journal recorded of a payload (hex, possibly cut, and the whole size), for showing. */
export function payloadJson(
  masker: Masker,
  where: { serviceId: string; commandId: number; role: PayloadRole },
  recorded: { hex: string; byteLength: number },
): PayloadJson {
  const complete = recorded.hex.length === 2 * recorded.byteLength;
  const bytes = complete ? parseHex(recorded.hex) : undefined;
  const decoded = bytes && decodePayload(where.serviceId, where.commandId, where.role, bytes);
  return {
    byteLength: recorded.byteLength,
    hex: masker.hex(recorded.hex, !complete),
    complete,
    decoded: masker.decoded(decoded),
  };
}

const HEX_BYTES_PER_LINE = 16;

/** Indented lines: the hex in groups of four bytes, then the decoded fields. */
export function payloadLines(payload: PayloadJson, indent: string): string[] {
  const lines: string[] = [];
  const hex = payload.hex;
  for (let at = 0; at < hex.length; at += 2 * HEX_BYTES_PER_LINE) {
    const row = hex.slice(at, at + 2 * HEX_BYTES_PER_LINE).match(/.{1,8}/g) ?? [];
    lines.push(`${indent}${row.join(' ')}`);
  }
  if (!payload.complete)
    lines.push(`${indent}(the first ${hex.length / 2} of ${payload.byteLength} bytes)`);
  if (payload.decoded) {
    lines.push(`${indent}${safe(payload.decoded.structure)}:`);
    const width = Math.max(...payload.decoded.fields.map((f) => f.name.length));
    for (const field of payload.decoded.fields)
      lines.push(`${indent}  ${safe(field.name).padEnd(width)}  ${safe(field.value)}`);
  }
  return lines;
}
