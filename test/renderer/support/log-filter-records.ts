/**
 * Journal records as a log may hold them, generated for the log-filter tests: every kind a row is
 * made of, with strings that trip up lowercasing, splitting and lookups and numbers written every
 * way `String` writes one. Shared so each topic's test file draws from the same logs.
 */
import fc from 'fast-check';
import type { JournalRecord } from '../../../shared/journal/record';

/** Strings a journal may carry that trip up lowercasing, splitting and lookups. */
const HOSTILE = [
  '',
  ' ',
  'Σ',
  'ΟΔΟΣ',
  'İstanbul',
  'ß',
  'K',
  '__proto__',
  'constructor',
  'E_FAIL',
  'e_fail ',
  '#12',
  '→',
  '\u0000',
  '\u00a0x',
  'a  b',
  '{DEV-1}',
  ' {dev-1} ',
];
/** A service whose commands the words name (`RADIO_STATE (CID 3)`). */
export const BASIC_CONNECT = '{A289CC33-BCBB-8B4F-B6B0-133EC2AAE6DF}';
export const text = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);
export const small = fc.constantFrom('{DEV-1}', '{dev-1}', 'dev-2', 'Σ', '__proto__', '');
const time = fc.oneof(
  fc.integer({ min: 0, max: 4e12 }).map((ms) => new Date(ms).toISOString()),
  fc.constantFrom('not a time', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000+00:00'),
);
const status = fc.constantFrom(
  ['0x80004005', 'E_FAIL'],
  ['0x00000000', 'S_OK'],
  ['0x80070005', 'E_ACCESSDENIED'],
  ['0x8000ffff', 'Σ_WEIRD'],
  ['not hex', 'odd'],
);
/**
 * Numbers a record may carry, written every way `String` writes one: the 0, 1 and many a text may
 * choose words by, fractions (latencies are), and those written with a sign or an exponent.
 */
export const number = fc.oneof(
  fc.constantFrom(0, 1, 2, 12, -0, -1, -2.5, 0.5, 40.125, 1e-7, 1e21, 2 ** 32, 2 ** 53),
  fc.nat(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const outcome = fc.constantFrom(
  'sending',
  'succeeded',
  'failed',
  'late',
  'overdue',
  'abandoned',
  'refused',
);

export const record = (seq: number): fc.Arbitrary<JournalRecord> =>
  fc
    .record({
      time,
      mono: fc.oneof(fc.nat(), fc.double({ noNaN: true, noDefaultInfinity: true })),
      interfaceId: small,
      serviceId: fc.oneof(small, fc.constantFrom('svc-1', '{SVC}', 'SVC', BASIC_CONNECT)),
      serviceName: text,
      ref: fc.oneof(
        text,
        fc.nat().map((n) => `Ref-${String(n)}`),
      ),
      requestId: fc.oneof(fc.nat(), fc.constant(12), number),
      n1: number,
      n2: number,
      n3: number,
      op: fc.constantFrom('close', 'query', 'set', 'write'),
      bytes: fc.oneof(text, fc.constantFrom('00', 'E_FAIL', 'deadBEEF')),
      status,
      outcome,
      kind: fc.constantFrom(
        'request',
        'request-returned',
        'completion',
        'overdue',
        'given-up',
        'read-data',
        'event-notification',
        'mbim-message',
        'error',
        'session-state',
        'backend-status',
      ),
      message: text,
      available: fc.boolean(),
      latency: fc.option(fc.nat(), { nil: null }),
    })
    .map((f) => {
      const base = { v: 2 as const, seq, time: f.time, mono: f.mono };
      const place = {
        interfaceId: f.interfaceId,
        serviceId: f.serviceId,
        serviceName: f.serviceName,
      };
      switch (f.kind) {
        case 'request':
          return {
            ...base,
            ...place,
            kind: 'request',
            ref: f.ref,
            op: f.op,
            outcome: 'sending',
            sessionOpenBefore: true,
            ...(f.op === 'close' ? {} : { byteLength: f.n1, data: f.bytes }),
            ...(f.op === 'query' || f.op === 'set' ? { commandId: f.n2 } : {}),
          };
        case 'request-returned':
          return {
            ...base,
            ...place,
            kind: 'request-returned',
            ref: f.ref,
            op: f.op,
            outcome: f.latency === null ? 'refused' : 'waiting',
            requestId: f.latency === null ? null : f.requestId,
            hresult: f.status[0],
            hresultName: f.status[1],
            callMs: f.n1,
          };
        case 'completion':
          return {
            ...base,
            ...place,
            kind: 'completion',
            op: f.op,
            requestId: f.requestId,
            status: f.status[0],
            statusName: f.status[1],
            match: f.latency === null ? 'unmatched' : 'matched',
            ref: f.latency === null ? null : f.ref,
            outcome: f.latency === null ? null : f.outcome === 'failed' ? 'failed' : 'succeeded',
            latencyMs: f.latency === null ? null : f.n3,
            ...(f.op === 'query' || f.op === 'set'
              ? { responseId: f.n1, byteLength: f.n2, data: f.bytes }
              : {}),
          };
        case 'given-up':
          return {
            ...base,
            ...place,
            kind: 'given-up',
            ref: f.ref,
            op: f.op,
            outcome: 'given-up',
            requestId: f.requestId,
            waitedMs: f.n1,
          };
        case 'event-notification':
          return {
            ...base,
            ...place,
            kind: 'event-notification',
            eventId: f.n1,
            byteLength: f.n2,
            data: f.bytes,
          };
        case 'mbim-message':
          return {
            ...base,
            kind: 'mbim-message',
            interfaceId: f.interfaceId,
            direction: 'received',
            transactionId: f.n1,
            type: 'command-done',
            service: f.serviceId,
            serviceName: f.latency === null ? null : f.serviceName,
            cid: f.n2,
            cidName: f.message,
            status: f.status[0],
            statusName: f.status[1],
            requestId: f.latency === null ? null : f.requestId,
            fragments: f.n3,
            bytes: f.bytes,
          };
        case 'overdue':
          return {
            ...base,
            ...place,
            kind: 'overdue',
            ref: f.ref,
            op: 'close',
            outcome: 'overdue',
            requestId: null,
            timeoutMs: f.n1,
          };
        case 'read-data':
          return { ...base, ...place, kind: 'read-data', byteLength: f.n1, preview: f.bytes };
        case 'session-state':
          return { ...base, ...place, kind: 'session-state', from: 'open', to: 'closed' };
        // "Any problem" takes the one that says unavailable, and not the other.
        case 'backend-status':
          return {
            ...base,
            kind: 'backend-status',
            backend: 'mbn',
            available: f.available,
            message: f.message,
          };
        default:
          return { ...base, kind: 'error', context: f.serviceName, message: f.message };
      }
    }) as fc.Arbitrary<JournalRecord>;

/**
 * A log: records of every kind, most of those of a request's life (its return, completion, overdue
 * and the rest) following an earlier request (its ref, op, device and service), as in a real log:
 * the rows of a QUERY or SET whose words name the command their request sent.
 */
export const log = fc
  .integer({ min: 0, max: 60 })
  .chain((n) =>
    fc.tuple(
      fc.tuple(...Array.from({ length: n }, (_, i) => record(i + 1))),
      fc.array(fc.nat(), { minLength: n, maxLength: n }),
    ),
  )
  .map(([records, picks]) => follow(records, picks));

/** The records, each of a request's life made (by its pick) one of an earlier request's. */
function follow(records: readonly JournalRecord[], picks: readonly number[]): JournalRecord[] {
  const requests: JournalRecord[] = [];
  return records.map((r, i) => {
    if (r.kind === 'request') requests.push(r);
    const pick = picks[i] ?? 0;
    const request = requests[pick % Math.max(1, requests.length)];
    if (r.kind === 'request' || !('ref' in r) || r.ref === null || !request || pick % 4 === 0)
      return r;
    if (!('op' in request)) return r;
    const { ref, op, interfaceId, serviceId, serviceName } = request;
    return { ...r, ref, op, interfaceId, serviceId, serviceName } as JournalRecord;
  });
}
