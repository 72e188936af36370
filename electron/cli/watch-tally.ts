/**
 * What `watch` saw, counted as it goes, for the one line it ends with: a technician who left it
 * running can tell at a glance whether anything happened and where the journal is.
 */
import type { BackendKind } from '../backends/contract.js';
import type { JournalRecord } from '../../shared/journal/record.js';
import { formatCount } from '../../shared/format-count.js';

export class WatchTally {
  private records = 0;
  private requests = 0;
  private completions = 0;
  private overdue = 0;
  private abandoned = 0;
  private reads = 0;
  private readBytes = 0;
  private deviceChanges = 0;
  private errors = 0;

  add(record: JournalRecord): void {
    this.records += 1;
    switch (record.kind) {
      case 'request':
        this.requests += 1;
        break;
      case 'completion':
        this.completions += 1;
        break;
      case 'overdue':
        this.overdue += 1;
        break;
      case 'abandoned':
        this.abandoned += 1;
        break;
      case 'read-data':
        this.reads += 1;
        this.readBytes += record.byteLength;
        break;
      case 'device-arrival':
      case 'device-removal':
        this.deviceChanges += 1;
        break;
      case 'error':
        this.errors += 1;
        break;
      default:
        break;
    }
  }

  summary(elapsedMs: number, backend: BackendKind, journal: string): string {
    const n = (count: number, one: string, many = `${one}s`): string =>
      `${formatCount(count)} ${count === 1 ? one : many}`;
    const parts = [
      n(this.requests, 'request'),
      n(this.completions, 'completion'),
      ...(this.overdue > 0 ? [`${formatCount(this.overdue)} overdue`] : []),
      ...(this.abandoned > 0 ? [`${formatCount(this.abandoned)} abandoned`] : []),
      `${n(this.reads, 'read')} (${n(this.readBytes, 'byte')})`,
      n(this.deviceChanges, 'device arrival/removal', 'device arrivals/removals'),
      ...(this.errors > 0 ? [n(this.errors, 'error')] : []),
    ];
    const where = backend === 'simulator' ? ' on the SIMULATOR' : '';
    return `Watched ${(elapsedMs / 1000).toFixed(1)} s${where}: ${n(this.records, 'record')}; ${parts.join(', ')}. Journal: ${journal}`;
  }
}
