/**
 * Where JSON.parse stopped reading a text it refused: the offset of the first character that
 * cannot continue valid JSON, or the text's length where the text ends too soon. V8 says so in
 * its message for some mistakes ("at position 1434") but not for others: a missing value, a
 * trailing comma in a list or a word processor's curly quotes read `Unexpected token ']', "…" is
 * not valid JSON`. So the text is read again, stopping where JSON.parse stops (the tests hold
 * the two to the same offsets). A loop with a stack, not recursion: deep nesting cannot overflow.
 */

const SPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPED = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX_DIGIT = /^[0-9a-fA-F]$/;
const DIGIT = /^[0-9]$/;

/** `undefined` for a text JSON.parse takes. */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  // '' past the end, which no test below takes.
  const at = (k: number): string => text.charAt(k);
  const skipSpace = (): void => {
    while (SPACE.has(at(i))) i += 1;
  };
  const digits = (): boolean => {
    const start = i;
    while (DIGIT.test(at(i))) i += 1;
    return i > start;
  };

  // Each reader below moves `i` past what it read, or returns false with `i` where it stopped.
  const string = (): boolean => {
    i += 1;
    for (;;) {
      const c = at(i);
      if (c === '"') {
        i += 1;
        return true;
      }
      if (c === '' || c.charCodeAt(0) < 0x20) return false;
      if (c === '\\') {
        i += 1;
        if (at(i) === 'u') {
          for (let k = 0; k < 4; k += 1) {
            i += 1;
            if (!HEX_DIGIT.test(at(i))) return false;
          }
        } else if (!ESCAPED.has(at(i))) return false;
      }
      i += 1;
    }
  };
  const number = (): boolean => {
    if (at(i) === '-') i += 1;
    if (at(i) === '0') i += 1;
    else if (!digits()) return false;
    if (at(i) === '.') {
      i += 1;
      if (!digits()) return false;
    }
    if (at(i) === 'e' || at(i) === 'E') {
      i += 1;
      if (at(i) === '+' || at(i) === '-') i += 1;
      if (!digits()) return false;
    }
    return true;
  };
  const word = (expected: string): boolean => {
    for (const c of expected) {
      if (at(i) !== c) return false;
      i += 1;
    }
    return true;
  };
  /** A value that holds no other. */
  const scalar = (): boolean => {
    const c = at(i);
    if (c === '"') return string();
    if (c === '-' || DIGIT.test(c)) return number();
    if (c === 't') return word('true');
    if (c === 'f') return word('false');
    if (c === 'n') return word('null');
    return false;
  };
  /** An object's member up to its value: `"name":`. */
  const key = (): boolean => {
    skipSpace();
    if (at(i) !== '"' || !string()) return false;
    skipSpace();
    if (at(i) !== ':') return false;
    i += 1;
    return true;
  };

  /** The closing brackets of the objects and arrays open around `i`. */
  const open: ('}' | ']')[] = [];
  let valueNext = true;
  for (;;) {
    skipSpace();
    if (valueNext) {
      const c = at(i);
      if (c === '{' || c === '[') {
        const close = c === '{' ? '}' : ']';
        i += 1;
        skipSpace();
        if (at(i) === close) {
          i += 1;
          valueNext = false;
        } else {
          open.push(close);
          if (close === '}' && !key()) return i;
        }
      } else if (scalar()) valueNext = false;
      else return i;
      continue;
    }
    const close = open.at(-1);
    if (close === undefined) return i < text.length ? i : undefined;
    if (at(i) === close) {
      i += 1;
      open.pop();
    } else if (at(i) === ',') {
      i += 1;
      valueNext = true;
      if (close === '}' && !key()) return i;
    } else return i;
  }
}
