/**
 * The lines of the format-v1 journal fixture (test/fixtures/journal-v1), for the tests that put
 * a v1 tail after lines of the current format: they are upgraded as read, and some readers take
 * them apart from the rest.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const V1_RUN = join(import.meta.dirname, '../fixtures/journal-v1');

export function v1Lines(): string[] {
  const run = readdirSync(V1_RUN).find((name) => name.startsWith('run-')) ?? '';
  return readFileSync(join(V1_RUN, run, 'journal-000001.jsonl'), 'utf8')
    .trim()
    .split('\n');
}
