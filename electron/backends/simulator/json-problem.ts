/**
 * A JSON mistake as a technician editing the file in Notepad can find it: its line and column
 * (JSON.parse says "at position 1434", or nothing for some mistakes), why in JSON.parse's words,
 * and the text of that line. What is quoted from the file is escaped: the CLI writes this to a
 * terminal and the app shows it in a dialog.
 */
import { CONTROLS, visibleControl } from '../../../shared/visible-controls.js';
import { jsonErrorOffset } from './json-error-offset.js';

/** Characters of the line quoted either side of the column: the quote fits 80 columns. */
const AROUND = 30;

const escaped = (text: string): string => text.replace(CONTROLS, visibleControl);

/**
 * JSON.parse's reason without its place, said as a line and column instead: " in JSON at
 * position 1434" and anything a newer V8 adds after it, or the excerpt that V8 quotes, lines and
 * all, after an unexpected token. A message in another form is kept whole.
 */
function reason(message: string): string {
  return message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/^(Unexpected token '.+?'), .* is not valid JSON$/s, '$1');
}

/**
 * The line around `index`, cut to AROUND either side, without its indentation. Only JSON's own
 * spaces are left out: a no-break space pasted from a web page is the mistake, not indentation.
 */
function excerpt(line: string, index: number): string {
  const indent = /^[ \t]*/.exec(line)?.[0].length ?? 0;
  const text = line.slice(indent).replace(/[ \t\r]+$/, '');
  const at = index - indent;
  const from = Math.max(0, at - AROUND);
  const to = Math.min(text.length, at + AROUND);
  return escaped(`${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`);
}

/** `message`: what JSON.parse threw for `text`. */
export function jsonProblem(text: string, message: string): string {
  const why = escaped(reason(message));
  const offset = jsonErrorOffset(text);
  if (offset === undefined) return `not valid JSON: ${why}`;
  const lines = text.slice(0, offset).split('\n');
  const number = lines.length;
  const head = lines.at(-1) ?? '';
  const quote = (n: number, line: string, index: number): string[] => {
    const shown = excerpt(line, index);
    return shown ? [`line ${n}: ${shown}`] : [];
  };
  const before = lines.at(-2);
  return [
    `not valid JSON at line ${number}, column ${head.length + 1}: ${why}`,
    // Where the place is the first thing on its line, the slip is most often at the end of the
    // line before: a comma left out after a value reads "Expected ',' or '}'" at the next one.
    ...(head.trim() === '' && before !== undefined ? quote(number - 1, before, before.length) : []),
    ...quote(number, head + (text.slice(offset).split('\n', 1)[0] ?? ''), head.length),
  ].join('\n    ');
}
