/**
 * MBIM information buffers: a fixed part of little-endian fields, where variable data (strings,
 * structures) is named by an (offset, size) pair pointing into a data part after it, each piece
 * padded to 4 bytes (MBIM 1.0 §10.3). Strings are UTF-16LE. The reader checks every offset and size
 * against the buffer, since a modem's bytes are never trusted.
 */
import { MbimDecodeError } from './message.js';

type Item =
  | { kind: 'u32'; value: number }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'ref'; data: Uint8Array };

export class InfoWriter {
  private readonly items: Item[] = [];

  u32(value: number): this {
    this.items.push({ kind: 'u32', value: value >>> 0 });
    return this;
  }

  bytes(bytes: Uint8Array): this {
    this.items.push({ kind: 'bytes', bytes });
    return this;
  }

  /** An (offset, size) pair in the fixed part, the data itself after it. */
  ref(data: Uint8Array): this {
    this.items.push({ kind: 'ref', data });
    return this;
  }

  string(text: string): this {
    return this.ref(utf16le(text));
  }

  build(): Uint8Array {
    const fixed = this.items.reduce(
      (n, item) => n + (item.kind === 'u32' ? 4 : item.kind === 'ref' ? 8 : item.bytes.length),
      0,
    );
    const data = this.items.reduce(
      (n, item) => n + (item.kind === 'ref' ? pad4(item.data.length) : 0),
      0,
    );
    const out = new Uint8Array(fixed + data);
    const view = new DataView(out.buffer);
    let at = 0;
    let dataAt = fixed;
    for (const item of this.items) {
      if (item.kind === 'u32') {
        view.setUint32(at, item.value, true);
        at += 4;
      } else if (item.kind === 'bytes') {
        out.set(item.bytes, at);
        at += item.bytes.length;
      } else {
        // libmbim writes offset 0 for an empty string; so does this.
        view.setUint32(at, item.data.length ? dataAt : 0, true);
        view.setUint32(at + 4, item.data.length, true);
        at += 8;
        out.set(item.data, dataAt);
        dataAt += pad4(item.data.length);
      }
    }
    return out;
  }
}

export class InfoReader {
  private readonly view: DataView;

  constructor(private readonly buffer: Uint8Array) {
    this.view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }

  get length(): number {
    return this.buffer.length;
  }

  u32(offset: number): number {
    if (offset + 4 > this.buffer.length)
      throw new MbimDecodeError(`field at ${offset} is past the ${this.buffer.length}-byte buffer`);
    return this.view.getUint32(offset, true);
  }

  bytes(offset: number, length: number): Uint8Array {
    if (offset + length > this.buffer.length)
      throw new MbimDecodeError(
        `${length} bytes at ${offset} are past the ${this.buffer.length}-byte buffer`,
      );
    return this.buffer.slice(offset, offset + length);
  }

  /** The data an (offset, size) pair at `at` names, relative to `base` (a structure's start). */
  ref(at: number, base = 0): Uint8Array {
    const offset = this.u32(at);
    const size = this.u32(at + 4);
    if (size === 0) return new Uint8Array(0);
    return this.bytes(base + offset, size);
  }

  /**
   * A UTF-16LE string, read as libmbim reads it (so a modem mbimcli reads is read here too): an
   * odd last byte is ignored (size / 2 units) and the text ends at the first NUL unit (glib's
   * g_utf16_to_utf8 stops there), since firmware often counts a terminator in the size.
   */
  string(at: number, base = 0): string {
    const bytes = this.ref(at, base);
    const units = bytes.length >> 1;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let end = 0;
    while (end < units && view.getUint16(end * 2, true) !== 0) end++;
    return Buffer.from(bytes.buffer, bytes.byteOffset, end * 2).toString('utf16le');
  }
}

function utf16le(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf16le'));
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}
