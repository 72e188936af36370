/** A scenario saved by a Windows editor starts with a UTF-8 byte-order mark; it still loads. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bundledScenariosDir,
  loadScenarioFile,
} from '../../../electron/backends/simulator/scenario-loader.js';

const dir = mkdtempSync(join(tmpdir(), 'scenario-bom-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a scenario with a byte-order mark', () => {
  it('loads as the same scenario', () => {
    const original = join(bundledScenariosDir(), 'default.json');
    const withBom = join(dir, 'default-bom.json');
    writeFileSync(
      withBom,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(original)]),
    );
    expect(loadScenarioFile(withBom)).toEqual(loadScenarioFile(original));
  });
});
