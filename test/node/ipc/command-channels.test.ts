/**
 * The command channels (supported commands, command session, QUERY, SET) against the real engine
 * and the default scenario's Sierra vendor service: an unlisted command needs the deliberate
 * second step, over-size data is refused in words, and a response comes back as hex.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator } from '../../../electron/backends/select-backend.js';
import { ManualClock } from '../../../electron/core/clock.js';
import { DiagnosticsEngine } from '../../../electron/engine/diagnostics-engine.js';
import type { RequestStory, ServiceRow } from '../../../electron/ipc/contract.js';
import { IpcHost } from '../../../electron/ipc/ipc-host.js';
import { RECORDED_DATA_BYTES } from '../../../shared/journal/record.js';
import { VALID } from './malformed.js';
import { spyEngine } from './spy-engine.js';

const SIERRA = '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}';
const DIAG = '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}';

describe('command channels: payload bounds', () => {
  const query = VALID['mbn:query-command'];
  it.each([
    ['an odd number of hex digits', { ...query, data: 'abc' }],
    ['letters that are not hex', { ...query, data: 'zz' }],
    ['hex with spaces (the window sends it canonical)', { ...query, data: '01 02' }],
    ['more hex than a record keeps', { ...query, data: '00'.repeat(RECORDED_DATA_BYTES + 1) }],
    [
      'more bytes than a record keeps',
      { ...query, data: new Array(RECORDED_DATA_BYTES + 1).fill(0) },
    ],
    ['a byte over 255', { ...query, data: [256] }],
    ['a negative byte', { ...query, data: [-1] }],
    ['a CID over 32 bits', { ...query, commandId: 2 ** 32 }],
    ['a negative CID', { ...query, commandId: -1 }],
    ['a CID as text', { ...query, commandId: '1' }],
    ['force as text', { ...query, force: 'yes' }],
  ])('refuses %s before the engine sees it', async (_what, payload) => {
    const spy = spyEngine();
    const host = new IpcHost<string>({
      engine: spy.engine,
      reason: '',
      timeoutMs: 1000,
      app: { name: 'mbn-diag', version: '0' },
      isTrustedSender: (s) => s === 'window',
    });
    for (const channel of ['mbn:query-command', 'mbn:set-command'] as const)
      expect(await host.invoke(channel, payload, 'window')).toMatchObject({
        ok: false,
        error: { code: 'invalid-payload' },
      });
    expect(spy.calls()).toBe(0);
  });
});

describe('command channels with the real engine and the simulator', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  async function realHost() {
    dir = mkdtempSync(join(tmpdir(), 'ipc-commands-'));
    const clock = new ManualClock();
    const engine = new DiagnosticsEngine({
      backend: createSimulator({ clock }),
      clock,
      journalDir: dir,
      backendReason: 'because',
      app: { name: 'mbn-diag', version: '0' },
      timeoutMs: 1000,
    });
    const host = new IpcHost<string>({
      engine,
      reason: 'because',
      timeoutMs: 1000,
      app: { name: 'mbn-diag', version: '0' },
      isTrustedSender: (s) => s === 'window',
    });
    await host.invoke('mbn:list-services', { interfaceId: SIERRA }, 'window');
    const target = { interfaceId: SIERRA, serviceId: DIAG };
    /** Sends, then lets the simulated service answer. */
    const send = async (channel: Parameters<typeof host.invoke>[0], payload: object) => {
      const result = await host.invoke(channel, { ...target, ...payload }, 'window');
      clock.advance(500);
      return result;
    };
    const story = (ref: string) => engine.requestStory(ref);
    const requests = () => engine.journal.recent().filter((r) => r.kind === 'request').length;
    return { engine, host, send, story, requests };
  }

  it('lists the supported commands, and the service list carries them afterwards', async () => {
    const { engine, host, send, story } = await realHost();
    const sent = await send('mbn:list-supported-commands', {});
    expect(sent).toMatchObject({ ok: true, value: { op: 'supported-commands' } });
    const ref = sent.ok ? (sent.value as RequestStory).ref : '';
    expect(story(ref)).toMatchObject({ outcome: 'succeeded', commandIds: [1, 2, 3, 4] });
    const listed = await host.invoke('mbn:list-services', { interfaceId: SIERRA }, 'window');
    const diag = listed.ok
      ? (listed.value as ServiceRow[]).find((s) => s.name === 'Sierra diagnostics stream')
      : undefined;
    expect(diag?.supportedCommands).toEqual([1, 2, 3, 4]);
    host.dispose();
    await engine.close();
  });

  it('opens the command session and answers a query with the response bytes as hex', async () => {
    const { engine, host, send, story } = await realHost();
    await send('mbn:list-supported-commands', {});
    // Closing a command session that is not open is the deliberate second step, as for data.
    expect(await send('mbn:close-command-session', {})).toMatchObject({
      ok: false,
      error: {
        code: 'needs-confirmation',
        message: expect.stringMatching(/command session/) as unknown,
      },
    });
    expect(await send('mbn:open-command-session', {})).toMatchObject({ ok: true });
    const sent = await send('mbn:query-command', { commandId: 1, data: '' });
    const ref = sent.ok ? (sent.value as RequestStory).ref : '';
    expect(story(ref)).toMatchObject({
      op: 'query',
      commandId: 1,
      commandListed: true,
      outcome: 'succeeded',
      response: { byteLength: 4, data: '29000000' },
    });
    host.dispose();
    await engine.close();
  });

  it('sends an unlisted command only once confirmed, and records that it was unlisted', async () => {
    const { engine, host, send, story, requests } = await realHost();
    await send('mbn:list-supported-commands', {});
    const before = requests();
    const first = await send('mbn:query-command', { commandId: 7, data: [] });
    expect(first).toMatchObject({
      ok: false,
      error: {
        code: 'needs-confirmation',
        message: expect.stringMatching(/did not list command 7/) as unknown,
      },
    });
    expect(requests()).toBe(before);
    const second = await send('mbn:query-command', { commandId: 7, data: [], force: true });
    const ref = second.ok ? (second.value as RequestStory).ref : '';
    expect(story(ref)).toMatchObject({ commandId: 7, commandListed: false });
    expect(requests()).toBe(before + 1);
    host.dispose();
    await engine.close();
  });

  it('refuses data over the service’s MaxCommandSize in words, sending nothing', async () => {
    const { engine, host, send, requests } = await realHost();
    const before = requests();
    const result = await send('mbn:set-command', { commandId: 2, data: '00'.repeat(4097) });
    expect(result).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/4097 bytes.*at most 4096 bytes/) as unknown },
    });
    expect(requests()).toBe(before);
    host.dispose();
    await engine.close();
  });
});
