/**
 * The scenario loader says where JSON.parse stopped as a line and column, from its own reading of
 * the text (json-error-offset.ts), since V8's message gives no position for some mistakes. Held
 * here to V8 on edited JSON: the same texts refused, at the position V8 names where it names one,
 * at the end where the text ends too soon, and at the token it calls unexpected.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../../../electron/backends/simulator/json-error-offset.js';
import { budget } from './fuzz-budget.js';

/** What a hand edit puts in or takes out: JSON's own characters, and what it does not take. */
const TYPED = [...Array.from('{}[],:"\\ \n\t\r01-.eE+tfnu/x'), '\u0001', '\u00a0', '\u201c', "'"];

const edited = fc
  .tuple(
    fc.jsonValue().map((value) => JSON.stringify(value, null, 2)),
    fc.array(
      fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'replace'), fc.constantFrom(...TYPED)),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
  )
  .map(([text, edits]) =>
    edits.reduce((t, [at, edit, char]) => {
      const k = at % (t.length + 1);
      if (edit === 'delete') return t.slice(0, k) + t.slice(k + 1);
      return t.slice(0, k) + char + t.slice(edit === 'insert' ? k : k + 1);
    }, text),
  );

function refusal(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('where JSON.parse stopped', () => {
  it('is where V8 says, for edited JSON and any text', () => {
    fc.assert(
      fc.property(fc.oneof(edited, fc.string()), (text) => {
        const message = refusal(text);
        const offset = jsonErrorOffset(text);
        if (message === undefined) {
          expect(offset).toBeUndefined();
          return;
        }
        expect(offset, message).toBeTypeOf('number');
        const position = /at position (\d+)/.exec(message)?.[1];
        if (position !== undefined) expect(offset, message).toBe(Number(position));
        if (message === 'Unexpected end of JSON input') expect(offset, message).toBe(text.length);
        const token = /^Unexpected token '(.+?)', /s.exec(message)?.[1];
        if (token !== undefined)
          expect(text.slice(offset, (offset ?? 0) + token.length), message).toBe(token);
      }),
      budget(3000),
    );
  });

  it('a text nested deeper than any stack is read to its end', () => {
    expect(jsonErrorOffset(`${'['.repeat(1_000_000)}1${']'.repeat(1_000_000)}`)).toBeUndefined();
    expect(jsonErrorOffset(`${'['.repeat(1_000_000)}1,`)).toBe(1_000_002);
  });
});
