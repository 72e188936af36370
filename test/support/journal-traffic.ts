/**
 * Realistic journal traffic for the index and search tests and the search benchmark: requests to
 * two services, each returned and completed, mostly succeeding; every `rareEvery`-th request is
 * refused at once with E_ACCESSDENIED (the rare HRESULT a search looks for) and every
 * `failEvery`-th completes with a failure.
 */
import type { JournalEntry } from '../../shared/journal/record.js';

export const SMS = {
  interfaceId: '{3a1c0d57-5e1b-4c1f-9d55-0b8b6a6f0001}',
  serviceId: '{533fbeeb-14fe-4467-9f90-33a223e56c3f}',
  serviceName: 'SMS',
};
export const DIAG = {
  interfaceId: '{3a1c0d57-5e1b-4c1f-9d55-0b8b6a6f0001}',
  serviceId: '{8c1e5a4b-4a67-4d4b-9a22-51a2d1ef0c9a}',
  serviceName: 'Sierra Diagnostics Stream',
};
export const RARE_HRESULT = '0x80070005';
const FAILED_STATUS = '0x8054820a';

export interface TrafficOptions {
  rareEvery?: number;
  failEvery?: number;
}

/** The records of request number `n` (1-based): three, or two when it is refused at once. */
export function requestEntries(n: number, options: TrafficOptions = {}): JournalEntry[] {
  const { rareEvery = 100_000, failEvery = 50 } = options;
  const service = n % 3 === 0 ? DIAG : SMS;
  const ref = `r${n}`;
  const requestId = 1000 + n;
  const base = { ...service, ref, op: 'close' as const };
  const request: JournalEntry = {
    kind: 'request',
    ...base,
    outcome: 'sending',
    sessionOpenBefore: true,
  };
  if (n % rareEvery === 0)
    return [
      request,
      {
        kind: 'request-returned',
        ...base,
        outcome: 'refused',
        requestId: null,
        hresult: RARE_HRESULT,
        hresultName: 'E_ACCESSDENIED',
        callMs: 1.5,
      },
    ];
  const failed = n % failEvery === 0;
  return [
    request,
    {
      kind: 'request-returned',
      ...base,
      outcome: 'waiting',
      requestId,
      hresult: '0x00000000',
      hresultName: 'S_OK',
      callMs: 1.2,
    },
    {
      kind: 'completion',
      ...service,
      op: 'close',
      requestId,
      status: failed ? FAILED_STATUS : '0x00000000',
      statusName: failed ? 'E_MBN_SIM_NOT_INSERTED' : 'S_OK',
      match: 'matched',
      ref,
      outcome: failed ? 'failed' : 'succeeded',
      latencyMs: 42.5,
    },
  ];
}

/**
 * A saved JSON Lines log's lines: `requests` requests (requestEntries, with each one's options),
 * one a second from 08:00 UTC on 2026-01-05, numbered from seq 1.
 */
export function kioskLogLines(
  requests: number,
  options: (n: number) => TrafficOptions = () => ({}),
  /** The time before the first request (a run's start: each night's run its own). */
  start = Date.UTC(2026, 0, 5, 8),
): string[] {
  const lines: string[] = [];
  for (let n = 1; n <= requests; n++)
    for (const entry of requestEntries(n, options(n))) {
      const time = new Date(start + n * 1000).toISOString();
      lines.push(JSON.stringify({ v: 2, seq: lines.length + 1, time, mono: n * 1000, ...entry }));
    }
  return lines;
}

/**
 * A QUERY's request (naming its command) and its return, and apart its failed completion, to be
 * placed later in a log: the lines a search tells a hit's command from.
 */
export function failedQuery(
  service: { interfaceId: string; serviceId: string; serviceName: string },
  ref: string,
  ids: { commandId: number; requestId: number },
  status: { status: string; statusName: string } = { status: '0x80004005', statusName: 'E_FAIL' },
): { sent: JournalEntry[]; failed: JournalEntry } {
  const base = { ...service, ref, op: 'query' as const };
  const { commandId, requestId } = ids;
  return {
    sent: [
      {
        kind: 'request',
        ...base,
        outcome: 'sending',
        sessionOpenBefore: null,
        commandId,
        byteLength: 0,
        data: '',
      },
      {
        kind: 'request-returned',
        ...base,
        outcome: 'waiting',
        requestId,
        hresult: '0x00000000',
        hresultName: 'S_OK',
        callMs: 1,
      },
    ],
    failed: {
      kind: 'completion',
      ...base,
      requestId,
      ...status,
      match: 'matched',
      outcome: 'failed',
      latencyMs: 40,
    },
  };
}

/** A run's run-start entry, as the journal writes it (Windows MBN service, app 0.1.0). */
export function runStartEntry(runId: string): JournalEntry {
  return {
    kind: 'run-start',
    format: 'mbn-diag-journal',
    runId,
    app: { name: 'mbn-diag', version: '0.1.0' },
    os: { platform: 'win32', release: '10.0.22631', arch: 'x64' },
    backend: { kind: 'mbn', label: 'Windows MBN service', reason: 'test' },
  };
}

/** `entries` as a run's journal lines from `start` (epoch ms), one a second, seq from 1. */
export function runLines(entries: readonly JournalEntry[], start: number): string[] {
  return entries.map((entry, i) =>
    JSON.stringify({
      v: 2,
      seq: i + 1,
      time: new Date(start + i * 1000).toISOString(),
      mono: i * 1000,
      ...entry,
    }),
  );
}
