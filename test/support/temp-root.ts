/**
 * One folder per test run for every temporary folder the tests make (`mkdtemp` under
 * `os.tmpdir()`, and what their child processes make under TMPDIR), removed when the run ends.
 * Tests cannot all clean up after themselves (a failing test stops before its cleanup; a child
 * killed mid-write leaves its files), and a developer's /tmp had gathered 11,000 such folders.
 * Set as vitest's globalSetup, before the test processes are forked, so they inherit it.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'mbn-diag-tests-'));
  // Open to every user, with the sticky bit, as /tmp is: the MBIM suite runs the CLI as `nobody`
  // (a proxy refusing a user who is not root), and tsx makes its cache under TMPDIR. What the
  // tests make inside is theirs alone (mkdtemp: 0700).
  chmodSync(root, 0o1777);
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
