/**
 * How much of the disk the journal may take. A kiosk's week is about ten million events, some
 * 3 GB, and that week is what a technician comes for: so a run keeps up to 256 files of 16 MiB
 * (4 GiB). But a kiosk's disk is often small and shared: whatever the caps, the journal never
 * takes the last GiB of free space; below that, each rotation drops the run's oldest files until
 * there is room again (always keeping the newest few), so the journal goes on recording the
 * present and the machine keeps working.
 */
import { statfsSync } from 'node:fs';

export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_FILES_PER_RUN = 256;
export const DEFAULT_MIN_FREE_BYTES = 1024 * 1024 * 1024;
/** Files of the current run kept however low the disk: the last minutes before a fault. */
export const MIN_FILES_KEPT = 2;

/** Bytes free for this process on the disk holding `dir`; undefined when it cannot be told. */
export function freeBytesAt(dir: string): number | undefined {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}
