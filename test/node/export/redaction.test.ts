import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '../../../electron/core/journal-reader.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { EXPORT_FORMATS as ALL_FORMATS } from '../../../electron/core/export/formats.js';

// pcapng holds only MBIM messages, which these simulator logs have none of (it refuses them in
// words); its redaction and safety are checked on MBIM logs by the MBIM suite (test/mbim).
const EXPORT_FORMATS = ALL_FORMATS.filter((f) => f !== 'pcapng');
import { Redactor } from '../../../electron/core/export/redact.js';
import { exportRecords, removeTempDirs, tempDir, unzip } from './support/helpers.js';
import { QUECTEL, QUECTEL_IMEI, SIERRA, SIERRA_IMEI, makeSampleRun } from './support/sample-log.js';

const IMSI = '310260123456789';
const ICCID = '89014103211118510720';
const PHONE = '+44 20 7946 0958';
const NATIONAL_PHONE = '(555) 123-4567';
const MEID = 'A10000009296F2';
/** A device whose interface ID itself embeds its IMEI, as some USB instance paths do. */
const USB_IFACE = `USB\\VID_1199&PID_9091\\${SIERRA_IMEI}`;

/** Every form in which a planted identifier could leak. */
const FORBIDDEN = [
  SIERRA_IMEI,
  QUECTEL_IMEI,
  IMSI,
  ICCID,
  PHONE,
  '442079460958',
  NATIONAL_PHONE,
  '5551234567',
  MEID,
  Buffer.from(IMSI).toString('hex'),
  Buffer.from('35907206', 'utf16le').toString('hex'),
  Buffer.from(ICCID).toString('hex'),
];

function bcd(digits: string): string {
  let hex = '';
  for (let i = 0; i < digits.length; i += 2) hex += `${digits[i + 1] ?? 'f'}${digits[i]}`;
  return hex;
}

let planted: JournalRecord[];

/** Plants identifiers in every field that can carry one. */
function plant(sample: JournalRecord[]): JournalRecord[] {
  const out: JournalRecord[] = sample.map((r): JournalRecord => {
    switch (r.kind) {
      case 'run-start':
        return {
          ...r,
          os: { ...r.os, release: `10.0.22631 (subscriber ${IMSI})` },
          backend: {
            ...r.backend,
            reason: `Support line ${NATIONAL_PHONE}`,
            label: `MBN on ${SIERRA_IMEI}`,
          },
        };
      case 'backend-status':
        return { ...r, message: `Modem ${QUECTEL_IMEI} answered; SIM ${ICCID}` };
      case 'device-info':
        return r.interfaceId === SIERRA
          ? { ...r, interfaceId: USB_IFACE, firmware: `FW-${IMSI}` }
          : { ...r, model: `EM120R ${PHONE}` };
      case 'device-removal':
        return { ...r, deviceId: QUECTEL_IMEI };
      case 'request':
        return r.interfaceId === SIERRA
          ? { ...r, interfaceId: USB_IFACE, serviceName: `Vendor ${IMSI}` }
          : r;
      default:
        return 'interfaceId' in r && r.interfaceId === SIERRA
          ? { ...r, interfaceId: USB_IFACE }
          : r;
    }
  });
  const last = out[out.length - 1];
  if (!last) throw new Error('empty sample');
  const base = { v: 2 as const, time: last.time, mono: last.mono };
  out.push(
    {
      ...base,
      seq: last.seq + 1,
      kind: 'device-info',
      interfaceId: '{CDMA-1}',
      manufacturer: 'Acme',
      model: 'C1',
      firmware: '1.0',
      deviceId: MEID,
      readyState: 'initialized',
    },
    {
      ...base,
      seq: last.seq + 2,
      kind: 'error',
      message: `SIM ${ICCID}, IMSI ${IMSI}, calling ${PHONE}; ESN/MEID ${MEID}`,
      context: `device ${SIERRA_IMEI}`,
    },
    {
      ...base,
      seq: last.seq + 3,
      kind: 'read-data',
      interfaceId: QUECTEL,
      serviceId: 'x',
      serviceName: 'AT',
      byteLength: 15,
      preview: Buffer.from(IMSI).toString('hex'),
    },
    {
      ...base,
      seq: last.seq + 4,
      kind: 'read-data',
      interfaceId: QUECTEL,
      serviceId: 'x',
      serviceName: 'MBIM',
      byteLength: 64,
      preview: Buffer.from('35907206', 'utf16le').toString('hex'),
    },
    {
      ...base,
      seq: last.seq + 5,
      kind: 'read-data',
      interfaceId: QUECTEL,
      serviceId: 'x',
      serviceName: 'SIM',
      byteLength: 10,
      preview: bcd(ICCID),
    },
    // Command payloads and notifications carry a device's bytes as hex, like MBIM messages.
    {
      ...base,
      seq: last.seq + 6,
      kind: 'event-notification',
      interfaceId: QUECTEL,
      serviceId: 'x',
      serviceName: 'Vendor',
      eventId: 3,
      byteLength: 30,
      data: Buffer.from(SIERRA_IMEI, 'utf16le').toString('hex'),
    },
    {
      ...base,
      seq: last.seq + 7,
      kind: 'request',
      ref: 'r900',
      op: 'set',
      interfaceId: QUECTEL,
      serviceId: 'x',
      serviceName: 'Vendor',
      outcome: 'sending',
      sessionOpenBefore: true,
      commandId: 5,
      byteLength: 20,
      data: Buffer.from(ICCID).toString('hex'),
    },
    {
      ...base,
      seq: last.seq + 8,
      kind: 'completion',
      ref: 'r900',
      op: 'set',
      interfaceId: QUECTEL,
      serviceId: 'x',
      serviceName: 'Vendor',
      requestId: 77,
      status: '00000000',
      statusName: 'S_OK',
      match: 'matched',
      outcome: 'succeeded',
      latencyMs: 12,
      responseId: 5,
      byteLength: 15,
      data: Buffer.from(IMSI).toString('hex'),
    },
  );
  return out;
}

