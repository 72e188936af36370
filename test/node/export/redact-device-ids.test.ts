/**
 * The device IDs a log holds, found before its export: wherever their lines fall in the chunks
 * the log is read in, in a bundle too, and whatever else the log holds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { deviceIdsIn } from '../../../electron/core/export/redact-device-ids.js';
import { exportProgressWords } from '../../../shared/export-progress-words.js';
import { removeTempDirs, tempDir } from './support/helpers.js';
import { SERVICE, SIERRA, lineHead } from './support/fast-vs-full.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { APP, NOW } from './support/helpers.js';

afterAll(removeTempDirs);

const deviceInfo = (seq: number, deviceId: string): string =>
  `${lineHead(seq)},"kind":"device-info","interfaceId":"${SIERRA}","manufacturer":"m","model":"x","firmware":"f","deviceId":"${deviceId}","readyState":"initialized"}`;
const filler = (seq: number): string =>
  `${lineHead(seq)},"kind":"session-state",${SERVICE},"from":"open","to":"closing"}`;

/** Filler lines of `bytes` at most, from seq `first`, as many as fit. */
function fillerTo(bytes: number, first: number): string[] {
  const lines: string[] = [];
  let size = 0;
  for (let seq = first; size + filler(seq).length + 1 <= bytes; seq++) {
    lines.push(filler(seq));
    size += filler(seq).length + 1;
  }
  return lines;
}

describe('device IDs found before an export', () => {
  it('are found across chunk ends, nested, in CRLF lines, and not in damaged lines', async () => {
    // The first read is 256 KiB (log-parts.ts): the first device-info line is cut by it (it
    // runs from byte 261,920 to 262,155; 262,144 is the cut).
    const lines: string[] = [];
    let seq = 1;
    for (const id of ['8A3B1C2D', 'A1000012345678', 'SERIAL-0042', 'ZZZ999']) {
      const before = fillerTo(seq === 1 ? 256 * 1024 - 20 : 1000, seq);
      lines.push(...before, deviceInfo(seq + before.length, id));
      seq += before.length + 1;
    }
    lines.push(
      `${lineHead(seq)},"kind":"device-arrival","interfaceId":"${SIERRA}","more":{"deviceId":"NESTED-01"}}\r`,
      // Not JSON, and not a record (no readyState): damaged lines, which the export leaves out.
      `{"deviceId":"DAMAGED-1"`,
      deviceInfo(seq + 1, 'DAMAGED-2').replace(',"readyState":"initialized"', ''),
      deviceInfo(seq + 2, '8A3B1C2D'),
    );
    const path = join(tempDir(), 'log.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n`);
    expect(await deviceIdsIn(path)).toEqual([
      '8A3B1C2D',
      'A1000012345678',
      'SERIAL-0042',
      'ZZZ999',
      'NESTED-01',
    ]);
  });

  // A modem names its ID in nearly every record of a week: parsing each, a one-hour export of
  // ten million events spent 10-15 s here before writing a line.
  it('are found with only the lines naming a new one parsed, however they are written', async () => {
    const named = (seq: number, deviceId: string): string =>
      `${lineHead(seq)},"kind":"session-state",${SERVICE},"deviceId":"${deviceId}","from":"open","to":"closing"}`;
    const lines = [deviceInfo(1, '8A3B1C2D')];
    for (let seq = 2; seq < 5000; seq++) lines.push(named(seq, '8A3B1C2D'));
    lines.push(
      // A new one beside a known one, then one spaced out, one with an escape, and a damaged one.
      named(5000, '8A3B1C2D').replace('"from"', '"more":{"deviceId":"NESTED-02"},"from"'),
      named(5001, 'x').replace('"deviceId":"x"', '"deviceId" : "SPACED-03"'),
      named(5002, 'ESC\\u0041PED-04'),
      `{"deviceId":"DAMAGED-5"`,
      ...Array.from({ length: 1000 }, (_, n) =>
        named(5003 + n, n % 2 ? 'NESTED-02' : ' 8A3B1C2D '),
      ),
    );
    const path = join(tempDir(), 'log.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect(await deviceIdsIn(path)).toEqual(['8A3B1C2D', 'NESTED-02', 'SPACED-03', 'ESCAPED-04']);
      // The first line, the four lines written otherwise and the damaged one: no other.
      expect(parse.mock.calls.length).toBe(5);
    } finally {
      parse.mockRestore();
    }
  });

  it('are found in a bundle, so its export redacts one met before its device-info line', async () => {
    const path = join(tempDir(), 'log.jsonl');
    writeFileSync(
      path,
      `${[
        filler(1).replace('"SMS"', '"esn 8a3b1c2d"'),
        deviceInfo(2, '8A3B1C2D'),
        ...fillerTo(4096, 3),
      ].join('\n')}\n`,
    );
    // Not redacted, so the bundle's log holds the ID as it was.
    const bundle = join(tempDir(), 'log.zip');
    await exportFromPath({
      source: path,
      format: 'zip',
      destination: bundle,
      app: APP,
      now: NOW,
      redact: false,
    });
    expect(await deviceIdsIn(bundle)).toEqual(['8A3B1C2D']);
    const out = join(tempDir(), 'out.jsonl');
    await exportFromPath({ source: bundle, format: 'jsonl', destination: out, app: APP, now: NOW });
    const text = readFileSync(out, 'utf8');
    expect(text.toLowerCase().includes('8a3b1c2d')).toBe(false);
    expect(text).toContain('"serviceName":"esn ESN-1"');
  });

  it('are searched for only when one turns up late, and the progress says so before writing again', async () => {
    const path = join(tempDir(), 'log.jsonl');
    writeFileSync(
      path,
      `${[
        filler(1).replace('"SMS"', '"esn 8a3b1c2d"'),
        ...fillerTo(4096, 2),
        deviceInfo(100, '8A3B1C2D'),
      ].join('\n')}\n`,
    );
    const phases: string[] = [];
    const searched: string[] = [];
    const out = join(tempDir(), 'out.csv');
    await exportFromPath({
      source: path,
      format: 'csv',
      destination: out,
      app: APP,
      now: NOW,
      onProgress: (p) => {
        if (phases.at(-1) !== p.phase) phases.push(p.phase);
        if (p.phase === 'searching') searched.push(exportProgressWords({ ...p, total: 0 }).text);
      },
    });
    // The technician is told why the count starts again, and it does, with the ID known.
    expect(phases.slice(-2)).toEqual(['searching', 'rewriting']);
    // The search reads the whole log, and says how far it has got.
    expect(searched.at(-1)).toBe(
      'A device ID turned up late: finding every one to redact it everywhere… 100%',
    );
    expect(readFileSync(out, 'utf8').toLowerCase()).not.toContain('8a3b1c2d');
  });
});
