/**
 * A free-text search's scan of one bucket in WebAssembly (wasm/text-scan.ts): the bucket is read
 * straight into the module's memory, and one pass finds the lines that hold the query's text,
 * case aside, each with its record's index in the bucket, as forEachCandidate finds them in the
 * lower-cased bytes (candidate-lines.ts). Each search, and each helper thread, has its own: a
 * bucket read into one stays there until its lines are parsed.
 *
 * The numbers below are the module's memory layout, as wasm/text-scan.ts has them.
 */
import { TEXT_SCAN_WASM } from './text-scan-wasm.js';

const NEEDLE_AT = 0;
const MAX_NEEDLE = 1024;
const ROWS_AT = 1024;
const AREA_AT = 64 * 1024;
/** The largest bucket the area holds: what a search reads synchronously (bucket-search.ts). */
const AREA_BYTES = 4 * 1024 * 1024;

interface Exports {
  memory: { buffer: ArrayBuffer };
  candidates(length: number, n: number): number;
}

/**
 * What is used of the WebAssembly API, which this project's type libraries (ES2023 and Node's, no
 * DOM) do not declare; Node and Electron's main process both have it.
 */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

let compiled: object | undefined;

export class TextFinder {
  private readonly memory: ArrayBuffer;

  private constructor(
    private readonly exports: Exports,
    private readonly needleBytes: number,
  ) {
    this.memory = exports.memory.buffer;
  }

  /** A finder for `needle` (lower-cased); none for a needle longer than the module holds. */
  static for(needle: Buffer): TextFinder | undefined {
    if (needle.length === 0 || needle.length > MAX_NEEDLE) return undefined;
    compiled ??= new wasm.Module(Buffer.from(TEXT_SCAN_WASM, 'base64'));
    const exports = new wasm.Instance(compiled, {}).exports as Exports;
    new Uint8Array(exports.memory.buffer, NEEDLE_AT, needle.length).set(needle);
    return new TextFinder(exports, needle.length);
  }

  /** Where to read a bucket of `bytes` for `candidates`; none when it is larger than that. */
  area(bytes: number): Buffer | undefined {
    return bytes <= AREA_BYTES ? Buffer.from(this.memory, AREA_AT, bytes) : undefined;
  }

  /** Whether `bytes` are this finder's area, as `area` gave it. */
  holds(bytes: Buffer): boolean {
    return bytes.buffer === this.memory && bytes.byteOffset === AREA_AT;
  }

  /**
   * The lines of the first `length` bytes of the area that hold the needle: a triple each (its
   * record's index in the bucket, its start, its end), valid until the next call. None when more
   * lines hold it than the module has room for: the caller searches in JavaScript.
   */
  candidates(length: number): Int32Array | undefined {
    const rows = this.exports.candidates(length, this.needleBytes);
    return rows < 0 ? undefined : new Int32Array(this.memory, ROWS_AT, rows * 3);
  }
}
