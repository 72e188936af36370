import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliInProcess } from '../../support/cli-in-process.js';
import { EXIT } from '../../../electron/cli/exit-codes.js';
import { removeTempDirs, tempDir } from './support/helpers.js';
import { SIERRA_IMEI, makeSampleRun } from './support/sample-log.js';

let journalRoot: string;
let runDir: string;

beforeAll(async () => {
  journalRoot = tempDir();
  runDir = await makeSampleRun(journalRoot);
});
afterAll(removeTempDirs);
afterEach(() => {
  vi.restoreAllMocks();
});

function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return cliInProcess(argv);
}

describe('mbn-diag export', () => {
  it('exports the latest run of a journal folder, redacted, and says what it wrote', async () => {
    const out = join(tempDir(), 'report.html');
    const result = await cli('export', journalRoot, '--format', 'html', '--out', out);
    expect(result.code).toBe(EXIT.ok);
    expect(result.out).toMatch(
      /^Wrote .*report\.html: HTML report, \d+ records, [\d.]+ KB; personal identifiers redacted \(2 IMEIs\)\.\n$/,
    );
    expect(readFileSync(out, 'utf8')).not.toContain(SIERRA_IMEI);
  });

  it('keeps identifiers only with --no-redact, and says so', async () => {
    const out = join(tempDir(), 'log.jsonl');
    const result = await cli('export', runDir, '--format', 'jsonl', '--out', out, '--no-redact');
    expect(result.code).toBe(EXIT.ok);
    expect(result.out).toContain('NOT redacted');
    expect(readFileSync(out, 'utf8')).toContain(SIERRA_IMEI);
  });

  it('exports a journal file and re-exports a bundle', async () => {
    const dir = tempDir();
    const file = readdirSync(runDir).find((n) => n.startsWith('journal-'));
    expect(
      (
        await cli(
          'export',
          join(runDir, file ?? ''),
          '--format',
          'zip',
          '--out',
          join(dir, 'b.zip'),
        )
      ).code,
    ).toBe(EXIT.ok);
    expect(
      (await cli('export', join(dir, 'b.zip'), '--format', 'trace', '--out', join(dir, 't.json')))
        .code,
    ).toBe(EXIT.ok);
    expect(JSON.parse(readFileSync(join(dir, 't.json'), 'utf8'))).toHaveProperty('traceEvents');
  });

  /** `mbn-diag export` of the sample run, with the range's flags. */
  const exportRun = (format: string, out: string, ...range: string[]) =>
    cli('export', runDir, '--format', format, '--out', out, ...range);

  it('exports only --from to --to, read as UTC as it prints times, and says the range', async () => {
    const out = join(tempDir(), 'second.jsonl');
    const result = await exportRun(
      'jsonl',
      out,
      '--from',
      '2026-11-23 09:00:05',
      '--to',
      '2026-11-23 10:00:06 +01:00',
    );
    expect(result.code).toBe(EXIT.ok);
    expect(result.out).toMatch(
      /^Wrote .*second\.jsonl: JSON Lines log, \d+ records from 2026-11-23 09:00:05\.000 Z to 2026-11-23 09:00:06\.000 Z, /,
    );
    const [header = '', ...lines] = readFileSync(out, 'utf8').trim().split('\n');
    expect(JSON.parse(header)).toMatchObject({
      range: { from: '2026-11-23T09:00:05.000Z', to: '2026-11-23T09:00:06.000Z' },
    });
    const records = lines.map((l) => JSON.parse(l) as { kind: string; time: string });
    const within = records.filter((r) => !['run-start', 'device-info'].includes(r.kind));
    expect(within.length).toBeGreaterThan(0);
    for (const r of within) expect(r.time.slice(0, 19)).toBe('2026-11-23T09:00:05');
    // One end open: from a time to the log's end.
    const rest = await exportRun('csv', join(tempDir(), 'r.csv'), '--from', '2026-11-23 09:00:08');
    expect(rest.out).toContain('records from 2026-11-23 09:00:08.000 Z on,');
  });

  it('refuses a range that does not read, or ends before it starts, writing nothing', async () => {
    const out = join(tempDir(), 'x.jsonl');
    const words = await exportRun('jsonl', out, '--from', 'yesterday');
    expect(words.code).toBe(EXIT.usage);
    expect(words.err).toContain(
      '--from “yesterday” is not a time: write it as the log does, YYYY-MM-DD hh:mm:ss',
    );
    const backwards = await exportRun(
      'jsonl',
      out,
      '--from',
      '2026-11-23 10:00',
      '--to',
      '2026-11-23 09:00',
    );
    expect(backwards.code).toBe(EXIT.usage);
    expect(backwards.err).toContain('--from and --to: The range ends before it starts');
    const empty = await exportRun('jsonl', out, '--from', '2026-11-24 09:00');
    expect(empty.code).toBe(EXIT.usage);
    expect(empty.err).toContain('Nothing was logged from 2026-11-24 09:00:00.000 Z on');
    expect(existsSync(out)).toBe(false);
  });

  // A review's export of a log with six damaged lines listed three and stopped, as if those
  // were all; the HTML report listed six.
  it('says how many damaged lines it did not list', async () => {
    const dir = tempDir();
    const file = readdirSync(runDir).find((n) => n.startsWith('journal-')) ?? '';
    const lines = readFileSync(join(runDir, file), 'utf8').trimEnd().split('\n');
    const damaged = [
      ...lines.slice(0, 3),
      ...Array.from({ length: 6 }, (_, i) => `{"v":2,"seq":${String(i)}`),
      ...lines.slice(3),
    ];
    writeFileSync(join(dir, 'damaged.jsonl'), `${damaged.join('\n')}\n`);
    const result = await cli(
      'export',
      join(dir, 'damaged.jsonl'),
      '--format',
      'csv',
      '--out',
      join(dir, 'out.csv'),
    );
    expect(result.code).toBe(EXIT.ok);
    expect(result.err).toContain('6 damaged lines could not be read, so they are missing');
    expect(result.err.match(/^ {2}damaged\.jsonl, line \d+:/gm)).toHaveLength(3);
    expect(result.err).toContain('… and 3 more (an HTML report or a bundle lists them)');
  });

  it('refuses bad input with exit code 2 and plain words, writing nothing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'hello\n');
    const cases: [string[], RegExp][] = [
      [
        ['export', join(dir, 'missing'), '--format', 'csv', '--out', join(dir, 'a.csv')],
        /There is no file or folder at/,
      ],
      // A script's unset variable: it was "There is no file or folder at .".
      [
        ['export', '', '--format', 'csv', '--out', join(dir, 'a.csv')],
        /^mbn-diag: No log was named: give a run folder, a journal file or a \.zip bundle\.$/m,
      ],
      [
        ['export', join(dir, 'notes.txt'), '--format', 'csv', '--out', join(dir, 'a.csv')],
        /notes\.txt is not an mbn-diag log/,
      ],
      [
        ['export', runDir, '--format', 'pdf', '--out', join(dir, 'a.pdf')],
        /argument 'pdf' is invalid. Allowed choices are jsonl, csv, html, trace, zip/,
      ],
      [
        ['export', runDir, '--out', join(dir, 'a.csv')],
        /required option '--format <format>' not specified/,
      ],
      [
        ['export', runDir, '--format', 'csv', '--out', join(dir, 'no', 'a.csv')],
        /The folder .* does not exist\. Nothing was saved\./,
      ],
      // A file where a folder should be: said to be a file, not a folder that does not exist.
      [
        ['export', runDir, '--format', 'csv', '--out', join(dir, 'notes.txt', 'a.csv')],
        /notes\.txt is a file, not a folder: --out .* cannot be written inside it\. Nothing was saved\./,
      ],
      [
        ['export', runDir, '--format', 'csv', '--out', join(runDir, 'a.csv')],
        /would overwrite the log being exported/,
      ],
      // A capture of a log recorded without the MBIM backend: the input holds nothing for it.
      [
        ['export', runDir, '--format', 'pcapng', '--out', join(dir, 'a.pcapng')],
        /This log holds no MBIM messages .* Nothing was saved\./,
      ],
    ];
    for (const [argv, message] of cases) {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(EXIT.usage);
      expect(result.err).toMatch(message);
      expect(result.err).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    expect(existsSync(join(runDir, 'a.csv'))).toBe(false);
  });

  // `--out` mistyped as another ticket's saved log replaced it, exit 0: evidence lost.
  it('keeps a file already at --out unless --force, and refuses --out -', async () => {
    const dir = tempDir();
    const other = join(dir, 'kiosk-ticket1.jsonl');
    writeFileSync(other, 'the other ticket\n');
    const refused = await cli('export', runDir, '--format', 'jsonl', '--out', other);
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.err).toMatch(/kiosk-ticket1\.jsonl already exists: add --force to replace it/);
    expect(readFileSync(other, 'utf8')).toBe('the other ticket\n');

    const forced = await cli('export', runDir, '--format', 'jsonl', '--out', other, '--force');
    expect(forced.code).toBe(EXIT.ok);
    expect(readFileSync(other, 'utf8')).toContain('"kind":"run-start"');

    const dash = await cli('export', runDir, '--format', 'csv', '--out', '-');
    expect(dash.code).toBe(EXIT.usage);
    expect(dash.err).toMatch(/--out - is not supported/);
  });
});
