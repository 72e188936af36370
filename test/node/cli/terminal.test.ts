/**
 * Issue 13 item 8: control codes from a device, a scenario or a log never reach the terminal raw
 * (ESC[2J would clear the screen, OSC 0 retitle the window, OSC 8 plant a link).
 * Issue 9 item 15: tables fit a 100-column terminal.
 */
import { createWriteStream, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { shortIds } from '../../../electron/cli/short-ids.js';
import { fitColumns } from '../../../electron/cli/table.js';
import { safe, safeJson } from '../../../electron/cli/terminal-text.js';
import { SIERRA, SIERRA_DIAG, SMS, runCli } from '../../support/run-cli.js';

const CLEAR = '\u001b[2J';
const TITLE = '\u001b]0;owned\u0007';
const LINK = '\u001b]8;;https://ev.il/\u0007Click\u001b]8;;\u0007';
const C1_CSI = '\u009b31m';
const IFACE = '{0BAD0BAD-0000-4000-8000-00000000E5C1}';
const HOSTILE_SERVICE = '1a2b3c4d-0000-4000-8000-000000000001';
const hostile = {
  name: `evil${TITLE}`,
  seed: 1,
  devices: [
    {
      interfaceId: IFACE,
      manufacturer: LINK,
      model: `${CLEAR}EM${TITLE}`,
      firmware: `fw${C1_CSI}\u202eelif`,
      deviceId: '359072061234567',
      services: [
        {
          serviceId: HOSTILE_SERVICE,
          name: `Diag ${CLEAR}${TITLE}${LINK}`,
          sessionOpen: true,
          close: { delay: { uniform: [5, 10] } },
        },
      ],
    },
  ],
};

/** Raw controls a terminal would act on: C0 except line feed (and the CLI's own \r), DEL, C1. */
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

function scenarioFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'scn-hostile-')), 'hostile.json');
  writeFileSync(file, JSON.stringify(hostile));
  return file;
}

describe('control codes from devices and scenarios are shown escaped', () => {
  it('in every text output: devices, services, close, watch and errors', async () => {
    const scenario = scenarioFile();
    const journalDir = mkdtempSync(join(tmpdir(), 'mbn-hostile-'));
    const cli = (...args: string[]): ReturnType<typeof runCli> =>
      runCli(['--scenario', scenario, ...args], { journalDir, env: { COLUMNS: '' } });
    const runs = await Promise.all([
      cli('devices'),
      cli('services', '1'),
      cli('close', '1', 'diag'),
      cli('watch', '--duration', '100'),
      cli('services', 'nothing-like-it'),
      cli('close', '1', 'nothing-like-it'),
    ]);
    for (const run of runs) {
      expect(run.stdout + run.stderr).not.toMatch(RAW_CONTROL);
    }
    const [devices, services, close, watch, noDevice, noService] = runs;
    expect(devices.stdout).toContain('\\x1b[2JEM\\x1b]0;owned\\x07');
    expect(devices.stdout).toContain('fw\\x9b31m\\u202eelif');
    expect(devices.stderr).toContain('scenario "evil\\x1b]0;owned\\x07"');
    expect(services.stdout).toContain(
      'Diag \\x1b[2J\\x1b]0;owned\\x07\\x1b]8;;https://ev.il/\\x07Click',
    );
    expect(close.code).toBe(0);
    expect(close.stdout).toContain('Close data session — Diag \\x1b[2J');
    expect(watch.stdout).toContain('\\x1b]8;;https://ev.il/\\x07Click');
    expect(noDevice.stderr).toContain('\\x1b[2JEM\\x1b]0;owned\\x07');
    expect(noService.stderr).toContain('Diag \\x1b[2J');
  });

  it('in JSON: still the same strings once parsed, with no raw C1 control', async () => {
    const scenario = scenarioFile();
    const [devices, watch] = await Promise.all([
      runCli(['--scenario', scenario, 'devices', '--json']),
      runCli(['--scenario', scenario, 'watch', '--json', '--duration', '100']),
    ]);
    for (const run of [devices, watch]) expect(run.stdout).not.toMatch(RAW_CONTROL);
    const listed = JSON.parse(devices.stdout) as { devices: { model: string; firmware: string }[] };
    expect(listed.devices[0]).toMatchObject({
      model: hostile.devices[0]?.model,
      firmware: hostile.devices[0]?.firmware,
    });
  });

  it('in what export says about a damaged log: names from inside a bundle', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'mbn-hostile-log-'));
    await runCli(['close', SIERRA, SMS], { journalDir });
    const run = readdirSync(journalDir).find((n) => n.startsWith('run-')) ?? '';
    const journal = readFileSync(join(journalDir, run, 'journal-000001.jsonl'), 'utf8');
    const bundle = join(journalDir, 'hostile.zip');
    const zip = new ZipFile();
    zip.addBuffer(Buffer.from(`${journal}not json ${CLEAR}\n{"v":1}\n`), `log${TITLE}.jsonl`);
    zip.end();
    await new Promise<void>((resolve) =>
      zip.outputStream.pipe(createWriteStream(bundle)).on('close', () => resolve()),
    );
    const result = await runCli([
      'export',
      bundle,
      '--format',
      'csv',
      '--out',
      join(journalDir, 'out.csv'),
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/could not be read/);
    expect(result.stderr).toContain('  log\\x1b]0;owned\\x07.jsonl, line 7: not valid JSON');
    expect(result.stdout + result.stderr).not.toMatch(RAW_CONTROL);
  });

  it('in usage errors that quote an argument: a file name from a glob, a value from a script', async () => {
    const runs = await Promise.all([
      runCli([`close${TITLE}`]),
      runCli(['export', 'log.jsonl', '--format', `csv${CLEAR}`, '--out', 'x.csv']),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^mbn-diag: /);
      expect(run.stderr).not.toMatch(RAW_CONTROL);
    }
    expect(runs[0].stderr).toContain("unknown command 'close\\x1b]0;owned\\x07'");
  });

  it('safe() and safeJson() leave ordinary text alone', () => {
    expect(safe('Sierra diagnostics stream — EM7565 • 3590')).toBe(
      'Sierra diagnostics stream — EM7565 • 3590',
    );
    expect(safe('a\tb\nc\u0000')).toBe('a\\tb\\nc\\x00');
    expect(JSON.parse(safeJson({ s: `x${C1_CSI}\u2066` }, 2))).toEqual({ s: `x${C1_CSI}\u2066` });
  });
});

