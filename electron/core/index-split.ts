/**
 * One large file's index built on both cores: this thread indexes the first half of what is left
 * to index while a helper thread indexes the second, from the first line start past the middle.
 * A week-long log saved as one JSON Lines file (3 GB at ten million events) otherwise had its
 * index built on one core while the other idled: the files of a journal folder already share the
 * cores (index-builds.ts), a single file had nothing to share.
 *
 * The two pieces join where the first ends: its last bucket is short, which an index allows (a
 * bucket is found by its first record's position, not by arithmetic). Whenever the helper's piece
 * cannot be trusted as it is (the helper could not start or failed; the piece holds format-v1
 * lines, whose upgrade may need a request met in the first half; it is blank lines only, which no
 * bucket of its own carries), this thread indexes the rest itself, as it would have without a
 * helper.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { startHelper } from './helper-script.js';
import { INDEX_HELPER_LIMITS, indexHelperScript } from './index-builds.js';
import type { BuildAnswer, BuildTask } from './index-build-worker.js';
import { extendIndex, fullBuckets, linesBefore, type ScanOptions } from './journal-index-scan.js';
import {
  BUCKET_RECORDS,
  coveredBytes,
  emptyFileIndex,
  mergeServiceNames,
  type FileIndex,
} from './journal-index.js';
import { MAX_LINE_BYTES } from './line-splitter.js';

/** Below this, starting a thread costs about what sharing the work saves. */
const SPLIT_MIN_BYTES = 32 * 1024 * 1024;
/**
 * What this thread indexes past the middle while the helper starts: about half of what one
 * thread indexes in the helper's start-up (~250 MB/s a thread with both busy, 40-90 ms), so
 * that both halves end together.
 */
const HELPER_LEAD_BYTES = 8 * 1024 * 1024;

/** The index of `file`, extended from `base` over everything after it, on both cores when large. */
export async function extendIndexSplit(
  file: string,
  base: FileIndex,
  options: ScanOptions = {},
  minBytes = SPLIT_MIN_BYTES,
): Promise<FileIndex> {
  const from = coveredBytes({ ...base, buckets: fullBuckets(base) });
  const size = statSync(file).size;
  // This thread starts at once; the helper only once its thread and script are up (40-90 ms
  // measured at 1M events, while each half took about 0.6 s): split evenly, this thread finished
  // its half and then waited that long for the other. So this thread takes a little more.
  const lead = Math.min(HELPER_LEAD_BYTES, (size - from) / 8);
  const mid =
    size - from >= minBytes ? lineStartAfter(file, from + (size - from) / 2 + lead) : undefined;
  if (mid === undefined) return extendIndex(file, base, options);
  // Stopped with the build, or when this thread's half fails (its error is the build's).
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const piece = pieceOnHelper(file, base.file, mid, signal);
  const progress = splitProgress(size - from, (size - from) / (mid - from), options.onBytes);
  let headBytes = 0;
  /** Whether the bar still counts on the helper's half (until this thread's half is done). */
  let counting = true;
  // What is left to this thread then: the rest of its half, and the helper's half again.
  const alone = () => {
    if (counting) progress.alone(headBytes, size - from - headBytes);
    counting = false;
  };
  // Known gone before this thread's half is done: the bar stops counting on the helper's half.
  void piece.then((tail) => {
    if (!tail) alone();
  });
  const { onBuckets } = options;
  let headLines = linesBefore(base);
  const head = await extendIndex(file, base, {
    ...options,
    until: mid,
    onEnd: (lines) => (headLines = lines),
    onBytes: (bytes) => progress.scanned((headBytes = bytes)),
    // The first half's short last bucket is told with the second half's buckets: told now, it
    // would be told again if this thread has to index the rest itself (which rescans it).
    onBuckets: async (buckets, names) => {
      // A log upgraded from format v1 is old throughout: its second half will be indexed here
      // too, so the bar counts this thread's bytes from now on.
      if (buckets.some((b) => b.upgraded > 0)) alone();
      await onBuckets?.(
        buckets.filter((b) => b.records >= BUCKET_RECORDS),
        names,
      );
    },
  }).catch((error: unknown) => {
    stop.abort();
    throw error;
  });
  counting = false;
  const tail = await piece;
  options.signal?.throwIfAborted();
  // A piece of blank lines only has no bucket to carry its bytes: joined, the index would end
  // at the middle, and the next open would index the rest again.
  if (
    !tail ||
    tail.buckets.length === 0 ||
    coveredBytes(head) !== mid ||
    tail.buckets.some((b) => b.upgraded > 0)
  ) {
    const rest = size - coveredBytes({ ...head, buckets: fullBuckets(head) });
    progress.alone(0, rest);
    const whole = await extendIndex(file, head, { ...options, onBytes: progress.scanned });
    progress.done();
    return whole;
  }
  const joined = joinPieces(head, headLines, tail);
  // Told as one, after the first half's: a caller searching buckets as they come sees them in
  // order.
  await onBuckets?.(joined.buckets.slice(fullBuckets(head).length), joined.serviceNames);
  progress.done();
  return joined;
}

