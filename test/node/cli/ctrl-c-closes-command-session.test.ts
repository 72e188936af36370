/**
 * Ctrl+C while `query` (or `set`) waits for its command, in a command session it opened itself.
 * The command promises to leave the device as it found it, yet a stop left the session open.
 * Now it is closed before the command exits, within a bound (3 s, or a second Ctrl+C skips it),
 * and the one line printed says how that went; the run still ends, exit 130.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listJournalFiles, runEnd } from '../../../electron/core/journal-files.js';
import { pressCtrlC, type StoppedRun } from '../../support/press-ctrl-c.js';
import { SIERRA_DIAG } from '../../support/run-cli.js';

const ROOT = join(import.meta.dirname, '../../..');
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mbn-ctrl-c-session-'));
  made.push(dir);
  return dir;
}

/**
 * Runs `query 1 Sierra 4` (CID 4 never completes) and presses Ctrl+C once the command waits (the
 * list and the open take about 100 ms); `again`: presses it a second time this many ms later.
 */
function stopQuery(journalDir: string, scenario: string[], again?: number): Promise<StoppedRun> {
  const args = [
    ...scenario,
    '--reset-simulator',
    'query',
    '1',
    'Sierra',
    '4',
    '--timeout',
    '30000',
  ];
  return pressCtrlC(args, journalDir, again === undefined ? [1500] : [1500, 1500 + again]);
}

interface Record {
  kind: string;
  op?: string;
  to?: string;
}

/** The one run's records, and whether it ended properly. */
function theRun(journalDir: string): { records: Record[]; end: string } {
  const runs = readdirSync(journalDir).filter((name) => name.startsWith('run-'));
  expect(runs).toHaveLength(1);
  const runDir = join(journalDir, runs[0] ?? '');
  const records = listJournalFiles(runDir)
    .flatMap((file) => readFileSync(file, 'utf8').trimEnd().split('\n'))
    .map((line) => JSON.parse(line) as Record);
  return { records, end: runEnd(runDir) };
}

const commandSessionStates = (records: Record[]): (string | undefined)[] =>
  records.filter((r) => r.kind === 'command-session-state').map((r) => r.to);

/** The default scenario, its vendor service's command-session calls changed so. */
function vendorCommandSession(dir: string, change: object): string[] {
  const scenario = JSON.parse(
    readFileSync(join(ROOT, 'assets/scenarios/default.json'), 'utf8'),
  ) as { devices: { services: { serviceId: string; commands?: object }[] }[] };
  const vendor = scenario.devices[0]?.services.find((s) => s.serviceId === SIERRA_DIAG);
  if (!vendor?.commands) throw new Error('the default scenario changed: no vendor commands');
  Object.assign(vendor.commands, change);
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(scenario));
  return ['--scenario', file];
}

const CLOSE_LOST = { closeSession: { completion: 'lost' } };

/** The line said at once when the close starts, before the up to 3 s it may take. */
const closing = (what: 'opened' | 'was opening'): string =>
  `mbn-diag: Ctrl\\+C: closing the command session this command ${what} first \\(at most 3\\.00 s; Ctrl\\+C again to skip\\)…`;

/** When (ms after the announcement) stderr first held `text`. */
function saidAt(run: StoppedRun, text: string): number | undefined {
  let seen = '';
  for (const chunk of run.stderrChunks) {
    seen += chunk.text;
    if (seen.includes(text)) return chunk.atMs;
  }
  return undefined;
}

const STOPPED =
  'mbn-diag: Stopped by Ctrl\\+C while waiting for the completion of Query #\\d+: the request is left waiting, and its completion, if it comes, is not watched any more\\.';

describe('Ctrl+C while query waits, in a command session it opened', () => {
  it('closes the session before exiting, and says so in the one line', async () => {
    const journalDir = scratch();
    const run = await stopQuery(journalDir, []);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(
      new RegExp(
        `\\n${closing('opened')}\\n${STOPPED} The command session this command opened was then closed \\(Close command session #\\d+: succeeded in \\d+ ms\\)\\.\\n$`,
      ),
    );
    const { records, end } = theRun(journalDir);
    expect(end).toBe('ended');
    expect(commandSessionStates(records).at(-1)).toBe('closed');
    expect(records.filter((r) => r.kind === 'request').map((r) => r.op)).toEqual([
      'supported-commands',
      'open-command-session',
      'query',
      'close-command-session',
    ]);
  }, 90_000);

  it('waits at most 3 s for a close that never completes, then exits saying so', async () => {
    const journalDir = scratch();
    const run = await stopQuery(journalDir, vendorCommandSession(scratch(), CLOSE_LOST));
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(
      new RegExp(
        `\\n${closing('opened')}\\n${STOPPED} The command session this command opened may still be open: Close command session #\\d+ had no completion within 3\\.00 s\\.\\n$`,
      ),
    );
    // Said at once on Ctrl+C (pressed 1500 ms after the announcement), not after the 3 s.
    expect(saidAt(run, 'closing the command session')).toBeLessThan(1500 + 1000);
    expect(saidAt(run, 'Stopped by Ctrl+C')).toBeGreaterThanOrEqual(1500 + 2900);
    expect(theRun(journalDir).end).toBe('ended');
  }, 90_000);

  it('a second Ctrl+C skips the close at once; the run still ends', async () => {
    const journalDir = scratch();
    const run = await stopQuery(journalDir, vendorCommandSession(scratch(), CLOSE_LOST), 300);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(
      new RegExp(
        `\\n${closing('opened')}\\n${STOPPED} A second Ctrl\\+C skipped closing the command session: the session this command opened may still be open \\(Close command session #\\d+ not waited for\\)\\.\\n$`,
      ),
    );
    expect(theRun(journalDir).end).toBe('ended');
  }, 90_000);

  it('stopped while the open waits: an open that still succeeds is closed too', async () => {
    const journalDir = scratch();
    // The open completes 2.5 s after it is sent, 1 s after Ctrl+C, within the 3 s allowed.
    const slowOpen = { openSession: { delay: { fixed: 2500 } } };
    const run = await stopQuery(journalDir, vendorCommandSession(scratch(), slowOpen));
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(
      /\nmbn-diag: Ctrl\+C: closing the command session this command was opening first \(at most 3\.00 s; Ctrl\+C again to skip\)…\nmbn-diag: Stopped by Ctrl\+C while waiting for the completion of Open command session #\d+: .* The command session this command was opening opened after all, and was then closed \(Close command session #\d+: succeeded in \d+ ms\)\.\n$/,
    );
    const { records, end } = theRun(journalDir);
    expect(end).toBe('ended');
    expect(commandSessionStates(records).at(-1)).toBe('closed');
    expect(records.filter((r) => r.kind === 'request').map((r) => r.op)).toEqual([
      'supported-commands',
      'open-command-session',
      'close-command-session',
    ]);
  }, 90_000);
});
