/**
 * Conformance on MBIM: the plan run on the simulator and on the MBIM backend against the emulator
 * (directly, and through the real mbim-proxy) gives the same journal, up to what MBIM cannot carry
 * (see conformance/conformance.ts). Each journal's capture is then read by tshark (capture.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstDifference, type Plan } from '../wine/conformance/drive.js';
import { comparable, runOnMbim, runOnSimulator } from './conformance/conformance.js';
import { ROOT } from './lib/emulated.js';
import { startProxy, type RunningProxy } from './lib/proxy.js';

const plan = JSON.parse(
  readFileSync(join(ROOT, 'test/mbim/conformance/mbim.plan.json'), 'utf8'),
) as Plan;

describe('the conformance plan on the MBIM backend', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await startProxy();
  });
  afterAll(async () => {
    await proxy.stop();
  });

  it('yields the simulator journal when talking to the emulator directly', async () => {
    const simulator = await runOnSimulator(plan);
    const mbim = await runOnMbim(plan, false);
    expect(
      firstDifference(comparable(simulator.journal), comparable(mbim.journal)),
    ).toBeUndefined();
    // The plan covers what it says it does: a duplicate, a late answer, an abandoned request.
    const matches = mbim.journal.map((r) => r.match);
    expect(matches).toEqual(expect.arrayContaining(['duplicate', 'late']));
    expect(mbim.journal.some((r) => r.kind === 'abandoned')).toBe(true);
    expect(mbim.records.filter((r) => r.kind === 'mbim-message').length).toBeGreaterThan(20);
  });

  // mbim-proxy hands a client only the first answer to each transaction (libmbim drops an answer
  // nobody waits for), so a modem's duplicate COMMAND_DONE never reaches a proxy client: that one
  // difference is expected, and everything else must match.
  it('yields the same journal through the real mbim-proxy, less the duplicate the proxy drops', async () => {
    const simulator = await runOnSimulator(plan);
    const mbim = await runOnMbim(plan, true);
    const withoutDuplicates = comparable(simulator.journal).filter((r) => r.match !== 'duplicate');
    expect(simulator.journal.some((r) => r.match === 'duplicate')).toBe(true);
    expect(firstDifference(withoutDuplicates, comparable(mbim.journal))).toBeUndefined();
  });
});
