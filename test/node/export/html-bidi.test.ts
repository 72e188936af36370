/**
 * Text from a log that reorders what the HTML report shows: a bidirectional override in a
 * service name or an error turned the rest of its line around (`S_OK` read as `KO_S`, an
 * `E_FAIL` after it backwards). The report shows such controls as visible escapes, as the CLI
 * does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);

describe('the HTML report', () => {
  it('shows bidirectional overrides and isolates from a log as visible escapes', async () => {
    const out = join(tempDir(), 'report.html');
    await exportRecords(
      [
        {
          v: 2,
          seq: 1,
          time: '2026-11-24T08:30:00.000Z',
          mono: 1,
          kind: 'error',
          message: 'open failed \u202eKO_S\u202c then \u2067isolated\u2069 \u200fmark',
          context: 'driver \u2066x',
        },
      ],
      'html',
      out,
    );
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(html).toContain(
      'open failed \\u202eKO_S\\u202c then \\u2067isolated\\u2069 \\u200fmark',
    );
  });
});
