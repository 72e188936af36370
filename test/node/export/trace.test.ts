import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '../../../electron/core/journal-reader.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';
import { makeSampleRun } from './support/sample-log.js';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid?: number;
  ts?: number;
  id?: string;
  cat?: string;
  s?: string;
  args?: Record<string, unknown>;
}

let records: JournalRecord[];
let trace: { traceEvents: TraceEvent[]; displayTimeUnit: string };

beforeAll(async () => {
  records = (await readAll(await makeSampleRun(tempDir()))).records;
  const out = join(tempDir(), 'trace.json');
  await exportRecords(records, 'trace', out);
  trace = JSON.parse(readFileSync(out, 'utf8')) as typeof trace;
});
afterAll(removeTempDirs);

describe('Chrome trace export', () => {
  it('pairs every async begin with exactly one end of the same id, name and track, not before it', () => {
    const events = trace.traceEvents;
    const begins = events.filter((e) => e.ph === 'b');
    const ends = events.filter((e) => e.ph === 'e');
    const requests = records.filter((r) => r.kind === 'request');
    expect(begins).toHaveLength(requests.length);
    expect(ends).toHaveLength(begins.length);
    for (const begin of begins) {
      const matching = ends.filter((e) => e.id === begin.id && e.cat === begin.cat);
      expect(matching, `end of ${begin.id}`).toHaveLength(1);
      const [end] = matching;
      expect(end?.name).toBe(begin.name);
      expect(end?.pid).toBe(begin.pid);
      expect(end?.ts).toBeGreaterThanOrEqual(begin.ts ?? Infinity);
    }
    expect(new Set(begins.map((b) => b.id))).toEqual(new Set(requests.map((r) => r.ref)));
  });

  it('keys requests by ref and records their outcome on the end event', () => {
    const ends = trace.traceEvents.filter((e) => e.ph === 'e');
    const outcomes = new Set(ends.map((e) => e.args?.outcome));
    expect(outcomes).toEqual(new Set(['succeeded', 'failed', 'refused', 'late', 'abandoned']));
    const late = ends.find((e) => e.args?.outcome === 'late');
    expect(late?.args).toMatchObject({
      outcomeLabel: 'Late',
      hresultName: 'S_OK',
      hresultFrom: 'completion',
      overdue: true,
    });
  });

  it('uses microsecond timestamps of the monotonic clock', () => {
    expect(trace.displayTimeUnit).toBe('ms');
    const timed = trace.traceEvents.filter((e) => e.ph !== 'M');
    for (const e of timed) expect(Number.isInteger(e.ts)).toBe(true);
    const completion = records.find((r) => r.kind === 'completion');
    if (!completion) throw new Error('no completion in sample');
    const instant = timed.find((e) => e.ph === 'i' && e.args?.seq === completion.seq);
    expect(instant?.ts).toBe(Math.round(completion.mono * 1000));
  });

  it('names a track for every process and thread it uses: devices by model, services by name', () => {
    const events = trace.traceEvents;
    const processNames = new Map<number, string>();
    const threadNames = new Map<string, string>();
    for (const e of events.filter((x) => x.ph === 'M')) {
      const name = typeof e.args?.name === 'string' ? e.args.name : '';
      if (e.name === 'process_name') processNames.set(e.pid, name);
      if (e.name === 'thread_name') threadNames.set(`${e.pid}/${e.tid}`, name);
    }
    for (const e of events.filter((x) => x.ph !== 'M')) {
      expect(processNames.has(e.pid), `process ${e.pid} named`).toBe(true);
      if (e.tid !== undefined)
        expect(threadNames.has(`${e.pid}/${e.tid}`), `thread ${e.pid}/${e.tid}`).toBe(true);
    }
    // As every view names a device (shared/device-name.ts), with its whole interface ID.
    expect([...processNames.values()].some((n) => n.startsWith('Device EM7565 (…8E47) {'))).toBe(
      true,
    );
    expect([...processNames.values()].some((n) => n.includes('EM120R-GL (…2B30)'))).toBe(true);
    expect([...threadNames.values()].some((n) => n.startsWith('Quectel QDSS trace'))).toBe(true);
    const reads = events.filter((e) => e.ph === 'i' && e.cat === 'read-data');
    expect(reads).toHaveLength(records.filter((r) => r.kind === 'read-data').length);
    expect(reads.every((e) => e.s === 't')).toBe(true);
  });

  // A device met before its model was named twice, "unknown model" first, and a viewer that keeps
  // a process's first name showed that.
  it('names each device once, by its model, even when its model comes after its first event', async () => {
    const infos = records.filter((r) => r.kind === 'device-info' || r.kind === 'device-arrival');
    const rest = records.filter((r) => r.kind !== 'device-info' && r.kind !== 'device-arrival');
    const out = join(tempDir(), 'late-model-trace.json');
    await exportRecords([...rest, ...infos], 'trace', out);
    const parsed = JSON.parse(readFileSync(out, 'utf8')) as typeof trace;
    const names = new Map<number, string[]>();
    for (const e of parsed.traceEvents)
      if (e.ph === 'M' && e.name === 'process_name' && typeof e.args?.name === 'string')
        names.set(e.pid, [...(names.get(e.pid) ?? []), e.args.name]);
    for (const [pid, list] of names) expect(list, `process ${String(pid)}`).toHaveLength(1);
    const all = [...names.values()].flat();
    expect(all.some((n) => n.startsWith('Device EM7565 (…8E47) {'))).toBe(true);
    expect(all.some((n) => n.includes('unknown model'))).toBe(false);
  });

  // A support engineer working in Perfetto alone saw no device notification and no command
  // session opening or closing: the trace skipped those records (and a request given up).
  it('draws the notifications, command-session moves and give-ups on their service track', async () => {
    const state = records.find((r) => r.kind === 'session-state');
    const sent = records.find((r) => r.kind === 'request');
    if (state?.kind !== 'session-state' || sent?.kind !== 'request')
      throw new Error('no session state or request in the sample');
    let seq = (records[records.length - 1]?.seq ?? 0) + 1;
    const base = { v: 2 as const, time: state.time, mono: state.mono };
    const service = {
      interfaceId: state.interfaceId,
      serviceId: state.serviceId,
      serviceName: state.serviceName,
    };
    const more: JournalRecord[] = [
      {
        ...base,
        ...service,
        seq: seq++,
        kind: 'command-session-state',
        from: 'closed',
        to: 'open',
      },
      {
        ...base,
        ...service,
        seq: seq++,
        kind: 'event-notification',
        eventId: 7,
        byteLength: 2,
        data: '0102',
      },
      {
        ...base,
        interfaceId: sent.interfaceId,
        serviceId: sent.serviceId,
        serviceName: sent.serviceName,
        ref: sent.ref,
        op: sent.op,
        seq: seq++,
        kind: 'given-up',
        outcome: 'given-up',
        requestId: null,
        waitedMs: 12_000,
      },
    ];
    const out = join(tempDir(), 'more-trace.json');
    await exportRecords([...records, ...more], 'trace', out);
    const parsed = JSON.parse(readFileSync(out, 'utf8')) as typeof trace;
    for (const record of more) {
      const event = parsed.traceEvents.find((e) => e.ph === 'i' && e.args?.seq === record.seq);
      expect(event, `${record.kind} in the trace`).toBeDefined();
      expect(event?.cat).toBe(record.kind);
      expect(event?.s).toBe('t');
    }
    const names = parsed.traceEvents.map((e) => e.name);
    expect(names).toContain('command session closed → open');
    expect(names).toContain('notification 7');
  });

  it('stays valid JSON and keeps the text when a record carries quotes, backslashes, line breaks or a lone surrogate', async () => {
    const last = records[records.length - 1];
    const message = 'driver said "no" at C:\\Windows\n\tthen \ud800 and \u0001';
    const hostile: JournalRecord = {
      v: 2,
      seq: (last?.seq ?? 0) + 1,
      time: last?.time ?? '2026-01-01T00:00:00.000Z',
      mono: (last?.mono ?? 0) + 1,
      kind: 'error',
      message,
      context: 'test',
    };
    const out = join(tempDir(), 'hostile-trace.json');
    await exportRecords([...records, hostile], 'trace', out);
    const parsed = JSON.parse(readFileSync(out, 'utf8')) as typeof trace;
    const error = parsed.traceEvents.find((e) => e.cat === 'error' && e.args?.seq === hostile.seq);
    expect(String(error?.args?.details)).toContain(message);
  });

  it('names each span by the service name and operation its own request carries, quotes and all', async () => {
    // Two requests of each name on one track (interface and service ID), its name changing
    // between them and holding what JSON must escape: each span is named as its request says.
    const names = ['Vendor "A" \\ \u0001', 'Vendor "A" \\ \u0001', 'Renamed', 'Renamed'];
    const log: JournalRecord[] = [];
    names.forEach((serviceName, i) => {
      const service = {
        interfaceId: '{6B3F2A10-9C4D-4E8B-A1F2-3C5D7E9F8E47}',
        serviceId: '3d01dcc5-fef5-4d05-0d3a-bef7058e9aaf',
        serviceName,
      };
      const op = i % 2 === 0 ? 'open' : 'close';
      const at = { v: 2, time: '2026-11-24T08:30:00.000Z', ref: `r${i + 1}`, op } as const;
      log.push(
        {
          ...at,
          ...service,
          seq: 2 * i + 1,
          mono: 10 * i,
          kind: 'request',
          outcome: 'sending',
          sessionOpenBefore: i % 2 === 1,
        },
        {
          ...at,
          ...service,
          seq: 2 * i + 2,
          mono: 10 * i + 5,
          kind: 'abandoned',
          requestId: null,
          reason: 'device-removed',
          outcome: 'abandoned',
        },
      );
    });
    const out = join(tempDir(), 'renamed-trace.json');
    await exportRecords(log, 'trace', out);
    const parsed = JSON.parse(readFileSync(out, 'utf8')) as typeof trace;
    const spans = (ph: string) =>
      parsed.traceEvents.filter((e) => e.ph === ph).map((e) => [e.id, e.name]);
    const expected = names.map((name, i) => [
      `r${i + 1}`,
      `${name}: ${i % 2 === 0 ? 'open' : 'close'}`,
    ]);
    expect(spans('b')).toEqual(expected);
    expect(spans('e')).toEqual(expected);
  });
});
