// Cases that need more than one process: the conformance suite (the same plan against the
// simulator here and against the addon under Wine, journals compared) and the CLI's `close`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundle } from './lib/bundle.mjs';
import { ROOT, RUNS, winPath } from './lib/paths.mjs';
import { buildEventBudgetTest, buildThreadChurn } from './lib/build.mjs';
import { runNodeExe, runWindowsProgram } from './lib/wine.mjs';

const PLANS = ['default', 'e2e', 'commands'];

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

/** `mbn-diag close` cases from the default scenario: one per outcome a technician can get. */
const CLI_CASES = [
  ['completes', '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}', '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}'],
  [
    'E_ACCESSDENIED',
    '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
    'a289cc33-bcbb-8b4f-b6b0-133ec2aae6df',
  ],
  [
    'failed completion',
    '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
    'd8f20131-fcb5-4e17-8602-d6ed3816164c',
  ],
  [
    'lost completion',
    '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
    '4bf38476-1e6a-41db-b1d8-bed289c25bdb',
  ],
  [
    'before return',
    '{B7D04E92-3C51-4A8F-8E26-9F1A4D6C2B30}',
    '4bf38476-1e6a-41db-b1d8-bed289c25bdb',
  ],
  [
    'device removed',
    '{B7D04E92-3C51-4A8F-8E26-9F1A4D6C2B30}',
    'd8f20131-fcb5-4e17-8602-d6ed3816164c',
  ],
  ['unknown service', '{B7D04E92-3C51-4A8F-8E26-9F1A4D6C2B30}', 'not-a-service'],
];
const COMPARED = [
  'op',
  'interfaceId',
  'serviceId',
  'hresult',
  'hresultName',
  'outcome',
  'state',
  'precondition',
];

function hostCli(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli', 'mbn-diag.cjs'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function outcome(stdout) {
  try {
    const json = JSON.parse(stdout);
    const picked = Object.fromEntries(COMPARED.map((k) => [k, json[k]]));
    picked.completion = json.completion
      ? { status: json.completion.status, statusName: json.completion.statusName }
      : null;
    return picked;
  } catch {
    return { unparsable: stdout.trim().slice(0, 200) };
  }
}

/** The run.json the CLI's journal wrote: which backend really served it. */
function backendOfRun(journalDir) {
  const runs = existsSync(journalDir) ? readdirSync(journalDir) : [];
  for (const run of runs) {
    const meta = join(journalDir, run, 'run.json');
    if (existsSync(meta)) return JSON.parse(readFileSync(meta, 'utf8')).backend?.kind;
  }
  return undefined;
}

