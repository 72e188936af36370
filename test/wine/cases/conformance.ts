/**
 * The addon's half of a conformance run, in node.exe under Wine: the plan named by
 * MBN_CONFORMANCE_PLAN through the real engine on the native backend (the fake MBN service
 * configured from the plan's scenario). The normalized journal goes back to the runner, which
 * compares it with the simulator's.
 */
import { readFileSync } from 'node:fs';
import { drive, type Plan } from '../conformance/drive.js';
import { check, finish, openNative, report } from './harness.js';

await check('plan driven through the engine on the native backend', async () => {
  const planPath = process.env.MBN_CONFORMANCE_PLAN;
  const journalDir = process.env.MBN_JOURNAL_DIR;
  if (!planPath || !journalDir)
    throw new Error('MBN_CONFORMANCE_PLAN and MBN_JOURNAL_DIR must be set');
  const plan = JSON.parse(readFileSync(planPath, 'utf8')) as Plan;
  const journal = await drive(await openNative(), plan, journalDir);
  report('journal', journal);
  return `${journal.length} journal records`;
});

finish();
