/**
 * Export and saved-log channels against the real engine and the preview's fixed folder: the file
 * lands where main chose (never where the page said), identifiers are redacted unless the request
 * said otherwise, and a saved log opens read-only with its rows, or its problems in words.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator } from '../../../electron/backends/select-backend.js';
import { ManualClock } from '../../../electron/core/clock.js';
import { DiagnosticsEngine } from '../../../electron/engine/diagnostics-engine.js';
import type { IpcResult, SavedLogChoices, SavedLogOpened } from '../../../electron/ipc/contract.js';
import { IpcHost } from '../../../electron/ipc/ipc-host.js';
import { previewFiles } from '../../../electron/preview/preview-files.js';
import { openSaved } from './open-saved.js';

const SIERRA = '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}';

describe('export and saved-log channels', () => {
  let dir: string | undefined;
  let closeAll: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await closeAll?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  async function setup() {
    dir = mkdtempSync(join(tmpdir(), 'ipc-files-'));
    const clock = new ManualClock();
    const engine = new DiagnosticsEngine({
      backend: createSimulator({ clock }),
      clock,
      journalDir: join(dir, 'journal'),
      backendReason: 'because',
      app: { name: 'mbn-diag', version: '0' },
      timeoutMs: 1000,
    });
    const folder = join(dir, 'files');
    const host = new IpcHost<string>({
      engine,
      reason: 'because',
      timeoutMs: 1000,
      app: { name: 'mbn-diag', version: '0' },
      isTrustedSender: (s) => s === 'window',
      files: previewFiles(folder),
    });
    closeAll = async () => {
      host.dispose();
      await engine.close();
    };
    await host.invoke('mbn:list-devices', {}, 'window');
    await host.invoke('mbn:list-services', { interfaceId: SIERRA }, 'window');
    return { host, folder, engine };
  }

  it('writes the export into the folder main chose, redacted when asked', async () => {
    const { host, folder } = await setup();
    const result = await host.invoke(
      'mbn:export-log',
      { exportId: 1, format: 'jsonl', redact: true },
      'window',
    );
    expect(result).toMatchObject({ ok: true, value: { redacted: true, format: 'jsonl' } });
    const files = readdirSync(folder);
    expect(files).toHaveLength(1);
    const text = readFileSync(join(folder, files[0] ?? ''), 'utf8');
    expect(text).toContain('"kind":"device-info"');
    // The simulator's IMEI-like device IDs never appear in a redacted export.
    expect(text).not.toMatch(/"deviceId":"\d{15}"/);
    // …and the same export with redaction deliberately off has them: the check above can fail.
    await host.invoke('mbn:export-log', { exportId: 9, format: 'jsonl', redact: false }, 'window');
    const second = readdirSync(folder).find((f) => f !== files[0]) ?? '';
    expect(readFileSync(join(folder, second), 'utf8')).toMatch(/"deviceId":"\d{15}"/);
  });

  it('exports only the time range asked for, refuses one ending before it starts, and says an empty one', async () => {
    const { host, folder } = await setup();
    // The session's clock starts at 2026-11-23 09:00 UTC and stands still in this test.
    const start = Date.UTC(2026, 10, 23, 9, 0, 0);
    const backwards = await host.invoke(
      'mbn:export-log',
      { exportId: 1, format: 'jsonl', redact: true, range: { from: start + 1, to: start } },
      'window',
    );
    expect(backwards).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const empty = await host.invoke(
      'mbn:export-log',
      {
        exportId: 2,
        format: 'jsonl',
        redact: true,
        range: { from: start + 60_000, to: start + 120_000 },
      },
      'window',
    );
    expect(empty).toMatchObject({
      ok: false,
      error: {
        // Refused for what was asked, not failed: said with the times to choose within.
        code: 'export-refused',
        message: expect.stringMatching(
          /^Nothing was logged from 2026-11-23 09:01:00\.000 Z to 2026-11-23 09:02:00\.000 Z: .* The log's times run from 2026-11-23 09:00:00\.000 Z to /,
        ) as string,
      },
    });
    // Nothing written, not even an empty file.
    expect(readdirSync(folder)).toEqual([]);
    const range = { from: start, to: start + 60_000 };
    const result = await host.invoke(
      'mbn:export-log',
      { exportId: 3, format: 'jsonl', redact: true, range },
      'window',
    );
    expect(result).toMatchObject({ ok: true, value: { range } });
    const [header = ''] = readFileSync(join(folder, readdirSync(folder)[0] ?? ''), 'utf8').split(
      '\n',
    );
    expect(JSON.parse(header)).toMatchObject({
      range: { from: '2026-11-23T09:00:00.000Z', to: '2026-11-23T09:01:00.000Z' },
    });
  });

  // A support engineer exports a range's export (an hour; here a minute) again, as a report: its
  // name said the day it was exported again (the range it holds gone from it), and its result
  // "the whole log".
  it('names a range’s export exported again by the range it holds, and says it holds that', async () => {
    const { host, folder } = await setup();
    const start = Date.UTC(2026, 10, 23, 9, 0, 0);
    const range = { from: start, to: start + 60_000 };
    await host.invoke(
      'mbn:export-log',
      { exportId: 1, format: 'jsonl', redact: true, range },
      'window',
    );
    const [hour = ''] = readdirSync(folder);
    expect(hour).toMatch(/_2026-11-23T0900Z-0901Z\.jsonl$/);
    const { logId } = await openSaved(host, hour);
    for (const [exportId, format] of [
      [2, 'html'],
      [3, 'jsonl'],
    ] as const) {
      const again = await host.invoke(
        'mbn:export-log',
        { exportId, format, redact: true, savedLogId: logId },
        'window',
      );
      expect(again).toMatchObject({ ok: true, value: { range } });
      if (!again.ok) continue;
      expect((again.value as { fileName: string }).fileName).toMatch(
        // The same modems and range as the export it was made from: the folder's "-1" beside it.
        new RegExp(`_2026-11-23T0900Z-0901Z(-\\d)?\\.${format}$`),
      );
    }
  });

  it('refuses a path from the page: the payload has no place for one', async () => {
    const { host, folder } = await setup();
    const result = await host.invoke(
      'mbn:export-log',
      { exportId: 1, format: 'csv', redact: true, destination: '/tmp/evil.csv' },
      'window',
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const open = await host.invoke('mbn:open-saved-log', { name: '../journal/x.jsonl' }, 'window');
    expect(open).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(() => readdirSync(folder)).toThrow();
  });

  it('exports the saved log open by its id, and refuses one that is not open, writing nothing', async () => {
    const { host, folder } = await setup();
    await host.invoke('mbn:export-log', { exportId: 1, format: 'jsonl', redact: false }, 'window');
    const [source = ''] = readdirSync(folder);
    const opened = (await host.invoke(
      'mbn:open-saved-log',
      { name: source },
      'window',
    )) as IpcResult<SavedLogOpened>;
    if (!opened.ok || 'cancelled' in opened.value) throw new Error('not opened');
    const logId = opened.value.logId;
    const stale = await host.invoke(
      'mbn:export-log',
      { exportId: 2, format: 'jsonl', redact: true, savedLogId: logId + 1 },
      'window',
    );
    expect(stale).toMatchObject({ ok: false, error: { code: 'open-failed' } });
    expect(readdirSync(folder)).toEqual([source]);
    const result = await host.invoke(
      'mbn:export-log',
      { exportId: 3, format: 'jsonl', redact: true, savedLogId: logId },
      'window',
    );
    expect(result).toMatchObject({ ok: true, value: { redacted: true } });
    const made = readdirSync(folder).find((f) => f !== source) ?? '';
    const [header = '', ...lines] = readFileSync(join(folder, made), 'utf8').split('\n');
    expect((JSON.parse(header) as { source: string }).source).toBe(source);
    // The saved log's own lines, redacted: its device IDs are gone.
    expect(lines.filter((l) => l.includes('"kind":"device-info"')).length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toMatch(/"deviceId":"\d{15}"/);
  });

  it('opens only a file the folder offers, read-only, with its rows', async () => {
    const { host, folder } = await setup();
    await host.invoke('mbn:export-log', { exportId: 2, format: 'jsonl', redact: true }, 'window');
    const listed = (await host.invoke(
      'mbn:list-saved-logs',
      {},
      'window',
    )) as IpcResult<SavedLogChoices>;
    expect(listed.ok && listed.value.files.map((f) => f.name)).toEqual([readdirSync(folder)[0]]);
    const unlisted = await host.invoke('mbn:open-saved-log', { name: 'other.jsonl' }, 'window');
    expect(unlisted).toEqual({ ok: true, value: { cancelled: true } });
    const name = readdirSync(folder)[0] ?? '';
    const opened = (await host.invoke(
      'mbn:open-saved-log',
      { name },
      'window',
    )) as IpcResult<SavedLogOpened>;
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.readOnly).toBe(true);
    expect(opened.value.rows.map((r) => r.record.kind)).toContain('device-info');
    expect(opened.value.problems).toEqual([]);
  });

  it('a damaged file opens with its readable rows and its problems in words', async () => {
    const { host, folder } = await setup();
    await host.invoke('mbn:export-log', { exportId: 3, format: 'jsonl', redact: true }, 'window');
    const name = readdirSync(folder)[0] ?? '';
    const lines = readFileSync(join(folder, name), 'utf8').split('\n');
    lines.splice(2, 0, '{"this is": not json');
    writeFileSync(join(folder, 'damaged.jsonl'), lines.join('\n'));
    const opened = (await host.invoke(
      'mbn:open-saved-log',
      { name: 'damaged.jsonl' },
      'window',
    )) as IpcResult<SavedLogOpened>;
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.rows.length).toBeGreaterThan(1);
    expect(opened.value.problems[0]?.line).toBe(3);
    expect(opened.value.problems[0]?.message.length).toBeGreaterThan(5);
  });

  it('a file that is not a log says so', async () => {
    const { host, folder } = await setup();
    await host.invoke('mbn:list-saved-logs', {}, 'window');
    writeFileSync(join(folder, 'notes.jsonl'), 'shopping list\nmilk\neggs\n'.repeat(50));
    const opened = await host.invoke('mbn:open-saved-log', { name: 'notes.jsonl' }, 'window');
    expect(opened).toMatchObject({ ok: false, error: { code: 'open-failed' } });
  });
});
