/**
 * The needles of a query no one needle finds (several outcomes, several kinds, any problem), bucket
 * by bucket, from what the index counts there: a search's candidate lines (log-search.ts,
 * text-scans.ts) are then the lines holding one of them, not every line of the bucket.
 */
import { PROBLEM_RECORD_OUTCOMES } from '../../shared/request/story.js';
import type { IndexBucket } from './journal-index.js';
import type { Compiled } from './search-query.js';

/**
 * The query each bucket of a file is searched by, made once per set of needles: the file's own
 * (`c`), unless it has no needle (scanNeedle) and asks for several outcomes, several kinds or any
 * problem; then, for a bucket whose counts say which of those values it holds (bucketWords), the
 * file's query with the one needle those give as its scanNeedle, or the several as anyNeedle.
 * Such a query had every line of each bucket it could not rule out parsed: "Any problem" on ten
 * million events took 31 s where "Failed" alone took 2.6 s (problems are in nearly every bucket).
 */
export function bucketQueries(c: Compiled): (bucket: IndexBucket) => Compiled {
  if (c.scanNeedle !== null || (!c.outcomes && !c.kinds && !c.problems)) return () => c;
  const made = new Map<string, Compiled>();
  return (bucket) => {
    const words = bucketWords(bucket, c);
    if (words === null) return c;
    const key = words.join(' ');
    let query = made.get(key);
    if (!query) {
      const needles = words.map((word) => Buffer.from(`${word}"`));
      const [one] = needles;
      query =
        needles.length === 1 && one ? { ...c, scanNeedle: one } : { ...c, anyNeedle: needles };
      made.set(key, query);
    }
    return query;
  };
}

/** A kind's or an outcome's word: how every one is spelt (JSON writes it so, unescaped). */
const VALUE_WORD = /^[a-z][a-z-]*$/;

/**
 * The words (sorted, each once) of which every line of `bucket` the query may match holds one,
 * followed by the quote that ends it, as outcomeLiteral and kindLiteral for one: by the condition
 * whose values the bucket's counts say are fewest (its outcomes, its kinds, its problems). A line
 * written in the current format holds its record's kind and outcome as JSON strings, each checked
 * to be one of the words (journal-check.ts), so `"failed"` unless escaped, and a bucket holding an
 * escape has every line parsed all the same (needsEveryLine). A completion that matched no request
 * (unmatched) writes no outcome (null): its kind's word, `completion"`. Trouble is a record of kind
 * `error`, or `backend-status` (available: false). The index counts each of these as recordMatches
 * tests it, so a value the bucket holds none of needs no word. Null when no condition gives words:
 * a bucket upgraded from v1 (whose records may take an outcome their line does not write, from an
 * HRESULT), a word JSON would write otherwise, or counts that do not say.
 */
function bucketWords(bucket: IndexBucket, c: Compiled): string[] | null {
  if (bucket.upgraded > 0) return null;
  const sets = [
    c.outcomes ? outcomeWords(bucket, c.outcomes) : null,
    c.kinds ? kindWords(bucket, c.kinds) : null,
    c.problems ? problemWords(bucket) : null,
  ].filter((set): set is Words => set !== null && set.words.size > 0);
  const fewest = sets.reduce<Words | null>((a, b) => (a && a.lines <= b.lines ? a : b), null);
  if (!fewest) return null;
  const words = [...fewest.words].sort();
  // `call-failed"` holds `failed"`: a line holding the longer holds the shorter, looked for alone.
  return words.filter((word) => !words.some((w) => w !== word && `${word}"`.includes(`${w}"`)));
}

/** Words of which each candidate line holds one, and how many records the bucket counts of them. */
interface Words {
  words: Set<string>;
  lines: number;
}

/** A count of the bucket's (own keys only: a kind asked for may be `constructor`). */
function counted(counts: Readonly<Record<string, number>>, key: string): number {
  return Object.hasOwn(counts, key) ? (counts[key] ?? 0) : 0;
}

function outcomeWords(bucket: IndexBucket, outcomes: Iterable<string>): Words | null {
  const found: Words = { words: new Set(), lines: 0 };
  for (const outcome of outcomes) {
    if (counted(bucket.outcomes, outcome) === 0) continue;
    if (outcome === 'unmatched') {
      found.words.add('completion');
      found.lines += counted(bucket.kinds, 'completion');
    } else if (VALUE_WORD.test(outcome)) {
      found.words.add(outcome);
      found.lines += counted(bucket.outcomes, outcome);
    } else return null;
  }
  return found;
}

function kindWords(bucket: IndexBucket, kinds: Iterable<string>): Words | null {
  const found: Words = { words: new Set(), lines: 0 };
  for (const kind of kinds) {
    const n = counted(bucket.kinds, kind);
    if (n === 0) continue;
    if (!VALUE_WORD.test(kind)) return null;
    found.words.add(kind);
    found.lines += n;
  }
  return found;
}

/** A problem's words (isProblemRecord): its problem outcomes', and its trouble's kinds. */
function problemWords(bucket: IndexBucket): Words | null {
  const found = outcomeWords(bucket, PROBLEM_RECORD_OUTCOMES);
  if (!found || bucket.trouble === 0) return found;
  const errors = counted(bucket.kinds, 'error');
  const statuses = counted(bucket.kinds, 'backend-status');
  // Every error is trouble; the rest of the trouble is the backend said unavailable.
  if (bucket.trouble > errors && statuses === 0) return null;
  const trouble = kindWords(bucket, [
    ...(errors > 0 ? ['error'] : []),
    ...(bucket.trouble > errors ? ['backend-status'] : []),
  ]);
  if (!trouble) return null;
  for (const word of trouble.words) found.words.add(word);
  found.lines += trouble.lines;
  return found;
}
