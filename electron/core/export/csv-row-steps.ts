/**
 * The CSV row of a journal line of each kind the line readers know (journal-line-shapes.ts), as
 * steps over the line's values: what csvRow(JSON.parse(line)) gives, said once. Two makers read
 * these steps: line-csv-row.ts in JavaScript, and the WebAssembly reader (wasm/csv-rows.ts), to
 * which line-scan.ts writes them as programs. A CSV export of a million lines spent most of its
 * time making rows as JavaScript strings and writing them out as UTF-8; the reader makes them
 * as bytes in the pass that checks each line.
 *
 * Values are a line's JSON text, which LineCheck proved is its value (printable ASCII without `"`
 * or `\`, numbers as JSON.stringify writes them). The words are the records' own
 * (shared/journal/record-text.ts, shared/request/words.ts); the tests hold both makers to
 * csvRow on every kind, op and outcome.
 */
import { abandonWords, describeRecord, opWords } from '../../../shared/journal/record-text.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import type { RecordOutcome } from '../../../shared/request/story.js';
import { MATCH_WORDS, rowOutcomeWords } from '../../../shared/request/words.js';
import { fieldShape } from '../journal-line-shapes.js';
import { csvField } from './format-csv.js';

/**
 * One step of a row, over the line's fields by key. A value that is missing and one that is
 * null read alike, as `??` reads them.
 * - text: written as it is;
 * - raw: the value's text (or `or` when missing or null);
 * - cell: the value as a CSV cell (quoted, defused);
 * - quoted: the steps' text as one CSV cell;
 * - word: `texts[i]` for the i-th word of the field's list (its shape's), the last text when
 *   missing or null;
 * - ifWord: `then` when the value is the word `is`, else `else`;
 * - ifNone: `then` when the value is missing or null, else `else`;
 * - duration: a number of milliseconds as formatDuration writes it;
 * - bytes: a count as "1 byte", "96 bytes";
 * - model: the model of the device of this interface ID, as a cell (the caller knows them);
 * - ref: no text; the ref the writer looks the row's request up by (ref-key.ts).
 */
export type RowStep =
  | string
  | { raw: string; or?: string }
  | { cell: string }
  | { quoted: readonly RowStep[] }
  | { word: string; texts: readonly string[] }
  | { ifWord: string; is: string; then: readonly RowStep[]; else: readonly RowStep[] }
  | { ifNone: string; then: readonly RowStep[]; else: readonly RowStep[] }
  | { duration: string }
  | { bytes: string }
  | { model: string }
  | { ref: string };

/** The words a field of a `words` shape may hold, in its shape's order (the reader's indexes). */
export function fieldWords(key: string): readonly string[] {
  const scan = fieldShape(key)?.scan;
  if (scan?.op !== 'words') throw new Error(`${key} is not a field of words`);
  return scan.words;
}

/** `texts` for a word step: `of` each word, then `of` nothing (missing or null). */
const wordTexts = (key: string, of: (word: string | undefined) => string): string[] => [
  ...fieldWords(key).map(of),
  of(undefined),
];

const opWord: RowStep = { word: 'op', texts: wordTexts('op', (op) => opWords(op ?? '')) };
const requestNumber: RowStep = { raw: 'requestId', or: '?' };

/** The outcome's label cell, in the report's words as record-row.ts writes it. */
const labelCell = (outcome: RecordOutcome): string =>
  csvField(rowOutcomeWords(outcome, 'as-logged'));

/** A service name no record holds: where it stands in a request's words, the name goes. */
const NAME = '\u0001';

/**
 * A request's words, from describeRecord itself: for each op, its text with no byte length and
 * with one (where "7 bytes" stands, the count goes), then the service's name and the
 * precondition's words. A test holds them to describeRecord for every op, length and
 * precondition.
 */
function requestDetails(): RowStep[] {
  const say = (op: string, byteLength?: number, precondition?: string): [string, string] => {
    const text = describeRecord({
      kind: 'request',
      op,
      serviceName: NAME,
      serviceId: '',
      byteLength,
      precondition,
    } as JournalRecord);
    const cut = text.indexOf(NAME);
    return [text.slice(0, cut), text.slice(cut + NAME.length)];
  };
  const sized = (op: string): RowStep[] => {
    const [before] = say(op, 7);
    const at = before.indexOf('7 bytes');
    return at < 0
      ? [before]
      : [before.slice(0, at), { bytes: 'byteLength' }, before.slice(at + '7 bytes'.length)];
  };
  const ops = fieldWords('op');
  // A chain of ifWord, the last op taking what is left: the reader proved the op one of them.
  let steps: readonly RowStep[] = [];
  for (let i = ops.length - 1; i >= 0; i--) {
    const op = ops[i] ?? '';
    const these: RowStep[] = [{ ifNone: 'byteLength', then: [say(op)[0]], else: sized(op) }];
    steps = i === ops.length - 1 ? these : [{ ifWord: 'op', is: op, then: these, else: steps }];
  }
  return [
    ...steps,
    { raw: 'serviceName' },
    {
      word: 'precondition',
      texts: wordTexts('precondition', (p) => say('open', undefined, p)[1]),
    },
  ];
}

