/**
 * The services and HRESULTs a line names, numbered in small tables in the reader's memory: a log
 * names a handful over and over, and the JavaScript side copies each out once, by its number.
 */
import {
  INTERN_ARENA_AT,
  INTERN_ARENA_BYTES,
  INTERN_AT,
  INTERN_TABLE_BYTES,
  MAX_VALUE_BYTES,
  MAX_VALUES,
  same,
} from './layout';

/**
 * The value's number in its field's table (a log names a handful of services over and over): the
 * last one met first, then the rest; a new one is added. −1 when the table is full or the value
 * too long to keep here.
 */
export function intern(field: usize, start: usize, length: usize): i32 {
  const known = find(field, start, length);
  if (known >= 0) return known;
  const table = INTERN_AT + field * INTERN_TABLE_BYTES;
  const count = load<i32>(table);
  if (<usize>count >= MAX_VALUES || length > MAX_VALUE_BYTES) return -1;
  const place = INTERN_ARENA_AT + field * INTERN_ARENA_BYTES + <usize>count * MAX_VALUE_BYTES;
  memory.copy(place, start, length);
  const entry = table + 8 + <usize>count * 8;
  store<i32>(entry, <i32>place);
  store<i32>(entry + 4, <i32>length);
  store<i32>(table, count + 1);
  store<i32>(table + 4, count);
  return count;
}

/** The value's number in its field's table, the last one met tried first; −1 when it is not there. */
export function find(field: usize, start: usize, length: usize): i32 {
  const table = INTERN_AT + field * INTERN_TABLE_BYTES;
  const count = load<i32>(table);
  const last = load<i32>(table + 4);
  if (last < count && matches(table, last, start, length)) return last;
  for (let i: i32 = 0; i < count; i++) {
    if (i != last && matches(table, i, start, length)) {
      store<i32>(table + 4, i);
      return i;
    }
  }
  return -1;
}

@inline
function matches(table: usize, i: i32, start: usize, length: usize): bool {
  const entry = table + 8 + <usize>i * 8;
  return (
    <usize>load<i32>(entry + 4) == length && same(<usize>load<i32>(entry), start, length)
  );
}
