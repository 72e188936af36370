/**
 * A support engineer filters a CSV export by command ID and must find every row of those
 * requests, the result above all: the completion, which does not carry the ID (only the request
 * record does), nor do the return, overdue or given-up records. Most of those rows are made ahead
 * on helper threads that never see the request; the fast path and the full path must agree byte
 * for byte, and a row whose request is not in the log must say no command rather than a wrong one.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES } from '../../../electron/core/export/bundle-manifest.js';
import { LineCheck } from '../../../electron/core/export/line-check.js';
import { RequestCommands } from '../../../shared/request/request-commands.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { CommandLines, OTHER_SERVICE } from './support/command-lines.js';
import { exportBothWays, savedLogWith } from './support/fast-vs-full.js';
import { removeTempDirs } from './support/helpers.js';

afterAll(removeTempDirs);

/** Each row's kind, ref and command cells, for the refs asked about, in file order. */
function commandCells(csv: string, refs: readonly string[]): string[][] {
  const table: string[][] = parse(csv, { bom: true });
  const [header, ...rows] = table;
  const at = (name: string): number => header?.indexOf(name) ?? -1;
  return rows
    .filter((row) => refs.includes(row[at('ref')] ?? ''))
    .map((row) => [
      row[at('kind')] ?? '',
      row[at('ref')] ?? '',
      row[at('command_id')] ?? '',
      row[at('command_name')] ?? '',
    ]);
}

/** Exports `path` both ways as CSV and as a bundle: the CSV, once each agrees with the full path. */
async function csvBothWays(path: string): Promise<string[]> {
  const texts: string[] = [];
  for (const format of ['csv', 'zip'] as const) {
    const { fast, full } = await exportBothWays(path, format, true);
    for (const [name, text] of fast) expect(text, `${format}: ${name}`).toBe(full.get(name));
    texts.push(fast.get(format === 'csv' ? 'csv' : BUNDLE_FILES.csv) ?? '');
  }
  return texts;
}

describe('the CSV rows of a QUERY or SET request', () => {
  const lines = new CommandLines(500_000)
    .request('r900001', 'query', 11)
    .returned('r900001', 'query', 70001)
    // Another request's rows in between name no command.
    .request('r900010', 'close')
    .returned('r900010', 'close', 70010)
    .completion('r900001', 'query', 70001, 'matched', 'succeeded', { response: '01000000' })
    .completion('r900010', 'close', 70010, 'matched', 'failed')
    .request('r900002', 'set', 3)
    .returned('r900002', 'set', 70002)
    .overdue('r900002', 'set', 70002)
    .givenUp('r900002', 'set', 70002)
    .completion('r900002', 'set', 70002, 'late', 'late')
    // The completion overtook the call's return; then the device sent it again.
    .request('r900003', 'query', 11)
    .completion('r900003', 'query', 70003, 'before-return', 'failed')
    .returned('r900003', 'query', 70003, 'failed')
    .completion('r900003', 'query', 70003, 'duplicate', null)
    .request('r900004', 'query', 7)
    .returned('r900004', 'query', null, 'refused')
    // A ref not as the tracker numbers them: looked up by its text.
    .request('r0900005', 'query', 11)
    .returned('r0900005', 'query', 70005)
    .completion('r0900005', 'query', 70005, 'matched', 'failed')
    // Its request came before the log begins.
    .completion('r900999', 'query', 70999, 'matched', 'failed').lines;
  const path = savedLogWith(lines);

  it('each say its command ID and name, the completion too, whichever way it is made', async () => {
    // All but the requests and the completion with data pass the fast check: their rows are
    // made ahead, by whichever thread checks their block.
    const check = new LineCheck(true);
    const passing = lines.filter((line) => {
      const bytes = Buffer.from(`${line}\n`);
      return check.test(bytes, 0, bytes.length - 1);
    });
    expect(passing).toHaveLength(lines.length - 6);
    const refs = ['r900001', 'r900002', 'r900003', 'r900004', 'r0900005', 'r900010', 'r900999'];
    for (const csv of await csvBothWays(path))
      expect(commandCells(csv, refs)).toEqual([
        ['request', 'r900001', '11', 'SIGNAL_STATE'],
        ['request-returned', 'r900001', '11', 'SIGNAL_STATE'],
        ['request', 'r900010', '', ''],
        ['request-returned', 'r900010', '', ''],
        ['completion', 'r900001', '11', 'SIGNAL_STATE'],
        ['completion', 'r900010', '', ''],
        ['request', 'r900002', '3', 'RADIO_STATE'],
        ['request-returned', 'r900002', '3', 'RADIO_STATE'],
        ['overdue', 'r900002', '3', 'RADIO_STATE'],
        ['given-up', 'r900002', '3', 'RADIO_STATE'],
        ['completion', 'r900002', '3', 'RADIO_STATE'],
        ['request', 'r900003', '11', 'SIGNAL_STATE'],
        ['completion', 'r900003', '11', 'SIGNAL_STATE'],
        ['request-returned', 'r900003', '11', 'SIGNAL_STATE'],
        ['completion', 'r900003', '11', 'SIGNAL_STATE'],
        ['request', 'r900004', '7', 'PREFERRED_PROVIDERS'],
        ['request-returned', 'r900004', '7', 'PREFERRED_PROVIDERS'],
        ['request', 'r0900005', '11', 'SIGNAL_STATE'],
        ['request-returned', 'r0900005', '11', 'SIGNAL_STATE'],
        ['completion', 'r0900005', '11', 'SIGNAL_STATE'],
        // The request is not in the log: no command, rather than a guess.
        ['completion', 'r900999', '', ''],
      ]);
  }, 120_000);
});

