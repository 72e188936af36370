/**
 * "query #17 completed: S_OK" told a technician scanning the log nothing of which command it
 * answered: the words of every record of a QUERY or SET request name the command it sent, as its
 * request's row does ("query RADIO_STATE (CID 3), 4 bytes sent to Basic Connect"), when the reader
 * knows it (RequestCommands, over the records in order); the exports, whose command has columns of
 * its own, leave it out.
 */
import { describe, expect, it } from 'vitest';
import { describeRecord } from '../../../shared/journal/record-text.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { RequestCommands } from '../../../shared/request/request-commands.js';

const BASIC_CONNECT = '{A289CC33-BCBB-8B4F-B6B0-133EC2AAE6DF}';
const base = {
  v: 2,
  time: '2026-11-29T13:00:00.000Z',
  interfaceId: '{DEV-1}',
  serviceId: BASIC_CONNECT,
  serviceName: 'Basic Connect',
  ref: 'r3',
  op: 'query',
} as const;
const at = (seq: number) => ({ ...base, seq, mono: seq });

const sent: JournalRecord = {
  ...at(1),
  kind: 'request',
  outcome: 'sending',
  sessionOpenBefore: null,
  commandId: 3,
  byteLength: 4,
  data: '01000000',
};
const accepted: JournalRecord = {
  ...at(2),
  kind: 'request-returned',
  outcome: 'waiting',
  requestId: 17,
  hresult: '0x00000000',
  hresultName: 'S_OK',
  callMs: 2,
};
const refused: JournalRecord = {
  ...accepted,
  outcome: 'refused',
  requestId: null,
  hresult: '0x80070005',
  hresultName: 'E_ACCESSDENIED',
};
const overdue: JournalRecord = {
  ...at(3),
  kind: 'overdue',
  outcome: 'overdue',
  requestId: 17,
  timeoutMs: 10_000,
};
const givenUp: JournalRecord = {
  ...at(4),
  kind: 'given-up',
  outcome: 'given-up',
  requestId: 17,
  waitedMs: 12_000,
};
const completed: JournalRecord = {
  ...at(5),
  kind: 'completion',
  requestId: 17,
  status: '0x00000000',
  statusName: 'S_OK',
  match: 'late',
  outcome: 'late',
  latencyMs: 14_000,
  responseId: 3,
  byteLength: 8,
  data: '0100000001000000',
};
const duplicate: JournalRecord = { ...completed, seq: 6, match: 'duplicate', outcome: null };
const abandoned: JournalRecord = {
  ...at(7),
  kind: 'abandoned',
  outcome: 'abandoned',
  requestId: 17,
  reason: 'device-removed',
};
const callFailed: JournalRecord = {
  ...at(8),
  kind: 'call-failed',
  outcome: 'call-failed',
  message: 'RPC server unavailable',
};

describe('the words of a command request’s records', () => {
  it('name the command on each, as the request’s own do', () => {
    expect(describeRecord(sent)).toBe('query RADIO_STATE (CID 3), 4 bytes sent to Basic Connect');
    expect(describeRecord(accepted, 3)).toBe(
      'query RADIO_STATE (CID 3) accepted, request #17 (2 ms to return)',
    );
    expect(describeRecord(refused, 3)).toBe(
      'query RADIO_STATE (CID 3) refused at once: E_ACCESSDENIED (0x80070005)',
    );
    expect(describeRecord(overdue, 3)).toBe(
      'query RADIO_STATE (CID 3) #17 overdue: no completion within 10.0 s',
    );
    expect(describeRecord(givenUp, 3)).toMatch(/^query RADIO_STATE \(CID 3\) #17 given up by/);
    expect(describeRecord(completed, 3)).toBe(
      'query RADIO_STATE (CID 3) #17 completed: S_OK (0x00000000) after 14.0 s, response 3 with 8 bytes — late, after the request was overdue',
    );
    expect(describeRecord(abandoned, 3)).toBe(
      'query RADIO_STATE (CID 3) #17 abandoned: the device was removed',
    );
    expect(describeRecord(callFailed, 3)).toBe(
      'query RADIO_STATE (CID 3) call failed, no request was started: RPC server unavailable',
    );
    // A vendor's command has no public name: its number.
    expect(describeRecord({ ...accepted, serviceId: '{VENDOR}' }, 5)).toMatch(
      /^query CID 5 accepted/,
    );
    // Where the reader does not know it, none; the exports leave it to their columns.
    expect(describeRecord(completed)).toMatch(/^query #17 completed: S_OK/);
  });

  it('are named from the records read in order: each record of the request, none after a run-start', () => {
    const commands = new RequestCommands();
    const named = [sent, accepted, overdue, givenUp, completed, duplicate].map((record) =>
      describeRecord(record, commands.observe(record)),
    );
    for (const words of named) expect(words).toMatch(/^query RADIO_STATE \(CID 3\)/);
    commands.observe({
      ...at(9),
      kind: 'run-start',
      format: 'mbn-diag-journal',
      runId: 'run-2',
      app: { name: 'mbn-diag', version: '1.0.0' },
      os: { platform: 'win32', release: '10.0.22631', arch: 'x64' },
      backend: { kind: 'simulator', label: 'Simulator', reason: 'no MBN service' },
    });
    // The next run's r3 is another request.
    expect(commands.observe({ ...accepted, seq: 10 })).toBeNull();
  });

  it('are named by no request of another op, device or service under the same ref', () => {
    const commands = new RequestCommands();
    commands.observe(sent);
    expect(commands.observe({ ...accepted, op: 'close' })).toBeNull();
    expect(commands.observe({ ...accepted, interfaceId: '{DEV-2}' })).toBeNull();
    expect(commands.observe({ ...accepted, serviceId: '{OTHER}' })).toBeNull();
    expect(commands.observe(accepted)).toBe(3);
    // A reader that could not see the records between (a gap) forgets what it knew.
    commands.forgetAll();
    expect(commands.observe(overdue)).toBeNull();
  });
});
