/**
 * `mbn-diag search` names each match's modem ("EM7565 (…0001)") from the log's device records.
 * That pass over the log ran before the search: at ten million events the terminal stayed blank
 * 12-21 s before the first match, even for `--request r7`, which the index answers at once. It
 * now runs beside the search, and a match is printed as soon as its modem has been described.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as LogSearch from '../../../electron/core/log-search.js';
import { runCli as runInProcess } from '../../../electron/cli/main.js';
import { runCli } from '../../support/run-cli.js';
import { SMS, requestEntries } from '../../support/journal-traffic.js';

/**
 * The names pass over an indexed log is made to hang once it has read every device record, as a
 * week-long log's pass over hundreds of buckets seems to a technician: it ends only when stopped.
 * (A log's first search builds its index in that pass, and the search waits for it.)
 */
vi.mock('../../../electron/core/log-search.js', async (importOriginal) => {
  const real = await importOriginal<typeof LogSearch>();
  const searchLog: typeof real.searchLog = async (path, query, options) => {
    const summary = await real.searchLog(path, query, options);
    if (!query.kinds?.includes('device-info') || summary.indexed > 0) return summary;
    return new Promise((_resolve, reject) => {
      const signal = options.signal;
      if (!signal) return;
      signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
    });
  };
  return { ...real, searchLog };
});

afterEach(() => {
  vi.restoreAllMocks();
});

const DEVICE = {
  kind: 'device-info',
  interfaceId: SMS.interfaceId,
  manufacturer: 'Sierra Wireless',
  model: 'EM7565',
  firmware: '1.0',
  deviceId: '359072061234567',
  readyState: 'initialized',
};

/** A saved log: the modem described, then `requests` requests to it, or described last. */
function savedLog(requests: number, describedLast = false): string {
  const entries = Array.from({ length: requests }, (_, i) => requestEntries(i + 1)).flat();
  const ordered = describedLast ? [...entries, DEVICE] : [DEVICE, ...entries];
  const lines = ordered.map((entry, i) =>
    JSON.stringify({ v: 2, seq: i + 1, time: '2026-01-05T08:00:00.000Z', mono: i, ...entry }),
  );
  const file = join(mkdtempSync(join(tmpdir(), 'mbn-search-names-')), 'kiosk.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** The command run in this process: its code, stdout and stderr; 'hung' when it did not end. */
async function searchInProcess(
  args: string[],
  journalDir: string,
): Promise<{ code: number | 'hung'; stdout: string }> {
  let stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(((
    chunk: string | Uint8Array,
    done?: (error?: Error | null) => void,
  ) => {
    stdout += chunk.toString();
    done?.();
    return true;
  }) as typeof process.stdout.write);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>(
    (resolve) => (timer = setTimeout(() => resolve('hung'), 10_000)),
  );
  const code = await Promise.race([runInProcess(['--journal-dir', journalDir, ...args]), hung]);
  clearTimeout(timer);
  if (code === 'hung') process.emit('SIGINT', 'SIGINT');
  vi.restoreAllMocks();
  return { code, stdout };
}

describe("mbn-diag search names the matches' modems", () => {
  it('prints a match, named, while the pass over the log for the names still runs', async () => {
    const log = savedLog(3000);
    const journalDir = mkdtempSync(join(tmpdir(), 'mbn-search-names-j-'));
    // Its first search indexes it.
    expect((await searchInProcess(['search', log, '--request', 'r8'], journalDir)).code).toBe(0);
    const run = await searchInProcess(['search', log, '--request', 'r7'], journalDir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^#\d+ +2026-01-05 08:00:00.000 Z +.* EM7565 \(…0001\) · SMS · /m);
  }, 30_000);

  it('still names a modem that the log describes only after the match', async () => {
    const run = await runCli(['search', savedLog(3000, true), '--request', 'r7']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toContain(' EM7565 (…0001) · SMS · ');
  });
});
