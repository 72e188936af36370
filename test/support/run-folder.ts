/**
 * A run folder as the app leaves it: run.json (its run-start) and `files` rotated journal files of
 * `perFile` records each, numbered through the run. Returns the folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { journalFileName } from '../../electron/core/journal-files.js';

const TIME = Date.UTC(2026, 0, 5, 8);

const runStart = {
  v: 2,
  seq: 1,
  time: new Date(TIME).toISOString(),
  mono: 0,
  kind: 'run-start',
  format: 'mbn-diag-journal',
  runId: '0123456789abcdef0123456789abcdef',
  app: { name: 'mbn-diag', version: 'test' },
  os: { platform: 'linux', release: 'x', arch: 'x64' },
  backend: { kind: 'simulator', label: 'test', reason: 'test' },
};

const entry = (seq: number) => ({
  v: 2,
  seq,
  time: new Date(TIME + seq * 1000).toISOString(),
  mono: seq,
  kind: 'error',
  message: `entry ${String(seq)}`,
  context: 'c',
});

export function writeRunFolder(dir: string, files: number, perFile: number): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'run.json'), `${JSON.stringify(runStart)}\n`);
  let seq = 1;
  for (let file = 1; file <= files; file++) {
    const lines: string[] = [];
    if (file === 1) lines.push(JSON.stringify(runStart));
    while (lines.length < perFile) lines.push(JSON.stringify(entry(++seq)));
    writeFileSync(join(dir, journalFileName(file)), `${lines.join('\n')}\n`);
  }
  return dir;
}
