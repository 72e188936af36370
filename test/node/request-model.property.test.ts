/**
 * One request, one story: generated sequences of sends, returns, completions and faults (refusals,
 * calls that throw, completions before the return, duplicates, unknown IDs, lost and late
 * completions, devices removed) drive the real session tracker; its journal is written, read back
 * and exported. For every request, the live model (the tracker's story, what the services panel
 * and the CLI show), the saved log (read back from the file), the window's timeline (log rows
 * folded by the renderer's model), the CSV, the trace and the HTML report must tell the same
 * outcome in the same words.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { allRecords, openLog } from '../../electron/core/export/open-log.js';
import type { Carried } from '../../electron/core/calls-in-flight.js';
import { SessionTracker } from '../../electron/core/session-tracker.js';
import { toLogRow } from '../../electron/ipc/log-row.js';
import { TimelineModel } from '../../renderer/src/timeline/timeline-model.js';
import type { JournalRecord } from '../../shared/journal/record.js';
import type { ServiceInfo, RequestOp } from '../../shared/model.js';
import { RequestFold, type FoldedRequest } from '../../shared/request/fold.js';
import type { RequestStory } from '../../shared/request/story.js';
import { OUTCOME_WORDS, cliOutcome, outcomeHeadline } from '../../shared/request/words.js';
import { exportRecords, removeTempDirs, tempDir } from './export/support/helpers.js';

const DEVICES = ['{DEV-A}', '{DEV-B}'] as const;
const SERVICES: ServiceInfo[] = DEVICES.flatMap((interfaceId) =>
  ['c08a26dd-7718-4382-8482-6e0d583c4d0e', '{4BF38476-1E6A-41DB-B1D8-BED289C25BDB}'].map(
    (serviceId, i) => ({
      interfaceId,
      serviceId,
      name: i === 0 ? 'DSS' : 'Phonebook',
      dataReadSupported: true,
      dataWriteSupported: false,
      dataSessionOpen: true,
      commandSessionOpen: false,
      maxCommandSize: null,
    }),
  ),
);
const OK = 0;
const E_FAIL = 0x80004005;
const E_ACCESSDENIED = 0x80070005;

/** One step of a generated run: what the technician, the backend or the device does. */
type Step =
  | {
      type: 'send';
      op: RequestOp;
      service: number;
      returns: 'accepted' | 'refused' | 'throws';
      /** The completion overtakes the call's return. */
      early: 'none' | 'ok' | 'fail';
    }
  | { type: 'complete'; pick: number; ok: boolean; repeat: boolean }
  | { type: 'unknown'; service: number }
  | { type: 'wait'; ms: number }
  | { type: 'give-up'; pick: number }
  | { type: 'remove'; device: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    type: fc.constant('send' as const),
    op: fc.constantFrom<RequestOp>(
      'close',
      'open',
      'supported-commands',
      'open-command-session',
      'query',
      'set',
    ),
    service: fc.nat(SERVICES.length - 1),
    returns: fc.constantFrom('accepted' as const, 'accepted' as const, 'refused', 'throws'),
    early: fc.constantFrom('none' as const, 'none' as const, 'ok', 'fail'),
  }),
  fc.record({
    type: fc.constant('complete' as const),
    pick: fc.nat(50),
    ok: fc.boolean(),
    repeat: fc.boolean(),
  }),
  fc.record({ type: fc.constant('unknown' as const), service: fc.nat(SERVICES.length - 1) }),
  fc.record({ type: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 1500 }) }),
  fc.record({ type: fc.constant('give-up' as const), pick: fc.nat(50) }),
  fc.record({ type: fc.constant('remove' as const), device: fc.nat(DEVICES.length - 1) }),
);

/** What a command completion carries, as the engine hands it to the tracker (per request ID). */
function carriedFor(op: RequestOp, requestId: number): { carried?: Carried } {
  if (op === 'supported-commands') return { carried: { commandIds: [1, requestId % 7] } };
  if (op === 'query' || op === 'set')
    return {
      carried: {
        responseId: requestId,
        byteLength: 2,
        data: (requestId % 256).toString(16).padStart(4, '0'),
      },
    };
  return {};
}

/** Requests given up across all generated runs: the step must actually be exercised. */
let givenUp = 0;

interface Run {
  records: JournalRecord[];
  live: Map<string, RequestStory>;
}

