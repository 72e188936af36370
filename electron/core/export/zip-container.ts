/**
 * The .zip container around entries that are already deflated (deflated-part.ts), as PKWARE's
 * APPNOTE describes it: for each entry a local header and its data, then the central directory,
 * with ZIP64 records where a size or offset passes 4 GiB (a ten-million-event log does).
 *
 * Why not yazl, which packed the bundle before: it compresses each entry itself, one after the
 * other, once all of them have been written; the bundle now compresses its entries on the thread
 * pool while they are written, and no zip library on npm takes entries deflated elsewhere. What
 * is left is only this framing; the tests read every bundle back with yauzl, which checks it.
 */
import { createReadStream } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  crc: number;
  size: number;
  compressedSize: number;
  /** The deflated bytes, as one buffer or as a file to copy from. */
  data: Buffer | string;
}

/** Where the zip goes: every write in order; `bytes` written so far. */
export interface ZipSink {
  write(data: Buffer): Promise<void>;
  readonly bytes: number;
}

const MAX32 = 0xffffffff;
const ZIP64_VERSION = 45;
const DEFLATE_VERSION = 20;
const UTF8_NAMES = 1 << 11;
const DEFLATE = 8;
/** Made by: Unix (3), so the permissions below are read as such; spec version 4.5. */
const MADE_BY = (3 << 8) | ZIP64_VERSION;
const FILE_MODE = (0o100644 << 16) >>> 0;

/** A small entry (README, manifest) deflated at once. */
export function bufferEntry(name: string, data: Buffer, level: number): ZipEntry {
  const deflated = deflateRawSync(data, { level });
  return {
    name,
    crc: crc32(data),
    size: data.length,
    compressedSize: deflated.length,
    data: deflated,
  };
}

/** MS-DOS date and time, in local time as zip tools show them (2-second resolution). */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, Math.min(2107, date.getFullYear()));
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/**
 * Info-ZIP's extended timestamp (`UT`, 0x5455): the time in UTC, as seconds since 1970, signed
 * 32-bit. The MS-DOS time beside it is local time with no zone: a bundle made in Berlin at 14:00
 * and listed in Chicago said 14:00, the hour a support engineer lines up with the customer's
 * account. unzip, 7-Zip and yauzl read this one first.
 */
function utcExtra(date: Date): Buffer {
  const extra = Buffer.alloc(9);
  extra.writeUInt16LE(0x5455, 0);
  extra.writeUInt16LE(5, 2);
  extra.writeUInt8(1, 4); // mtime present
  const seconds = Math.floor(date.getTime() / 1000);
  extra.writeInt32LE(Math.max(0, Math.min(0x7fffffff, seconds)), 5);
  return extra;
}

/** The ZIP64 extra field with the given 64-bit values, or nothing. */
function zip64Extra(values: number[]): Buffer {
  if (values.length === 0) return Buffer.alloc(0);
  const extra = Buffer.alloc(4 + 8 * values.length);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(8 * values.length, 2);
  values.forEach((v, i) => extra.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return extra;
}

/**
 * Writes `entries` as a zip to `sink`; `onData` after each piece of entry data (for progress
 * and cancellation: it may throw to stop).
 */
export async function writeZip(
  sink: ZipSink,
  entries: readonly ZipEntry[],
  mtime: Date,
  onData: () => void,
): Promise<void> {
  const { time, date } = dosDateTime(mtime);
  const utc = utcExtra(mtime);
  const central: Buffer[] = [];
  for (const entry of entries) {
    const offset = sink.bytes;
    const name = Buffer.from(entry.name, 'utf8');
    const big = entry.size >= MAX32 || entry.compressedSize >= MAX32;
    const local = Buffer.alloc(30);
    const localExtra = Buffer.concat([
      big ? zip64Extra([entry.size, entry.compressedSize]) : Buffer.alloc(0),
      utc,
    ]);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(big ? ZIP64_VERSION : DEFLATE_VERSION, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(big ? MAX32 : entry.compressedSize, 18);
    local.writeUInt32LE(big ? MAX32 : entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    await sink.write(Buffer.concat([local, name, localExtra]));
    if (typeof entry.data === 'string') {
      for await (const chunk of createReadStream(entry.data, { highWaterMark: 1 << 20 })) {
        await sink.write(chunk as Buffer);
        onData();
      }
    } else {
      await sink.write(entry.data);
      onData();
    }

    const wide: number[] = [];
    if (entry.size >= MAX32) wide.push(entry.size);
    if (entry.compressedSize >= MAX32) wide.push(entry.compressedSize);
    if (offset >= MAX32) wide.push(offset);
    const extra = Buffer.concat([zip64Extra(wide), utc]);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(MADE_BY, 4);
    header.writeUInt16LE(wide.length > 0 ? ZIP64_VERSION : DEFLATE_VERSION, 6);
    header.writeUInt16LE(UTF8_NAMES, 8);
    header.writeUInt16LE(DEFLATE, 10);
    header.writeUInt16LE(time, 12);
    header.writeUInt16LE(date, 14);
    header.writeUInt32LE(entry.crc >>> 0, 16);
    header.writeUInt32LE(Math.min(entry.compressedSize, MAX32), 20);
    header.writeUInt32LE(Math.min(entry.size, MAX32), 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt16LE(extra.length, 30);
    header.writeUInt32LE(FILE_MODE, 38);
    header.writeUInt32LE(Math.min(offset, MAX32), 42);
    central.push(header, name, extra);
  }

  const directoryOffset = sink.bytes;
  const directory = Buffer.concat(central);
  await sink.write(directory);
  const directoryEnd = sink.bytes;
  if (directoryOffset >= MAX32 || directory.length >= MAX32) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(MADE_BY, 12);
    record.writeUInt16LE(ZIP64_VERSION, 14);
    record.writeBigUInt64LE(BigInt(entries.length), 24);
    record.writeBigUInt64LE(BigInt(entries.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(directoryOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(directoryEnd), 8);
    locator.writeUInt32LE(1, 16);
    await sink.write(Buffer.concat([record, locator]));
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(Math.min(directory.length, MAX32), 12);
  end.writeUInt32LE(Math.min(directoryOffset, MAX32), 16);
  await sink.write(end);
}
