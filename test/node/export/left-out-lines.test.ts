/**
 * A JSON Lines or CSV export of a log with lines it could not read ends with a record saying how
 * many and which: the confirmation that said so is long gone when a support engineer opens the
 * file months later. A log with none exports as it always did.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { allRecords, openLog } from '../../../electron/core/export/open-log.js';
import { ROW_COLUMNS } from '../../../electron/core/export/record-row.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { APP, NOW, exportRecords, removeTempDirs, tempDir, unzip } from './support/helpers.js';
import { SERVICE, exportBothWays, lineHead, savedLogWith } from './support/fast-vs-full.js';

afterAll(removeTempDirs);

/** The line number of the first line savedLogWith puts between its everyday ones. */
const FIRST = 5001;
/** The last record savedLogWith writes (its last everyday line). */
const LAST = { seq: 1_000_999, time: '2026-11-24T08:30:00.999Z', mono: 1_000_999 * 1.5 };

/** Not JSON, then a record of a kind's shape with a field missing. */
const DAMAGED = [
  `${lineHead(600_000)},"kind":"session-st`,
  `${lineHead(600_001)},"kind":"session-state",${SERVICE},"from":"open"}`,
];
const WORDS =
  '2 damaged lines could not be read, so they are missing from this export: ' +
  `saved.jsonl, line ${String(FIRST)}: not valid JSON (damaged line); ` +
  `saved.jsonl, line ${String(FIRST + 1)}: a "session-state" record with a missing or wrong "to".`;

async function exported(
  path: string,
  format: 'jsonl' | 'csv' | 'zip',
): Promise<{ text: string; out: string }> {
  const out = join(tempDir(), `log.${format}`);
  await exportFromPath({ source: path, format, destination: out, app: APP, now: NOW });
  return { text: readFileSync(out, 'utf8'), out };
}

function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('an export of a log with damaged lines', () => {
  const path = savedLogWith(DAMAGED);

  it('as JSON Lines ends with a record naming both lines and how many', async () => {
    const lines = jsonLines((await exported(path, 'jsonl')).text);
    expect(lines.at(-1)).toEqual({
      v: 2,
      // After the last record, at its time: opened again, the log spans what it spanned.
      seq: LAST.seq + 1,
      time: LAST.time,
      mono: LAST.mono,
      kind: 'error',
      message: WORDS,
      context: 'export',
    });
    // Once: the record before it is the log's last.
    expect(lines.at(-2)).toMatchObject({ seq: LAST.seq });
    expect(lines.filter((l) => l.context === 'export')).toHaveLength(1);
  });

  it('as JSON Lines opens again with that record as a readable row, nothing damaged', async () => {
    const { out } = await exported(path, 'jsonl');
    const log = await openLog(out);
    const records: JournalRecord[] = [];
    try {
      for await (const record of allRecords(log)) records.push(record);
    } finally {
      log.close();
    }
    expect(log.problems).toEqual([]);
    expect(records.at(-1)).toMatchObject({ kind: 'error', context: 'export', message: WORDS });
    // Exported again, it is a record as any other, and no new one is added.
    const again = jsonLines((await exported(out, 'jsonl')).text);
    expect(again.filter((l) => l.context === 'export').map((l) => l.message)).toEqual([WORDS]);
  });

  it('as CSV ends with a row of the same columns naming both lines and how many', async () => {
    const rows: string[][] = parse((await exported(path, 'csv')).text, {
      bom: true,
      relax_column_count: false,
    });
    const col = (name: (typeof ROW_COLUMNS)[number]): number => ROW_COLUMNS.indexOf(name);
    const last = rows.at(-1) ?? [];
    expect(last).toHaveLength(ROW_COLUMNS.length);
    expect(last[col('seq')]).toBe(String(LAST.seq + 1));
    expect(last[col('time')]).toBe(LAST.time);
    expect(last[col('kind')]).toBe('error');
    expect(last[col('details')]).toBe(`error in export: ${WORDS}`);
    expect(rows.at(-2)?.[col('seq')]).toBe(String(LAST.seq));
  });

  // The rows of lines that pass are made on helper threads (CSV) or copied as they are (JSON
  // Lines); the record must come once, after them, as the full path writes it.
  it.each(['jsonl', 'csv'] as const)(
    'as %s ends so, the fast path as the full path',
    async (format) => {
      const { fast, full } = await exportBothWays(path, format, true);
      const text = fast.get(format) ?? '';
      expect(text === full.get(format), 'fast and full differ').toBe(true);
      if (format === 'jsonl') expect(jsonLines(text).at(-1)?.message).toBe(WORDS);
      else
        expect(text.endsWith(`"error in export: ${WORDS.replace(/"/g, '""')}",,,,,,,,\r\n`)).toBe(
          true,
        );
    },
    60_000,
  );

  // A bundle says so in its manifest (and its report): its entries stay as they were, so that the
  // report and trace it makes from its JSON Lines count the errors those exported alone count.
  it('in a bundle, is listed in the manifest, not added to its entries', async () => {
    const entries = await unzip((await exported(path, 'zip')).out);
    const manifest = JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? '{}') as {
      readProblems?: { line: number }[];
    };
    expect(manifest.readProblems?.map((p) => p.line)).toEqual([FIRST, FIRST + 1]);
    for (const [name, entry] of entries)
      expect(entry.includes('missing from this export'), name).toBe(false);
  });

  it('names the first 20 lines and counts the rest', async () => {
    const many = savedLogWith(Array.from({ length: 25 }, (_, i) => `{damaged ${String(i)}`));
    const message = jsonLines((await exported(many, 'jsonl')).text).at(-1)?.message;
    expect(message).toMatch(/^25 damaged lines could not be read, so they are missing from this/);
    const named = [...String(message).matchAll(/line (\d+):/g)].map((m) => Number(m[1]));
    expect(named).toEqual(Array.from({ length: 20 }, (_, i) => FIRST + i));
    expect(message).toMatch(/; and 5 more\.$/);
  });
});

