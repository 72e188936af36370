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
  await writeZip(sink, entries, new Date(2026, 10, 24, 8, 30, 12), () => undefined);
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
    const check = spawnSync('unzip', ['-t', path], { encoding: 'utf8' });
    if (check.error === undefined) expect(check.stdout).toContain('No errors detected');
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
