/**
 * Journal lines for the pass-through tests (line-check.ts): the everyday records of every kind
 * that may pass as they are, identifiers to plant in them, and hostile variants of them. Shared
 * by the line, block and saved-log tests so that all of them try the same lines.
 */
import fc from 'fast-check';

export const SIERRA = '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}';
export const SMS = '533fbeeb-14fe-4467-9f90-33a223e56c3f';
export const IMEI = '359072061234567';
export const IMSI = '310150123456789';
export const ICCID = '89014103211118510720';
export const PHONE = '+1 646 563 9500';
/** A hex ESN: no digit scan finds it; only the redactor's memory of device IDs does. */
export const ESN = '8a3b1c2d';

/** A run-start record's fields (without the stamp `base` gives), as the journal writes them. */
export const RUN_START = {
  kind: 'run-start',
  format: 'mbn-diag-journal',
  runId: '0123456789abcdef0123456789abcdef',
  app: { name: 'mbn-diag', version: '0.1.0' },
  os: { platform: 'win32', release: '10', arch: 'x64' },
  backend: { kind: 'simulator', label: 'sim', reason: 'test' },
};

export const base = (seq: number) => ({
  v: 2,
  seq,
  time: `2026-11-24T08:${String(30 + (seq % 29)).padStart(2, '0')}:00.${String(seq % 1000).padStart(3, '0')}Z`,
  mono: seq * 1.25,
});

/** Typical records of every kind that may pass, in the journal's key order. */
export function typical(seq: number, serviceName = 'SMS'): Record<string, unknown>[] {
  const service = { interfaceId: SIERRA, serviceId: SMS, serviceName };
  const request = { ref: `r${seq}`, op: 'close', ...service };
  return [
    { ...base(seq), kind: 'request', ...request, outcome: 'sending', sessionOpenBefore: true },
    {
      ...base(seq + 1),
      kind: 'request-returned',
      ...request,
      requestId: 1000 + seq,
      hresult: '0x00000000',
      hresultName: 'S_OK',
      outcome: 'waiting',
      callMs: 0.6,
    },
    { ...base(seq + 2), kind: 'session-state', ...service, from: 'open', to: 'closing' },
    {
      ...base(seq + 3),
      kind: 'completion',
      op: 'close',
      ...service,
      requestId: 1000 + seq,
      status: '0x80004005',
      statusName: 'E_FAIL',
      match: 'matched',
      ref: `r${seq}`,
      outcome: 'failed',
      latencyMs: 12.5,
    },
    {
      ...base(seq + 4),
      kind: 'read-data',
      ...service,
      byteLength: 96,
      preview: '7e0a0001',
    },
    {
      ...base(seq + 5),
      kind: 'overdue',
      ...request,
      outcome: 'overdue',
      requestId: null,
      timeoutMs: 10000,
    },
  ];
}

export const lineOf = (record: unknown): Buffer => Buffer.from(JSON.stringify(record), 'utf8');

/**
 * A line of one of the journal's everyday records with a few fields changed to hostile values
 * (identifiers, quotes, escapes, other scripts, numbers JSON.stringify writes otherwise, values
 * out of range), or fields missing, or in another order.
 */
export function hostileLine(): fc.Arbitrary<Buffer> {
  const text = fc.oneof(
    fc.constantFrom(
      'SMS',
      SIERRA,
      SMS,
      'S_OK',
      IMEI,
      `imei:${IMEI}`,
      ICCID,
      `${ICCID}F`,
      PHONE,
      '35892152/758929/0',
      '+1.646.563.9500',
      '123456',
      '1234567',
      '12-34-56-78',
      'r1234567',
      'r123456789',
      'r1234567890',
      '+r1234567',
      'r+1234567',
      'é',
      '"',
      '\\',
      '\t',
      '{12345678-1234-1234-1234-123456789012}',
      '12345678-1234-1234-1234-123456789012x',
    ),
    fc.string({ maxLength: 12 }),
    fc.stringMatching(/^[0-9 ()./+-]{0,16}$/),
  );
  const number = fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.constantFrom(
      0,
      -0,
      1.5,
      1.25,
      0.000001,
      1e-7,
      1e21,
      123456789012345,
      1234567890123456,
      2 ** 53,
    ),
  );
  const value = fc.oneof(
    text,
    number,
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(
      'open',
      'close',
      'sending',
      'waiting',
      'failed',
      'matched',
      'closing',
      'device-removed',
      '0x00000000',
      '0x8000FFFF',
      '0x123',
      '2026-11-24T08:30:00.000Z',
      '2026-02-30T23:59:59.999Z',
      '2026-13-01T00:00:00.000Z',
      '7e0a00010000002a000000050000003c',
      '3335393037323036313233343536370a',
    ),
  );
  const line = fc
    .tuple(
      fc.integer({ min: 0, max: 5 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), value), { maxLength: 4 }),
      fc.boolean(),
    )
    .map(([pick, changes, shuffle]) => {
      const record: Record<string, unknown> = { ...typical(7)[pick] };
      const keys = Object.keys(record);
      for (const [at, v] of changes) {
        const key = keys[at % keys.length] ?? 'seq';
        // Past the record's keys: the field goes missing.
        record[key] = at > 16 ? undefined : v;
      }
      if (!shuffle) return lineOf(record);
      const entries = Object.entries(record);
      const [head, rest] = [entries.slice(0, 5), entries.slice(5).reverse()];
      return lineOf(Object.fromEntries([...head, ...rest]));
    });
  return line;
}