describe('a row whose request is not in the log', () => {
  // A run's refs start from r1 again: a ref names another request in each run. (The log's
  // everyday requests around these are r2, r7, r12 and so on.)
  const lines = new CommandLines(600_000)
    .request('r5', 'query', 11)
    .returned('r5', 'query', 80005)
    // Another service's r6 (its run's run-start rotated away): not this run's r6.
    .request('r6', 'query', 11)
    .completion('r6', 'query', 80006, 'matched', 'failed', { service: OTHER_SERVICE })
    .runStart()
    // The next run's r5, whose request was written before this log begins.
    .returned('r5', 'query', 80105)
    .completion('r5', 'query', 80105, 'matched', 'failed')
    .request('r9', 'set', 3)
    .completion('r9', 'set', 80107, 'matched', 'failed').lines;
  const path = savedLogWith(lines);

  it('says no command, not that of a request of another run or service', async () => {
    for (const csv of await csvBothWays(path))
      expect(commandCells(csv, ['r5', 'r6', 'r9'])).toEqual([
        ['request', 'r5', '11', 'SIGNAL_STATE'],
        ['request-returned', 'r5', '11', 'SIGNAL_STATE'],
        ['request', 'r6', '11', 'SIGNAL_STATE'],
        ['completion', 'r6', '', ''],
        ['request-returned', 'r5', '', ''],
        ['completion', 'r5', '', ''],
        ['request', 'r9', '3', 'RADIO_STATE'],
        ['completion', 'r9', '3', 'RADIO_STATE'],
      ]);
  }, 120_000);
});

describe('the commands a CSV export keeps', () => {
  const service = {
    v: 2 as const,
    time: '2026-11-24T08:30:00.000Z',
    mono: 1,
    interfaceId: '{DEV}',
    serviceId: 'a289cc33-bcbb-8b4f-b6b0-133ec2aae6df',
    serviceName: 'Basic Connect',
  };
  const request = (ref: string, commandId: number): JournalRecord => ({
    ...service,
    seq: 1,
    kind: 'request',
    ref,
    op: 'query',
    outcome: 'sending',
    sessionOpenBefore: null,
    commandId,
  });
  const completion = (ref: string, outcome: 'failed' | null): JournalRecord => ({
    ...service,
    seq: 2,
    kind: 'completion',
    ref,
    op: 'query',
    requestId: 1,
    status: '0x80004005',
    statusName: 'E_FAIL',
    match: outcome === null ? 'duplicate' : 'matched',
    outcome,
    latencyMs: outcome === null ? null : 5,
  });

  it('forget the requests that have waited longest once too many wait at once', () => {
    const commands = new RequestCommands();
    // Twenty thousand requests whose ends the log never says: a few MB kept at most.
    for (let i = 1; i <= 20_000; i++) commands.observe(request(`r${i}`, i));
    expect(commands.observe(completion('r1', 'failed'))).toBeNull();
    expect(commands.observe(completion('r20000', 'failed'))).toBe(20_000);
  });

  it('keep an ended request a while for a stray completion, then forget it', () => {
    const commands = new RequestCommands();
    commands.observe(request('r1', 11));
    expect(commands.observe(completion('r1', 'failed'))).toBe(11);
    expect(commands.observe(completion('r1', null))).toBe(11);
    expect(commands.empty).toBe(false);
    // Rows taken as they were made, without a look: after enough, nothing is kept.
    commands.passed(250_000);
    expect(commands.empty).toBe(true);
    expect(commands.observe(completion('r1', null))).toBeNull();
  });
});
