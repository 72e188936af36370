import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  PHONEBOOK,
  QUECTEL,
  SIERRA,
  SIERRA_DIAG,
  SMS,
  STK,
  USSD,
  runCli,
} from '../../support/run-cli.js';

const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

describe('mbn-diag CLI against the default scenario', () => {
  it('lists devices and their services as JSON', async () => {
    const devices = await runCli(['devices', '--json']);
    expect(devices.code).toBe(0);
    const listed = JSON.parse(devices.stdout) as { devices: { model: string }[] };
    expect(listed.devices.map((d) => d.model)).toEqual(['EM7565', 'EM120R-GL']);
    const services = await runCli(['services', SIERRA, '--json']);
    expect(services.code).toBe(0);
    const list = (
      JSON.parse(services.stdout) as { services: { name: string; sessionState: string }[] }
    ).services;
    expect(list.find((s) => s.name === 'Sierra diagnostics stream')?.sessionState).toBe('open');
  });

  it('close that completes: exit 0 and one JSON object with the outcome', async () => {
    const run = await runCli(['close', SIERRA, SIERRA_DIAG, '--json']);
    expect(run.code).toBe(0);
    const result = json(run.stdout);
    expect(result).toMatchObject({
      interfaceId: SIERRA,
      serviceId: SIERRA_DIAG,
      serviceName: 'Sierra diagnostics stream',
      hresult: '0x00000000',
      hresultName: 'S_OK',
      outcome: 'completed',
    });
    expect(result.requestId).toEqual(expect.any(Number));
    expect(result.completion).toMatchObject({
      status: '0x00000000',
      statusName: 'S_OK',
      latencyMs: expect.any(Number),
    });
  });

  it('close refused with E_ACCESSDENIED: exit 1, outcome rejected, no completion', async () => {
    const run = await runCli(['close', SIERRA, SMS, '--json']);
    expect(run.code).toBe(1);
    expect(json(run.stdout)).toMatchObject({
      hresultName: 'E_ACCESSDENIED',
      completion: null,
      outcome: 'rejected',
      nextStep: { cause: expect.stringContaining('Windows did not allow this process') },
    });
  });

  it('says what to try after a refusal, as the services panel does', async () => {
    const run = await runCli(['close', SIERRA, SMS]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /\n {2}What to try: {3}Windows did not allow this process .* Run the app as the user/,
    );
  });

  it('close whose completion reports failure: exit 1, outcome failed', async () => {
    const run = await runCli(['close', SIERRA, STK, '--json']);
    expect(run.code).toBe(1);
    expect(json(run.stdout)).toMatchObject({
      outcome: 'failed',
      completion: { statusName: 'E_FAIL' },
    });
  });

  it('close whose completion never comes: exit 3 after the timeout', async () => {
    const run = await runCli(['close', SIERRA, PHONEBOOK, '--timeout', '300', '--json']);
    expect(run.code).toBe(3);
    expect(json(run.stdout)).toMatchObject({
      outcome: 'timed-out',
      completion: null,
      state: 'overdue',
    });
  });

  it('a close that timed out says the command stops waiting, and what to try', async () => {
    // It said "It may still come (it is then marked late)" and gave no advice, then exited: the
    // journal ends such a request as abandoned, and nothing is ever marked late.
    const run = await runCli(['close', SIERRA, PHONEBOOK, '--timeout', '300']);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(
      'Overdue. No completion within the timeout. This command ends here: a completion that comes later is not recorded.',
    );
    expect(run.stdout).not.toContain('marked late');
    expect(run.stdout).toMatch(
      /What to try: +The Close call was accepted but its completion did not come/,
    );
  });

  it('close on a session that is not open says so, and reports what came back', async () => {
    const run = await runCli(['close', SIERRA, USSD]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/the data session was not open/);
    expect(run.stdout).toMatch(/ERROR_OPEN_FAILED/);
  });

  it('close while the device is removed: the request ends abandoned, exit 1', async () => {
    const run = await runCli(['close', QUECTEL, STK, '--json']);
    expect(run.code).toBe(1);
    expect(json(run.stdout)).toMatchObject({ outcome: 'failed', state: 'abandoned' });
  });

  it('open through the same request/completion path', async () => {
    const run = await runCli(['open', SIERRA, USSD, '--json']);
    expect(run.code).toBe(0);
    expect(json(run.stdout)).toMatchObject({ op: 'open', outcome: 'completed' });
  });

  it('usage and bad input: exit 2, plain words on stderr, no stack trace', async () => {
    const runs = await Promise.all([
      runCli(['close', '{NO-SUCH-DEVICE}', SMS]),
      runCli(['close', SIERRA, 'not-a-service']),
      runCli(['--frobnicate']),
      runCli(['close', SIERRA]),
      runCli(['--seed', 'abc', 'devices']),
      runCli(['close', SIERRA, SMS, '--timeout', 'soon']),
      runCli(['--backend', 'mbn', 'devices']),
    ]);
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr.trim().length).toBeGreaterThan(0);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(runs[0].stderr).toMatch(/No device with interface ID "\{NO-SUCH-DEVICE\}"/);
    expect(runs[1].stderr).toMatch(/no device service "not-a-service"/);
    expect(runs[6].stderr).toMatch(/MBN backend is not available/);
  });

  it('a bad scenario file is named in the error', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scn-')), 'mine.json');
    writeFileSync(file, JSON.stringify({ name: 'x', devices: 'none' }));
    const run = await runCli(['--scenario', file, 'devices']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(file);
    expect(run.stderr).toMatch(/devices: /);
  });

  // A technician editing a scenario in Notepad read "in JSON at position 1434", or for a list's
  // trailing comma no place at all but a quote of the file across two lines.
  it('a scenario with a JSON mistake says its line and column and quotes the line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scn-')), 'mine.json');
    writeFileSync(file, '{\n  "name": "mine",\n  "seed": 1\n  "devices": [1,]\n}\n');
    const run = await runCli(['--scenario', file, 'devices']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `Scenario ${file} is not valid:\n` +
        "  - not valid JSON at line 4, column 3: Expected ',' or '}' after property value\n" +
        '    line 3: "seed": 1\n' +
        '    line 4: "devices": [1,]\n',
    );
    writeFileSync(file, '{\n  "name": "mine",\n  "devices": [1,]\n}\n');
    const unplaced = await runCli(['--scenario', file, 'devices']);
    expect(unplaced.stderr).toContain(
      "  - not valid JSON at line 3, column 17: Unexpected token ']'\n" +
        '    line 3: "devices": [1,]\n',
    );
  });

  it('watch --json prints journal records as JSON Lines until the duration ends', async () => {
    const run = await runCli(['watch', '--json', '--duration', '200']);
    expect(run.code).toBe(0);
    const records = run.stdout.trim().split('\n').map(json);
    expect(records[0]).toMatchObject({ kind: 'run-start', v: 2, seq: 1 });
    expect(records.map((r) => r.kind)).toContain('device-info');
  });

  it('watch on the simulator says that other commands’ requests will not show in it', async () => {
    // A technician ran `watch` in one terminal and `close` in another, and saw nothing come.
    const run = await runCli(['watch', '--duration', '100']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'this watch shows only what this process simulates; requests made by other mbn-diag commands are simulated in their own processes',
    );
  });

  it('writes its journal where --journal-dir says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jd-'));
    const run = await runCli(['--journal-dir', dir, 'close', SIERRA, SMS, '--json']);
    expect(json(run.stdout).journal).toMatch(new RegExp(`^${dir}/run-`));
    expect(existsSync(String(json(run.stdout).journal))).toBe(true);
  });

  it('the installed bin runs the built bundle (`npx mbn-diag --help`)', async () => {
    const run = await runCli(['--help'], { bin: true });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: mbn-diag/);
    expect(run.stdout).toMatch(/close \[options\] <device> <service>/);
  });

  // A review's 80-column terminal got 18 lines of the top-level help wider than that (the
  // --backend line 190 characters), each wrapping to column 0.
  it('fits its help to an 80-column terminal', async () => {
    const runs = await Promise.all([
      runCli(['--help'], { env: { COLUMNS: '80' } }),
      runCli(['help', 'search'], { env: { COLUMNS: '80' } }),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stdout.split('\n').filter((line) => line.length > 80)).toEqual([]);
    }
  });
});
