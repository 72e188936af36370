/**
 * The report's log and the trace name the command of a QUERY or SET request on every row of it,
 * as the CSV does (csv-command-ids.test.ts): the completion says what it answered, though only the
 * request record carries the command ID. Alone, and in a bundle, where the report side shares one
 * request fold between them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES } from '../../../electron/core/export/bundle-manifest.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { CommandLines } from './support/command-lines.js';
import { exportRecords, removeTempDirs, tempDir, unzip } from './support/helpers.js';

afterAll(removeTempDirs);

interface TraceEvent {
  ph: string;
  cat?: string;
  args?: Record<string, unknown>;
}

/** A query and a set through their lives, and a completion whose request is not in the log. */
function commandRecords(firstSeq: number): JournalRecord[] {
  return new CommandLines(firstSeq)
    .request('r900001', 'query', 11)
    .returned('r900001', 'query', 70001)
    .completion('r900001', 'query', 70001, 'matched', 'succeeded', { response: '01000000' })
    .request('r900002', 'set', 3)
    .returned('r900002', 'set', 70002)
    .overdue('r900002', 'set', 70002)
    .completion('r900002', 'set', 70002, 'late', 'late')
    .completion('r900999', 'query', 70999, 'matched', 'failed')
    .lines.map((line) => JSON.parse(line) as JournalRecord);
}

/** `count` session-state records: the report's table holds the first 2,000, text the rest. */
function filler(count: number): JournalRecord[] {
  const records: JournalRecord[] = [];
  for (let seq = 1; seq <= count; seq++)
    records.push({
      v: 2,
      seq,
      time: '2026-11-24T08:00:00.000Z',
      mono: seq,
      kind: 'session-state',
      interfaceId: '{DEV}',
      serviceId: '533fbeeb-14fe-4467-9f90-33a223e56c3f',
      serviceName: 'SMS',
      from: 'closed',
      to: 'opening',
    });
  return records;
}

/** The report and the trace of `records`, each made alone and in a bundle. */
async function reports(
  records: JournalRecord[],
): Promise<{ html: string[]; trace: TraceEvent[][] }> {
  const dir = tempDir();
  await exportRecords(records, 'html', join(dir, 'log.html'));
  await exportRecords(records, 'trace', join(dir, 'log.json'));
  await exportRecords(records, 'zip', join(dir, 'log.zip'));
  const bundle = await unzip(join(dir, 'log.zip'));
  const traces = [
    readFileSync(join(dir, 'log.json'), 'utf8'),
    String(bundle.get(BUNDLE_FILES.trace)),
  ];
  return {
    html: [readFileSync(join(dir, 'log.html'), 'utf8'), String(bundle.get(BUNDLE_FILES.html))],
    trace: traces.map((text) => (JSON.parse(text) as { traceEvents: TraceEvent[] }).traceEvents),
  };
}

describe('the report of QUERY and SET requests', () => {
  it("names the command on each row of the log's table, the completion's too", async () => {
    for (const html of (await reports(commandRecords(100))).html) {
      const cells = [...html.matchAll(/<td class="t">((?:query|set)[^<]*)<\/td>/g)].map(
        (m) => m[1],
      );
      expect(cells).toEqual([
        'query SIGNAL_STATE (CID 11) r900001',
        'query SIGNAL_STATE (CID 11) r900001 #70001',
        'query SIGNAL_STATE (CID 11) r900001 #70001',
        'set RADIO_STATE (CID 3) r900002',
        'set RADIO_STATE (CID 3) r900002 #70002',
        'set RADIO_STATE (CID 3) r900002 #70002',
        'set RADIO_STATE (CID 3) r900002 #70002',
        // Its request is not in the log.
        'query r900999 #70999',
      ]);
    }
  });

  it('names it on each line past the table too', async () => {
    for (const html of (await reports([...filler(2000), ...commandRecords(3000)])).html) {
      // `     seq  time  kind  device / service / command  details`, the first after a <pre>.
      const lines = html
        .split('\n')
        .map((line) =>
          /^(?:.*<pre>)? *\d+ {2}2026\S+ {2}\S+ +.*? \/ Basic Connect(.*?) {2}/.exec(line),
        )
        .filter((match) => match !== null);
      expect(lines.map((match) => match[1])).toEqual([
        ' / SIGNAL_STATE (CID 11)',
        ' / SIGNAL_STATE (CID 11)',
        ' / SIGNAL_STATE (CID 11)',
        ' / RADIO_STATE (CID 3)',
        ' / RADIO_STATE (CID 3)',
        ' / RADIO_STATE (CID 3)',
        ' / RADIO_STATE (CID 3)',
        // Its request is not in the log.
        '',
      ]);
    }
  });
});

describe('the trace of QUERY and SET requests', () => {
  it('has the command in the args of each event of the request, the completion too', async () => {
    for (const events of (await reports(commandRecords(100))).trace) {
      const requestEvents = events.filter(
        (e) =>
          e.cat === 'request' ||
          (e.ph === 'i' &&
            typeof e.args?.details === 'string' &&
            /^(?:query|set) /.test(e.args.details)),
      );
      expect(
        requestEvents.map((e) => [
          e.ph,
          e.cat,
          e.args?.commandId ?? null,
          e.args?.commandName ?? null,
        ]),
      ).toEqual([
        ['b', 'request', 11, 'SIGNAL_STATE'],
        ['i', 'request-returned', 11, 'SIGNAL_STATE'],
        ['i', 'completion', 11, 'SIGNAL_STATE'],
        ['e', 'request', 11, 'SIGNAL_STATE'],
        ['b', 'request', 3, 'RADIO_STATE'],
        ['i', 'request-returned', 3, 'RADIO_STATE'],
        ['i', 'overdue', 3, 'RADIO_STATE'],
        ['i', 'completion', 3, 'RADIO_STATE'],
        ['e', 'request', 3, 'RADIO_STATE'],
        // Its request is not in the log.
        ['i', 'completion', null, null],
      ]);
    }
  });
});
