/**
 * A scenario with a JSON mistake says where as Notepad does, line and column, with the text of
 * that line: JSON.parse said "at position 1434", and for a missing value, a trailing comma in a
 * list or curly quotes no place at all, quoting the file's text, line breaks and all.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ScenarioError,
  loadScenarioFile,
} from '../../../electron/backends/simulator/scenario-loader.js';

const dir = mkdtempSync(join(tmpdir(), 'scenario-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problems(text: string): string[] {
  const file = join(dir, 'edited.json');
  writeFileSync(file, text);
  try {
    loadScenarioFile(file);
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  throw new Error('the scenario loaded');
}

describe('a scenario that is not valid JSON', () => {
  it('a comma left out: the line and column, and the line before, where the comma goes', () => {
    const text = ['{', '  "name": "mine",', '  "seed": 1', '  "devices": []', '}'].join('\n');
    expect(problems(text)).toEqual([
      "not valid JSON at line 4, column 3: Expected ',' or '}' after property value\n" +
        '    line 3: "seed": 1\n' +
        '    line 4: "devices": []',
    ]);
  });

  it('mistakes JSON.parse gives no position for still get a line and column', () => {
    expect(problems('{\n  "name": "mine",\n  "devices": [1,]\n}')).toEqual([
      "not valid JSON at line 3, column 17: Unexpected token ']'\n" + '    line 3: "devices": [1,]',
    ]);
    expect(problems('{\n\t"name": \u201cmine\u201d\n}')).toEqual([
      "not valid JSON at line 2, column 10: Unexpected token '\u201c'\n" +
        '    line 2: "name": \u201cmine\u201d',
    ]);
  });

  it('a byte-order mark and CRLF line ends do not move the place', () => {
    expect(problems('\uFEFF{\r\n  "name": "mine"\r\n  "seed": 1\r\n}')).toEqual([
      "not valid JSON at line 3, column 3: Expected ',' or '}' after property value\n" +
        '    line 2: "name": "mine"\n' +
        '    line 3: "seed": 1',
    ]);
  });

  it('a long line is quoted around the place, with control characters escaped', () => {
    const long = `{"name": "${'x'.repeat(200)}", "seed": 1 "model": "EM\u001b[2J", "${'y'.repeat(200)}": 0}`;
    expect(problems(long)).toEqual([
      "not valid JSON at line 1, column 224: Expected ',' or '}' after property value\n" +
        // 30 characters either side of the place, the escape counted as the one it stands for.
        `    line 1: …${'x'.repeat(17)}", "seed": 1 "model": "EM\\x1b[2J", "${'y'.repeat(10)}…`,
    ]);
  });

  it('a file cut short: the place is its end, after its last line', () => {
    expect(problems('{\n  "devices": [\n')).toEqual([
      'not valid JSON at line 3, column 1: Unexpected end of JSON input\n' +
        '    line 2: "devices": [',
    ]);
  });
});
