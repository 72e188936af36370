/**
 * The name a saved log's export is offered under in the window: the modems the log lists and the
 * times the log spans, as a range's export names its range. A saved log of an EM120R-GL and a
 * second modem was offered as `mbn-diag_no-device_…`, which told a support engineer with ten
 * attachments nothing; two week-logs exported a minute apart as `…T1545Z.zip` and `…T1547Z.zip`.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportFormat } from '../../../electron/core/export/formats.js';
import { MAX_PAGE } from '../../../shared/log-window.js';
import type { IpcResult } from '../../../electron/ipc/contract.js';
import { IpcHost } from '../../../electron/ipc/ipc-host.js';
import { previewFiles } from '../../../electron/preview/preview-files.js';
import { openSaved } from './open-saved.js';
import { spyEngine } from './spy-engine.js';

/** Recorded on 23 November; exported on 5 December. */
const RECORDED = Date.UTC(2026, 10, 23, 9, 0, 0);
const EXPORTED = new Date(Date.UTC(2026, 11, 5, 9, 45, 30));

const base = (seq: number) => ({
  v: 2,
  seq,
  time: new Date(RECORDED + seq * 1000).toISOString(),
  mono: seq * 1000,
});

const runStart = {
  ...base(1),
  kind: 'run-start',
  format: 'mbn-diag-journal',
  runId: '0123456789abcdef0123456789abcdef',
  app: { name: 'mbn-diag', version: '0.1.0' },
  os: { platform: 'win32', release: '10.0.19045', arch: 'x64' },
  backend: { kind: 'mbn', label: 'Windows MBN', reason: 'test' },
};

const deviceInfo = (seq: number, interfaceId: string, model: string) => ({
  ...base(seq),
  kind: 'device-info',
  interfaceId,
  manufacturer: 'Quectel',
  model,
  firmware: '1.0',
  deviceId: '359072061234567',
  readyState: 'initialized',
});

const error = (seq: number) => ({ ...base(seq), kind: 'error', message: 'm', context: 'c' });

/** A log of `count` records, the EM120R-GL listed first and the second modem at `secondAt`. */
function log(count: number, secondAt: number): string {
  const records: object[] = [runStart, deviceInfo(2, '{A}', 'EM120R-GL')];
  for (let seq = 3; seq <= count; seq++)
    records.push(seq === secondAt ? deviceInfo(seq, '{B}', 'EM7565') : error(seq));
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}

describe("a saved log's export name", () => {
  let dir: string | undefined;
  let host: IpcHost<string> | undefined;
  afterEach(() => {
    vi.useRealTimers();
    host?.dispose();
    host = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function setup() {
    dir = mkdtempSync(join(tmpdir(), 'ipc-export-name-'));
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

  /** The name the export of the open log was offered and saved under. */
  async function exportName(
    h: IpcHost<string>,
    logId: number,
    format: ExportFormat = 'jsonl',
  ): Promise<string> {
    const result = (await h.invoke(
      'mbn:export-log',
      { exportId: 1, format, redact: true, savedLogId: logId },
      'window',
    )) as IpcResult<{ fileName: string }>;
    if (!result.ok) throw new Error(result.error.message);
    return result.value.fileName;
  }

  it("says the log's modems and the times it spans, not when it was exported", async () => {
    const { host, folder } = setup();
    writeFileSync(join(folder, 'kiosk.jsonl'), log(200, 3));
    const { logId } = await openSaved(host, 'kiosk.jsonl');
    vi.useFakeTimers({ toFake: ['Date'], now: EXPORTED });
    // Its records from 09:00:01 to 09:03:20 on 23 November.
    expect(await exportName(host, logId)).toBe(
      'mbn-diag_EM120R-GL+EM7565_2026-11-23T0900Z-0903Z.jsonl',
    );
  });

  // The review's kiosk logs: requests alone, no device record. Every view calls the modem
  // "unknown model (…0001)"; the file was offered as "no-device".
  it('names a modem known by its interface ID only as the views do', async () => {
    const { host, folder } = setup();
    const request = (seq: number) => ({
      ...base(seq),
      kind: 'request',
      interfaceId: '{3a1c0d57-5e1b-4c1f-9d55-0b8b6a6f0001}',
      serviceId: '{533fbeeb-14fe-4467-9f90-33a223e56c3f}',
      serviceName: 'SMS',
      ref: `r${String(seq)}`,
      op: 'query',
      outcome: 'sending',
      sessionOpenBefore: true,
    });
    const lines = [runStart, request(2), request(3)].map((r) => `${JSON.stringify(r)}\n`);
    writeFileSync(join(folder, 'kiosk.jsonl'), lines.join(''));
    const { logId } = await openSaved(host, 'kiosk.jsonl');
    expect(await exportName(host, logId)).toBe(
      'mbn-diag_unknown-model-0001_2026-11-23T0900Z.jsonl',
    );
  });

  // A week-long log: the second modem is plugged in after the rows of the window's first page,
  // and found through the index the window's pages share.
  it('names a modem first listed past the first page, from the log’s index', async () => {
    const { host, folder } = setup();
    const far = MAX_PAGE * 3;
    writeFileSync(join(folder, 'week.jsonl'), log(far + 100, far));
    const { logId } = await openSaved(host, 'week.jsonl');
    // Its index built, as the window's next page or a search has it built.
    await host.invoke('mbn:saved-log-holds', { logId }, 'window');
    // Its span from the index's buckets: 09:00:01 to 10:41:40.
    expect(await exportName(host, logId)).toBe(
      'mbn-diag_EM120R-GL+EM7565_2026-11-23T0900Z-1041Z.jsonl',
    );
  });

  it('names the modems of a .zip bundle from its manifest', async () => {
    const { host, folder } = setup();
    writeFileSync(join(folder, 'kiosk.jsonl'), log(50, 40));
    const bundle = await exportName(host, (await openSaved(host, 'kiosk.jsonl')).logId, 'zip');
    expect(bundle).toBe('mbn-diag_EM120R-GL+EM7565_2026-11-23T0900Z.zip');
    // Opened under another name, the bundle's manifest says its modems and first and last times.
    renameSync(join(folder, bundle), join(folder, 'from-the-customer.zip'));
    const { logId } = await openSaved(host, 'from-the-customer.zip');
    vi.useFakeTimers({ toFake: ['Date'], now: EXPORTED });
    expect(await exportName(host, logId, 'csv')).toBe(
      'mbn-diag_EM120R-GL+EM7565_2026-11-23T0900Z.csv',
    );
  });
});