async function cli(env) {
  const started = Date.now();
  const { default: buildCli } = await import(join(ROOT, 'scripts', 'build', '10-cli.mjs'));
  const cwd = process.cwd();
  process.chdir(ROOT); // the build step writes dist/ relative to the repository
  try {
    await buildCli();
  } finally {
    process.chdir(cwd);
  }
  const cliPath = join(ROOT, 'dist', 'cli', 'mbn-diag.cjs');
  const scenario = join(ROOT, 'assets', 'scenarios', 'default.json');
  const cfg = join(RUNS, 'cli.cfg');
  writeFileSync(cfg, env.hostTools.fakeConfigFor(scenario));
  const checks = [];
  for (const [label, iface, svc] of CLI_CASES) {
    const tag = label.replace(/\W+/g, '-');
    const dirs = { sim: join(RUNS, `cli-${tag}.sim`), mbn: join(RUNS, `cli-${tag}.mbn`) };
    for (const d of Object.values(dirs)) rmSync(d, { recursive: true, force: true });
    const common = ['close', iface, svc, '--json', '--timeout', '1500'];
    const [sim, mbn] = await Promise.all([
      hostCli([
        ...common,
        '--backend',
        'simulator',
        '--scenario',
        scenario,
        '--journal-dir',
        dirs.sim,
      ]),
      runNodeExe(cliPath, {
        outBase: join(RUNS, `cli-${tag}`),
        timeoutMs: 60_000,
        args: [...common, '--backend', 'mbn', '--journal-dir', winPath(dirs.mbn)],
        env: {
          MBN_DIAG_ADDON: winPath(env.addon),
          MBN_FAKE_CONFIG: winPath(cfg),
          MBN_FAKE_STATS: winPath(join(RUNS, `cli-${tag}.stats.json`)),
        },
      }),
    ]);
    const a = JSON.stringify(outcome(sim.stdout));
    const b = JSON.stringify(outcome(mbn.stdout));
    const served = label === 'unknown service' ? 'mbn' : backendOfRun(dirs.mbn);
    const sameStderr =
      label !== 'unknown service' || (sim.stderr.trim() !== '' && mbn.stderr.trim() !== '');
    checks.push({
      name: `mbn-diag close, ${label}: same outcome and exit code as the simulator`,
      ok: a === b && sim.code === mbn.code && served === 'mbn' && sameStderr,
      ms: mbn.ms,
      detail:
        a === b && sim.code === mbn.code
          ? `exit ${mbn.code}; ${label === 'unknown service' ? mbn.stderr.trim() : b}`
          : `simulator: exit ${sim.code} ${a} ${sim.stderr}\n  addon:     exit ${mbn.code} ${b} ${mbn.stderr}\n  journal backend: ${served}`,
    });
  }
  return { checks, ms: Date.now() - started };
}

/**
 * 5,000 closes' worth of the addon's threads (4 closers at once): every COM thread runs its
 * teardown and every watchdog sees it stop. On the std::thread version about one close in a few
 * thousand lost a thread or crashed (native/src/detached_thread.h).
 */
async function threadChurn(env, log) {
  const exe = await buildThreadChurn(log);
  const run = await runWindowsProgram(exe, {
    outBase: join(RUNS, 'threads'),
    args: ['1250', '4'],
    timeoutMs: 180_000,
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith('churn:')) ?? '';
  return {
    checks: [
      {
        name: 'every COM thread ran its teardown; every watchdog saw its thread stop',
        ok: run.code === 0 && !run.timedOut && line !== '',
        ms: run.ms,
        detail: `${line || 'no result line'}${run.timedOut ? ' (timed out)' : ` exit ${run.code}`}${run.stderr.trim() ? `\n${run.stderr.trim()}` : ''}`,
      },
    ],
    ms: run.ms,
  };
}

/** The budget's reports of dropped events, in the orders node.exe and the fake cannot force. */
async function eventBudget(env, log) {
  const exe = await buildEventBudgetTest(log);
  const run = await runWindowsProgram(exe, {
    outBase: join(RUNS, 'event-budget'),
    args: [],
    timeoutMs: 60_000,
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith('budget:')) ?? '';
  return {
    checks: [
      {
        name: 'each gap of dropped events is said after the event accepted just before it',
        ok: run.code === 0 && !run.timedOut && line !== '',
        ms: run.ms,
        detail: `${line || 'no result line'}${run.timedOut ? ' (timed out)' : ` exit ${run.code}`}${run.stdout.includes('FAIL') ? `\n${run.stdout.trim()}` : ''}`,
      },
    ],
    ms: run.ms,
  };
}

export const EXTRA = [
  {
    name: 'event-budget',
    title: "the addon's event budget: each gap of dropped events said in its place",
    run: eventBudget,
  },
  {
    name: 'threads',
    title: "the addon's threads, 5,000 closes: none lost, none started without its work",
    run: threadChurn,
  },
  {
    name: 'cli',
    title: 'the CLI bundle in node.exe: `mbn-diag close --backend mbn` against the fake',
    run: cli,
  },
  {
    name: 'conformance',
    title: 'one plan, two backends: simulator (here) and addon (under Wine), journals compared',
    run: conformance,
  },
];
