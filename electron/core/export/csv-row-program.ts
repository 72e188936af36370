/**
 * A kind's CSV row (csv-row-steps.ts) as the program the WebAssembly reader runs to write it
 * (wasm/csv-rows.ts, whose op numbers these are). Texts and word tables go where `place` puts
 * them in the reader's memory; a jump's target is the offset of an op in the program, which the
 * reader adds the program's place to (`jumps` lists where they stand).
 */
import { lineFieldNumber } from '../journal-line-shapes.js';
import { fieldWords, type RowStep } from './csv-row-steps.js';

const R = {
  end: 0,
  text: 1,
  raw: 2,
  cell: 3,
  quoted: 4,
  quotedEnd: 5,
  word: 6,
  ifWord: 7,
  ifNone: 8,
  jump: 9,
  duration: 10,
  bytes: 11,
  model: 12,
  ref: 13,
} as const;

/** Where the reader's memory holds these bytes (−1: no room). */
export type Place = (bytes: Uint8Array) => number;

export interface RowProgram {
  /** i32s: ops and their arguments. */
  ops: number[];
  /** The indexes in `ops` that hold a jump target, as an index in `ops` (made absolute on writing). */
  jumps: number[];
}

/** The reader's number for a field's values (journal-line-shapes.ts). */
function fieldNumber(key: string): number {
  const n = lineFieldNumber(key);
  if (n === 0) throw new Error(`no line has a field ${key}`);
  return n;
}

/** The program of `steps`; undefined when `place` found no room for a text or a table. */
export function rowProgram(steps: readonly RowStep[], place: Place): RowProgram | undefined {
  const ops: number[] = [];
  const jumps: number[] = [];
  /** Texts and tables `place` found no room for: the program is then not written. */
  const unplaced: Uint8Array[] = [];
  const at = (bytes: Uint8Array): number => {
    const where = place(bytes);
    if (where < 0) unplaced.push(bytes);
    return where;
  };
  const text = (value: string): void => {
    if (value === '') return;
    const bytes = Buffer.from(value, 'utf8');
    ops.push(R.text, at(bytes), bytes.length);
  };
  const table = (texts: readonly string[]): number => {
    const parts = [int32(texts.length)];
    for (const t of texts) {
      const bytes = Buffer.from(t, 'utf8');
      parts.push(int32(bytes.length === 0 ? 0 : at(bytes)), int32(bytes.length));
    }
    return at(Buffer.concat(parts));
  };
  /** Pushes a jump's target, to be set once known: returns its index. */
  const target = (): number => {
    jumps.push(ops.length);
    ops.push(0);
    return ops.length - 1;
  };
  const write = (list: readonly RowStep[]): void => {
    // Texts that follow one another are written as one.
    let pending = '';
    for (const step of list) {
      if (typeof step === 'string') {
        pending += step;
        continue;
      }
      text(pending);
      pending = '';
      if ('raw' in step) {
        const or = Buffer.from(step.or ?? '', 'utf8');
        ops.push(R.raw, fieldNumber(step.raw), or.length === 0 ? 0 : at(or), or.length);
      } else if ('cell' in step) ops.push(R.cell, fieldNumber(step.cell));
      else if ('quoted' in step) {
        ops.push(R.quoted);
        write(step.quoted);
        ops.push(R.quotedEnd);
      } else if ('word' in step) ops.push(R.word, fieldNumber(step.word), table(step.texts));
      else if ('ifWord' in step || 'ifNone' in step) {
        if ('ifWord' in step)
          ops.push(R.ifWord, fieldNumber(step.ifWord), fieldWords(step.ifWord).indexOf(step.is));
        else ops.push(R.ifNone, fieldNumber(step.ifNone));
        const otherwise = target();
        write(step.then);
        ops.push(R.jump);
        const after = target();
        ops[otherwise] = ops.length;
        write(step.else);
        ops[after] = ops.length;
      } else if ('duration' in step) ops.push(R.duration, fieldNumber(step.duration));
      else if ('bytes' in step) ops.push(R.bytes, fieldNumber(step.bytes));
      else if ('model' in step) ops.push(R.model, fieldNumber(step.model));
      else ops.push(R.ref, fieldNumber(step.ref));
    }
    text(pending);
  };
  write(steps);
  ops.push(R.end);
  return unplaced.length === 0 ? { ops, jumps } : undefined;
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return b;
}
