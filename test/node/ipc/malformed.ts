/**
 * Generates payloads that break each channel's schema in every way we can think of: wrong JS
 * type for the whole payload, a missing required field, each field replaced by values of every
 * other type and by out-of-range values, unknown extra keys, prototype tricks. Only candidates
 * the schema itself rejects are returned, so the generator cannot quietly test nothing.
 */
import {
  REQUEST_CHANNELS,
  requestSchemas,
  type RequestChannel,
} from '../../../electron/ipc/contract.js';

export const VALID: { [C in RequestChannel]: Record<string, unknown> } = {
  'mbn:list-devices': {},
  'mbn:list-services': { interfaceId: '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}' },
  'mbn:close-session': {
    interfaceId: '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
    serviceId: '533fbeeb-14fe-4467-9f90-33a223e56c3f',
  },
  'mbn:open-session': {
    interfaceId: '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
    serviceId: '533fbeeb-14fe-4467-9f90-33a223e56c3f',
    confirmed: true,
  },
  'mbn:read-journal': { fromSeq: 1, limit: 100 },
  'mbn:backend-info': {},
  'mbn:export-log': { exportId: 1, format: 'jsonl', redact: true },
  'mbn:cancel-export': { exportId: 1 },
  'mbn:list-saved-logs': {},
  'mbn:open-saved-log': { name: 'mbn-diag-run.jsonl' },
  'mbn:read-saved-log': { logId: 1 },
  'mbn:saved-log-holds': { logId: 1 },
  'mbn:current-requests': {},
  'mbn:give-up': { ref: 'r12' },
  'mbn:list-supported-commands': {
    interfaceId: '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
    serviceId: '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}',
  },
  'mbn:open-command-session': {
    interfaceId: '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
    serviceId: '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}',
  },
  'mbn:close-command-session': {
    interfaceId: '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
    serviceId: '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}',
    confirmed: true,
  },
  'mbn:query-command': {
    interfaceId: '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
    serviceId: '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}',
    commandId: 1,
    data: '',
  },
  'mbn:set-command': {
    interfaceId: '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
    serviceId: '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}',
    commandId: 2,
    data: [3, 0, 0, 0],
    force: true,
  },
  'mbn:search-log': {
    searchId: 1,
    source: { log: 'live' },
    query: { outcomes: ['failed'], hresult: '0x80070005' },
  },
  'mbn:cancel-search': { searchId: 1 },
  'mbn:search-other-runs': {
    searchId: 1,
    source: { log: 'live' },
    query: { hresult: '0x80070005' },
  },
  'mbn:seek-log': { source: { log: 'live' }, to: { end: true }, limit: 200 },
  'mbn:log-overview': { source: { log: 'live' }, columns: 1000 },
};

const WHOLE: unknown[] = [
  undefined,
  null,
  0,
  -1,
  Number.NaN,
  'mbn',
  '',
  true,
  [],
  [{}],
  new Uint8Array(4),
  new Date(0),
  new Map(),
];

const FIELD_VALUES: unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  '',
  ' ',
  'x'.repeat(10_000),
  '1',
  true,
  false,
  [],
  ['a'],
  {},
  { toString: 'x' },
  new Uint8Array(2),
];

export function malformedPayloads(channel: RequestChannel): unknown[] {
  const schema = requestSchemas[channel];
  const valid = VALID[channel];
  const candidates: unknown[] = [...WHOLE];
  candidates.push({ ...valid, extra: 1 });
  candidates.push({ ...valid, __proto__: { polluted: true }, constructor: 'x' });
  const rest = JSON.stringify(valid).slice(1, -1);
  candidates.push(
    JSON.parse(`{"__proto__": {"polluted": true}${rest ? `, ${rest}` : ''}, "x": 1}`),
  );
  for (const key of Object.keys(schema.shape)) {
    const { [key]: _dropped, ...without } = valid;
    candidates.push(without);
    for (const value of FIELD_VALUES) candidates.push({ ...valid, [key]: value });
  }
  return candidates.filter((payload) => !schema.safeParse(payload).success);
}

export { REQUEST_CHANNELS };
