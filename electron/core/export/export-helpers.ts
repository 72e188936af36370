/**
 * Every helper thread an export may start, found now (run from source: built), so an export
 * started later does not wait for them. The app and the CLI ship them prebuilt; a benchmark run
 * from source calls this before its clock starts, so it measures what they ship.
 */
import { prepareLineCheckHelper } from './line-check-pool.js';
import { prepareReportHelper } from './report-side.js';

export async function prepareExportHelpers(): Promise<void> {
  await Promise.all([prepareLineCheckHelper(), prepareReportHelper()]);
}