beforeAll(async () => {
  planted = plant((await readAll(await makeSampleRun(tempDir()))).records);
});
afterAll(removeTempDirs);

async function exportedText(
  format: (typeof EXPORT_FORMATS)[number],
  redact: boolean,
): Promise<string> {
  const out = join(tempDir(), `journal-${SIERRA_IMEI}.${format}`);
  await exportRecords(planted, format, out, {
    redact,
    sourceLabel: `/home/tech/logs/journal-${SIERRA_IMEI}.jsonl`,
    problems: () => [
      {
        file: `/home/tech/${IMSI}/journal-000001.jsonl`,
        line: 3,
        message: `bad line near ${ICCID}`,
      },
    ],
  });
  if (format !== 'zip') return readFileSync(out, 'utf8');
  const entries = await unzip(out);
  return [...entries].map(([name, body]) => `${name}\n${body.toString('utf8')}`).join('\n');
}

describe('redaction', () => {
  it.each(EXPORT_FORMATS)(
    'leaves no planted identifier in a redacted %s export',
    async (format) => {
      const text = await exportedText(format, true);
      for (const id of FORBIDDEN) expect(text, `${format} leaks ${id}`).not.toContain(id);
      expect(text).toMatch(/\b(IMEI|IMSI|ICCID|PHONE)-1\b/);
    },
  );

  it.each(EXPORT_FORMATS)(
    'keeps them all in a %s export when redaction is explicitly off',
    async (format) => {
      const text = await exportedText(format, false);
      for (const id of [SIERRA_IMEI, QUECTEL_IMEI, ICCID]) expect(text).toContain(id);
      expect(text).not.toContain('IMEI-1');
    },
  );

  it('keeps command and notification payloads whole bytes of the same size, identifiers overwritten', async () => {
    const text = await exportedText('jsonl', true);
    const payloads = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((r) => typeof r.seq === 'number' && r.seq >= (planted.at(-3)?.seq ?? 0))
      // The export's last record says which line it could not read; it holds no payload.
      .filter((r) => r.context !== 'export');
    const planted3 = planted.slice(-3);
    expect(payloads.map((r) => r.kind)).toEqual(planted3.map((r) => r.kind));
    payloads.forEach((r, i) => {
      const before = planted3[i];
      const data = String(r.data);
      expect(data).toMatch(/^(?:[0-9a-f]{2})+$/);
      expect(before && 'data' in before ? before.data?.length : -1).toBe(data.length);
      expect(Buffer.from(data, 'hex').toString('latin1').replace(/\0/g, '')).toMatch(
        /(IMEI|IMSI|ICCID)-\d/,
      );
    });
  });

  it('gives each distinct value its own token, the same everywhere in one export', async () => {
    const out = join(tempDir(), 'log.jsonl');
    await exportRecords(planted, 'jsonl', out);
    const records = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const sierraInfo = records.find(
      (r) => r.kind === 'device-info' && String(r.interfaceId).startsWith('USB'),
    );
    const removal = records.find((r) => r.kind === 'device-removal');
    const error = records.find((r) => r.kind === 'error');
    const cdma = records.find((r) => r.kind === 'device-info' && r.interfaceId === '{CDMA-1}');
    // The scenario's device IDs fail the IMEI check digit, so where one is first met in free
    // text it is named as the 15-digit IMSI it could be; what matters is that each value keeps
    // one token everywhere and two modems never share one.
    const sierraToken = String(sierraInfo?.deviceId);
    expect(sierraToken).toMatch(/^(IMEI|IMSI)-\d$/);
    expect(sierraInfo?.interfaceId).toBe(`USB\\VID_1199&PID_9091\\${sierraToken}`);
    expect(error?.context).toBe(`device ${sierraToken}`);
    expect(removal?.deviceId).toMatch(/^(IMEI|IMSI)-\d$/);
    expect(removal?.deviceId).not.toBe(sierraToken);
    expect(cdma?.deviceId).toBe('MEID-1');
    const imsi = String(error?.message).match(/IMSI (IMSI-\d)/)?.[1];
    const quectelInfo = records.find((r) => r.kind === 'device-info' && r.interfaceId === QUECTEL);
    const phone = String(quectelInfo?.model).replace('EM120R ', '');
    expect(phone).toMatch(/^PHONE-\d$/);
    expect(error?.message).toBe(`SIM ICCID-1, IMSI ${imsi}, calling ${phone}; ESN/MEID MEID-1`);
    const previews = records.filter((r) => r.kind === 'read-data').map((r) => r.preview);
    expect(previews.slice(-3)).toEqual([
      `[redacted ${imsi}]`,
      expect.stringMatching(/^\[redacted [A-Z-]+-\d\]$/),
      '[redacted ICCID-1]',
    ]);
    // Request and completion records of the same device still line up after redaction.
    const ifaces = new Set(
      records
        .filter((r) => r.kind !== 'device-info' && 'interfaceId' in r)
        .map((r) => r.interfaceId),
    );
    expect(ifaces.has(`USB\\VID_1199&PID_9091\\${sierraToken}`)).toBe(true);
    expect([...ifaces].some((i) => String(i).includes(SIERRA_IMEI))).toBe(false);
  });

  it('leaves GUIDs, HRESULTs, times, versions and small numbers alone', () => {
    const r = new Redactor();
    const text =
      'close {8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902} returned 0x80070005 at 2026-11-23T23:50:01.193Z after 194.394 ms, request #1001, 1048576 bytes, fw 01.14.03.00, 192.168.100.200';
    expect(r.text(text)).toBe(text);
  });

  it('does not take an IMEI for the last group of a GUID it touches', () => {
    // A GUID's last group is 12 hex digits: a 15-digit IMEI after `xxxx-` (or right after a
    // GUID) was taken for one, and kept whole.
    const r = new Redactor();
    const imei = '359072061234567';
    for (const text of [
      `port aaaaaaaa-bbbb-cccc-dddd-${imei}`,
      `8c1e5a4b-2d7f-4e36-b9a0-61f3c5d7e902${imei}`,
    ])
      expect(r.text(text), text).not.toContain(imei);
    const guids = '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902} a289cc33-bcbb-8b4f-b6b0-133ec2aae6df';
    expect(r.text(guids)).toBe(guids);
  });
});

