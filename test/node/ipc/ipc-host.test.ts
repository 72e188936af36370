import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulator } from '../../../electron/backends/select-backend.js';
import { ManualClock } from '../../../electron/core/clock.js';
import {
  DiagnosticsEngine,
  type EngineOptions,
} from '../../../electron/engine/diagnostics-engine.js';
import {
  EVENT_CHANNELS,
  REQUEST_CHANNELS,
  requestSchemas,
  type EventMap,
  type JournalPage,
  type LogRow,
  type RequestStory,
} from '../../../electron/ipc/contract.js';
import { IpcHost } from '../../../electron/ipc/ipc-host.js';
import { PAGE_CHARS } from '../../../electron/ipc/row-size.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { malformedPayloads, VALID } from './malformed.js';
import { spyEngine } from './spy-engine.js';
import { spyFiles } from './spy-files.js';

const SIERRA = '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}';
const USSD = 'e550a0c8-5e82-479e-82f7-10abf4c3351f';
const SMS = '533fbeeb-14fe-4467-9f90-33a223e56c3f';
const DIAG = '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}';

/** Channels whose valid payload, alone, touches neither the engine nor the file system. */
const TOUCHES_NOTHING = new Set([
  'mbn:backend-info',
  'mbn:cancel-export',
  'mbn:read-saved-log',
  'mbn:saved-log-holds',
  'mbn:cancel-search',
]);

function spyHost(trusted = true) {
  const spy = spyEngine();
  const fileSpy = spyFiles();
  const host = new IpcHost<string>({
    engine: spy.engine,
    files: fileSpy.files,
    reason: 'test',
    timeoutMs: 1000,
    app: { name: 'mbn-diag', version: '0' },
    isTrustedSender: (sender) => trusted && sender === 'window',
  });
  return { host, ...spy, calls: () => spy.calls() + fileSpy.calls() };
}

