/**
 * `mbn-diag watch` names the command a QUERY's or SET's completion answered, in its text lines and
 * (as `commandId`, the field `search --json` gives) in its JSON Lines: a support engineer piping
 * watch into jq could not tell which command completed. And never a wrong one: a completion whose
 * request watch did not print (another run's, another app's) names none.
 *
 * The watch process sends no request of its own, so the test appends the lines of one, written by
 * an earlier `mbn-diag query`, to the journal the watch prints, once its devices are listed, then
 * stops it as Ctrl+C does. It runs in this process, so the records can be appended to its journal.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JournalEntry, JournalRecord } from '../../../shared/journal/record.js';
import { runCli as runInProcess } from '../../../electron/cli/main.js';
import { DiagnosticsEngine } from '../../../electron/engine/diagnostics-engine.js';
import { runCli } from '../../support/run-cli.js';

type Line = Record<string, unknown>;

const journalDir = mkdtempSync(join(tmpdir(), 'mbn-watch-commands-'));
/** The records of one `query … radio_state`, from its journal run, and that run's ID. */
let query: { runId: string; request: Line; returned: Line; completion: Line };

beforeAll(async () => {
  const sent = await runCli(['query', '1', 'basic connect', 'radio_state'], { journalDir });
  expect(sent.code, sent.stderr).toBe(0);
  const [run] = readdirSync(journalDir).filter((name) => name.startsWith('run-'));
  const lines = readFileSync(join(journalDir, String(run), 'journal-000001.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((text) => JSON.parse(text) as Line);
  const request = lines.find((l) => l.kind === 'request' && l.commandId === 3);
  const of = (kind: string) => lines.find((l) => l.kind === kind && l.ref === request?.ref);
  const [start, returned, completion] = [lines[0], of('request-returned'), of('completion')];
  if (!start || !request || !returned || !completion) throw new Error('the query was not logged');
  query = { runId: String(start.runId), request, returned, completion };
});

afterAll(() => rmSync(journalDir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** A logged record as it is appended again: without the stamps the journal gives it. */
function entry(record: Line, change: Line = {}): JournalEntry {
  const fields = Object.entries({ ...record, ...change });
  const unstamped = fields.filter(([name]) => !['v', 'seq', 'time', 'mono'].includes(name));
  return Object.fromEntries(unstamped) as unknown as JournalEntry;
}

/**
 * What `watch` prints on stdout when `appended` are written to its journal once its devices are
 * listed, and a Ctrl+C then ends it.
 */
async function watch(json: boolean, appended: JournalEntry[]): Promise<string> {
  const before = new Set(process.listeners('SIGINT'));
  // The original, called below with the engine as `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const { listDevices } = DiagnosticsEngine.prototype;
  vi.spyOn(DiagnosticsEngine.prototype, 'listDevices').mockImplementation(async function (
    this: DiagnosticsEngine,
  ) {
    const listed = await listDevices.call(this);
    for (const record of appended) this.journal.append(record);
    // Watch's own Ctrl+C: the one listener added since it started.
    const added = process.listeners('SIGINT').filter((listener) => !before.has(listener));
    expect(added).toHaveLength(1);
    added[0]?.('SIGINT');
    return listed;
  });
  let stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  });
  const args = ['--backend', 'simulator', '--journal-dir', journalDir, 'watch'];
  const code = await runInProcess(json ? [...args, '--json'] : args);
  vi.restoreAllMocks();
  expect(code, stderr).toBe(0);
  return stdout;
}

/** Watch's JSON Lines, without its summary (on stderr). */
const records = (stdout: string): (JournalRecord & { commandId?: number })[] =>
  stdout
    .trim()
    .split('\n')
    .map((text) => JSON.parse(text) as JournalRecord & { commandId?: number });

describe('watch names the command of a query it printed', () => {
  it('on its completion and return, in text and as commandId in JSON', async () => {
    const lines = [entry(query.request), entry(query.returned), entry(query.completion)];
    const text = await watch(false, lines);
    expect(text).toMatch(
      /Z {2}EM7565 \(…8E47\) · Basic Connect · query RADIO_STATE \(CID 3\) #\d+ completed: S_OK .*8 bytes\n/,
    );
    expect(text).toMatch(
      /Z {2}EM7565 \(…8E47\) · Basic Connect · query RADIO_STATE \(CID 3\) accepted, request #\d+ /,
    );

    const json = records(await watch(true, lines));
    const ofQuery = json.filter((r) => 'ref' in r && r.ref === query.request.ref);
    expect(ofQuery.map((r) => [r.kind, r.commandId])).toEqual([
      ['request', 3],
      ['request-returned', 3],
      ['completion', 3],
    ]);
  });
});

describe('watch names no command for a completion whose request it did not print', () => {
  it("another run's (the request was written before watch started), or another app's", async () => {
    // First a query watch prints whole (under a ref of its own), on the same service and request
    // ID: a rule that named the service's last command, or went by request ID, would name it again
    // below. Then the earlier run's completion alone, under its request's ref there; and as the
    // journal records a completion some other program's request had: no ref, matched to nothing.
    const printed = [query.request, query.returned, query.completion].map((r) =>
      entry(r, { ref: 'r900' }),
    );
    const lines = [
      ...printed,
      entry(query.completion),
      entry(query.completion, {
        ref: null,
        match: 'unknown-request',
        outcome: null,
        latencyMs: null,
      }),
    ];
    const text = await watch(false, lines);
    const completed = text.split('\n').filter((l) => / completed: S_OK /.test(l));
    expect(completed).toEqual([
      expect.stringMatching(/ · Basic Connect · query RADIO_STATE \(CID 3\) #\d+ completed: S_OK /),
      expect.stringMatching(/ · Basic Connect · query #\d+ completed: S_OK /),
      expect.stringMatching(/ · Basic Connect · query #\d+ completed: S_OK /),
    ]);

    const json = records(await watch(true, lines));
    // What watch prints starts with its own run: nothing of the earlier one is read back.
    expect(json[0]).toMatchObject({ kind: 'run-start' });
    expect(json[0]).not.toMatchObject({ runId: query.runId });
    expect(json.filter((r) => r.kind === 'request')).toHaveLength(1);
    const completions = json.filter((r) => r.kind === 'completion');
    expect(completions.map((r) => r.commandId)).toEqual([3, undefined, undefined]);
    for (const completion of completions.slice(1))
      expect(completion).not.toHaveProperty('commandId');
  });
});
