/**
 * The sidecar's form on disk (journal-index.ts says what an index is): its schema, and reading a
 * sidecar's text back, believed only when it is valid and of this version. Apart from the rest of
 * the index so that what only builds indexes (the index helper thread) does not load the schema
 * library, about as much code as everything else it runs.
 */
import { z } from 'zod';
import { INDEX_FORMAT, INDEX_VERSION, MAX_RECHECK } from './journal-index.js';

const count = z.number().int().min(0);
const counts = z.record(z.string().max(200), count);
const range = z.tuple([z.number(), z.number()]).nullable();

const bucketSchema = z
  .object({
    /** Byte offset of the bucket's first line, and the number of lines before it. */
    offset: count,
    line: count,
    /** Bytes of whole lines (newlines included) from `offset`. */
    bytes: count,
    /** Readable records, and non-blank lines (a damaged line is one without a record). */
    records: count,
    lines: count,
    firstSeq: z.number().int(),
    lastSeq: z.number().int(),
    /** Wall-clock range, epoch ms (the clock may step back, so min and max, not first and last). */
    time: range,
    mono: range,
    outcomes: counts,
    kinds: counts,
    /** By normalized service ID; `services` in the file index names them. */
    services: counts,
    /** By HRESULT as written (0x80070005): what a call returned or a completion carried. */
    hresults: counts,
    /** Smallest and largest MBN request ID and request reference number (r12 → 12). */
    requestIds: range,
    refs: range,
    /**
     * Records read from format v1 and upgraded: their lines may not hold the words (an outcome)
     * their records have, so a search cannot look for those words in their bytes.
     */
    upgraded: count,
    /** Export header lines: lines without a record that are not damaged (see damagedLines). */
    headers: count,
    /** Errors and the backend unavailable: problems that are no request's outcome. */
    trouble: count,
    /**
     * Set by the journal's writer only (export/line-certificate.ts): the CRC-32 of the bucket's
     * bytes when every line passed the export's redacting check as written, under `lineRules`,
     * but those in `recheck` ([byte offset in the bucket, line index in it], in order).
     */
    copyCrc: z.number().int().min(0).max(0xffffffff).optional(),
    recheck: z
      .array(z.tuple([count, count]))
      .max(MAX_RECHECK)
      .optional(),
  })
  .strict();

export type IndexBucket = z.infer<typeof bucketSchema>;

const fileIndexSchema = z
  .object({
    format: z.literal(INDEX_FORMAT),
    version: z.literal(INDEX_VERSION),
    /** The journal file's name: a sidecar copied beside another file is not believed. */
    file: z.string().max(255),
    buckets: z.array(bucketSchema).max(1_000_000),
    /** Service names by normalized ID, for a search by name. */
    serviceNames: z.record(z.string().max(200), z.string().max(500)),
    /** The check's rules the buckets' `copyCrc` were made under (LINE_RULES). */
    lineRules: z.string().max(64).optional(),
  })
  .strict();

export type FileIndex = z.infer<typeof fileIndexSchema>;

/**
 * What an export reads of a sidecar to copy certified buckets (export/certified-read.ts): where
 * each bucket is and its certificate, held to the same rules as in the whole index. The counts
 * are not read: checking them all cost an export of a 19-file run 15-40 ms, in a fresh process
 * mostly the schema's first use, where this costs 2-8 ms; a bucket's CRC, not its counts, is what
 * lets it be copied.
 */
const certificatesSchema = z.object({
  format: fileIndexSchema.shape.format,
  version: fileIndexSchema.shape.version,
  file: fileIndexSchema.shape.file,
  buckets: z
    .array(
      // Its other fields are left unread (not refused: the whole index holds them).
      z.object(
        bucketSchema.pick({
          offset: true,
          line: true,
          bytes: true,
          records: true,
          lines: true,
          headers: true,
          trouble: true,
          copyCrc: true,
          recheck: true,
        }).shape,
      ),
    )
    .max(1_000_000),
  lineRules: fileIndexSchema.shape.lineRules,
});

export type Certificates = z.infer<typeof certificatesSchema>;
export type CertifiedBucket = Certificates['buckets'][number];

/** Parses a sidecar's text; undefined when it is not a valid index of this version. */
export function parseFileIndex(text: string, fileName: string): FileIndex | undefined {
  return parseWith(fileIndexSchema, text, fileName);
}

/** A sidecar's buckets and certificates alone (see certificatesSchema); undefined as parseFileIndex. */
export function parseCertificates(text: string, fileName: string): Certificates | undefined {
  return parseWith(certificatesSchema, text, fileName);
}

function parseWith<T extends Certificates>(
  schema: z.ZodType<T>,
  text: string,
  fileName: string,
): T | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success || parsed.data.file !== fileName) return undefined;
  let at = 0;
  for (const bucket of parsed.data.buckets) {
    if (
      bucket.offset !== at ||
      bucket.bytes === 0 ||
      bucket.records + bucket.headers > bucket.lines ||
      bucket.trouble > bucket.records
    )
      return undefined;
    at += bucket.bytes;
  }
  return parsed.data;
}