describe('identifiers written with separators inside payload bytes', () => {
  it('are overwritten in place, as the same text in a field is replaced', async () => {
    // An AT answer (ASCII) and an MBIM string (UTF-16LE) in notifications' payloads: the digits
    // apart as people write them were left whole, readable to anyone decoding the hex.
    const payloads = [
      Buffer.from('+CNUM: "","+44 20 7946 0958",145\r\n', 'latin1'),
      Buffer.from('IMEI 35-907206-123456-7', 'utf16le'),
    ];
    const records = payloads.map((bytes, i) => ({
      v: 2,
      seq: i + 1,
      time: '2026-11-24T08:30:00.000Z',
      mono: i,
      kind: 'event-notification',
      interfaceId: SIERRA,
      serviceId: '533fbeeb-14fe-4467-9f90-33a223e56c3f',
      serviceName: 'SMS',
      eventId: 1,
      byteLength: bytes.length,
      data: bytes.toString('hex'),
    })) as unknown as JournalRecord[];
    const out = join(tempDir(), 'payloads.jsonl');
    await exportRecords(records, 'jsonl', out);
    const lines = readFileSync(out, 'utf8').trim().split('\n').slice(1);
    const data = lines.map((line) =>
      Buffer.from((JSON.parse(line) as { data: string }).data, 'hex'),
    );
    expect(data.map((bytes) => bytes.length)).toEqual(payloads.map((bytes) => bytes.length));
    const [at, mbim] = [data[0]?.toString('latin1'), data[1]?.toString('utf16le')];
    expect(at).toMatch(/^\+CNUM: "","PHONE-1\*+",145\r\n$/);
    // Written apart and its check digit failing, its digits alone make it a phone number: its
    // label says what it is (redaction-labels.test.ts).
    expect(mbim).toMatch(/^IMEI IMEI-1\*+$/);
  });
});

