// `npm run bench`: each benchmark, one after the other so they do not compete for the 2 cores.
// Each prints its figures next to a baseline measured in the same run. Other files in bench/ are
// their helpers. `npm run bench -- pipeline export` runs only those whose name contains a word.
import { spawnSync } from 'node:child_process';

const BENCHMARKS = [
  'bench/pipeline.ts', // issue 2: backend → tracker → journal, memory across 1M events
  'bench/ui-latency.ts', // issue 3: completion → row visible, 10k events/s in the renderer
  'bench/native-roundtrip.mjs', // issue 4: close round trip through the addon under Wine
  'bench/export.ts', // issue 5: exports of 1M events, opening a 1M-event log
  'bench/bundle.ts', // issue 14: the .zip bundle at 1M events, its compression beside zip -1
  'bench/timeline.ts', // issues 5, 14: timeline frame times and memory, 100k to 10M spans
  'bench/cli-startup.ts', // issue 9: how fast the built `mbn-diag` bin starts
  'bench/mbim-roundtrip.ts', // issue 10: close round trip over MBIM beside the simulator and mbimcli
  'bench/search.ts', // issue 14: a 10M-event log jumped through and searched, beside lnav, grep, jq
  'bench/log-filter.ts', // issue 14: the log's filters over 211,000 kept rows, beside object rows
  'bench/log-jump.ts', // issue 14: a jump's page taken into a full window, beside copying every row
  'bench/live-window-full.ts', // issue 14: a busy live log's full window in Chromium, beside it filling
  'bench/overview-refresh.ts', // the live strip's 5 s refresh at 100k and 1M events: bins, bytes, reads
];

const only = process.argv.slice(2);
let failed = 0;
for (const file of BENCHMARKS.filter((f) => !only.length || only.some((o) => f.includes(o)))) {
  console.log(`\n===== ${file} =====`);
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', file], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed += 1;
}
process.exitCode = failed ? 1 : 0;
