/**
 * The report side alone (report-formats.ts): what the bundle's report helper thread does, fed
 * a bundle's JSON Lines entry in 1 MiB pieces, on this thread. Prints its CPU time and a hash
 * of the report and trace, so two builds can be compared on the same entry.
 * `node --import tsx bench/report-side.ts <entry.jsonl> [--runs N]` (the entry: a JSON Lines export,
 * or a bundle's mbn-diag-log.jsonl); add `--cpu-prof` to see where the time goes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { ReportFormats } from '../electron/core/export/report-formats.js';

const path = process.argv[2] ?? '';
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 1;
const entry = readFileSync(path);
const PIECE = 1 << 20;
for (let run = 0; run < runs; run++) {
  const hash = createHash('sha256');
  const cpu = process.cpuUsage();
  const started = performance.now();
  const formats = new ReportFormats({
    app: { name: 'mbn-diag', version: 'bench' },
    generatedAt: '2026-05-01T10:00:00.000Z',
    redacted: true,
    sourceLabel: 'bench',
  });
  let bytes = 0;
  const take = (out: { html: Buffer[]; trace: Buffer[] }): void => {
    for (const b of [...out.html, ...out.trace]) {
      bytes += b.length;
      hash.update(b);
    }
  };
  for (let at = 0; at < entry.length; at += PIECE) {
    formats.lines(Buffer.from(entry.subarray(at, Math.min(entry.length, at + PIECE))));
    take(formats.drain());
  }
  take(formats.finish([]));
  const used = process.cpuUsage(cpu);
  console.log(
    `report side: ${((performance.now() - started) / 1000).toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU, ${(bytes / 1048576).toFixed(0)} MB out, sha ${hash.digest('hex').slice(0, 16)}, load ${loadavg()[0]?.toFixed(1)}`,
  );
}
