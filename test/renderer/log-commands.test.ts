/**
 * A technician scanning the log for the answer to a command reads the completion's row: every row
 * of a QUERY or SET request names the command it sent, as its request's row does, though only the
 * request's record carries it. What the rows held cannot tell (the request is not among them, or
 * behind a gap, or of another run under the same ref) names none rather than a wrong one; the text
 * filter finds a command's rows by the words they show.
 */
import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../electron/ipc/contract';
import { toLogRow } from '../../electron/ipc/log-row';
import type { JournalRecord } from '../../shared/journal/record';
import { NO_FILTER } from '../../renderer/src/store/log-filter';
import { LogModel } from '../../renderer/src/store/log-model';
import { entryText } from '../../renderer/src/components/copy-text';
import { runStart } from './support/request-rows';

const BASIC_CONNECT = '{A289CC33-BCBB-8B4F-B6B0-133EC2AAE6DF}';
const VENDOR = '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}';
const at = (seq: number) => ({
  v: 2 as const,
  seq,
  mono: seq,
  time: '2026-11-23T09:00:00.000Z',
  interfaceId: '{DEV-1}',
});
const place = (serviceId: string) => ({
  serviceId,
  serviceName: serviceId === VENDOR ? 'Sierra diagnostics stream' : 'Basic Connect',
});
type Op = 'query' | 'set' | 'close';

const sent = (record: JournalRecord): LogRow => structuredClone(toLogRow(record));

function request(seq: number, ref: string, op: Op, serviceId: string, commandId?: number) {
  return sent({
    ...at(seq),
    ...place(serviceId),
    kind: 'request',
    ref,
    op,
    outcome: 'sending',
    sessionOpenBefore: true,
    ...(commandId === undefined ? {} : { commandId, byteLength: 0, data: '' }),
  });
}
function accepted(seq: number, ref: string, op: Op, serviceId: string, requestId: number) {
  return sent({
    ...at(seq),
    ...place(serviceId),
    kind: 'request-returned',
    ref,
    op,
    outcome: 'waiting',
    requestId,
    hresult: '0x00000000',
    hresultName: 'S_OK',
    callMs: 2,
  });
}
function completed(
  seq: number,
  ref: string,
  op: Op,
  serviceId: string,
  requestId: number,
  late = false,
) {
  return sent({
    ...at(seq),
    ...place(serviceId),
    kind: 'completion',
    ref,
    op,
    requestId,
    status: '0x00000000',
    statusName: 'S_OK',
    match: late ? 'late' : 'matched',
    outcome: late ? 'late' : 'succeeded',
    latencyMs: 42,
  });
}
function overdue(seq: number, ref: string, op: Op, serviceId: string, requestId: number) {
  return sent({
    ...at(seq),
    ...place(serviceId),
    kind: 'overdue',
    ref,
    op,
    outcome: 'overdue',
    requestId,
    timeoutMs: 10_000,
  });
}
function givenUp(seq: number, ref: string, op: Op, serviceId: string, requestId: number) {
  return sent({
    ...at(seq),
    ...place(serviceId),
    kind: 'given-up',
    ref,
    op,
    outcome: 'given-up',
    requestId,
    waitedMs: 12_000,
  });
}

/** A query of RADIO_STATE (r1), a close in between (r2), a vendor query of CID 5 (r3). */
const LOG: LogRow[] = [
  request(1, 'r1', 'query', BASIC_CONNECT, 3),
  accepted(2, 'r1', 'query', BASIC_CONNECT, 17),
  request(3, 'r2', 'close', VENDOR),
  accepted(4, 'r2', 'close', VENDOR, 18),
  completed(5, 'r1', 'query', BASIC_CONNECT, 17),
  completed(6, 'r2', 'close', VENDOR, 18),
  request(7, 'r3', 'query', VENDOR, 5),
  accepted(8, 'r3', 'query', VENDOR, 19),
  overdue(9, 'r3', 'query', VENDOR, 19),
  givenUp(10, 'r3', 'query', VENDOR, 19),
  completed(11, 'r3', 'query', VENDOR, 19, true),
];

/** The words of the rows the model holds, by seq. */
function words(model: LogModel): Map<number, string> {
  const out = new Map<number, string>();
  for (let i = 0; i < model.rows.length; i++) {
    const row = model.rows.at(i);
    if (row) out.set(row.seq, row.text);
  }
  return out;
}

const shown = (model: LogModel) =>
  Array.from({ length: model.visible.length }, (_, i) => model.visible.seqAt(i));