/** describeRecord's words for each kind, as steps (line-csv-row.ts had them as one expression). */
function details(kind: string): readonly RowStep[] | undefined {
  switch (kind) {
    case 'request':
      return requestDetails();
    case 'request-returned':
      return [
        {
          ifWord: 'outcome',
          is: 'refused',
          then: [
            opWord,
            ' refused at once: ',
            { raw: 'hresultName' },
            ' (',
            { raw: 'hresult' },
            ')',
          ],
          else: [
            opWord,
            ' accepted, request #',
            requestNumber,
            ' (',
            { duration: 'callMs' },
            ' to return)',
          ],
        },
      ];
    case 'completion':
      return [
        opWord,
        ' #',
        requestNumber,
        ' completed: ',
        { raw: 'statusName' },
        ' (',
        { raw: 'status' },
        ')',
        { ifNone: 'latencyMs', then: [], else: [' after ', { duration: 'latencyMs' }] },
        {
          word: 'match',
          texts: wordTexts('match', (match) =>
            match === 'matched' ? '' : ` — ${MATCH_WORDS[match as keyof typeof MATCH_WORDS]}`,
          ),
        },
      ];
    case 'overdue':
      return [
        opWord,
        ' #',
        requestNumber,
        ' overdue: no completion within ',
        { duration: 'timeoutMs' },
      ];
    case 'given-up':
      return [
        opWord,
        ' #',
        requestNumber,
        ' given up by the user after ',
        { duration: 'waitedMs' },
        ': a later completion is still recorded',
      ];
    case 'abandoned':
      return [
        opWord,
        ' #',
        requestNumber,
        ' abandoned: ',
        { word: 'reason', texts: wordTexts('reason', abandonWords) },
      ];
    case 'session-state':
      return [{ raw: 'serviceName' }, ' data session ', { raw: 'from' }, ' → ', { raw: 'to' }];
    case 'read-data':
      return [{ raw: 'byteLength' }, ' bytes read from ', { raw: 'serviceName' }];
    default:
      return undefined;
  }
}

/** What a kind's row has in its code columns: a returned call's HRESULT, a completion's status. */
const CODES: Readonly<Record<string, readonly [string, string]>> = {
  'request-returned': ['hresult', 'hresultName'],
  completion: ['status', 'statusName'],
};

const rows = new Map<string, readonly RowStep[] | undefined>();

/**
 * The row of a line of `kind`, CRLF included, as ROW_COLUMNS orders it; undefined for a kind
 * these steps do not know (its lines take the full path). Made once per kind.
 */
export function csvRowSteps(kind: string): readonly RowStep[] | undefined {
  if (rows.has(kind)) return rows.get(kind);
  const said = details(kind);
  const steps = said && rowOf(kind, said);
  rows.set(kind, steps);
  return steps;
}

function rowOf(kind: string, said: readonly RowStep[]): RowStep[] {
  const completion = kind === 'completion';
  const [code, codeName] = CODES[kind] ?? [];
  // A completion with no outcome written is unmatched; other kinds' rows leave it empty.
  const outcome = (of: (outcome: RecordOutcome) => string): RowStep => ({
    word: 'outcome',
    texts: wordTexts('outcome', (written) =>
      written === undefined && !completion ? '' : of((written ?? 'unmatched') as RecordOutcome),
    ),
  });
  const none: RowStep = '';
  return [
    { ref: 'ref' },
    { raw: 'seq' },
    ',',
    { raw: 'time' },
    ',',
    { raw: 'mono' },
    `,${kind},`,
    { cell: 'interfaceId' },
    ',',
    { cell: 'serviceName' },
    ',',
    { cell: 'serviceId' },
    ',',
    { raw: 'op' },
    ',',
    { cell: 'ref' },
    ',',
    { raw: 'requestId' },
    ',',
    code ? { cell: code } : none,
    ',',
    codeName ? { cell: codeName } : none,
    ',',
    { raw: 'latencyMs' },
    ',',
    outcome((o) => o),
    ',',
    { quoted: said },
    ',',
    outcome(labelCell),
    ',',
    completion ? { raw: 'match' } : none,
    ',',
    { model: 'interfaceId' },
    // The command's five columns: a made row leaves them empty (csv-command-cells.ts fills them).
    ',,,,,\r\n',
  ];
}
