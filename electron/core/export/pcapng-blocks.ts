/**
 * pcapng blocks (IETF draft-ietf-opsawg-pcapng), little-endian: Section Header, Interface
 * Description and Enhanced Packet blocks with their options, each padded to 32 bits.
 *
 * Packets use Wireshark's exported-PDU link type (LINKTYPE_WIRESHARK_UPPER_PDU, 252): each packet
 * starts with tags naming the dissector (tag 12, `mbim.control`), so the MBIM control message
 * follows as it is, with no USB framing to invent. Exported-PDU tags are big-endian, as Wireshark
 * writes them, and padded to 32 bits.
 */
const LINKTYPE_WIRESHARK_UPPER_PDU = 252;
const EXP_PDU_TAG_DISSECTOR_NAME = 12;

const OPT_COMMENT = 1;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_TSRESOL = 9;
const EPB_FLAGS = 2;

/** EPB flags, bits 0–1: the packet's direction. */
export const DIRECTION = { inbound: 1, outbound: 2 } as const;

interface Option {
  code: number;
  value: Buffer;
}

const pad4 = (n: number): number => (n + 3) & ~3;

function options(list: readonly Option[]): Buffer {
  if (list.length === 0) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  for (const option of list) {
    const head = Buffer.alloc(4);
    head.writeUInt16LE(option.code, 0);
    head.writeUInt16LE(option.value.length, 2);
    parts.push(head, option.value, Buffer.alloc(pad4(option.value.length) - option.value.length));
  }
  parts.push(Buffer.alloc(4)); // opt_endofopt
  return Buffer.concat(parts);
}

function block(type: number, body: Buffer): Buffer {
  const length = 12 + body.length;
  const out = Buffer.alloc(length);
  out.writeUInt32LE(type, 0);
  out.writeUInt32LE(length, 4);
  body.copy(out, 8);
  out.writeUInt32LE(length, length - 4);
  return out;
}

/** The most an option may hold: its length is a 16-bit field. */
const MAX_OPTION = 0xffff;
const ELLIPSIS = Buffer.from('…', 'utf8');

/**
 * Text for an option, cut to fit with `…` on a character boundary: a comment carries a log's own
 * words (a decoding error, a service name), and a damaged or hostile log's may be longer than an
 * option can say, which stopped the whole capture with "out of range".
 */
function text(value: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length <= MAX_OPTION) return bytes;
  let end = MAX_OPTION - ELLIPSIS.length;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return Buffer.concat([bytes.subarray(0, end), ELLIPSIS]);
}

export function sectionHeader(application: string, comment: string): Buffer {
  const fixed = Buffer.alloc(16);
  fixed.writeUInt32LE(0x1a2b3c4d, 0);
  fixed.writeUInt16LE(1, 4);
  fixed.writeUInt16LE(0, 6);
  fixed.writeBigInt64LE(-1n, 8); // section length unknown
  return block(
    0x0a0d0d0a,
    Buffer.concat([
      fixed,
      options([
        { code: OPT_COMMENT, value: text(comment) },
        { code: SHB_USERAPPL, value: text(application) },
      ]),
    ]),
  );
}

export function interfaceDescription(name: string): Buffer {
  const fixed = Buffer.alloc(8);
  fixed.writeUInt16LE(LINKTYPE_WIRESHARK_UPPER_PDU, 0);
  fixed.writeUInt32LE(0, 4); // no snapshot limit
  return block(
    0x00000001,
    Buffer.concat([
      fixed,
      options([
        { code: IF_NAME, value: text(name) },
        { code: IF_TSRESOL, value: Buffer.from([6]) }, // microseconds
      ]),
    ]),
  );
}

/** The exported-PDU header naming the dissector, then end-of-tags. */
export function exportedPduHeader(dissector: string): Buffer {
  const name = text(dissector);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(EXP_PDU_TAG_DISSECTOR_NAME, 0);
  head.writeUInt16BE(pad4(name.length), 2);
  return Buffer.concat([
    head,
    name,
    Buffer.alloc(pad4(name.length) - name.length),
    Buffer.alloc(4),
  ]);
}

/** `originalLength`: the packet's length as sent, when `data` holds only its start (a snap length). */
export function enhancedPacket(
  timestampMicros: bigint,
  data: Buffer,
  direction: number,
  comment: string | undefined,
  originalLength = data.length,
): Buffer {
  const fixed = Buffer.alloc(20);
  fixed.writeUInt32LE(0, 0); // interface 0
  fixed.writeUInt32LE(Number((timestampMicros >> 32n) & 0xffffffffn), 4);
  fixed.writeUInt32LE(Number(timestampMicros & 0xffffffffn), 8);
  fixed.writeUInt32LE(data.length, 12);
  fixed.writeUInt32LE(Math.max(originalLength, data.length), 16);
  const flags = Buffer.alloc(4);
  flags.writeUInt32LE(direction, 0);
  const list: Option[] = [{ code: EPB_FLAGS, value: flags }];
  if (comment) list.push({ code: OPT_COMMENT, value: text(comment) });
  return block(
    0x00000006,
    Buffer.concat([fixed, data, Buffer.alloc(pad4(data.length) - data.length), options(list)]),
  );
}
