/**
 * Generated and damaged .zip bundles for the saved-log reader and the exporters: random entry
 * names (traversal, odd characters, many .jsonl), random contents, and a real bundle with bytes
 * flipped or cut. Opening gives a log or a LogOpenError; reading never throws; an export
 * succeeds or fails with an ExportError, and writes nowhere but its destination.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ZipFile } from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '../../../electron/core/journal-reader.js';
import { ExportError } from '../../../electron/core/export/export-error.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { LogOpenError, allRecords, openLog } from '../../../electron/core/export/open-log.js';
import { APP, exportRecords, removeTempDirs, tempDir } from '../export/support/helpers.js';
import { makeSampleRun } from '../export/support/sample-log.js';
import { budget } from './fuzz-budget.js';

let bundle: Buffer;
let lines: string[];
beforeAll(async () => {
  const { records } = await readAll(await makeSampleRun(tempDir()));
  lines = records.map((r) => JSON.stringify(r));
  const path = join(tempDir(), 'bundle.zip');
  await exportRecords(records, 'zip', path);
  bundle = readFileSync(path);
});
afterAll(removeTempDirs);

async function zipOf(entries: [string, Buffer][]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, body] of entries) {
    try {
      zip.addBuffer(body, name);
    } catch {
      // A name yazl itself will not write (absolute): not a zip anyone could hand us from it.
    }
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const entryName = fc.oneof(
  fc.constantFrom(
    'mbn-diag-log.jsonl',
    'manifest.json',
    'journal-000001.jsonl',
    'run/journal-000002.jsonl',
    'a.jsonl',
    'b.JSONL',
    'x/../../evil.jsonl',
    'README.txt',
  ),
  fc.string({ minLength: 1, maxLength: 20 }).map((s) => `${s.replace(/^\/+/, '')}x.jsonl`),
);

const entryBody = fc.oneof(
  fc
    .subarray(Array.from({ length: 40 }, (_, i) => i))
    .map((picked) => Buffer.from(picked.map((i) => lines[i % lines.length]).join('\n'))),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v))),
);

const generatedZip = fc
  .array(fc.tuple(entryName, entryBody), { minLength: 0, maxLength: 5 })
  .map((entries) => {
    const seen = new Set<string>();
    return entries.filter(([name]) => !seen.has(name) && seen.add(name));
  });

const damagedBundle = fc.array(
  fc.oneof(
    fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ cut: fc.nat() }),
  ),
  { minLength: 1, maxLength: 4 },
);

function damage(source: Buffer, edits: ({ at: number; byte: number } | { cut: number })[]): Buffer {
  let out = Buffer.from(source);
  for (const edit of edits) {
    if ('cut' in edit) out = out.subarray(0, edit.cut % (out.length + 1));
    else if (out.length > 0) out[edit.at % out.length] = edit.byte;
  }
  return out;
}

async function readsSafely(path: string): Promise<void> {
  let log;
  try {
    log = await openLog(path, { pageSize: 5 });
  } catch (error) {
    expect(error).toBeInstanceOf(LogOpenError);
    return;
  }
  for await (const record of allRecords(log)) expect(typeof record.kind).toBe('string');
  await log.readRange(2, 3);
  log.close();
}

describe('fuzz: zip entries', () => {
  it('a generated zip opens as a log or is turned away, never throws otherwise', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(generatedZip, async (entries) => {
        const path = join(dir, 'gen.zip');
        writeFileSync(path, await zipOf(entries.map(([n, b]) => [n, b])));
        await readsSafely(path);
      }),
      budget(150),
    );
  });

  it('a damaged bundle opens as a log or is turned away, never throws otherwise', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(damagedBundle, async (edits) => {
        const path = join(dir, 'damaged.zip');
        writeFileSync(path, damage(bundle, edits));
        await readsSafely(path);
      }),
      budget(150),
    );
  });

  it('exporting from a damaged bundle succeeds or fails cleanly, writing only its destination', async () => {
    await fc.assert(
      fc.asyncProperty(
        damagedBundle,
        fc.constantFrom('jsonl', 'csv', 'zip' as const),
        async (edits, format) => {
          const dir = tempDir('mbn-fuzz-zip-');
          const source = join(dir, 'in.zip');
          writeFileSync(source, damage(bundle, edits));
          const destination = join(dir, `out.${format}`);
          try {
            await exportFromPath({ source, format, destination, app: APP });
            expect(readdirSync(dir).sort()).toEqual(['in.zip', `out.${format}`].sort());
          } catch (error) {
            if (!(error instanceof LogOpenError)) expect(error).toBeInstanceOf(ExportError);
            expect(readdirSync(dir)).toEqual(['in.zip']);
          }
        },
      ),
      budget(40),
    );
  });
});
