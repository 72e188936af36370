/**
 * Journal lines of every kind an export's fast CSV path may take, generated (fast-check), and
 * the row the full path makes of one: what the tests of both row makers (line-csv-row.ts in
 * JavaScript, wasm/csv-rows.ts in WebAssembly) hold them to.
 */
import fc from 'fast-check';
import { ABANDON_REASONS, PRECONDITIONS } from '../../../shared/journal/record.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { REQUEST_OPS, SESSION_STATES } from '../../../shared/model.js';
import { COMPLETION_MATCHES, REQUEST_OUTCOMES } from '../../../shared/request/outcome.js';
import { csvRow } from '../../../electron/core/export/format-csv.js';

export const SIERRA = '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}';
export const MODELS = new Map([[SIERRA, 'EM7565, rev "B"']]);
export const model = (id: string): string | null => MODELS.get(id) ?? null;

export const text = fc.oneof(
  fc.constantFrom(
    'SMS',
    'Basic Connect',
    SIERRA,
    'a289cc33-bcbb-8b4f-b6b0-133ec2aae6df',
    'plain, with a comma',
    '=SUM(A1)',
    '+cmd',
    '-1',
    '@home',
    'Diag;=cmd|calc',
    'S_OK',
    'r12',
    '',
    ' ',
    '123456',
  ),
  fc.string({
    unit: fc.constantFrom('a', ',', ';', '=', '-', '1', ' ', '{', '}', ':'),
    maxLength: 8,
  }),
);
export const number = fc.oneof(
  fc.integer({ min: -1000, max: 100_000 }),
  // Times in ms are under 10^12 (journal-check.ts): 12 digits is the most a valid one has.
  fc.constantFrom(0, 1, 2, 0.5, 1.25, 12.345678, 0.000001, 123456789012, -3.5),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
);
/** A count (a payload's length): an integer under a billion. */
const count = fc.integer({ min: 0, max: 999_999_999 });
const word = <T extends string>(list: readonly T[]) => fc.constantFrom(...list);
const orNull = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.constant(null));

const head = fc.record({
  v: fc.constant(2),
  seq: fc.integer({ min: 0, max: 999_999_999 }),
  time: fc.constantFrom('2026-11-24T08:30:00.000Z', '2026-02-28T23:59:59.999Z'),
  mono: number,
});
/** One record of each kind that may pass, in the journal's key order, its free text from `text`. */
export function kindsOf(text: fc.Arbitrary<string>): fc.Arbitrary<Record<string, unknown>>[] {
  const service = {
    interfaceId: fc.oneof(fc.constant(SIERRA), text),
    serviceId: text,
    serviceName: text,
  };
  const request = { ref: text, op: word(REQUEST_OPS), ...service, outcome: word(REQUEST_OUTCOMES) };
  return [
    fc
      .tuple(
        head,
        fc.record({ ...request, sessionOpenBefore: orNull(fc.boolean()) }),
        fc.option(word(PRECONDITIONS), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 4096 }), { nil: undefined }),
      )
      .map(([h, r, precondition, byteLength]) => ({
        ...h,
        kind: 'request',
        ...r,
        ...(precondition === undefined ? {} : { precondition }),
        ...(byteLength === undefined ? {} : { byteLength }),
      })),
    fc
      .tuple(
        head,
        fc.record({
          ...request,
          requestId: orNull(fc.integer({ min: 0, max: 99999 })),
          hresult: fc.constantFrom('0x00000000', '0x80070005', '0x8000FFFF'),
          hresultName: text,
          outcome: fc.oneof(fc.constant('refused'), word(REQUEST_OUTCOMES)),
          callMs: number,
        }),
      )
      .map(([h, r]) => ({ ...h, kind: 'request-returned', ...r })),
    fc
      .tuple(
        head,
        fc.record({
          op: word(REQUEST_OPS),
          ...service,
          requestId: fc.integer({ min: 0, max: 99999 }),
          status: fc.constantFrom('0x00000000', '0x80004005'),
          statusName: text,
          match: word(COMPLETION_MATCHES),
          ref: orNull(text),
          outcome: orNull(word(REQUEST_OUTCOMES)),
          latencyMs: orNull(number),
        }),
      )
      .map(([h, r]) => ({ ...h, kind: 'completion', ...r })),
    fc
      .tuple(
        head,
        fc.record({
          ...request,
          requestId: orNull(fc.integer({ min: 0, max: 999_999_999 })),
          timeoutMs: number,
        }),
      )
      .map(([h, r]) => ({ ...h, kind: 'overdue', ...r })),
    fc
      .tuple(
        head,
        fc.record({
          ...request,
          requestId: orNull(fc.integer({ min: 0, max: 999_999_999 })),
          reason: word(ABANDON_REASONS),
        }),
      )
      .map(([h, r]) => ({ ...h, kind: 'abandoned', ...r })),
    fc
      .tuple(
        head,
        fc.record({
          ...request,
          requestId: orNull(fc.integer({ min: 0, max: 999_999_999 })),
          waitedMs: number,
        }),
      )
      .map(([h, r]) => ({ ...h, kind: 'given-up', ...r })),
    fc
      .tuple(head, fc.record({ ...service, from: word(SESSION_STATES), to: word(SESSION_STATES) }))
      .map(([h, r]) => ({ ...h, kind: 'session-state', ...r })),
    fc
      .tuple(
        head,
        fc.record({ ...service, byteLength: count, preview: fc.constantFrom('', '7e0a', '00ff') }),
      )
      .map(([h, r]) => ({ ...h, kind: 'read-data', ...r })),
  ];
}
export const records = kindsOf(text);

/**
 * Text past Excel's 32,767 characters in a cell (csv-cell-limit.ts cuts it): repeated so that its
 * cut lands at every offset of the unit, tokens the redactor writes among them.
 */
const longText = fc
  .tuple(
    fc.constantFrom(
      'a',
      'x,y ',
      'IMEI-12 ',
      'PHONE-h0123456789 ',
      '[redacted IMEI-3] ',
      '=1;-',
      'b',
    ),
    fc.integer({ min: 32_000, max: 33_500 }),
  )
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));
export const longRecords = kindsOf(fc.oneof(text, longText));

/** The row the full path makes of a line: parsed, then csvRow with the device's model. */
export function fullRow(line: string): string {
  const record = JSON.parse(line) as JournalRecord & { interfaceId?: unknown };
  const id = record.interfaceId;
  return csvRow(record, typeof id === 'string' ? model(id) : null);
}
