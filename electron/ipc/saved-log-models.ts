/**
 * What the name a saved log's export is offered under says of it (export-name.ts): which modems,
 * named as the window's views name them, and, for the whole log, the times it spans. Offered as
 * `mbn-diag_no-device_<when exported>.zip`, two week-logs of one modem exported a minute apart
 * could not be told apart, nor from other attachments.
 *
 * Read from what the log already has at hand, so the save dialog is not kept waiting: a .zip
 * bundle's manifest (its devices, first and last times); the log's first page (the window's),
 * when it is the whole log; else the index the window's pages and searches share, once built,
 * whose buckets say their times and which hold a device's records (only those lines are parsed:
 * bucket-kinds.ts). While that index is still being built (a week-long log opened a moment ago),
 * the first page: a modem first met later is then not named, and the name says when the export
 * was made, as its span is not known.
 */
import type { JournalRecord } from '../../shared/journal/record.js';
import type { ExportRange } from '../../shared/export-range.js';
import type { NameableDevice } from '../../shared/device-name.js';
import {
  recordDeviceId,
  recordInterfaceId,
  recordModel,
} from '../../shared/journal/record-fields.js';
import { DEVICE_KINDS, holdsKinds } from '../core/bucket-kinds.js';
import { openLog } from '../core/export/index.js';
import { deviceFileNames } from '../core/export/export-name.js';
import type { IndexedLog } from '../core/indexed-log.js';
import { MAX_PAGE } from './contract.js';

export interface SavedLogNaming {
  /** What the name calls the log's modems, in the order met (export-name.ts drops repeats). */
  deviceModels: () => Promise<string[]>;
  /** The whole log's first and last times; undefined where not known without reading it. */
  span: () => Promise<ExportRange | undefined>;
}

/**
 * What the name of an export of the saved log at `path` says, read once for both. `index`: the
 * log's shared index, asked for only when the first page is not the whole log.
 */
export function savedLogNaming(path: string, index: () => Promise<IndexedLog>): SavedLogNaming {
  let read: Promise<Said> | undefined;
  const said = () => (read ??= readNaming(path, index));
  return {
    deviceModels: async () => deviceFileNames((await said()).devices.values()),
    span: async () => (await said()).span,
  };
}

interface Said {
  devices: Devices;
  span: ExportRange | undefined;
}

async function readNaming(path: string, index: () => Promise<IndexedLog>): Promise<Said> {
  const log = await openLog(path, { pageSize: MAX_PAGE });
  const devices = new Devices();
  const records = log.firstPage.records;
  try {
    if (log.manifest) {
      const { environment } = log.manifest;
      for (const d of environment.devices) devices.add(d);
      // A log of requests alone lists no device: its records' interface IDs name the modems.
      devices.meet(records);
      return { devices, span: spanOf(environment.firstTime, environment.lastTime) };
    }
    devices.meet(records);
    if (log.complete) return { devices, span: recordsSpan(records) };
    // A bundle has no index to read (its entries cannot be entered in the middle).
    if (log.kind === 'bundle') return { devices, span: undefined };
  } finally {
    log.close();
  }
  const built = await builtAlready(index());
  if (!built) return { devices, span: undefined };
  devices.meet(built.prefix);
  for (const at of built.buckets)
    if (holdsKinds(at.bucket, DEVICE_KINDS))
      devices.meet(await built.recordsOfKinds(at, DEVICE_KINDS));
  return { devices, span: indexSpan(built) };
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

/** The modems met, by interface ID, each with the model and device ID a device record gives. */
class Devices {
  private readonly byId = new Map<string, NameableDevice>();

  add(device: NameableDevice): void {
    const known = this.byId.get(device.interfaceId);
    this.byId.set(device.interfaceId, {
      interfaceId: device.interfaceId,
      model: device.model ?? known?.model ?? null,
      deviceId: device.deviceId ?? known?.deviceId ?? null,
    });
  }

  meet(records: readonly JournalRecord[]): void {
    for (const record of records) {
      const interfaceId = recordInterfaceId(record);
      if (interfaceId !== null)
        this.add({ interfaceId, model: recordModel(record), deviceId: recordDeviceId(record) });
    }
  }

  values(): NameableDevice[] {
    return [...this.byId.values()];
  }
}

/** The index's buckets' times (min and max: the clock may step back), and the prefix's. */
function indexSpan(log: IndexedLog): ExportRange | undefined {
  let span = recordsSpan(log.prefix);
  for (const { bucket } of log.buckets)
    if (bucket.time) span = widen(widen(span, bucket.time[0]), bucket.time[1]);
  return span;
}

function recordsSpan(records: readonly JournalRecord[]): ExportRange | undefined {
  let span: ExportRange | undefined;
  for (const record of records) span = widen(span, Date.parse(record.time));
  return span;
}

function spanOf(first: string | null, last: string | null): ExportRange | undefined {
  if (first === null || last === null) return undefined;
  return widen(widen(undefined, Date.parse(first)), Date.parse(last));
}

function widen(span: ExportRange | undefined, time: number): ExportRange | undefined {
  if (!Number.isFinite(time)) return span;
  return span
    ? { from: Math.min(span.from, time), to: Math.max(span.to, time) }
    : { from: time, to: time };
}
