/**
 * Which modems a saved log is about, for the name its export is offered under (export-name.ts):
 * the models its records list, as a live session's export names the modems listed now. Offered as
 * `mbn-diag_no-device_…`, a saved log of two modems could not be told from other attachments.
 *
 * Read from what the log already has at hand, so the save dialog is not kept waiting: a .zip
 * bundle's manifest (its devices); the log's first page (the window's), when it is the whole log;
 * else the index the window's pages and searches share, once built, whose buckets say which hold
 * a device's records (only those lines are parsed: bucket-kinds.ts). While that index is still
 * being built (a week-long log opened a moment ago), the first page: a modem first listed later
 * is then not named.
 */
import type { JournalRecord } from '../../shared/journal/record.js';
import { DEVICE_KINDS, holdsKinds } from '../core/bucket-kinds.js';
import { openLog } from '../core/export/index.js';
import type { IndexedLog } from '../core/indexed-log.js';
import { MAX_PAGE } from './contract.js';

/**
 * The models the saved log at `path` lists, in the order met (export-name.ts drops repeats).
 * `index`: the log's shared index, asked for only when the first page is not the whole log.
 */
export async function savedLogModels(
  path: string,
  index: () => Promise<IndexedLog>,
): Promise<string[]> {
  const log = await openLog(path, { pageSize: MAX_PAGE });
  let firstPage: string[];
  try {
    if (log.manifest) return log.manifest.environment.devices.flatMap((d) => d.model ?? []);
    firstPage = modelsOf(log.firstPage.records);
    // A bundle has no index to read (its entries cannot be entered in the middle).
    if (log.complete || log.kind === 'bundle') return firstPage;
  } finally {
    log.close();
  }
  const built = await builtAlready(index());
  return built ? await modelsInIndex(built) : firstPage;
}

/**
 * The index if it is built already, else undefined: its first build of a week-long log takes a
 * minute, which the save dialog must not wait for. A promise settled already answers a race
 * before one settled after it, so this reads its state without waiting.
 */
async function builtAlready(index: Promise<IndexedLog>): Promise<IndexedLog | undefined> {
  const notYet = Symbol('not built yet');
  try {
    const first = await Promise.race([index, Promise.resolve(notYet)]);
    return first === notYet ? undefined : first;
  } catch {
    // An index that could not be had: the first page says what it can.
    return undefined;
  }
}

async function modelsInIndex(log: IndexedLog): Promise<string[]> {
  const models = modelsOf(log.prefix);
  for (const at of log.buckets) {
    if (holdsKinds(at.bucket, DEVICE_KINDS))
      models.push(...modelsOf(await log.recordsOfKinds(at, DEVICE_KINDS)));
  }
  return models;
}

function modelsOf(records: readonly JournalRecord[]): string[] {
  const models: string[] = [];
  for (const record of records)
    if (DEVICE_KINDS.has(record.kind) && 'model' in record && typeof record.model === 'string')
      models.push(record.model);
  return models;
}