describe('an export of records read elsewhere', () => {
  // The first page of a small log is handed over as records, not lines: the same record ends it.
  it('ends with the record, and leaves a note that is no line of the log to the confirmation', async () => {
    const text = readFileSync(savedLogWith([], 2, 0), 'utf8');
    const records = jsonLines(text) as unknown as JournalRecord[];
    const out = join(tempDir(), 'log.csv');
    const result = await exportRecords(records, 'csv', out, {
      problems: () => [
        { file: 'manifest.json', line: 0, message: 'is damaged' },
        { file: 'saved.jsonl', line: 3, message: 'not valid JSON (damaged line)' },
      ],
    });
    expect(result.unreadable).toBe(2);
    const rows: string[][] = parse(readFileSync(out), { bom: true });
    expect(rows).toHaveLength(1 + records.length + 1);
    expect(rows.at(-1)?.[ROW_COLUMNS.indexOf('details')]).toBe(
      'error in export: 1 damaged line could not be read, so it is missing from this export: saved.jsonl, line 3: not valid JSON (damaged line).',
    );
    expect(rows.at(-1)?.[0]).toBe(String((records.at(-1)?.seq ?? 0) + 1));
  });
});

describe('an export of a log with no damaged line', () => {
  const clean = savedLogWith([]);

  it('as JSON Lines is its header and the log, byte for byte', async () => {
    const { text } = await exported(clean, 'jsonl');
    expect(text.slice(text.indexOf('\n') + 1)).toBe(readFileSync(clean, 'utf8'));
  });

  it('as CSV has one row per record, the last the log’s last', async () => {
    const rows: string[][] = parse((await exported(clean, 'csv')).text, { bom: true });
    expect(rows).toHaveLength(1 + readFileSync(clean, 'utf8').trimEnd().split('\n').length);
    expect(rows.at(-1)?.[0]).toBe(String(LAST.seq));
  });
});
