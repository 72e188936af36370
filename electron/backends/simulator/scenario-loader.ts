/**
 * Loads and validates scenario files. A bad file gets an error that names the file and says
 * what is wrong where, in words a technician editing JSON by hand can act on.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { jsonProblem } from './json-problem.js';
import { scenarioSchema, type Scenario } from './scenario-schema.js';

export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Scenario ${file} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ScenarioError';
  }
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const where = issue.path.length
      ? issue.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '')
      : '(top level)';
    return `${where}: ${issue.message}`;
  });
}

export function parseScenario(text: string, file: string): Scenario {
  let json: unknown;
  // Windows editors (Notepad, PowerShell's Out-File) save UTF-8 with a byte-order mark.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new ScenarioError(file, [jsonProblem(body, (error as Error).message)]);
  }
  const result = scenarioSchema.safeParse(json);
  if (!result.success) throw new ScenarioError(file, formatIssues(result.error.issues));
  return result.data;
}

export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScenarioError(path, [
      code === 'ENOENT' ? 'the file does not exist' : `cannot be read (${code ?? 'unknown error'})`,
    ]);
  }
  return parseScenario(text, path);
}

/**
 * The bundled scenarios directory. Found relative to this module in development and next to the
 * bundle in dist/, so the CLI and the app find it wherever they run from.
 */
export function bundledScenariosDir(): string {
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, '../../../assets/scenarios'),
    join(here, '../../assets/scenarios'),
    join(here, '../assets/scenarios'),
    join(here, 'assets/scenarios'),
  ];
  for (const dir of candidates) {
    try {
      readFileSync(join(dir, 'default.json'));
      return dir;
    } catch {
      // try the next layout
    }
  }
  return candidates[0] ?? here;
}

export function loadDefaultScenario(): Scenario {
  return loadScenarioFile(join(bundledScenariosDir(), 'default.json'));
}

export function scenarioLabel(path: string): string {
  return basename(path);
}
