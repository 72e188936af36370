/**
 * The CLI run in this process, as a test of its messages needs it: what it wrote to stdout and
 * stderr, and its exit code. Faster than a child (no bundle to build or start), and it reaches
 * code a child runs from the bundle. The writes are captured only while it runs.
 */
import { vi } from 'vitest';
import { runCli } from '../../electron/cli/main.js';

export async function cliInProcess(
  argv: string[],
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  // A command that ends with process.exitCode set (a search with no match) would give its code
  // to the next one run in this process: each starts with none, and leaves none behind.
  process.exitCode = undefined;
  try {
    const code = await runCli(argv);
    return { code, out, err };
  } finally {
    process.exitCode = undefined;
    vi.restoreAllMocks();
  }
}
