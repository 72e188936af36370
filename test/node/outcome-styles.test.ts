/**
 * Every outcome a log row can carry has its colour in the log's pills: when the shared vocabulary
 * gained `refused` and `call-failed`, the stylesheet still coloured only the old `rejected`, and
 * a refusal showed as a grey pill. This keeps the stylesheet in step with the vocabulary.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUEST_OUTCOMES } from '../../shared/request/outcome.js';

const css = readFileSync(join(import.meta.dirname, '../../renderer/src/styles.css'), 'utf8');

describe('outcome colours', () => {
  it.each([...REQUEST_OUTCOMES, 'unmatched'])('colours the %s pill', (outcome) => {
    expect(css).toContain(`.pill.outcome-${outcome}`);
  });
});
