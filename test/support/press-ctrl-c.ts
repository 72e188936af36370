/**
 * Runs the CLI (its bundle) and presses Ctrl+C (SIGINT) at set times after it says where it runs
 * (the SIMULATOR line, printed just before its first request): what the Ctrl+C tests share.
 */
import { spawnCli } from './run-cli.js';

export interface StoppedRun {
  code: number | null;
  signal: string | null;
  stderr: string;
  /** When each piece of stderr came, in ms after the announcement (negative: before it). */
  stderrChunks: { atMs: number; text: string }[];
}

/** `pressAtMs`: when to press, in ms after the announcement; one entry a press. */
export function pressCtrlC(
  args: string[],
  journalDir: string,
  pressAtMs: number[],
): Promise<StoppedRun> {
  return new Promise((resolve) => {
    const child = spawnCli(args, journalDir);
    let stderr = '';
    const stderrChunks: StoppedRun['stderrChunks'] = [];
    const started = Date.now();
    let announcedAt = started;
    let announced = false;
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      stderrChunks.push({ atMs: Date.now(), text: c.toString() });
      if (announced || !stderr.includes('SIMULATOR')) return;
      announced = true;
      announcedAt = Date.now();
      for (const at of pressAtMs) setTimeout(() => child.kill('SIGINT'), at);
    });
    child.stdout.resume();
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      const atMs = (chunk: { atMs: number; text: string }) => ({
        ...chunk,
        atMs: chunk.atMs - announcedAt,
      });
      resolve({ code, signal, stderr, stderrChunks: stderrChunks.map(atMs) });
    });
  });
}
