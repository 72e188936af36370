/**
 * A journal bucket certified as it is written: every line in it passed the export's redacting
 * LineCheck as it is (nothing to redact, not even a preview), and its bytes had this CRC-32. An
 * export of the app's own journal then copies such a bucket whole after checking only its CRC
 * (certified-read.ts), instead of checking every line again: that check is CPU work well above
 * the disk's cost (about 1.3 s of CPU a 300 MB log against 0.25 s to write it), so a JSON Lines
 * export could not reach half the disk's write rate while it ran on every line.
 *
 * The check runs once per byte written, on the journal's thread, as the bytes go to disk; the CRC
 * is there so that a bucket changed on disk afterwards (by hand, by a disk fault) is not believed.
 * It is not a signature: who can write the app's journal folder can write the sidecar too, which is
 * why only sidecars in the app's own journal folders are believed (own-folders.ts), never one
 * beside a log from a ticket folder or a USB stick.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { MAX_RECHECK } from '../journal-index.js';
import { kindShapes } from '../journal-line-shapes.js';
import { MAX_LINE_BYTES } from '../line-splitter.js';
import { LINE_PASSED, LINE_RUN, RUN_LINES, checkBlock } from './line-block-check.js';
import { LineCheck, SAFE_TEXT_WAYS } from './line-check.js';
import { LINE_FIELDS } from './raw-line.js';

/**
 * Bumped whenever LineCheck's code changes what it passes in a way its shapes and expressions do
 * not show (the rest is hashed below, so a changed shape or text rule needs no bump).
 */
const LINE_CHECK_LOGIC = 1;

/**
 * Which rules a certificate was made under: a sidecar written by an older or newer version of the
 * check is not believed, its buckets are checked line by line as if it had none.
 */
export const LINE_RULES = createHash('sha256')
  .update(
    JSON.stringify({
      logic: LINE_CHECK_LOGIC,
      shapes: kindShapes(),
      text: SAFE_TEXT_WAYS,
      maxLine: MAX_LINE_BYTES,
    }),
  )
  .digest('hex')
  .slice(0, 32);

/** The CRC-32 a certificate carries, of `buf` continuing `previous` (0 for the first bytes). */
export function bucketCrc(buf: Uint8Array, previous = 0): number {
  return crc32(buf, previous) >>> 0;
}

/** A certified bucket's lines to check again: [byte offset in the bucket, line index in it]. */
export type RecheckLine = [offset: number, line: number];

/** Certifies one bucket at a time from the writes it is made of. */
export class BucketCertifier {
  private readonly check = new LineCheck(true);
  private crc = 0;
  private clean = true;
  private bytes = 0;
  private lines = 0;
  private recheck: RecheckLine[] = [];

  /** Bytes written into the open bucket: whole lines, each ending in LF. */
  add(data: Buffer): void {
    this.crc = bucketCrc(data, this.crc);
    // Once the bucket cannot be certified, its lines need no check.
    if (this.clean) this.checkLines(data);
    this.bytes += data.length;
  }

  /** Bytes reached the bucket that were not seen: it cannot be certified. */
  spoil(): void {
    this.clean = false;
  }

  /**
   * The bucket's certificate, its CRC-32 and the lines to check again, when every other line
   * passed; then starts the next bucket.
   */
  finish(): { crc: number; recheck: RecheckLine[] } | undefined {
    const certificate = this.clean ? { crc: this.crc, recheck: this.recheck } : undefined;
    this.crc = 0;
    this.clean = true;
    this.bytes = 0;
    this.lines = 0;
    this.recheck = [];
    return certificate;
  }

  private checkLines(data: Buffer): void {
    if (data.length === 0) return;
    if (data[data.length - 1] !== 0x0a) {
      this.clean = false;
      return;
    }
    const { lines, count } = checkBlock(this.check, data, 0, data.length);
    let line = this.lines;
    for (let i = 0; i < count; i++) {
      const k = i * LINE_FIELDS;
      const verdict = lines[k + 2];
      if (verdict === LINE_RUN) {
        line += lines[k + RUN_LINES] ?? 0;
        continue;
      }
      line += 1;
      if (verdict === LINE_PASSED && (lines[k + 3] ?? 0) < 0) continue;
      if (this.recheck.length === MAX_RECHECK) {
        this.clean = false;
        return;
      }
      this.recheck.push([this.bytes + (lines[k] ?? 0), line - 1]);
    }
    this.lines = line;
  }
}
