// Cases that need more than one process: the conformance suite (the same plan against the
// simulator here and against the addon under Wine, journals compared) and the CLI's `close`.
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bundle } from './lib/bundle.mjs';
import { ROOT, RUNS, winPath } from './lib/paths.mjs';
import { runNodeExe } from './lib/wine.mjs';

const PLANS = ['default', 'e2e'];

async function conformance(env) {
  const script = await bundle(join(ROOT, 'test', 'wine', 'cases', 'conformance.ts'));
  const checks = [];
  const started = Date.now();
  for (const name of PLANS) {
    const planPath = join(ROOT, 'test', 'wine', 'conformance', `${name}.plan.json`);
    const plan = env.hostTools.readPlan(planPath);
    const base = join(RUNS, `conformance-${name}`);
    const journalDir = `${base}.journals`;
    rmSync(journalDir, { recursive: true, force: true });
    mkdirSync(journalDir, { recursive: true });
    writeFileSync(`${base}.cfg`, env.hostTools.fakeConfigFor(join(ROOT, plan.scenario)));
    rmSync(`${base}.result.json`, { force: true });
    rmSync(`${base}.stats.json`, { force: true });
    // Both halves at once: each is mostly waiting on timers, and together they halve the time.
    const [simulator, run] = await Promise.all([
      env.hostTools.simulatorJournal(ROOT, planPath),
      runNodeExe(script, {
        outBase: base,
        timeoutMs: 120_000,
        env: {
          MBN_DIAG_ADDON: winPath(env.addon),
          MBN_FAKE_CONFIG: winPath(`${base}.cfg`),
          MBN_FAKE_STATS: winPath(`${base}.stats.json`),
          MBN_CASE_RESULT: winPath(`${base}.result.json`),
          MBN_CONFORMANCE_PLAN: winPath(planPath),
          MBN_JOURNAL_DIR: winPath(journalDir),
        },
      }),
    ]);
    const result = existsSync(`${base}.result.json`)
      ? JSON.parse(readFileSync(`${base}.result.json`, 'utf8'))
      : null;
    const addon = result?.extra?.journal;
    if (!addon || run.code !== 0) {
      checks.push({
        name: `${name}: addon run under Wine`,
        ok: false,
        ms: run.ms,
        detail: `exit ${run.code}${run.timedOut ? ' (timed out)' : ''}\n${result?.results?.map((r) => r.detail).join('\n') ?? ''}\n${run.stderr}`,
      });
      continue;
    }
    writeFileSync(`${base}.simulator.json`, JSON.stringify(simulator, null, 1));
    writeFileSync(`${base}.addon.json`, JSON.stringify(addon, null, 1));
    const difference = env.hostTools.firstDifference(simulator, addon);
    const kinds = new Set(simulator.map((r) => r.kind));
    checks.push({
      name: `${name}: same journal from the simulator and from the addon (${plan.scenario})`,
      ok: !difference && simulator.length > 0,
      ms: run.ms,
      detail: difference ?? `${simulator.length} records, kinds: ${[...kinds].sort().join(', ')}`,
    });
    const stats = existsSync(`${base}.stats.json`)
      ? JSON.parse(readFileSync(`${base}.stats.json`, 'utf8'))
      : null;
    checks.push({
      name: `${name}: fake: no live COM object left, every sink unadvised`,
      ok: !!stats && stats.liveObjects <= stats.pendingHolds && stats.liveSinks === 0,
      ms: 0,
      detail: stats
        ? `liveObjects ${stats.liveObjects}, liveSinks ${stats.liveSinks}`
        : 'no counters',
    });
  }
  return { checks, ms: Date.now() - started };
}

export const EXTRA = [
  {
    name: 'conformance',
    title: 'one plan, two backends: simulator (here) and addon (under Wine), journals compared',
    run: conformance,
  },
];
