import { describe, expect, it } from 'vitest';
import { toLogRow } from '../../electron/ipc/log-row';
import type { JournalRecord } from '../../shared/journal/record';
import {
  filterDevices,
  filterServices,
  logDeviceNames,
} from '../../renderer/src/components/device-names';
import { LogModel } from '../../renderer/src/store/log-model';
import { TimelineModel } from '../../renderer/src/timeline/timeline-model';

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
  model.insert(records.map((record) => toLogRow(record)));
  return model;
}

describe('what a saved log calls its devices', () => {
  it('names a device by its own device-info, not "—", though the live list never saw it', () => {
    const names = logDeviceNames(LIVE, savedLog().places, false);
    expect(names.get(KIOSK)).toBe('RM520N-GL (…0001)');
  });

  it("names a device it never described by its interface ID's end, never a bare GUID", () => {
    expect(logDeviceNames(LIVE, savedLog().places, false).get(OTHER)).toBe('unknown model (…0002)');
  });

  it('offers its own devices and services in the filters, not the live modems', () => {
    const model = savedLog();
    expect(filterDevices(LIVE, model.places, false).map((d) => d.label)).toEqual([
      'RM520N-GL (…0001)',
      'unknown model (…0002)',
    ]);
    expect(filterServices(LIVE, model.places, null).map((s) => s.label)).toEqual([
      'unknown model (…0002) — SMS',
    ]);
    expect(filterServices(LIVE, model.places, KIOSK)).toEqual([]);
  });

  it('offers a service the log knows only by its session states (listed, never asked)', () => {
    const model = new LogModel(undefined, true);
    model.insert(
      [
        record({
          kind: 'session-state',
          interfaceId: KIOSK,
          serviceId: SMS,
          serviceName: 'SMS',
          from: 'unknown',
          to: 'closed',
        }),
      ].map((record) => toLogRow(record)),
    );
    expect(filterServices(LIVE, model.places, null).map((s) => s.label)).toEqual([
      'unknown model (…0001) — SMS',
    ]);
  });

  it('keeps the live device list for the live log', () => {
    expect(filterDevices(LIVE, savedLog().places, true).map((d) => d.label)).toEqual([
      'EM7565 (…odem)',
    ]);
  });

  it('forgets the names of a log that is closed for another', () => {
    const model = savedLog();
    model.clear();
    expect(logDeviceNames([], model.places, false).size).toBe(0);
  });
});

/** Two EM7565s and a modem without a model, as test/fixtures/ui-same-model.json lists them. */
const TWINS = [
  {
    interfaceId: '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
    model: 'EM7565',
    deviceId: '359072061234567',
  },
  {
    interfaceId: '{0C9D7E11-2A3B-4C5D-8E9F-A0B1C2D3E4F5}',
    model: 'EM7565',
    deviceId: '359072061234575',
  },
  { interfaceId: '{B7D04E92-3C51-4A8F-8E26-9F1A4D6C2B30}', model: '', deviceId: '866123456789012' },
];
/** What the HTML report of that run calls them (test/node/export/html-device-names.test.ts). */
const REPORT_NAMES = ['EM7565 (…8E47)', 'EM7565 (…E4F5)', 'unknown model (…2B30)'];

function twinsLog(): LogModel {
  const model = new LogModel(undefined, true);
  model.insert(
    TWINS.map((d) =>
      toLogRow(
        record({
          kind: 'device-info',
          manufacturer: 'Sierra Wireless',
          firmware: '1',
          readyState: 'initialized',
          ...d,
        }),
      ),
    ),
  );
  return model;
}

describe('two modems of one model', () => {
  it('read apart in the log, its filters and its timeline, as the report names them', () => {
    const ids = TWINS.map((d) => d.interfaceId);
    for (const liveLog of [true, false]) {
      const names = logDeviceNames(TWINS, twinsLog().places, liveLog);
      expect(ids.map((id) => names.get(id))).toEqual(REPORT_NAMES);
      expect(filterDevices(TWINS, twinsLog().places, liveLog).map((d) => d.label)).toEqual(
        REPORT_NAMES,
      );
    }
    // A saved log from another machine: the live list knows none of its modems.
    const saved = logDeviceNames([], twinsLog().places, false);
    expect(ids.map((id) => saved.get(id))).toEqual(REPORT_NAMES);
  });

  it("read apart in the timeline's device lanes, as the report names them", () => {
    const timeline = new TimelineModel();
    timeline.sync(twinsLog().rows);
    const lanes = timeline.orderedLanes().filter((l) => l.kind === 'device');
    expect(lanes.map((l) => l.label)).toEqual(REPORT_NAMES);
  });
});