/** Drives the real tracker through the steps and stamps its entries as the journal would. */
function play(steps: readonly Step[]): Run {
  const clock = new ManualClock();
  const records: JournalRecord[] = [];
  const start = Date.UTC(2026, 10, 29, 12);
  const stamp = (mono: number) => ({
    v: 2 as const,
    seq: records.length + 1,
    time: new Date(start + Math.round(mono)).toISOString(),
    mono,
  });
  records.push({
    ...stamp(0),
    kind: 'run-start',
    format: 'mbn-diag-journal',
    runId: 'prop',
    app: { name: 'mbn-diag', version: '0.1.0' },
    os: { platform: 'linux', release: '6', arch: 'x64' },
    backend: { kind: 'simulator', label: 'property test', reason: 'generated' },
  });
  const tracker = new SessionTracker({
    clock,
    timeoutMs: 1000,
    emit: (entry, atMono) => records.push({ ...entry, ...stamp(atMono ?? clock.monoNow()) }),
  });
  tracker.noteServices(SERVICES);
  const live = new Map<string, RequestStory>();
  tracker.onRequestChange((story) => live.set(story.ref, { ...story }));
  const sent: { ref: string; op: RequestOp; service: ServiceInfo; requestId: number }[] = [];
  let nextId = 100;
  for (const s of steps) {
    switch (s.type) {
      case 'send': {
        const service = SERVICES[s.service];
        if (!service) break;
        const ref = tracker.begin(s.op, service.interfaceId, service.serviceId);
        const requestId = nextId++;
        const event = { op: s.op, interfaceId: service.interfaceId, serviceId: service.serviceId };
        if (s.early !== 'none' && s.returns === 'accepted')
          tracker.completion({
            ...event,
            status: s.early === 'ok' ? OK : E_FAIL,
            requestId,
            ...carriedFor(s.op, requestId),
          });
        if (s.returns === 'throws') tracker.callFailed(ref, 'the backend went away');
        else
          tracker.callReturned(ref, {
            hresult: s.returns === 'accepted' ? OK : E_ACCESSDENIED,
            requestId: s.returns === 'accepted' ? requestId : 0,
          });
        if (s.returns === 'accepted') sent.push({ ref, op: s.op, service, requestId });
        break;
      }
      case 'complete': {
        const target = sent[s.pick % Math.max(1, sent.length)];
        if (!target) break;
        const event = {
          op: target.op,
          interfaceId: target.service.interfaceId,
          serviceId: target.service.serviceId,
          status: s.ok ? OK : E_FAIL,
          requestId: target.requestId,
          ...carriedFor(target.op, target.requestId),
        };
        tracker.completion(event);
        if (s.repeat) tracker.completion(event);
        break;
      }
      case 'unknown': {
        const service = SERVICES[s.service];
        if (service)
          tracker.completion({
            op: 'close',
            interfaceId: service.interfaceId,
            serviceId: service.serviceId,
            status: OK,
            requestId: 9_999,
          });
        break;
      }
      case 'wait':
        clock.advance(s.ms);
        break;
      case 'give-up': {
        // The technician waits out the timeout, then gives up. Only an overdue request can be
        // given up (the tracker refuses any other): an overdue one is picked when there is one.
        clock.advance(1000);
        const overdue = sent.filter((t) => live.get(t.ref)?.outcome === 'overdue');
        const pool = overdue.length > 0 ? overdue : sent;
        const target = pool[s.pick % Math.max(1, pool.length)];
        if (!target) break;
        const before = live.get(target.ref)?.outcome;
        const story = tracker.giveUp(target.ref);
        expect(story?.outcome).toBe(before === 'overdue' ? 'given-up' : undefined);
        if (story) givenUp += 1;
        break;
      }
      case 'remove':
        tracker.deviceRemoved(DEVICES[s.device] ?? DEVICES[0]);
        break;
    }
    clock.advance(1);
  }
  // The app closes: whatever still waits is abandoned, so every request has ended everywhere.
  tracker.abandonAll();
  return { records, live };
}

function fold(records: Iterable<JournalRecord>): Map<string, FoldedRequest> {
  const out = new Map<string, FoldedRequest>();
  const requests = new RequestFold({ ended: (r) => out.set(r.ref, r) });
  for (const record of records) requests.observe(record);
  requests.finish();
  return out;
}

