/**
 * The bundle's zip framing, read back by yauzl and by Info-ZIP's unzip where installed: entries
 * whose sizes pass 4 GiB (a ten-million-event log's) are described with ZIP64 fields.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bufferEntry,
  writeZip,
  type ZipEntry,
} from '../../../electron/core/export/zip-container.js';
import { removeTempDirs, tempDir, unzip } from './support/helpers.js';

afterAll(removeTempDirs);

/** Info-ZIP's unzip, where installed; CI installs it (.ci/run), and a run there without it fails. */
const UNZIP = spawnSync('unzip', ['-v']).error === undefined;
if (!UNZIP && process.env.CI === 'true') throw new Error('unzip is not installed: see .ci/run');

/** When the test's bundles were made: 08:30:12 UTC. */
const MADE = new Date(Date.UTC(2026, 10, 24, 8, 30, 12));

async function zipOf(entries: ZipEntry[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  const sink = {
    write: (data: Buffer) => {
      chunks.push(data);
      bytes += data.length;
      return Promise.resolve();
    },
    get bytes() {
      return bytes;
    },
  };
  await writeZip(sink, entries, MADE, () => undefined);
  return Buffer.concat(chunks);
}

describe('zip container', () => {
  it('writes entries any zip reader opens, names, times and contents intact', async () => {
    const dir = tempDir();
    const text = Buffer.from('a log line\n'.repeat(1000), 'utf8');
    const file = join(dir, 'part.deflate');
    writeFileSync(file, deflateRawSync(text, { level: 1 }));
    const zip = await zipOf([
      bufferEntry('README.txt', Buffer.from('hello'), 1),
      {
        name: 'log.jsonl',
        crc: crc32(text),
        size: text.length,
        compressedSize: readFileSync(file).length,
        data: file,
      },
    ]);
    const path = join(dir, 'out.zip');
    writeFileSync(path, zip);
    const entries = await unzip(path);
    expect(entries.get('README.txt')?.toString()).toBe('hello');
    expect(entries.get('log.jsonl')?.equals(text)).toBe(true);
    if (UNZIP)
      expect(spawnSync('unzip', ['-t', path], { encoding: 'utf8' }).stdout).toContain(
        'No errors detected',
      );
  });

  // The MS-DOS time is local time with no zone: a bundle made in Berlin and listed in Chicago
  // gave Berlin's hour. The UTC time beside it is what readers show, in their own zone.
  it('gives each entry its time in UTC, which unzip shows in the zone it is read in', async () => {
    const dir = tempDir();
    const path = join(dir, 'made.zip');
    writeFileSync(path, await zipOf([bufferEntry('README.txt', Buffer.from('hello'), 1)]));
    const zip = await yauzl.openPromise(path, { lazyEntries: true });
    const times: number[] = [];
    for await (const entry of zip.eachEntry()) times.push(entry.getLastModDate().getTime());
    zip.close();
    expect(times).toEqual([MADE.getTime()]);
    // Info-ZIP's listing, read in two zones: each its own hour for the same moment.
    if (UNZIP)
      for (const [zone, shown] of [
        ['UTC', '08:30'],
        ['America/Chicago', '02:30'],
      ]) {
        const listed = spawnSync('unzip', ['-l', path], {
          encoding: 'utf8',
          env: { ...process.env, TZ: zone },
        });
        expect(listed.stdout, zone).toContain(shown);
      }
  });

  it('describes an entry over 4 GiB with ZIP64 sizes', async () => {
    const dir = tempDir();
    const path = join(dir, 'big.zip');
    // Only the directory is read here, so the data need not really inflate to 5 GB.
    const data = Buffer.from([3, 0]);
    writeFileSync(
      path,
      await zipOf([
        { name: 'huge.jsonl', crc: 0, size: 5_000_000_000, compressedSize: data.length, data },
      ]),
    );
    const zip = await yauzl.openPromise(path, { lazyEntries: true });
    const sizes: number[] = [];
    for await (const entry of zip.eachEntry()) sizes.push(entry.uncompressedSize);
    zip.close();
    expect(sizes).toEqual([5_000_000_000]);
  });
});
