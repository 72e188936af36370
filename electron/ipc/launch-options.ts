/**
 * How the app is started: backend choice, scenario, seed and timeout, from the environment. The
 * Electron window and the browser preview read the same variables, so a test can start either
 * against the same scenario (for example one whose completion comes after a short timeout).
 */
export interface LaunchOptions {
  choice: 'auto' | 'simulator' | 'mbn' | 'mbim';
  scenarioPath?: string;
  seed?: number;
  timeoutMs?: number;
}

export function launchOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): LaunchOptions {
  const choice = env.MBN_DIAG_BACKEND;
  const options: LaunchOptions = {
    choice: choice === 'simulator' || choice === 'mbn' || choice === 'mbim' ? choice : 'auto',
  };
  if (env.MBN_DIAG_SCENARIO) options.scenarioPath = env.MBN_DIAG_SCENARIO;
  const seed = integer(env.MBN_DIAG_SEED, 0, 0xffffffff);
  if (seed !== undefined) options.seed = seed;
  const timeout = integer(env.MBN_DIAG_TIMEOUT_MS, 1, 3_600_000);
  if (timeout !== undefined) options.timeoutMs = timeout;
  return options;
}

function integer(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

/** The engine's own default, repeated here so the window can say when a request turns overdue. */
