/**
 * A saved log exported both ways, to hold the fast path (lines taken as they are, checked in
 * blocks on helper threads) to the full path (every line parsed, checked, redacted and
 * serialised): each format's output, and each entry of a bundle, byte for byte.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportFromPath } from '../../../../electron/core/export/export-saved-log.js';
import type { ExportFormat } from '../../../../electron/core/export/formats.js';
import { allRecords, openLog } from '../../../../electron/core/export/open-log.js';
import { exportLog } from '../../../../electron/core/export/write-export.js';
import { deviceIdsIn } from '../../../../electron/core/export/redact-device-ids.js';
import { APP, NOW, tempDir, unzip } from './helpers.js';

export const SIERRA = '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}';
export const SMS = '533fbeeb-14fe-4467-9f90-33a223e56c3f';

/** The journal's first fields, as it writes them. */
export function lineHead(seq: number): string {
  return `{"v":2,"seq":${seq},"time":"2026-11-24T08:30:00.${String(seq % 1000).padStart(3, '0')}Z","mono":${seq * 1.5}`;
}

/** A service's fields, as the journal writes them. */
export const SERVICE = `"interfaceId":"${SIERRA}","serviceId":"${SMS}","serviceName":"SMS"`;

/** Everyday lines of the kinds that pass, in the journal's key order. */
function everydayLines(seq: number): string[] {
  return [
    `${lineHead(seq)},"kind":"request",${SERVICE},"ref":"r${seq}","op":"close","outcome":"sending","sessionOpenBefore":true}`,
    `${lineHead(seq + 1)},"kind":"request-returned",${SERVICE},"ref":"r${seq}","op":"close","outcome":"waiting","requestId":${1000 + seq},"hresult":"0x00000000","hresultName":"S_OK","callMs":0.6}`,
    `${lineHead(seq + 2)},"kind":"session-state",${SERVICE},"from":"open","to":"closing"}`,
    `${lineHead(seq + 3)},"kind":"completion",${SERVICE},"op":"close","requestId":${1000 + seq},"status":"0x80004005","statusName":"E_FAIL","match":"matched","ref":"r${seq}","outcome":"failed","latencyMs":12.5}`,
    `${lineHead(seq + 4)},"kind":"read-data",${SERVICE},"byteLength":96,"preview":"7e0a0001"}`,
  ];
}

/**
 * A saved log with `lines` between everyday ones: enough before them that they are read past the
 * first page (where lines may pass), enough after that they are not at the end.
 */
export function savedLogWith(lines: readonly string[], before = 1000, after = 200): string {
  const all: string[] = [];
  for (let i = 0; i < before; i++) all.push(...everydayLines(2 + i * 5));
  all.push(...lines);
  for (let i = 0; i < after; i++) all.push(...everydayLines(1_000_000 + i * 5));
  const path = join(tempDir(), 'saved.jsonl');
  writeFileSync(path, `${all.join('\n')}\n`);
  return path;
}

/** Each file an export wrote: the file itself, or a bundle's entries by name. */
async function outputs(path: string, format: ExportFormat): Promise<Map<string, string>> {
  if (format !== 'zip') return new Map([[format, readFileSync(path, 'utf8')]]);
  const entries = await unzip(path);
  return new Map([...entries].map(([name, bytes]) => [name, bytes.toString('utf8')]));
}

/** The saved log at `path` exported the fast way and the full way: each output, by name. */
export async function exportBothWays(
  path: string,
  format: ExportFormat,
  redact: boolean,
): Promise<{
  fast: Map<string, string>;
  full: Map<string, string>;
  /** The damaged lines the fast way reported, by line number. */
  problems: readonly number[];
}> {
  const dir = tempDir();
  const fastOut = join(dir, `fast.${format}`);
  const result = await exportFromPath({
    source: path,
    format,
    destination: fastOut,
    app: APP,
    now: NOW,
    redact,
  });
  const log = await openLog(path);
  const fullOut = join(dir, `full.${format}`);
  try {
    await exportLog({
      format,
      destination: fullOut,
      records: allRecords(log),
      app: APP,
      now: NOW,
      redact,
      // The device IDs the fast way finds before it starts (exportFromPath), known here too.
      ...(redact ? { deviceIds: await deviceIdsIn(path) } : {}),
      sourceLabel: 'saved.jsonl',
      problems: () => log.problems,
      // As the fast way is told: a JSON Lines or CSV export counts them all in its last record.
      problemsLeftOut: () => log.problemsLeftOut,
    });
  } finally {
    log.close();
  }
  return {
    fast: await outputs(fastOut, format),
    full: await outputs(fullOut, format),
    problems: result.problems.map((p) => p.line),
  };
}