describe('IPC host: refusals never reach the engine', () => {
  it('has a schema for every request channel and nothing else', () => {
    expect(Object.keys(requestSchemas).sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  it('refuses a foreign sender on every channel, before looking at the payload', async () => {
    const { host, calls } = spyHost();
    for (const channel of REQUEST_CHANNELS) {
      const result = await host.invoke(channel, VALID[channel], 'some-other-frame');
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(calls()).toBe(0);
  });

  it('refuses a sender check that throws as foreign', async () => {
    const spy = spyEngine();
    const host = new IpcHost<string>({
      engine: spy.engine,
      reason: '',
      timeoutMs: 1,
      app: { name: 'a', version: '0' },
      isTrustedSender: () => {
        throw new Error('frame is gone');
      },
    });
    expect(await host.invoke('mbn:list-devices', {}, 'window')).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
  });

  it('refuses unknown channels', async () => {
    const { host, calls } = spyHost();
    for (const channel of ['mbn:eval', '', 42, null, 'mbn:list-devices ', '__proto__']) {
      expect(await host.invoke(channel, {}, 'window')).toMatchObject({
        ok: false,
        error: { code: 'unknown-channel' },
      });
    }
    expect(calls()).toBe(0);
  });

  it.each(REQUEST_CHANNELS)('refuses every generated malformed payload on %s', async (channel) => {
    const { host, calls } = spyHost();
    const payloads = malformedPayloads(channel);
    expect(payloads.length).toBeGreaterThan(10);
    for (const payload of payloads) {
      const result = await host.invoke(channel, payload, 'window');
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    }
    expect(calls()).toBe(0);
    // The valid payload does get through, so the refusals above are the schema's doing.
    await host.invoke(channel, VALID[channel], 'window');
    if (!TOUCHES_NOTHING.has(channel)) expect(calls()).toBeGreaterThan(0);
  });
});

describe('IPC host with the real engine and the simulator', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function realHost(scenarioPath?: string, journal?: EngineOptions['journal']) {
    dir = mkdtempSync(join(tmpdir(), 'ipc-host-'));
    const clock = new ManualClock();
    const engine = new DiagnosticsEngine({
      backend: createSimulator(scenarioPath ? { clock, scenarioPath } : { clock }),
      clock,
      journalDir: dir,
      backendReason: 'because',
      app: { name: 'mbn-diag', version: '0' },
      timeoutMs: 1000,
      ...(journal ? { journal } : {}),
    });
    const host = new IpcHost<string>({
      engine,
      reason: 'because',
      timeoutMs: 1000,
      app: { name: 'mbn-diag', version: '0' },
      isTrustedSender: (s) => s === 'window',
    });
    const batches: { channel: string; batch: EventMap[keyof EventMap] }[] = [];
    host.subscribe((channel, batch) => batches.push({ channel, batch }));
    return { clock, engine, host, batches };
  }

  it('closes a session and streams the records and request changes as batches', async () => {
    vi.useFakeTimers();
    try {
      const { clock, engine, host, batches } = realHost();
      await host.invoke('mbn:list-services', { interfaceId: SIERRA }, 'window');
      const sent = await host.invoke(
        'mbn:close-session',
        { interfaceId: SIERRA, serviceId: DIAG },
        'window',
      );
      expect(sent).toMatchObject({ ok: true, value: { outcome: 'waiting', op: 'close' } });
      clock.advance(5000);
      vi.advanceTimersByTime(50);
      const rows = batches
        .filter((b) => b.channel === 'mbn:log-rows')
        .flatMap((b) => b.batch as LogRow[]);
      const completion = rows.find((r) => r.kind === 'completion');
      expect(completion).toMatchObject({ outcome: 'succeeded', hresult: { name: 'S_OK' } });
      expect(completion?.latencyMs).toBeGreaterThan(0);
      expect(
        rows.find((r) => r.kind === 'session-state' && r.sessionState === 'closed'),
      ).toBeTruthy();
      const views = batches
        .filter((b) => b.channel === 'mbn:request-changes')
        .flatMap((b) => b.batch as EventMap['mbn:request-changes']);
      expect(views.at(-1)).toMatchObject({ outcome: 'succeeded', status: '0x00000000' });
      // Every record since subscribing reached the renderer, in order, none twice (earlier ones
      // are paged in with mbn:read-journal).
      const first = rows[0]?.seq ?? 0;
      expect(rows.map((r) => r.seq)).toEqual(
        Array.from({ length: engine.journal.lastSeq - first + 1 }, (_, i) => first + i),
      );
      host.dispose();
      await engine.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks for confirmation before closing a session that is not open, and sends once confirmed', async () => {
    const { engine, host } = realHost();
    const first = await host.invoke(
      'mbn:close-session',
      { interfaceId: SIERRA, serviceId: USSD },
      'window',
    );
    expect(first).toMatchObject({ ok: false, error: { code: 'needs-confirmation' } });
    expect(engine.journal.recent().some((r) => r.kind === 'request')).toBe(false);
    const second = await host.invoke(
      'mbn:close-session',
      { interfaceId: SIERRA, serviceId: USSD, confirmed: true },
      'window',
    );
    expect(second).toMatchObject({
      ok: true,
      value: { precondition: 'session-not-open', outcome: 'refused' },
    });
    host.dispose();
    await engine.close();
  });

  it('says in words which session blocks an open or a command-session close, before anything is sent', async () => {
    const { engine, host } = realHost();
    const open = await host.invoke(
      'mbn:open-session',
      { interfaceId: SIERRA, serviceId: SMS },
      'window',
    );
    expect(open).toMatchObject({
      ok: false,
      error: {
        code: 'needs-confirmation',
        message: 'The data session of SMS is already open. Confirm to send Open anyway.',
      },
    });
    const closeCommands = await host.invoke(
      'mbn:close-command-session',
      { interfaceId: SIERRA, serviceId: SMS },
      'window',
    );
    expect(closeCommands).toMatchObject({
      ok: false,
      error: {
        code: 'needs-confirmation',
        message:
          'The command session of SMS is closed, not open. Confirm to send Close command session anyway.',
      },
    });
    expect(engine.journal.recent().some((r) => r.kind === 'request')).toBe(false);
    host.dispose();
    await engine.close();
  });

  it('tells a (re)connecting window every service’s last request, and gives up an overdue one', async () => {
    // Phonebook's close completion never comes in this scenario.
    const { clock, engine, host } = realHost('test/fixtures/ui-slow-completion.json');
    const device = '{11111111-2222-4333-8444-555555555555}';
    const phonebook = '4bf38476-1e6a-41db-b1d8-bed289c25bdb';
    await host.invoke('mbn:list-services', { interfaceId: device }, 'window');
    expect(await host.invoke('mbn:current-requests', {}, 'window')).toEqual({
      ok: true,
      value: [],
    });
    const sent = await host.invoke(
      'mbn:close-session',
      { interfaceId: device, serviceId: phonebook },
      'window',
    );
    const ref = sent.ok ? (sent.value as RequestStory).ref : 'none';
    // Still waiting: nothing to give up yet, and the window is told why.
    expect(await host.invoke('mbn:give-up', { ref }, 'window')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/not overdue/) as unknown },
    });
    clock.advance(1001);
    // A window that reloads now learns the request is overdue.
    expect(await host.invoke('mbn:current-requests', {}, 'window')).toMatchObject({
      ok: true,
      value: [{ ref, outcome: 'overdue', serviceName: 'Phonebook' }],
    });
    expect(await host.invoke('mbn:give-up', { ref }, 'window')).toMatchObject({
      ok: true,
      value: { ref, outcome: 'given-up', givenUp: true },
    });
    expect(engine.journal.recent().filter((r) => r.kind === 'given-up')).toHaveLength(1);
    expect(await host.invoke('mbn:current-requests', {}, 'window')).toMatchObject({
      ok: true,
      value: [{ ref, outcome: 'given-up' }],
    });
    // A window that reloads reads these rows back in pages: a close's words name no command
    // (each row's place in the page was once read as its command ID: "close CID 6 #1001 overdue").
    const page = await host.invoke('mbn:read-journal', { fromSeq: 1, limit: 2000 }, 'window');
    const rows = page.ok ? (page.value as JournalPage).rows : [];
    const closes = rows.filter((r) => r.ref === ref);
    expect(closes.map((r) => r.kind)).toEqual([
      'request',
      'request-returned',
      'overdue',
      'given-up',
    ]);
    for (const row of closes) expect(row.text).toMatch(/^close (data session|#|accepted)/);
    host.dispose();
    await engine.close();
  });

  it('turns backend errors into typed errors', async () => {
    const { engine, host } = realHost();
    expect(await host.invoke('mbn:list-services', { interfaceId: 'nope' }, 'window')).toMatchObject(
      {
        ok: false,
        error: { code: 'unknown-device' },
      },
    );
    expect(
      await host.invoke('mbn:close-session', { interfaceId: SIERRA, serviceId: 'nope' }, 'window'),
    ).toMatchObject({ ok: false, error: { code: 'unknown-service' } });
    host.dispose();
    await engine.close();
  });

  it('pages through the journal from the first record to the last', async () => {
    const { engine, host } = realHost();
    await host.invoke('mbn:list-devices', {}, 'window');
    const page = await host.invoke('mbn:read-journal', { fromSeq: 1, limit: 2000 }, 'window');
    expect(page.ok).toBe(true);
    if (page.ok) {
      const value = page.value as JournalPage;
      expect(value.firstSeq).toBe(1);
      expect(value.rows.map((r) => r.seq)).toEqual(
        Array.from({ length: value.lastSeq }, (_, i) => i + 1),
      );
      expect(value.rows[0]?.kind).toBe('run-start');
    }
    host.dispose();
    await engine.close();
  });

  it('tells the window where the journal starts once its oldest files are dropped', async () => {
    // A kiosk following live reads no page after its first: it learnt where the journal starts
    // only then, and went on counting the entries of files long deleted, and offering them.
    const { clock, engine, host, batches } = realHost(undefined, {
      maxFileBytes: 64 * 1024,
      maxFilesPerRun: 3,
      windowSize: 500,
    });
    const starts = () =>
      batches
        .filter((b) => b.channel === 'mbn:journal-start')
        .flatMap((b) => b.batch as EventMap['mbn:journal-start'])
        .map((s) => s.firstSeq);
    for (let n = 0; n < 3000; n++) {
      engine.journal.append({ kind: 'error', message: `entry ${String(n)}`, context: 'test' });
      if (n % 100 === 99) {
        clock.advance(60);
        engine.journal.flush();
      }
    }
    host.flush();
    const page = await host.invoke('mbn:read-journal', { fromSeq: 1, limit: 1 }, 'window');
    if (!page.ok) throw new Error(page.error.message);
    const { firstSeq } = page.value as JournalPage;
    expect(firstSeq).toBeGreaterThan(1);
    // Told as each file went, the last of them where the journal starts now.
    expect(starts().length).toBeGreaterThan(0);
    expect(starts().at(-1)).toBe(firstSeq);
    host.dispose();
    await engine.close();
  });

  it('sends event batches only on contract channels', () => {
    expect(EVENT_CHANNELS).toEqual([
      'mbn:service-lists',
      'mbn:log-rows',
      'mbn:journal-start',
      'mbn:request-changes',
      'mbn:device-changes',
      'mbn:backend-status',
      'mbn:export-progress',
      'mbn:search-progress',
    ]);
  });
});

describe('IPC host: the live journal paged in by size as well as by rows', () => {
  it('sends a page of MBIM messages of megabytes a few rows at a time, and every row in the end', async () => {
    // An MBIM message is recorded whole: 64 fragments of 64 KiB from a device make a record of
    // 8 M hex digits. 2000 of them in one page were gigabytes for one answer.
    const record = (seq: number): JournalRecord => ({
      v: 2,
      seq,
      time: '2026-11-30T10:00:00.000Z',
      mono: seq,
      kind: 'mbim-message',
      interfaceId: SIERRA,
      direction: 'received',
      transactionId: seq,
      type: 'INDICATE_STATUS',
      service: null,
      serviceName: null,
      cid: null,
      cidName: null,
      status: null,
      statusName: null,
      requestId: null,
      fragments: 64,
      bytes: 'ab'.repeat(1024 * 1024),
    });
    const journal = Array.from({ length: 12 }, (_, i) => record(i + 1));
    const { host, spies } = spyHost();
    spies.journal.lastSeq = journal.length;
    spies.journal.readPage.mockImplementation(((from: number, limit: number) =>
      journal.slice(from - 1, from - 1 + limit)) as never);
    // As the window's loadRange does: from the row after the last it got, until the last.
    const got: number[] = [];
    for (let seq = 1; seq <= journal.length;) {
      const page = await host.invoke('mbn:read-journal', { fromSeq: seq, limit: 2000 }, 'window');
      if (!page.ok) throw new Error(page.error.message);
      const value = page.value as JournalPage;
      expect(JSON.stringify(value).length).toBeLessThan(PAGE_CHARS + 2 * 2 * 1024 * 1024);
      got.push(...value.rows.map((r) => r.seq));
      seq = (value.rows.at(-1)?.seq ?? journal.length) + 1;
    }
    expect(got).toEqual(journal.map((r) => r.seq));
    host.dispose();
  });
});
