/**
 * `mbn-diag search --all-runs`: each run of a journal folder is searched as a log of its own (its
 * own index, its rows numbered from 1), and what the command says at the end is of them all
 * together: how many matches, in how many runs, how much was read, which lines were damaged.
 */
import type { SearchSummary } from '../core/log-search.js';

export interface SearchTotals {
  matches: number;
  delivered: number;
  totalBytes: number;
  bucketsRead: number;
  bucketsSkipped: number;
  damagedLines: number;
  /** The runs those damaged lines are in, by name. */
  damagedRuns: string[];
  /** Runs searched, and those of them with a match. */
  runsSearched: number;
  runsMatched: number;
  servicesMatched: Set<string>;
  /** The services of the runs searched, when one said the service asked for is not in it. */
  serviceNotInLog: string[] | undefined;
  /** Whether every run searched said so: only then is the service in none of them. */
  serviceNotInEvery: boolean;
  /** The earliest and latest record times of the runs searched (epoch ms), as one summary's. */
  times: [number, number] | null;
  /** Runs that could not be searched, each with why (`run-…: why`). */
  unread: string[];
  /** A run's time zones could not be read: the zone line is left out rather than half said. */
  zonesUnknown: boolean;
}

export function emptyTotals(): SearchTotals {
  return {
    matches: 0,
    delivered: 0,
    totalBytes: 0,
    bucketsRead: 0,
    bucketsSkipped: 0,
    damagedLines: 0,
    damagedRuns: [],
    runsSearched: 0,
    runsMatched: 0,
    servicesMatched: new Set(),
    serviceNotInLog: undefined,
    serviceNotInEvery: true,
    times: null,
    unread: [],
    zonesUnknown: false,
  };
}

/** Adds one run's search (of the run `name`, with --all-runs) to the totals. */
export function addRun(totals: SearchTotals, summary: SearchSummary, name?: string): void {
  totals.matches += summary.matches;
  totals.delivered += summary.delivered;
  totals.totalBytes += summary.totalBytes;
  totals.bucketsRead += summary.bucketsRead;
  totals.bucketsSkipped += summary.bucketsSkipped;
  totals.damagedLines += summary.damagedLines;
  if (summary.damagedLines > 0 && name !== undefined) totals.damagedRuns.push(name);
  totals.runsSearched += 1;
  if (summary.matches > 0) totals.runsMatched += 1;
  for (const name of summary.servicesMatched) totals.servicesMatched.add(name);
  if (summary.serviceNotInLog)
    totals.serviceNotInLog = [
      ...new Set([...(totals.serviceNotInLog ?? []), ...summary.serviceNotInLog]),
    ];
  else totals.serviceNotInEvery = false;
  if (summary.times)
    totals.times = totals.times
      ? [Math.min(totals.times[0], summary.times[0]), Math.max(totals.times[1], summary.times[1])]
      : summary.times;
}
