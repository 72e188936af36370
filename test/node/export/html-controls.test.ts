/**
 * Text from a log that acts on whatever shows the HTML report: a bidirectional override in a
 * service name or an error turned the rest of its line around (`S_OK` read as `KO_S`, an
 * `E_FAIL` after it backwards); an ESC sequence in a name cleared the terminal the report was
 * `cat` in, and a NUL made `grep` call the report a binary file. The report shows such controls
 * as visible escapes, as the CLI and the CSV do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);

/** The report of a log of one error record, with this message and context. */
async function reportOfError(message: string, context: string): Promise<string> {
  const out = join(tempDir(), 'report.html');
  const record = {
    v: 2,
    seq: 1,
    time: '2026-11-24T08:30:00.000Z',
    mono: 1,
    kind: 'error',
  } as const;
  await exportRecords([{ ...record, message, context }], 'html', out);
  return readFileSync(out, 'utf8');
}

describe('the HTML report', () => {
  it('shows bidirectional overrides and isolates from a log as visible escapes', async () => {
    const html = await reportOfError(
      'open failed \u202eKO_S\u202c then \u2067isolated\u2069 \u200fmark',
      'driver \u2066x',
    );
    expect(html).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(html).toContain(
      'open failed \\u202eKO_S\\u202c then \\u2067isolated\\u2069 \\u200fmark',
    );
  });

  it('shows ESC, NUL, DEL and C1 controls from a log as visible escapes', async () => {
    const html = await reportOfError(
      'open failed \u001b[2J\u001b]0;owned\u0007 ok\u0000nul \u007fdel \u009bcsi',
      'backend',
    );
    // Nothing a terminal or grep would act on: only tab, LF and CR of the controls.
    const acting = Array.from({ length: html.length }, (_, i) => html.charCodeAt(i)).filter(
      (code) =>
        (code < 0x20 && code !== 9 && code !== 10 && code !== 13) || (code >= 0x7f && code <= 0x9f),
    );
    expect(acting).toEqual([]);
    expect(html).toContain('open failed \\x1b[2J\\x1b]0;owned\\x07 ok\\x00nul \\x7fdel \\x9bcsi');
  });
});
