import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../../support/run-cli.js';
import { DIAG, RARE_HRESULT, requestEntries } from '../../support/journal-traffic.js';

/** A saved log of 3000 requests; r1000, r2000 and r3000 refused at once with E_ACCESSDENIED. */
function savedLog(): string {
  const lines: string[] = [];
  for (let n = 1; n <= 3000; n++)
    for (const entry of requestEntries(n, { rareEvery: 1000, failEvery: 700 })) {
      const base = { v: 2, seq: lines.length + 1, time: '2026-01-05T08:00:00.000Z', mono: n };
      lines.push(JSON.stringify({ ...base, ...entry }));
    }
  // A hostile service name: a search that prints it must not let it clear the screen.
  const hostile = { ...requestEntries(3001)[0], serviceName: 'evil\u001b[2J' };
  lines.push(
    JSON.stringify({
      v: 2,
      seq: lines.length + 1,
      time: '2026-01-05T09:00:00.000Z',
      mono: 1,
      ...hostile,
    }),
  );
  const file = join(mkdtempSync(join(tmpdir(), 'mbn-cli-search-')), 'kiosk.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('mbn-diag search', () => {
  const file = savedLog();

  it('finds a rare HRESULT across the whole log, one line per match, and counts them', async () => {
    const run = await runCli(['search', file, '--hresult', RARE_HRESULT]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines)
      expect(line).toMatch(/^#\d+ +2026-01-05 08:00:00.000 Z +Refused at once +.*E_ACCESSDENIED/);
    expect(run.stderr).toMatch(/3 matches/);
    // By the name every view shows it by, as well.
    const named = await runCli(['search', file, '--hresult', 'E_ACCESSDENIED']);
    expect(named.stdout).toBe(run.stdout);
  });

  // A hit is read alone: a call's "Waiting", its completion a line later, read as a call in flight.
  it('says a call it finds was waiting when logged, as the window and the report do', async () => {
    const run = await runCli(['search', file, '--request', '1042']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^#\d+ +\S+ \S+ Z +Waiting when logged +.* close accepted, request #1042/m,
    );
    expect(run.stdout).toMatch(/^#\d+ +\S+ \S+ Z +Succeeded +.* close #1042 completed/m);
  });

  // The ID is given when the call returns: the entry of the request's sending (when it left)
  // holds only its reference, and a technician searching the ID lost it without a word.
  it('names the reference that finds the sending of a request searched by its ID', async () => {
    const run = await runCli(['search', file, '--request', '#1042']);
    expect(run.stdout).not.toMatch(/close data session sent/);
    expect(run.stderr).toMatch(/entry of its sending is not among these: search for r42 to see it/);
    const byRef = await runCli(['search', file, '--request', 'r42']);
    expect(byRef.stdout).toMatch(
      /^#\d+ +\S+ \S+ Z +Sending when logged +.*close data session sent/m,
    );
    expect(byRef.stderr).not.toMatch(/search for r42/);
  });

  it('searches a .zip bundle as it searches its log, leaving no copy behind', async () => {
    const bundle = join(mkdtempSync(join(tmpdir(), 'mbn-cli-bundle-')), 'kiosk.zip');
    const exported = await runCli(['export', file, '--format', 'zip', '--out', bundle]);
    expect(exported.code).toBe(0);
    const copies = () => readdirSync(tmpdir()).filter((f) => f.startsWith('mbn-diag-bundle-'));
    const before = copies();
    const run = await runCli(['search', bundle, '--hresult', RARE_HRESULT]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(3);
    expect(run.stderr).toMatch(/3 matches/);
    // The export's header line is no damage to report.
    expect(run.stderr).not.toMatch(/damaged/);
    expect(copies().filter((c) => !before.includes(c))).toEqual([]);
  });

  // "--service nope" answered "0 matches", exit 1: read as "no failures on that service".
  it('says when the service asked for is none of the log’s, naming those it has, exit 2', async () => {
    const run = await runCli(['search', file, '--service', 'nope', '--outcome', 'failed']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /No service in the log is named or numbered “nope”\. Its services: /,
    );
    expect(run.stderr).toMatch(/Its services: SMS, Sierra Diagnostics Stream\./);
    // A service the log has, with nothing to match: the plain count, exit 1.
    const none = await runCli(['search', file, '--service', 'SMS', '--hresult', '0x80004005']);
    expect(none.stderr).not.toMatch(/No service in the log/);
  });

  // "--service s" matched SMS and Sierra Diagnostics Stream and counted both as one service's,
  // where `close` refuses a name that is two services'.
  it('refuses an empty log argument in words, not as the current folder', async () => {
    const run = await runCli(['search', '', '--outcome', 'failed']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'mbn-diag: No log was named: give a run folder, a journal file or a .zip bundle.\n',
    );
  });

  it('says when the service asked for matched several, naming them', async () => {
    const both = await runCli(['search', file, '--service', 's', '--outcome', 'failed']);
    expect(both.code).toBe(0);
    expect(both.stderr).toContain(
      'mbn-diag: note: --service "s" matched 2 services, searched together: SMS, Sierra Diagnostics Stream. Give more of a name, or an ID, for one.',
    );
    const one = await runCli(['search', file, '--service', 'sms', '--outcome', 'failed']);
    expect(one.stderr).not.toContain('matched');
  });

  it('says how many damaged lines it could not search', async () => {
    const damaged = join(mkdtempSync(join(tmpdir(), 'mbn-cli-damaged-')), 'kiosk.jsonl');
    writeFileSync(damaged, `${readFileSync(file, 'utf8')}{"v":2,"seq":99999,"time":"2026-01\n`);
    const run = await runCli(['search', damaged, '--hresult', RARE_HRESULT]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/3 matches/);
    expect(run.stderr).toContain('1 damaged line could not be read, so it was not searched.');
  });

  // "close accepted" is how the log's rows read; the records hold "outcome":"waiting". Found 0,
  // with nothing more said, it read as "it never happened".
  it('says words are looked for as logged, when the words asked for match nothing', async () => {
    const run = await runCli(['search', file, '--text', 'close accepted']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'Words are looked for in the entries as they were logged (names, codes, statuses, messages), not in the sentences the log shows for them: “close accepted” may be one of those.',
    );
    const found = await runCli(['search', file, '--text', 'E_ACCESSDENIED']);
    expect(found.stderr).not.toContain('as they were logged');
    // A token copied from an export's rows: no log holds it, the identifier it hid is (a review).
    const token = await runCli(['search', file, '--text', 'IMEI-1']);
    expect(token.code).toBe(1);
    expect(token.stderr).toContain(
      '“IMEI-1” is a token an export or a search writes in place of an identifier it hides (each numbers its own): the log holds the identifier itself.',
    );
  });

  // Given twice, the last alone was searched for: the failures left out without a word.
  it('searches for any of the outcomes given, and refuses problems beside another', async () => {
    const both = await runCli([
      ...['search', file, '--outcome', 'failed', '--outcome', 'refused', '--json'],
    ]);
    expect(both.code).toBe(0);
    const outcomes = both.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { record: { outcome: string } }).record.outcome);
    const failed = await runCli(['search', file, '--outcome', 'failed', '--json']);
    const refused = await runCli(['search', file, '--outcome', 'refused', '--json']);
    const count = (run: { stdout: string }) => run.stdout.trim().split('\n').length;
    expect(new Set(outcomes)).toEqual(new Set(['failed', 'refused']));
    expect(outcomes).toHaveLength(count(failed) + count(refused));
    const mixed = await runCli(['search', file, '--outcome', 'problems', '--outcome', 'failed']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('--outcome problems takes in failed, refused');
  });

  // The matches print "Failed" and "Call failed": copied into --outcome, they were refused.
  it('takes an outcome in any case, as the matches print it, and refuses one there is not', async () => {
    const lower = await runCli(['search', file, '--outcome', 'failed', '--json']);
    const printed = await runCli(['search', file, '--outcome', 'Failed', '--json']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(lower.stdout);
    const problems = await runCli(['search', file, '--outcome', 'PROBLEMS', '--json']);
    expect(problems.code).toBe(0);
    const callFailed = await runCli(['search', file, '--outcome', 'Call failed']);
    expect(callFailed.stderr).not.toMatch(/invalid/);
    // The words a refused match prints, pasted back: they were refused as no outcome.
    const refused = await runCli(['search', file, '--outcome', 'refused', '--json']);
    const refusedPrinted = await runCli(['search', file, '--outcome', 'Refused at once', '--json']);
    expect(refusedPrinted.stderr).not.toMatch(/invalid/);
    expect(refusedPrinted.stdout).toBe(refused.stdout);
    const unknown = await runCli(['search', file, '--outcome', 'Broken']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      "option '--outcome <outcome>' argument 'Broken' is invalid. Allowed choices are problems, sending,",
    );
    // No record says it: taken, it matched nothing, read as no request left hanging (a review).
    const unfinished = await runCli(['search', file, '--outcome', 'Unfinished']);
    expect(unfinished.code).toBe(2);
    expect(unfinished.stderr).toContain(
      "No record says 'unfinished': a request is unfinished when its log ends before its outcome is logged. The report (export --format html) lists them by name, under Left waiting when their run ended",
    );
  });

  it('combines conditions, and says with exit 1 that nothing matched', async () => {
    const failed = await runCli([
      'search',
      file,
      '--outcome',
      'failed',
      '--service',
      'diagnostics',
      '--json',
    ]);
    expect(failed.code).toBe(0);
    const rows = failed.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { record: { serviceName: string; outcome: string } });
    expect(rows.length).toBeGreaterThan(0);
    for (const { record } of rows)
      expect(record).toMatchObject({ serviceName: DIAG.serviceName, outcome: 'failed' });

    // "Anything that went wrong", as the log's filter offers it: a review's --outcome failed found
    // none in a log of refusals and failures.
    const problems = await runCli(['search', file, '--outcome', 'problems', '--json']);
    expect(problems.code).toBe(0);
    const outcomes = new Set(
      problems.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { record: { outcome: string } }).record.outcome),
    );
    expect(outcomes).toEqual(new Set(['refused', 'failed']));

    // The backend going away is a problem too, though no request's outcome says so.
    const outage = join(mkdtempSync(join(tmpdir(), 'mbn-cli-outage-')), 'kiosk.jsonl');
    const status = (seq: number, available: boolean, message: string) =>
      JSON.stringify({
        v: 2,
        seq,
        time: `2026-01-05T08:00:0${String(seq)}.000Z`,
        mono: seq,
        kind: 'backend-status',
        backend: 'mbn',
        available,
        message,
      });
    writeFileSync(
      outage,
      [status(1, true, 'Up.'), status(2, false, 'Stopped answering.'), status(3, true, 'Back.')]
        .map((line) => `${line}\n`)
        .join(''),
    );
    const down = await runCli(['search', outage, '--outcome', 'problems']);
    expect(down.code).toBe(0);
    expect(down.stdout.trim().split('\n')).toEqual([
      // Its word where a request's line has its outcome, as the window and the report say it.
      expect.stringMatching(
        /^#2 +\S+ \S+ Z +Unavailable +backend mbn unavailable: Stopped answering\.$/,
      ),
    ]);
    // Spaces alone are no service: asked for every record, they are refused.
    const blank = await runCli(['search', outage, '--service', '   ']);
    expect(blank.code).toBe(2);
    expect(blank.stderr).toMatch(/--service needs something to look for/);

    const none = await runCli(['search', file, '--request', 'r99999']);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('');
  });

  it('names the modem and service of each match, as the window does, the models learnt from anywhere in the log', async () => {
    // The modem is described once, at the start; the failures come thousands of lines later.
    const described = {
      kind: 'device-info',
      interfaceId: DIAG.interfaceId,
      manufacturer: 'Sierra Wireless, Incorporated',
      model: 'EM7565',
      firmware: 'SWI9X50C_01.14.02.00',
      deviceId: '490154203237518',
      readyState: 'initialized',
    };
    const lines = [
      JSON.stringify({ v: 2, seq: 1, time: '2026-01-05T07:59:59.000Z', mono: 0, ...described }),
    ];
    // A second modem, plugged in thousands of lines later, fails its own requests after that.
    const LATE = '{3a1c0d57-5e1b-4c1f-9d55-0b8b6a6f0777}';
    const arrived = { kind: 'device-arrival', interfaceId: LATE, model: 'RM520N' };
    const at = (n: number, entry: object) =>
      JSON.stringify({
        v: 2,
        seq: lines.length + 1,
        time: '2026-01-05T08:00:00.000Z',
        mono: n,
        ...entry,
      });
    for (let n = 1; n <= 3000; n++) {
      if (n === 2000) lines.push(at(n, arrived));
      for (const entry of requestEntries(n, { failEvery: 700 }))
        lines.push(at(n, { ...entry, ...(n > 2000 ? { interfaceId: LATE } : {}) }));
    }
    const log = join(mkdtempSync(join(tmpdir(), 'mbn-cli-search-')), 'described.jsonl');
    writeFileSync(log, lines.join('\n') + '\n');
    const run = await runCli(['search', log, '--outcome', 'failed']);
    expect(run.code, run.stderr).toBe(0);
    const found = run.stdout.trim().split('\n');
    const named = (model: string) =>
      new RegExp(
        `^#\\d+ +2026-01-05 08:00:00.000 Z +Failed +${model} · (SMS|Sierra Diagnostics Stream) · close #\\d+ completed: E_MBN_SIM_NOT_INSERTED`,
      );
    expect(found.filter((line) => named('EM7565 \\(…0001\\)').test(line)).length).toBeGreaterThan(
      1,
    );
    expect(found.filter((line) => named('RM520N \\(…0777\\)').test(line)).length).toBeGreaterThan(
      0,
    );
    expect(found.every((line) => named('(EM7565 \\(…0001\\)|RM520N \\(…0777\\))').test(line))).toBe(
      true,
    );
    // Its IMEI is never part of its name, nor anywhere in the output.
    expect(run.stdout).not.toContain('490154203237518');
  });

  // A run that ended abnormally is kept from pruning until someone has looked at it: a search
  // of it is a look, as opening it in the window is, however far the search gets (here its
  // reader goes away at the first match, as `| head -1` does).
  it('marks a run of the app’s own journal as looked at, though stopped at its first match', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'mbn-cli-seen-'));
    await runCli(['close', '1', 'sms'], { journalDir });
    const [name] = readdirSync(journalDir).filter((n) => n.startsWith('run-'));
    const run = join(journalDir, name ?? '');
    rmSync(join(run, 'seen'), { force: true });
    // Long enough that the search is still reading when its reader goes away.
    const lines: string[] = [];
    for (let n = 1; n <= 30_000; n++)
      for (const entry of requestEntries(n))
        lines.push(
          JSON.stringify({
            v: 2,
            seq: 1000 + lines.length,
            time: '2026-01-05T08:00:00.000Z',
            mono: n,
            ...entry,
          }),
        );
    appendFileSync(join(run, 'journal-000001.jsonl'), `${lines.join('\n')}\n`);
    const child = spawnCli(['search', run, '--text', 'close'], journalDir);
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(0);
    expect(readdirSync(run)).toContain('seen');
  });

  // A review searched a journal folder for a refusal some runs old and was told "0 matches",
  // with no word that only the newest run was read.
  it('says when a journal folder holds other runs than the newest it searched', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'mbn-cli-runs-'));
    await runCli(['close', '1', 'sms'], { journalDir });
    await runCli(['close', '1', 'diag'], { journalDir });
    const runs = readdirSync(journalDir).filter((n) => n.startsWith('run-'));
    expect(runs).toHaveLength(2);
    const run = await runCli(['search', journalDir, '--outcome', 'refused'], { journalDir });
    expect(run.stderr).toContain(
      `holds 2 runs; searching the newest, ${runs.sort().at(-1) ?? ''}. Add --all-runs to search every run, or name a run folder to search another.`,
    );
    // A run folder named: nothing to say.
    const one = await runCli(['search', join(journalDir, runs[0] ?? ''), '--outcome', 'refused'], {
      journalDir,
    });
    expect(one.stderr).not.toContain('holds');
  });

  // A kiosk that lost power as the app started leaves a run with an empty first file: taken as
  // the newest, it hid every run before it behind "holds no records".
  it('passes over a run that died as it started, to the newest that holds records', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'mbn-cli-runs-'));
    await runCli(['close', '1', 'sms'], { journalDir });
    await runCli(['close', '1', 'diag'], { journalDir });
    const kept = readdirSync(journalDir)
      .filter((n) => n.startsWith('run-'))
      .sort()
      .at(-1);
    const died = join(journalDir, 'run-29990101T000000000Z-abcdef');
    mkdirSync(died);
    writeFileSync(join(died, 'journal-000001.jsonl'), '');
    writeFileSync(join(died, 'writer.pid'), '2147483000\n');
    const run = await runCli(['search', journalDir, '--outcome', 'refused'], { journalDir });
    expect(run.stderr).not.toContain('holds no records');
    expect(run.stderr).toContain(`holds 2 runs; searching the newest, ${kept ?? ''}.`);
  });

  it('refuses what is not a search, in words, with exit 2', async () => {
    expect((await runCli(['search', file])).code).toBe(2);
    const bad = await runCli(['search', file, '--request', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a request/);
    expect((await runCli(['search', file, '--hresult', 'denied'])).code).toBe(2);
  });

  // Searched, `--text "  "` matched every record, exit 0: an empty variable in a script
  // (`--text "$WORDS"`) read as "everything". Refused as a blank --service is, as the window
  // refuses a blank box.
  it('refuses words or an HRESULT of spaces alone, with exit 2', async () => {
    for (const [flag, value] of [
      ['--text', '  '],
      ['--hresult', '  '],
      ['--text', ''],
      ['--service', ' '],
    ]) {
      const run = await runCli(['search', file, '--outcome', 'failed', flag ?? '', value ?? '']);
      expect(run.code, `${flag ?? ''} "${value ?? ''}"`).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        `mbn-diag: ${flag ?? ''} needs something to look for, not "${value ?? ''}"\n`,
      );
    }
  });

  // Searched, a notes file said "0 matches" (exit 1: "nothing found") where export refuses it.
  it('refuses a file that is no log, as export does, with exit 2', async () => {
    const notes = join(mkdtempSync(join(tmpdir(), 'mbn-cli-search-')), 'notes.jsonl');
    writeFileSync(notes, 'hello\nworld\n');
    const run = await runCli(['search', notes, '--text', 'hello']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/notes\.jsonl is not an mbn-diag log: line 1 is not valid JSON/);
  });

  it('redacts an IMEI with a zero-width space or a direction mark inside it whole', async () => {
    const modem = {
      ...requestEntries(1)[0],
      // As pasted from a chat: on screen, 490154203237518.
      serviceName: 'modem 4901\u200b54203237518 and 4901\u200e54203237518',
    };
    const record = { v: 2, seq: 1, time: '2026-01-05T08:00:00.000Z', mono: 1, ...modem };
    const log = join(mkdtempSync(join(tmpdir(), 'mbn-cli-search-')), 'pasted.jsonl');
    writeFileSync(log, `${JSON.stringify(record)}\n`);
    for (const json of [[], ['--json']]) {
      const run = await runCli(['search', log, '--text', 'modem', ...json]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('modem IMEI-1 and IMEI-1');
      expect(run.stdout).not.toMatch(/4901|5420|u200/);
      // Numbered among the matches: quoted as is, "IMEI-1" named another device in an export.
      expect(run.stderr).toMatch(
        /numbered tokens .* this search’s own: an export .* afresh\. `mbn-diag --show-ids search …` shows them in full/,
      );
    }
    // A log whose device record holds an IMEI: a match shown without one says nothing of tokens.
    const device = {
      v: 2,
      seq: 2,
      time: '2026-01-05T08:00:00.000Z',
      mono: 0,
      kind: 'device-info',
      interfaceId: (record as { interfaceId?: string }).interfaceId,
      manufacturer: 'Sierra',
      model: 'EM7565',
      firmware: '1.0',
      deviceId: '359072061234567',
      readyState: 'initialized',
    };
    // Another service: one service ID matches by every name it went by, the pasted one too.
    const other = { ...record, seq: 3, serviceId: DIAG.serviceId, serviceName: 'SMS' };
    writeFileSync(log, [device, record, other].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const plain = await runCli(['search', log, '--service', 'SMS']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).not.toMatch(/numbered tokens/);
  });

  it('shows control characters from the log escaped', async () => {
    const run = await runCli(['search', file, '--text', 'evil']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).toContain('\\x1b[2J');
  });
});
