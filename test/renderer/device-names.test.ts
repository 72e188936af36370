import { describe, expect, it } from 'vitest';
import { toLogRow } from '../../electron/ipc/log-row';
import type { JournalRecord } from '../../shared/journal/record';
import {
  deviceNames,
  filterDevices,
  filterServices,
} from '../../renderer/src/components/device-names';
import { LogModel } from '../../renderer/src/store/log-model';

const KIOSK = '{3a1c0d57-5e1b-4c1f-9d55-0b8b6a6f0001}';
const OTHER = '{99990000-0000-4000-8000-000000000002}';
const SMS = '533fbeeb-14fe-4467-9f90-33a223e56c3f';
const LIVE = [{ interfaceId: '{live-modem}', model: 'EM7565' }];

let seq = 0;
function record(fields: Record<string, unknown>): JournalRecord {
  seq += 1;
  return {
    v: 2,
    seq,
    time: new Date(Date.UTC(2026, 0, 5, 8, 0, seq)).toISOString(),
    mono: seq * 1000,
    ...fields,
  } as unknown as JournalRecord;
}

/** A log from another machine: one modem named by its device-info, one never named. */
function savedLog(): LogModel {
  const model = new LogModel(undefined, true);
  const records = [
    record({
      kind: 'device-info',
      interfaceId: KIOSK,
      model: 'RM520N-GL',
      manufacturer: 'Quectel',
      firmware: 'RM520NGLAAR01A07M4G',
      deviceId: '866123456789012',
      readyState: 'initialized',
    }),
    record({
      kind: 'event-notification',
      interfaceId: OTHER,
      serviceId: SMS,
      serviceName: 'SMS',
      eventId: 1,
      byteLength: 0,
      data: '',
    }),
  ];
  model.insert(records.map(toLogRow));
  return model;
}

describe('what a saved log calls its devices', () => {
  it('names a device by its own device-info, not "—", though the live list never saw it', () => {
    const names = deviceNames(LIVE, savedLog().places, false);
    expect(names.get(KIOSK)).toBe('RM520N-GL');
  });

  it('names a device it never described by its interface ID, as the timeline lane does', () => {
    expect(deviceNames(LIVE, savedLog().places, false).get(OTHER)).toBe(OTHER);
  });

  it('offers its own devices and services in the filters, not the live modems', () => {
    const model = savedLog();
    expect(filterDevices(LIVE, model.places, false).map((d) => d.label)).toEqual([
      'RM520N-GL',
      OTHER,
    ]);
    expect(filterServices(LIVE, model.places, null).map((s) => s.label)).toEqual([
      `${OTHER} — SMS`,
    ]);
    expect(filterServices(LIVE, model.places, KIOSK)).toEqual([]);
  });

  it('keeps the live device list for the live log', () => {
    expect(filterDevices(LIVE, savedLog().places, true).map((d) => d.label)).toEqual(['EM7565']);
  });

  it('forgets the names of a log that is closed for another', () => {
    const model = savedLog();
    model.clear();
    expect(deviceNames([], model.places, false).size).toBe(0);
  });
});
