/**
 * An export of an export keeps the name of the log it all came from. r1.jsonl's header named its
 * log ("source"); exported again, r2.jsonl's named r1.jsonl alone, and a support engineer handed
 * r2.jsonl could not tell which log it was made of. Now `sources` says the chain, nearest first,
 * in JSON Lines headers and bundle manifests alike; `source` stays as it was.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import type { ExportFormat } from '../../../electron/core/export/formats.js';
import { MAX_SOURCES } from '../../../electron/core/export/source-chain.js';
import { APP, NOW, removeTempDirs, tempDir, unzip } from './support/helpers.js';
import { SIERRA_IMEI, makeSampleRun } from './support/sample-log.js';

let log: string;
let folder: string;
/** The log's name as a redacted export of it names its source. */
let logName: string;
beforeAll(async () => {
  folder = tempDir();
  // A saved log named after the modem's IMEI, as a technician may save one.
  const run = await makeSampleRun(tempDir());
  const file = readFileSync(join(run, 'journal-000001.jsonl'));
  log = join(folder, `kiosk-${SIERRA_IMEI}.jsonl`);
  writeFileSync(log, file);
  logName = header(await exported(log, 'direct.jsonl')).source ?? '';
  expect(logName).toMatch(/^kiosk-[A-Z]+-1\.jsonl$/);
});
afterAll(removeTempDirs);

async function exported(source: string, name: string, redact = true): Promise<string> {
  const destination = join(folder, name);
  const format: ExportFormat = name.endsWith('.zip') ? 'zip' : 'jsonl';
  await exportFromPath({ source, format, destination, app: APP, now: NOW, redact });
  return destination;
}

function header(file: string): { source?: string; sources?: string[] } {
  const text = readFileSync(file, 'utf8');
  return JSON.parse(text.slice(0, text.indexOf('\n'))) as { source?: string; sources?: string[] };
}

async function manifest(bundle: string): Promise<{ source?: string; sources?: string[] }> {
  const text = (await unzip(bundle)).get('manifest.json')?.toString('utf8') ?? '{}';
  return JSON.parse(text) as { source?: string; sources?: string[] };
}

describe('an export of an export', () => {
  it("keeps the original log's name, nearest first, redacted as the source is", async () => {
    // Made without redacting: its header names the log, IMEI and all.
    const r1 = await exported(log, 'r1.jsonl', false);
    expect(header(r1)).toMatchObject({ source: `kiosk-${SIERRA_IMEI}.jsonl` });
    expect(header(r1)).not.toHaveProperty('sources');
    const r2 = await exported(r1, 'r2.jsonl');
    expect(header(r2)).toMatchObject({ source: 'r1.jsonl', sources: ['r1.jsonl', logName] });
    // A bundle of it, and an export of that bundle, say the chain on.
    const bundle = await exported(r2, 'b.zip');
    expect(await manifest(bundle)).toMatchObject({
      source: 'r2.jsonl',
      sources: ['r2.jsonl', 'r1.jsonl', logName],
    });
    const r3 = await exported(bundle, 'r3.jsonl');
    expect(header(r3).sources).toEqual(['b.zip', 'r2.jsonl', 'r1.jsonl', logName]);
  });

  it('keeps the nearest and the original when the chain is long, and file names alone', async () => {
    let made = await exported(log, 'g1.jsonl');
    for (let n = 2; n <= MAX_SOURCES + 2; n++) made = await exported(made, `g${String(n)}.jsonl`);
    const chain = header(made).sources ?? [];
    expect(chain).toHaveLength(MAX_SOURCES);
    expect(chain.slice(0, -1)).toEqual(['g6.jsonl', 'g5.jsonl', 'g4.jsonl', 'g3.jsonl']);
    expect(chain.at(-1)).toBe(logName);
    // A header naming folders (written by hand, or by anything else): only their file names go on.
    const lines = readFileSync(made, 'utf8').split('\n');
    const foreign = { ...header(made), sources: ['/home/jo/exports/x.jsonl', '/home/jo/log'] };
    const edited = join(folder, 'edited.jsonl');
    writeFileSync(edited, [JSON.stringify(foreign), ...lines.slice(1)].join('\n'));
    expect(header(await exported(edited, 'from-edited.jsonl')).sources).toEqual([
      'edited.jsonl',
      'x.jsonl',
      'log',
    ]);
  });
});
