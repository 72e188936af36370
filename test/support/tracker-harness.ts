/** A tracker on a manual clock whose journal entries are collected, for precise tests. */
import { ManualClock } from '../../electron/core/clock.js';
import type { JournalEntry } from '../../shared/journal/record.js';
import type { ServiceInfo } from '../../shared/model.js';
import { SessionTracker } from '../../electron/core/session-tracker.js';

export const IFACE = '{IFACE-1}';
export const SVC = 'c08a26dd-7718-4382-8482-6e0d583c4d0e';

export function trackerHarness(
  options: { timeoutMs?: number; sessionOpen?: boolean | null; finishedMemory?: number } = {},
) {
  const clock = new ManualClock();
  const entries: JournalEntry[] = [];
  const tracker = new SessionTracker({
    clock,
    timeoutMs: options.timeoutMs ?? 1000,
    emit: (e) => entries.push(e),
    ...(options.finishedMemory === undefined ? {} : { finishedMemory: options.finishedMemory }),
  });
  const service: ServiceInfo = {
    interfaceId: IFACE,
    serviceId: SVC,
    name: 'DSS (Device Service Stream)',
    dataReadSupported: true,
    dataWriteSupported: true,
    dataSessionOpen: options.sessionOpen === undefined ? true : options.sessionOpen,
    commandSessionOpen: false,
    maxCommandSize: null,
  };
  tracker.noteServices([service]);
  entries.length = 0;
  const ofKind = <K extends JournalEntry['kind']>(kind: K) =>
    entries.filter((e): e is Extract<JournalEntry, { kind: K }> => e.kind === kind);
  return { clock, tracker, entries, ofKind };
}