describe('a list inside a list', () => {
  it('stays a list when an identifier in it is replaced', async () => {
    // A field the journal does not know, kept as it is: redacted, its inner list came out as an
    // object with numbered keys ({"0":"IMEI-1"}).
    const record = {
      v: 2,
      seq: 1,
      time: '2026-11-24T08:30:00.000Z',
      mono: 1,
      kind: 'error',
      message: 'm',
      context: 'c',
      rows: [[SIERRA_IMEI, 'x'], [1]],
    } as unknown as JournalRecord;
    const out = join(tempDir(), 'lists.jsonl');
    await exportRecords([record], 'jsonl', out);
    const [, line] = readFileSync(out, 'utf8').trim().split('\n');
    expect((JSON.parse(line ?? '{}') as { rows: unknown }).rows).toEqual([
      [expect.stringMatching(/^[A-Z]+-1$/), 'x'],
      [1],
    ]);
  });
});

describe('an identifier in a field name', () => {
  it('is replaced as in a value, the fields kept in their order', async () => {
    // The journal check lets fields it does not know through: a saved log whose record has a
    // field named after an IMEI (hand-edited, or written by another tool) kept it in a JSON Lines
    // export, fast path or full, as only values were scanned.
    const record = {
      v: 2,
      seq: 1,
      time: '2026-11-24T08:30:00.000Z',
      mono: 1,
      kind: 'error',
      message: 'm',
      [`imei ${SIERRA_IMEI}`]: true,
      context: 'c',
      // As JSON.parse makes it: `__proto__` a field like any other, which renaming must keep.
      extra: JSON.parse(`{"${PHONE}":1,"__proto__":"kept"}`) as unknown,
    } as unknown as JournalRecord;
    const out = join(tempDir(), 'keys.jsonl');
    await exportRecords([record], 'jsonl', out);
    const text = readFileSync(out, 'utf8');
    for (const id of [SIERRA_IMEI, '7946 0958']) expect(text).not.toContain(id);
    const [, line] = text.trim().split('\n');
    const exported = JSON.parse(line ?? '{}') as Record<string, unknown>;
    expect(Object.keys(exported)).toEqual([
      'v',
      'seq',
      'time',
      'mono',
      'kind',
      'message',
      expect.stringMatching(/^imei [A-Z]+-1$/),
      'context',
      'extra',
    ]);
    expect(JSON.stringify(exported.extra)).toMatch(/^\{"PHONE-1":1,"__proto__":"kept"\}$/);
  });
});
