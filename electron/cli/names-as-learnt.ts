/**
 * The names of a log's modems for `mbn-diag search`'s matches, learnt by a pass over the log's
 * device records that runs beside the search instead of before it. Run first, that pass kept a
 * week-long log's terminal blank for 12-21 s before the first match, even for a search the index
 * answered at once (321 buckets of device records read, against one for `--request r7`).
 *
 * A match is named as soon as its modem has been described (a record giving its model: a run
 * describes its modems as it starts, so this is almost at once); a match of a modem not described
 * yet waits for the pass to describe it or to end, so a modem described late is still named, as
 * before. The one difference from naming after the whole pass: a second modem of the same model
 * whose interface ID ends in the same four characters, met later, lengthens both names from then
 * on (one pair in 65,536), as the report's names do as its log is read.
 */
import type { JournalRecord } from '../../shared/journal/record.js';
import { recordModel } from '../../shared/journal/record-fields.js';
import { RecordDeviceNames } from './record-device-names.js';

export class NamesAsLearnt {
  private readonly names = new RecordDeviceNames();
  /** Interface IDs a record has given a model for. */
  private readonly described = new Set<string>();
  private ended = false;
  private waiters = new Set<() => void>();

  /** A device record the names pass read (as shown: redacted unless asked otherwise). */
  learn(record: JournalRecord): void {
    this.take(record);
    this.wake();
  }

  /** The names pass ended (or was stopped, or failed): every name is as known as it will be. */
  end(): void {
    this.ended = true;
    this.wake();
  }

  /** Whether a match is waiting for the names pass (for the progress line). */
  waiting(): boolean {
    return this.waiters.size > 0;
  }

  /**
   * The name of the modem `record` is about (null for none), once it is known: at once when the
   * modem has been described, else when the pass describes it or ends. Rejects when `signal` is
   * aborted meanwhile.
   */
  async nameOf(record: JournalRecord, signal: AbortSignal): Promise<string | null> {
    const id = this.take(record);
    if (id === null) return null;
    while (!this.ended && !this.described.has(id)) await this.change(signal);
    return this.names.nameOf(record);
  }

  /** Learns what `record` says of its modem; its interface ID, or null for a record of none. */
  private take(record: JournalRecord): string | null {
    if (!('interfaceId' in record) || typeof record.interfaceId !== 'string') return null;
    this.names.nameOf(record);
    if (recordModel(record) !== null) this.described.add(record.interfaceId);
    return record.interfaceId;
  }

  private change(signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    return new Promise((resolve, reject) => {
      const woken = (): void => {
        signal.removeEventListener('abort', aborted);
        resolve();
      };
      const aborted = (): void => {
        this.waiters.delete(woken);
        reject(signal.reason as Error);
      };
      this.waiters.add(woken);
      signal.addEventListener('abort', aborted, { once: true });
    });
  }

  private wake(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const woken of waiters) woken();
  }
}
