/**
 * A run's name, as its folder is named (`run-20260105T020000017Z-f5aa68`): when it started and
 * the first characters of its ID. Apart from journal-files.ts, which touches the disk, so that an
 * export's helper threads (which name the run each CSV row is from) do not load that.
 */

/** Milliseconds in the stamp: runs sort by name in start order even when two start in one second. */
export function runDirName(wallMs: number, runId: string): string {
  const stamp = new Date(wallMs).toISOString().replace(/[-:.]/g, '');
  return `run-${stamp}-${runId.slice(0, 6)}`;
}

/**
 * The name of the run a run-start record begins, as its folder is named; its ID alone when its
 * time is not one (a hand-edited log), rather than no name.
 */
export function runNameOf(start: { time: string; runId: string }): string {
  const ms = Date.parse(start.time);
  return Number.isFinite(ms) ? runDirName(ms, start.runId) : `run-${start.runId.slice(0, 6)}`;
}