/** What a person is told about a request: the outcome, its words and the CLI's verdict. */
function told(story: RequestStory) {
  return {
    outcome: story.outcome,
    label: OUTCOME_WORDS[story.outcome].label,
    headline: outcomeHeadline(story),
    cli: cliOutcome(story),
    requestId: story.requestId,
    commandIds: story.commandIds,
    response: story.response,
  };
}

afterAll(removeTempDirs);

describe('one request, one story', () => {
  it('every view tells every generated request the same way', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        const { records, live } = play(steps);
        const dir = tempDir('mbn-prop-');
        const file = join(dir, 'journal.jsonl');
        writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');

        // The saved log, read back from the file as the app opens it.
        const saved = fold(await collect(allRecords(await openLog(file))));
        // The window's timeline, from log rows as main sends them.
        const timeline = new TimelineModel();
        timeline.sync(
          records.map((record) => toLogRow(record)),
          true,
        );
        // Each span as the timeline makes it for its tip and selection, told again from its rows.
        const spans = new Map(
          [...timeline.lanes.values()].flatMap((l) =>
            Array.from({ length: l.columns.length }, (_, i) => timeline.spanAt(l, i)).flatMap(
              (s) => (s?.ref && s.request ? [[s.ref, s.request] as const] : []),
            ),
          ),
        );

        expect([...saved.keys()].sort()).toEqual([...live.keys()].sort());
        for (const [ref, story] of live) {
          const expected = told(story);
          expect(told(saved.get(ref) ?? story), `saved log, ${ref}`).toEqual(expected);
          const span = spans.get(ref);
          expect(span && told(span), `timeline, ${ref}`).toEqual(expected);
        }

        // Exports, read back from the written files.
        const csvFile = join(dir, 'log.csv');
        await exportRecords(records, 'csv', csvFile, { redact: false });
        const table: string[][] = parse(readFileSync(csvFile), { bom: true });
        const [header, ...rows] = table;
        const col = (name: string) => header?.indexOf(name) ?? -1;
        const csvOutcome = new Map<string, string>();
        for (const row of rows) {
          const ref = row[col('ref')];
          const label = row[col('outcome_label')];
          if (ref && label && row[col('kind')] !== 'completion') csvOutcome.set(ref, label);
          if (
            ref &&
            label &&
            row[col('kind')] === 'completion' &&
            row[col('outcome')] !== 'unmatched'
          )
            csvOutcome.set(ref, label);
        }
        const traceFile = join(dir, 'log.trace.json');
        await exportRecords(records, 'trace', traceFile, { redact: false });
        const trace = JSON.parse(readFileSync(traceFile, 'utf8')) as {
          traceEvents: { ph: string; id?: string; args?: { outcomeLabel?: string } }[];
        };
        const traceOutcome = new Map(
          trace.traceEvents.filter((e) => e.ph === 'e').map((e) => [e.id, e.args?.outcomeLabel]),
        );
        const htmlFile = join(dir, 'report.html');
        await exportRecords(records, 'html', htmlFile, { redact: false });
        const html = readFileSync(htmlFile, 'utf8');
        const reportCounts = new Map<string, number>();
        const liveCounts = new Map<string, number>();
        for (const [, title] of html.matchAll(/<title>[^<]* — ([^<.]+)\. Request ID/g))
          if (title) reportCounts.set(title, (reportCounts.get(title) ?? 0) + 1);
        for (const [ref, story] of live) {
          const label = OUTCOME_WORDS[story.outcome].label;
          liveCounts.set(label, (liveCounts.get(label) ?? 0) + 1);
          expect(csvOutcome.get(ref), `CSV, ${ref}`).toBe(label);
          expect(traceOutcome.get(ref), `trace, ${ref}`).toBe(label);
        }
        // The report's picture: one span per request, each titled with its outcome's words.
        expect(reportCounts).toEqual(liveCounts);
      }),
      {
        numRuns: 60,
        // One run that surely gives a request up: random runs reach two to five in sixty, and
        // now and then none, which left the step untested.
        examples: [
          [
            [
              { type: 'send', op: 'close', service: 0, returns: 'accepted', early: 'none' },
              { type: 'wait', ms: 1500 },
              { type: 'give-up', pick: 0 },
            ],
          ],
        ],
      },
    );
    expect(givenUp).toBeGreaterThan(0);
  }, 120_000);
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
