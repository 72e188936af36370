/**
 * What `watch` calls each record's device: the name every view gives it (shared/device-name.ts),
 * learnt from the device records seen so far, so that a transcript of two EM7565s says whose
 * session each line is about.
 */
import { deviceNames, type NameableDevice } from '../../shared/device-name.js';
import type { JournalRecord } from '../../shared/journal/record.js';
import { recordDeviceId, recordModel } from '../../shared/journal/record-fields.js';

export class RecordDeviceNames {
  private readonly devices = new Map<string, NameableDevice>();
  private names: Map<string, string> | null = null;

  /** The record's device's name, learning what the record says of it first; null for none. */
  nameOf(record: JournalRecord): string | null {
    if (!('interfaceId' in record) || typeof record.interfaceId !== 'string') return null;
    const interfaceId = record.interfaceId;
    const known = this.devices.get(interfaceId);
    const model = recordModel(record);
    const deviceId = recordDeviceId(record);
    if (!known || model !== null || deviceId !== null) {
      this.devices.set(interfaceId, {
        interfaceId,
        model: model ?? known?.model ?? null,
        deviceId: deviceId ?? known?.deviceId ?? null,
      });
      this.names = null;
    }
    this.names ??= deviceNames(this.devices.values());
    return this.names.get(interfaceId) ?? null;
  }
}
