/**
 * What the open saved log holds, for the export panel before an export starts: its MBIM messages,
 * counted from the log's index. A capture of a log without any (one from the Windows MBN service
 * or the simulator) was offered, and found empty only after the save dialog and a read of the
 * whole log; a .zip bundle, which has no index, says nothing is known.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { BUCKET_RECORDS } from '../../../electron/core/journal-index.js';
import type { IpcResult, SavedLogHolds } from '../../../electron/ipc/contract.js';
import { IpcHost } from '../../../electron/ipc/ipc-host.js';
import { previewFiles } from '../../../electron/preview/preview-files.js';
import { openSaved } from './open-saved.js';
import { spyEngine } from './spy-engine.js';

const TIME = '2026-11-30T10:00:00.000Z';

function runStart(backend: 'mbn' | 'mbim'): Record<string, unknown> {
  return {
    v: 2,
    seq: 1,
    time: TIME,
    mono: 0,
    kind: 'run-start',
    format: 'mbn-diag-journal',
    runId: '0123456789abcdef0123456789abcdef',
    app: { name: 'mbn-diag', version: '0.1.0' },
    os: { platform: 'linux', release: '6.1', arch: 'x64' },
    backend: { kind: backend, label: backend, reason: 'test' },
  };
}

const error = (seq: number) => ({
  v: 2,
  seq,
  time: TIME,
  mono: seq,
  kind: 'error',
  message: `entry ${String(seq)}`,
  context: 'c',
});

const mbimMessage = (seq: number) => ({
  v: 2,
  seq,
  time: TIME,
  mono: seq,
  kind: 'mbim-message',
  interfaceId: '/dev/cdc-wdm0',
  direction: 'sent',
  transactionId: seq,
  type: 'command',
  service: null,
  serviceName: null,
  cid: null,
  cidName: null,
  status: null,
  statusName: null,
  requestId: null,
  fragments: 1,
  bytes: '03000000100000000100000000000000',
});

/** A log of `count` records after its run-start, those at `mbimAt` MBIM messages. */
function log(backend: 'mbn' | 'mbim', count: number, mbimAt: readonly number[] = []): string {
  const records = [runStart(backend)];
  for (let seq = 2; seq <= count + 1; seq++)
    records.push(mbimAt.includes(seq) ? mbimMessage(seq) : error(seq));
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}

describe('mbn:saved-log-holds', () => {
  let dir: string | undefined;
  let host: IpcHost<string> | undefined;
  afterEach(() => {
    host?.dispose();
    host = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function setup() {
    dir = mkdtempSync(join(tmpdir(), 'ipc-holds-'));
    const folder = join(dir, 'files');
    mkdirSync(folder);
    host = new IpcHost<string>({
      engine: spyEngine().engine,
      reason: 'test',
      timeoutMs: 1000,
      app: { name: 'mbn-diag', version: '0' },
      isTrustedSender: (s) => s === 'window',
      files: previewFiles(folder),
    });
    return { host, folder };
  }

  const holds = (h: IpcHost<string>, logId: number) =>
    h.invoke('mbn:saved-log-holds', { logId }, 'window') as Promise<IpcResult<SavedLogHolds>>;

  it('counts none in a log recorded through the Windows MBN service', async () => {
    const { host, folder } = setup();
    writeFileSync(join(folder, 'kiosk.jsonl'), log('mbn', 300));
    const { logId } = await openSaved(host, 'kiosk.jsonl');
    expect(await holds(host, logId)).toEqual({ ok: true, value: { logId, mbimMessages: 0 } });
  });

  it('counts those of a log recorded through MBIM, in every bucket of its index', async () => {
    const { host, folder } = setup();
    const far = 2 * BUCKET_RECORDS + 10;
    writeFileSync(join(folder, 'linux.jsonl'), log('mbim', far + 5, [3, 4, far]));
    const { logId } = await openSaved(host, 'linux.jsonl');
    expect(await holds(host, logId)).toEqual({ ok: true, value: { logId, mbimMessages: 3 } });
  });

  // A file saved without a final newline: its last record is the export's, so the count's too.
  it('counts an MBIM message on a last line without its newline', async () => {
    const { host, folder } = setup();
    const file = join(folder, 'cut.jsonl');
    writeFileSync(file, log('mbim', 20));
    appendFileSync(file, JSON.stringify(mbimMessage(22)));
    const { logId } = await openSaved(host, 'cut.jsonl');
    expect(await holds(host, logId)).toEqual({ ok: true, value: { logId, mbimMessages: 1 } });
  });

  it('knows nothing of a .zip bundle, or of a log whose index cannot be had', async () => {
    const { host, folder } = setup();
    writeFileSync(join(folder, 'linux.jsonl'), log('mbim', 30, [5]));
    await exportFromPath({
      source: join(folder, 'linux.jsonl'),
      format: 'zip',
      destination: join(folder, 'linux.zip'),
      app: { name: 'mbn-diag', version: '0' },
    });
    const bundle = await openSaved(host, 'linux.zip');
    expect(await holds(host, bundle.logId)).toEqual({
      ok: true,
      value: { logId: bundle.logId, mbimMessages: null },
    });

    writeFileSync(join(folder, 'gone.jsonl'), log('mbn', 30));
    const gone = await openSaved(host, 'gone.jsonl');
    unlinkSync(join(folder, 'gone.jsonl'));
    expect(await holds(host, gone.logId)).toEqual({
      ok: true,
      value: { logId: gone.logId, mbimMessages: null },
    });
  });

  it('refuses a log that is no longer open', async () => {
    const { host, folder } = setup();
    writeFileSync(join(folder, 'a.jsonl'), log('mbn', 10));
    writeFileSync(join(folder, 'b.jsonl'), log('mbn', 10));
    const a = await openSaved(host, 'a.jsonl');
    await openSaved(host, 'b.jsonl');
    expect(await holds(host, a.logId)).toMatchObject({ ok: false, error: { code: 'open-failed' } });
  });
});
