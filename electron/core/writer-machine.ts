/**
 * Which machine, and which boot of it, a run's writer ran on (`writer.boot` beside `writer.pid`).
 * A run is live while its writer's process is, and a process ID alone named the wrong one: after
 * a reboot (a power cut) another process has the crashed writer's ID, and a run folder from a
 * customer's machine names one of theirs. Such a run read as live for good: its torn last line was
 * not reported, its index never saved, and it was never pruned. An ID is believed only on the same
 * machine in the same boot.
 */
import { hostname, uptime } from 'node:os';
import { readSmallFile } from './plain-file.js';

export interface WriterMachine {
  host: string;
  /** Linux's boot id (`id:…`); elsewhere the minute the machine booted (`at:…`). */
  boot: string;
}

/** Boot minutes further apart than this are two boots: a wall clock set meanwhile moves one. */
const SAME_BOOT_MINUTES = 10;

function thisMachine(): WriterMachine {
  const id = readSmallFile('/proc/sys/kernel/random/boot_id', 64)?.trim();
  const boot = id
    ? `id:${id}`
    : `at:${String(Math.round((Date.now() - uptime() * 1000) / 60_000))}`;
  return { host: hostname(), boot };
}

export function writerMachineText(machine: WriterMachine = thisMachine()): string {
  return `${JSON.stringify(machine)}\n`;
}

/**
 * Whether a writer recorded as `text` ran on this machine in this boot. True when nothing says
 * otherwise: a run written before runs recorded it, or a record that cannot be read.
 */
export function sameBoot(text: string | undefined, now: WriterMachine = thisMachine()): boolean {
  const recorded = parseMachine(text);
  if (!recorded) return true;
  if (recorded.host !== now.host) return false;
  const [kind, value] = splitBoot(recorded.boot);
  const [nowKind, nowValue] = splitBoot(now.boot);
  if (kind !== nowKind) return true;
  if (kind === 'id') return value === nowValue;
  return Math.abs(Number(value) - Number(nowValue)) <= SAME_BOOT_MINUTES;
}

function parseMachine(text: string | undefined): WriterMachine | undefined {
  try {
    const value: unknown = text === undefined ? undefined : JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { host, boot } = value as Record<string, unknown>;
    return typeof host === 'string' && typeof boot === 'string' ? { host, boot } : undefined;
  } catch {
    return undefined;
  }
}

function splitBoot(boot: string): [string, string] {
  const colon = boot.indexOf(':');
  return [boot.slice(0, colon), boot.slice(colon + 1)];
}