describe('tables fit the terminal', () => {
  it('devices and services fit 100 columns, keeping number, model and state', async () => {
    const env = { COLUMNS: '100' };
    const [devices, services] = await Promise.all([
      runCli(['devices'], { env }),
      runCli(['services', '1'], { env }),
    ]);
    for (const run of [devices, services]) {
      expect(run.code).toBe(0);
      for (const line of run.stdout.trimEnd().split('\n'))
        expect(line.length).toBeLessThanOrEqual(100);
    }
    expect(devices.stdout).toMatch(/^#\s+INTERFACE ID\s+DEVICE\s+DEVICE ID\s+READY STATE$/m);
    expect(devices.stdout).toMatch(
      /^1\s+\{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47\}\s+EM7565 \(…8E47\)\s+3590/m,
    );
    expect(services.stdout).toMatch(/Sierra diagnostics stream\s+yes\s+yes\s+open/);
    const wide = await runCli(['devices'], { env: { COLUMNS: '' } });
    expect(wide.stdout).toMatch(/FIRMWARE/);
    expect(wide.stdout).toContain('Sierra Wireless, Incorporated');
  });

  // A technician's review at 80 columns read "Sierra diagn…" and "STK (SIM Too…" beside whole
  // 38-character IDs, and had to type the name in the next command.
  it('services at 80 columns: names whole, the IDs shortened to what tells them apart', async () => {
    const [narrow, piped] = await Promise.all([
      runCli(['services', 'EM7565'], { env: { COLUMNS: '80' } }),
      runCli(['services', 'EM7565'], { env: { COLUMNS: '' } }),
    ]);
    expect(narrow.code).toBe(0);
    for (const line of narrow.stdout.trimEnd().split('\n'))
      expect(line.length).toBeLessThanOrEqual(80);
    expect(narrow.stdout).toMatch(/^SERVICE ID +NAME +READ +WRITE +DATA SESSION$/m);
    expect(narrow.stdout).toMatch(/^d8f20131… +STK \(SIM Toolkit\) +no +no +open$/m);
    expect(narrow.stdout).toMatch(/^\{8C1E5A4B… +Sierra diagnostics stream +yes +yes +open$/m);
    // Piped with no width known, as before: every ID whole.
    expect(piped.stdout).toMatch(
      /^\{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902\} +Sierra diagnostics stream +yes/m,
    );
  });

  it('short IDs: the first group, or more where two IDs share it', () => {
    expect(shortIds([SIERRA_DIAG, SMS, 'ab'])).toEqual(['{8C1E5A4B…', '533fbeeb…', 'ab']);
    expect(
      shortIds(['{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}', '8c1e5a4b-2d7e-4e36-b9a0-61f3c5d7e902']),
    ).toEqual(['{8C1E5A4B-2D7F…', '8c1e5a4b-2d7e…']);
  });

  it('cuts shrinkable columns first, then leaves out the least useful ones', () => {
    const columns = [{ header: 'A' }, { header: 'B', drop: 1 }, { header: 'C', shrinkTo: 4 }];
    expect(fitColumns(columns, [10, 10, 10], 100)).toEqual({
      shown: [0, 1, 2],
      widths: [10, 10, 10],
    });
    expect(fitColumns(columns, [10, 10, 10], 30)).toEqual({
      shown: [0, 1, 2],
      widths: [10, 10, 6],
    });
    expect(fitColumns(columns, [10, 10, 10], 20)).toEqual({ shown: [0, 2], widths: [10, 8] });
    // Nothing left to drop: the table is shown anyway, as wide as it must be.
    expect(fitColumns(columns, [10, 10, 10], 5)).toEqual({ shown: [0, 2], widths: [10, 4] });
  });
});