interface SplitProgress {
  /** This thread's bytes scanned so far in its current scan. */
  scanned: (bytes: number) => void;
  /** From here (`at` bytes into its current scan) this thread scans `left` more bytes alone. */
  alone: (at: number, left: number) => void;
  done: () => void;
}

/**
 * The build's progress as `onBytes` hears it: bytes of the `whole` left to index, never fewer
 * than told before (the saved-log window and the search panel draw it as a bar). While the helper
 * is trusted, this thread's bytes count `share` times (both halves go at about one speed). Once
 * this thread is to index the rest alone, its bytes move the bar from where it stands to the end
 * in step with what is left: telling only the bytes it really has, the bar ran back from near
 * the end to the middle. When that is known only once the first half is done, the bar already
 * stands at the end and waits there.
 */
function splitProgress(
  whole: number,
  share: number,
  onBytes: ((bytes: number) => void) | undefined,
): SplitProgress {
  let shown = 0;
  let rest: { at: number; left: number; from: number } | undefined;
  const show = (bytes: number) => {
    const next = Math.min(whole, Math.round(bytes));
    if (next <= shown) return;
    shown = next;
    onBytes?.(next);
  };
  return {
    scanned: (bytes) =>
      show(
        rest ? rest.from + ((whole - rest.from) * (bytes - rest.at)) / rest.left : bytes * share,
      ),
    alone: (at, left) => {
      rest = { at, left: Math.max(1, left), from: shown };
    },
    done: () => show(whole),
  };
}

/** The first index, then the second's buckets, numbered on from the first's `headLines` lines. */
function joinPieces(head: FileIndex, headLines: number, tail: FileIndex): FileIndex {
  const shift = headLines;
  return {
    ...head,
    buckets: [...head.buckets, ...tail.buckets.map((b) => ({ ...b, line: b.line + shift }))],
    serviceNames: mergeServiceNames(head.serviceNames, tail.serviceNames),
  };
}

/**
 * The piece from `from` to the end, built by a helper thread of its own; undefined when the
 * helper could not start, failed, or the build was stopped.
 */
async function pieceOnHelper(
  file: string,
  fileName: string,
  from: number,
  signal: AbortSignal | undefined,
): Promise<FileIndex | undefined> {
  let worker: Worker | undefined;
  let stop: (() => void) | undefined;
  try {
    const helper = await indexHelperScript();
    if (signal?.aborted) return undefined;
    const started = startHelper(helper, INDEX_HELPER_LIMITS);
    worker = started;
    started.unref();
    return await new Promise<FileIndex | undefined>((resolve) => {
      stop = () => resolve(undefined);
      signal?.addEventListener('abort', stop, { once: true });
      started.on('message', (message: BuildAnswer | 'ready') => {
        if (message === 'ready') {
          const task: BuildTask = { id: 0, file, base: emptyFileIndex(fileName), from };
          started.postMessage(task);
        } else resolve('index' in message ? message.index : undefined);
      });
      started.on('error', () => resolve(undefined));
      started.on('exit', () => resolve(undefined));
    });
  } catch {
    return undefined;
  } finally {
    if (stop) signal?.removeEventListener('abort', stop);
    void worker?.terminate();
  }
}

/**
 * The offset just after the first LF at or past `at`, if one comes within a line's longest
 * length and before the file's last byte: where a piece can start.
 */
function lineStartAfter(file: string, at: number): number | undefined {
  const start = Math.floor(at);
  const buf = Buffer.allocUnsafe(64 * 1024);
  const fd = openSync(file, 'r');
  try {
    for (let read = 0; read <= MAX_LINE_BYTES;) {
      const n = readSync(fd, buf, 0, buf.length, start + read);
      if (n === 0) return undefined;
      const nl = buf.subarray(0, n).indexOf(10);
      if (nl !== -1) {
        const next = start + read + nl + 1;
        return next < fstatSync(fd).size ? next : undefined;
      }
      read += n;
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}
