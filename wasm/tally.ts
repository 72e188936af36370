/**
 * An index bucket's counts of the rows readLines took, made here rather than row by row in
 * JavaScript: what electron/core/journal-index.ts's BucketBuilder counts of each record (its kind,
 * outcome, service, HRESULT, the service's name, and the ranges of its times, request IDs and
 * refs). Asked for a row at a time, through getters and a callback, that counting was a third of
 * an index's build (1M events: 430 ms with it, 300 ms without). The JavaScript side reads what a
 * run of rows added up to: a few numbers met, not every row.
 *
 * Which kinds count an outcome of none as unmatched, and which field is a kind's HRESULT, are the
 * index's to say (setTallyKind); this only follows them.
 */
import { MAX_KINDS, MAX_ROWS, ROW_BYTES, ROWS_AT, TALLY_AT } from './layout';

/** Per kind, a byte: TALLY_COMPLETION, and which field is its HRESULT (TALLY_HRESULT, _STATUS). */
const KIND_FLAGS: usize = TALLY_AT;
const COMPLETION: u8 = 1;
const HRESULT_FIELD: u8 = 2;
const STATUS_FIELD: u8 = 4;
/** f64: time min, max; mono min, max; ref min, max (+∞ and −∞ when none). */
const RANGES: usize = TALLY_AT + 64;
/** i32: request ID min, max (−1: none); the first row's seq and the last's. */
const REQUEST_IDS: usize = TALLY_AT + 112;
const SEQS: usize = TALLY_AT + 120;
/** i32 per table: how many numbers were met (in MET's order), then how many renames. */
const MET_COUNTS: usize = TALLY_AT + 128;
/** Tables: kinds, outcomes, services, HRESULTs; 32 entries each. */
const TABLES: usize = 4;
const TABLE_BYTES: usize = 128;
/** Numbers a table counts: 0 to 31 (the reader's tables hold 32 values; kinds are fewer). */
const TABLE_ENTRIES: u32 = <u32>(TABLE_BYTES / 4);
const COUNTS: usize = TALLY_AT + 256;
const MET: usize = COUNTS + TABLES * TABLE_BYTES;
/** Per service number, the number of the name it went by last in this bucket (−1: none yet). */
const LAST_NAME: usize = MET + TABLES * TABLE_BYTES;
const RENAMES: usize = LAST_NAME + TABLE_BYTES;
/** The outcome counted for a completion that names none: the table's last number. */
const UNMATCHED: i32 = <i32>TABLE_ENTRIES - 1;

export function setTallyKind(kind: i32, flags: u8): void {
  if (<usize>kind < MAX_KINDS) store<u8>(KIND_FLAGS + <usize>kind, flags);
}

/** A new bucket: every service's name is told again when it is first met in it. */
export function tallyBucket(): void {
  memory.fill(LAST_NAME, 0xff, TABLE_BYTES);
}

/** Counts rows [n0, n1) of the last readLines, from none. */
export function tally(n0: i32, n1: i32): void {
  memory.fill(COUNTS, 0, TABLES * TABLE_BYTES);
  memory.fill(MET_COUNTS, 0, 4 * (TABLES + 1));
  let minTime = Infinity;
  let maxTime = -Infinity;
  let minMono = Infinity;
  let maxMono = -Infinity;
  let minRef = Infinity;
  let maxRef = -Infinity;
  let minId: i32 = -1;
  let maxId: i32 = -1;
  let renames: usize = 0;
  const last = <usize>n1 < MAX_ROWS ? n1 : <i32>MAX_ROWS;
  for (let n = n0; n < last; n++) {
    const row = ROWS_AT + <usize>n * ROW_BYTES;
    const time = load<f64>(row);
    if (time < minTime) minTime = time;
    if (time > maxTime) maxTime = time;
    const mono = load<f64>(row + 8);
    if (mono < minMono) minMono = mono;
    if (mono > maxMono) maxMono = mono;
    const ref = load<f64>(row + 16);
    // NaN (no ref) compares false both ways.
    if (ref < minRef) minRef = ref;
    if (ref > maxRef) maxRef = ref;
    const kind = load<i32>(row + 32);
    count(0, kind);
    const flags = load<u8>(KIND_FLAGS + <usize>kind);
    const outcome = load<i32>(row + 48);
    if (outcome >= 0) count(1, outcome);
    else if (flags & COMPLETION) count(1, UNMATCHED);
    const service = load<i32>(row + 40);
    if (service >= 0) {
      count(2, service);
      const name = load<i32>(row + 44);
      const at = LAST_NAME + <usize>service * 4;
      if (name >= 0 && load<i32>(at) != name) {
        store<i32>(at, name);
        store<i32>(RENAMES + renames * 8, service);
        store<i32>(RENAMES + renames * 8 + 4, name);
        renames++;
      }
    }
    const code =
      flags & HRESULT_FIELD ? load<i32>(row + 52) : flags & STATUS_FIELD ? load<i32>(row + 56) : -1;
    if (code >= 0) count(3, code);
    const id = load<i32>(row + 60);
    if (id >= 0) {
      if (minId < 0 || id < minId) minId = id;
      if (id > maxId) maxId = id;
    }
  }
  store<f64>(RANGES, minTime);
  store<f64>(RANGES + 8, maxTime);
  store<f64>(RANGES + 16, minMono);
  store<f64>(RANGES + 24, maxMono);
  store<f64>(RANGES + 32, minRef);
  store<f64>(RANGES + 40, maxRef);
  store<i32>(REQUEST_IDS, minId);
  store<i32>(REQUEST_IDS + 4, maxId);
  store<i32>(SEQS, n0 < last ? load<i32>(ROWS_AT + <usize>n0 * ROW_BYTES + 36) : 0);
  store<i32>(SEQS + 4, n0 < last ? load<i32>(ROWS_AT + <usize>(last - 1) * ROW_BYTES + 36) : 0);
  store<i32>(MET_COUNTS + TABLES * 4, <i32>renames);
}

/** Counts `no` in `table`; the first time since `tally` began, notes it met. */
@inline
function count(table: usize, no: i32): void {
  if (<u32>no >= TABLE_ENTRIES) return;
  const at = COUNTS + table * TABLE_BYTES + <usize>no * 4;
  const n = load<i32>(at);
  store<i32>(at, n + 1);
  if (n > 0) return;
  const met = MET_COUNTS + table * 4;
  const k = load<i32>(met);
  store<i32>(MET + table * TABLE_BYTES + <usize>k * 4, no);
  store<i32>(met, k + 1);
}
