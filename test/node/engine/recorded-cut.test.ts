/**
 * Every place the engine and the MBIM backend cut recorded bytes keeps no part of an IMEI the cut
 * falls inside: a read's 16-byte preview, a notification's data, an MBIM message. Each record
 * is exported as a user would (redacted by default), and no 5 digits of the IMEI may show.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageFields } from '../../../electron/backends/mbim/describe-message.js';
import {
  handleBackendEvent,
  type EngineKnowledge,
} from '../../../electron/engine/backend-events.js';
import { RECORDED_DATA_BYTES, type JournalRecord } from '../../../shared/journal/record.js';
import type { BackendEvent } from '../../../shared/model.js';
import { exportRecords, removeTempDirs, tempDir } from '../export/support/helpers.js';

afterAll(removeTempDirs);

const IFACE = '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}';
const SERVICE = '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}';
const IMEI = '358921527589292';

/** The record the engine makes of one backend event (only what these events use is there). */
function recordOf(event: BackendEvent): JournalRecord {
  const records: JournalRecord[] = [];
  let seq = 0;
  const known = {
    journal: {
      append: (fields: object) =>
        records.push({
          v: 2,
          seq: ++seq,
          time: '2026-11-30T08:00:00.000Z',
          mono: seq,
          ...fields,
        } as JournalRecord),
    },
    tracker: { serviceName: () => 'Vendor stream' },
    isClosing: () => false,
    servicesListed: () => undefined,
  } as unknown as EngineKnowledge;
  handleBackendEvent(known, event);
  const [record] = records;
  if (!record) throw new Error('nothing recorded');
  return record;
}

/** Whether 5 digits in a row of the IMEI show in `text`: as text, or as the hex of ASCII or UTF-16LE. */
function showsImei(text: string): boolean {
  for (let i = 0; i + 5 <= IMEI.length; i++) {
    const part = IMEI.slice(i, i + 5);
    for (const form of [
      part,
      Buffer.from(part, 'latin1').toString('hex'),
      Buffer.from(part, 'utf16le').toString('hex'),
    ])
      if (text.includes(form)) return true;
  }
  return false;
}

async function exported(record: JournalRecord): Promise<string> {
  const dir = tempDir();
  let all = '';
  for (const format of ['jsonl', 'csv', 'html'] as const) {
    const destination = join(dir, `log.${format}`);
    await exportRecords([record], format, destination);
    all += readFileSync(destination, 'utf8');
  }
  return all;
}

describe('recorded bytes cut inside an IMEI', () => {
  it("leave none of it in a read's preview (an IMEI written in groups, as on a label)", async () => {
    const data = new Uint8Array(Buffer.from(`IMEI 35-892152-758929-2\r\n`, 'latin1'));
    const record = recordOf({ type: 'read-data', interfaceId: IFACE, serviceId: SERVICE, data });
    expect(record).toMatchObject({ kind: 'read-data', byteLength: data.length });
    expect(showsImei(await exported(record))).toBe(false);
  });

  for (const encoding of ['latin1', 'utf16le'] as const)
    it(`leave none of it in a notification's data (${encoding})`, async () => {
      const width = encoding === 'utf16le' ? 2 : 1;
      const bytes = Buffer.alloc(RECORDED_DATA_BYTES + 64, 0x20);
      Buffer.from(IMEI, encoding).copy(bytes, RECORDED_DATA_BYTES - 8 * width);
      const record = recordOf({
        type: 'event-notification',
        interfaceId: IFACE,
        serviceId: SERVICE,
        eventId: 7,
        data: new Uint8Array(bytes),
      });
      expect(record).toMatchObject({ byteLength: bytes.length });
      expect(showsImei(await exported(record))).toBe(false);
    });

  it('leave none of it in an MBIM message, which still says its whole length', async () => {
    const bytes = Buffer.alloc(RECORDED_DATA_BYTES + 64, 0x20);
    bytes.writeUInt32LE(0x80000003, 0);
    bytes.writeUInt32LE(bytes.length, 4);
    Buffer.from(IMEI, 'utf16le').copy(bytes, RECORDED_DATA_BYTES - 18);
    const fields = messageFields(
      IFACE,
      { direction: 'received', bytes: new Uint8Array(bytes), message: undefined, fragments: 17 },
      null,
    );
    expect(fields.byteLength).toBe(bytes.length);
    const record = {
      v: 2,
      seq: 1,
      time: '2026-11-30T08:00:00.000Z',
      mono: 1,
      kind: 'mbim-message',
      ...fields,
    } as JournalRecord;
    expect(showsImei(await exported(record))).toBe(false);
  });
});