describe('the rows of a command request in the log', () => {
  it('each name the command their request sent, the completion above all', () => {
    const model = new LogModel();
    model.insert(LOG.map((row) => structuredClone(row)));
    const text = words(model);
    expect(text.get(1)).toBe('query RADIO_STATE (CID 3), 0 bytes sent to Basic Connect');
    expect(text.get(2)).toBe('query RADIO_STATE (CID 3) accepted, request #17 (2 ms to return)');
    expect(text.get(5)).toBe(
      'query RADIO_STATE (CID 3) #17 completed: S_OK (0x00000000) after 42 ms',
    );
    // Another request's rows in between name no command.
    expect(text.get(4)).toBe('close accepted, request #18 (2 ms to return)');
    expect(text.get(6)).toMatch(/^close #18 completed/);
    // A vendor command, by its number: overdue, given up, then its late completion.
    expect(text.get(8)).toMatch(/^query CID 5 accepted, request #19/);
    expect(text.get(9)).toMatch(/^query CID 5 #19 overdue/);
    expect(text.get(10)).toMatch(/^query CID 5 #19 given up by the user/);
    expect(text.get(11)).toMatch(/^query CID 5 #19 completed: S_OK .* — late, after/);
  });

  it('name them while rows arrive one at a time, as in the live log', () => {
    const model = new LogModel();
    for (const row of LOG) model.insert([structuredClone(row)]);
    expect(words(model).get(5)).toMatch(/^query RADIO_STATE \(CID 3\) #17 completed/);
    expect(words(model).get(11)).toMatch(/^query CID 5 #19 completed/);
  });

  it('say no command when the request is not among the rows, until history brings it in', () => {
    // A saved log's window that begins after the request was sent.
    const model = new LogModel();
    model.insert(LOG.slice(4).map((row) => structuredClone(row)));
    expect(words(model).get(5)).toBe('query #17 completed: S_OK (0x00000000) after 42 ms');
    // Its request's rows paged in in front: now it is known.
    model.insert(LOG.slice(0, 4).map((row) => structuredClone(row)));
    expect(words(model).get(5)).toMatch(/^query RADIO_STATE \(CID 3\) #17 completed/);
  });

  it('say no command across rows missing between the request and the completion', () => {
    // Rows 2 to 4 not loaded yet: a run could have begun there, under the same refs.
    const model = new LogModel();
    model.insert([LOG[0], LOG[4]].flatMap((row) => (row ? [structuredClone(row)] : [])));
    expect(words(model).get(5)).toBe('query #17 completed: S_OK (0x00000000) after 42 ms');
    // Paged in: nothing is missing now.
    model.insert(LOG.slice(1, 4).map((row) => structuredClone(row)));
    expect(words(model).get(5)).toMatch(/^query RADIO_STATE \(CID 3\) #17 completed/);
  });

  it("say the command of the request in their own run, not another run's under the same ref", () => {
    const model = new LogModel();
    model.insert([
      request(1, 'r1', 'query', BASIC_CONNECT, 3),
      request(2, 'r2', 'query', BASIC_CONNECT, 3),
      runStart(3),
      // The new run's r1, whose request is not in the log (it was cut there, say).
      completed(4, 'r1', 'query', BASIC_CONNECT, 17),
      request(5, 'r2', 'query', BASIC_CONNECT, 11),
      completed(6, 'r2', 'query', BASIC_CONNECT, 18),
    ]);
    expect(words(model).get(4)).toBe('query #17 completed: S_OK (0x00000000) after 42 ms');
    expect(words(model).get(6)).toMatch(/^query SIGNAL_STATE \(CID 11\) #18 completed/);
  });

  it('are found by the text filter by the command they name, the completion too', () => {
    const model = new LogModel();
    model.insert(LOG.map((row) => structuredClone(row)));
    model.setFilter({ ...NO_FILTER, text: 'CID 5' });
    expect(shown(model)).toEqual([7, 8, 9, 10, 11]);
    model.setFilter({ ...NO_FILTER, text: 'radio_state' });
    expect(shown(model)).toEqual([1, 2, 5]);
    model.setFilter({ ...NO_FILTER, text: 'radio_state', kind: 'completion' });
    expect(shown(model)).toEqual([5]);
    // A needle across the command and the words after it, as the row reads.
    model.setFilter({ ...NO_FILTER, text: 'cid 5 #19 completed' });
    expect(shown(model)).toEqual([11]);
  });

  it('are found by the text filter as they arrive, the filter set before', () => {
    const model = new LogModel();
    model.setFilter({ ...NO_FILTER, text: 'CID 5' });
    for (const row of LOG) model.insert([structuredClone(row)]);
    expect(shown(model)).toEqual([7, 8, 9, 10, 11]);
  });

  it('are copied with the command named', () => {
    const model = new LogModel();
    model.insert(LOG.map((row) => structuredClone(row)));
    const completion = model.rows.at(model.rows.indexOfSeq(5));
    if (!completion) throw new Error('no completion row');
    expect(entryText(completion, 'EM7565 (…8E47)', 'utc', false)).toContain(
      'query RADIO_STATE (CID 3) #17 completed: S_OK',
    );
  });
});
