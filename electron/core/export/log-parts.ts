/**
 * The byte streams a saved log is made of: the journal files of a run, one JSON Lines file, or
 * the log entries of a .zip bundle. Plain files can be re-opened at any byte offset (that is what
 * makes the paged index cheap); a compressed entry can only be read from its start.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import yauzl from 'yauzl';
import type { BundleManifest } from './bundle-manifest.js';
import { releaseKept, type KeptBuffers } from './kept-buffers.js';
import { LogOpenError, type LogLocation } from './log-location.js';

export interface LogPart {
  /** For problems and messages: a file path, or `bundle.zip/entry.jsonl`. */
  name: string;
  seekable: boolean;
  /** The file it is, when a plain file (an export may read it by its index: certified-read.ts). */
  file?: string;
  /** Its size (once unpacked), when known before reading it (a bundle's entry says so). */
  bytes?: number | undefined;
  /**
   * Its bytes from `fromOffset`, in chunks. With `pool`, a plain file's chunks are its memory, each
   * held once for the caller, who releases it when nothing refers to it any more (kept-buffers.ts).
   */
  open(fromOffset: number, pool?: KeptBuffers): AsyncIterable<Buffer>;
}

/** The log's size: its parts' sizes added up, undefined when one is not known. */
export function partsBytes(parts: readonly Pick<LogPart, 'bytes'>[]): number | undefined {
  let total = 0;
  for (const part of parts) {
    if (part.bytes === undefined) return undefined;
    total += part.bytes;
  }
  return total;
}

export interface OpenedParts {
  parts: LogPart[];
  manifest: BundleManifest | undefined;
  /** Problems found before reading records (a damaged manifest, say). */
  notes: string[];
  close(): void;
}

/** A first read big enough for a first page (~900 records), so it shows at once; large reads after. */
const FIRST_CHUNK = 256 * 1024;
const CHUNK = 1024 * 1024;

export async function openParts(location: LogLocation): Promise<OpenedParts> {
  if (location.kind !== 'bundle') {
    // Their sizes say how much of the log an export has read (a file deleted meanwhile: unknown).
    const sizes = await Promise.all(
      location.files.map((file) =>
        stat(file).then(
          (s) => s.size,
          () => undefined,
        ),
      ),
    );
    return {
      parts: location.files.map((file, i) => ({
        name: file,
        seekable: true,
        file,
        bytes: sizes[i],
        open: (fromOffset: number, pool?: KeptBuffers) =>
          pool ? pooledChunks(file, fromOffset, pool) : fileChunks(file, fromOffset),
      })),
      manifest: undefined,
      notes: [],
      close: () => undefined,
    };
  }
  return openBundle(location.path);
}

async function* fileChunks(file: string, start: number): AsyncGenerator<Buffer> {
  let position = start;
  for await (const chunk of createReadStream(file, {
    start,
    end: start + FIRST_CHUNK - 1,
  }) as AsyncIterable<Buffer>) {
    position += chunk.length;
    yield chunk;
  }
  if (position - start < FIRST_CHUNK) return;
  yield* createReadStream(file, { start: position, highWaterMark: CHUNK }) as AsyncIterable<Buffer>;
}

/**
 * The file's chunks as fileChunks reads them, into memory filled again: a new buffer for every
 * MiB meant each page faulting in as the read filled it, and whoever read it next waiting on
 * memory no cache held. Exporting a 293 MB log, copying the chunks into the line check took
 * 170 ms from new buffers and 15 ms from ones used again. The next chunk is read while this one
 * is handed out, as a stream reads ahead.
 */
async function* pooledChunks(
  file: string,
  start: number,
  pool: KeptBuffers,
): AsyncGenerator<Buffer> {
  const handle = await open(file, 'r');
  let position = start;
  let next = pool.read(handle, FIRST_CHUNK, position);
  try {
    for (;;) {
      const chunk = await next;
      // The empty read at the end goes back to the pool below, as a read ahead does. Released here
      // too, it was released twice: the second release could return memory the pool had handed
      // out again meanwhile.
      if (chunk.length === 0) return;
      position += chunk.length;
      next = pool.read(handle, CHUNK, position);
      yield chunk;
    }
  } finally {
    const ahead = await next.catch(() => undefined);
    if (ahead) releaseKept(ahead);
    await handle.close();
  }
}

async function openBundle(path: string): Promise<OpenedParts> {
  const name = basename(path);
  // Loaded for a bundle only: its schema brings the schema library, 27 ms of a search's start
  // when it was loaded for every log, and most logs searched or opened are journals.
  const { BUNDLE_FILES, manifestSchema } = await import('./bundle-manifest.js');
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  } catch (error) {
    throw new LogOpenError(
      `${name} is a damaged .zip file and cannot be opened (${(error as Error).message}). It may be an incomplete download or copy.`,
      'unreadable',
      { cause: error },
    );
  }
  try {
    const entries = new Map<string, yauzl.Entry>();
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    const notes: string[] = [];
    let manifest: BundleManifest | undefined;
    const manifestEntry = entries.get(BUNDLE_FILES.manifest);
    if (manifestEntry) {
      try {
        const text = await readAll(await zip.openReadStreamPromise(manifestEntry));
        const parsed = manifestSchema.safeParse(JSON.parse(text));
        if (parsed.success) manifest = parsed.data;
        else
          notes.push(`${BUNDLE_FILES.manifest} is not a valid manifest; the log was read anyway.`);
      } catch (error) {
        notes.push(`${BUNDLE_FILES.manifest} is damaged (${(error as Error).message}).`);
      }
    }
    const logNames = pickLogEntries(entries, manifest, BUNDLE_FILES.jsonl);
    if (logNames.length === 0) {
      throw new LogOpenError(
        `${name} is a .zip file but not an mbn-diag bundle: it holds no .jsonl log.`,
        'not-a-log',
      );
    }
    const parts: LogPart[] = logNames.map((entryName) => ({
      name: `${name}/${entryName}`,
      seekable: false,
      // As the entry declares it: yauzl stops a stream that unpacks to more than that.
      bytes: entries.get(entryName)?.uncompressedSize ?? 0,
      open: () => entryChunks(zip, entries.get(entryName)),
    }));
    return { parts, manifest, notes, close: () => zip.close() };
  } catch (error) {
    zip.close();
    if (error instanceof LogOpenError) throw error;
    throw new LogOpenError(
      `${name} is a damaged .zip file (${(error as Error).message}).`,
      'unreadable',
      { cause: error },
    );
  }
}

/**
 * The manifest's log; else a zipped run (journal-*.jsonl in order); else the one .jsonl inside,
 * or among several the bundle's own log (`bundleLog`).
 */
function pickLogEntries(
  entries: Map<string, yauzl.Entry>,
  manifest: BundleManifest | undefined,
  bundleLog: string,
): string[] {
  if (manifest && entries.has(manifest.log)) return [manifest.log];
  const jsonl = [...entries.keys()].filter((n) => n.toLowerCase().endsWith('.jsonl'));
  const journals = jsonl.filter((n) => /(^|\/)journal-\d{6}\.jsonl$/.test(n)).sort();
  if (journals.length > 0) return journals;
  return jsonl.length === 1 ? jsonl : jsonl.filter((n) => n === bundleLog);
}

async function* entryChunks(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry | undefined,
): AsyncGenerator<Buffer> {
  if (!entry) return;
  yield* (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>;
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > 16 * 1024 * 1024) throw new Error('larger than any manifest');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
