/**
 * What Copy puts on the clipboard: personal identifiers masked, as the device list shows them,
 * until the technician chooses Show device IDs.
 */
import { describe, expect, it } from 'vitest';
import { toLogRow } from '../../electron/ipc/log-row';
import type { JournalRecord } from '../../shared/journal/record';
import { entryJson, entryText, maskedJson } from '../../renderer/src/components/copy-text';

const IMEI = '359072061234567';
const MEID = 'A10000009296F2';
const PHONE = '+14155550123';
const ICCID = '8944500102198304826';
const base = { v: 2 as const, time: '2026-11-23T09:00:00.000Z', mono: 1, interfaceId: '{IF-1}' };
const deviceInfo = (deviceId: string): JournalRecord => ({
  ...base,
  seq: 1,
  kind: 'device-info',
  manufacturer: 'Sierra Wireless',
  model: 'EM7565',
  firmware: 'SWI9X50C_01.14.03.00',
  deviceId,
  readyState: 'initialized',
});
const error: JournalRecord = {
  ...base,
  seq: 2,
  kind: 'error',
  context: 'backend',
  message: `SIM ${ICCID} rejected; call ${PHONE}`,
};

/** Text of one byte a character (an AT command's answer), as the journal records it: hex. */
const hex = (text: string): string =>
  Array.from(text, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');

describe('copying a log entry', () => {
  it('masks the device ID in the JSON, hex MEIDs too, and shows it whole once revealed', () => {
    const masked = entryJson(toLogRow(deviceInfo(IMEI)), 'EM7565', false);
    expect(masked).not.toContain(IMEI);
    expect(JSON.parse(masked)).toMatchObject({ deviceId: '3590•••••••••67', model: 'EM7565' });
    expect(entryJson(toLogRow(deviceInfo(MEID)), undefined, false)).not.toContain(MEID);
    expect(entryJson(toLogRow(deviceInfo(IMEI)), 'EM7565', true)).toContain(IMEI);
  });

  it('masks phone numbers and SIM numbers in the words and the JSON, never the time', () => {
    const row = toLogRow(error);
    const text = entryText(row, 'EM7565', 'utc', false);
    for (const id of [PHONE, ICCID, '4155550123', '98304826']) expect(text).not.toContain(id);
    expect(text).toMatch(/^#2 2026-11-23 09:00:00\.000 Z · EM7565 \{IF-1\} · /);
    expect(text).toContain('SIM 8944•••••••••••••26 rejected');
    expect(entryJson(row, undefined, false)).not.toContain(ICCID);
    expect(entryText(row, 'EM7565', 'utc', true)).toContain(`${ICCID} rejected; call ${PHONE}`);
  });

  it('masks an IMEI in the interface ID and the service name as in the words', () => {
    // Windows names a USB modem's interface after its instance path, which may end in the IMEI.
    const row = toLogRow({
      ...base,
      seq: 4,
      kind: 'session-state',
      interfaceId: `USB\\VID_1199&PID_9091\\6&${IMEI}`,
      serviceId: '{SVC}',
      serviceName: `Vendor ${PHONE}`,
      from: 'open',
      to: 'closing',
    });
    const text = entryText(row, 'EM7565', 'utc', false);
    expect(text).not.toContain(IMEI);
    expect(text).not.toContain('4155550123');
    expect(text).toContain('EM7565 USB\\VID_1199&PID_9091\\6&3590•••••••••67');
    expect(entryText(row, 'EM7565', 'utc', true)).toContain(IMEI);
  });

  it("masks the timeline's selected request as JSON until revealed", () => {
    const request = {
      lane: 'SMS',
      op: 'close',
      interfaceId: `USB\\VID_1199&PID_9091\\6&${IMEI}`,
      serviceName: 'SMS',
      message: `SIM ${ICCID} rejected`,
      sentTime: '2026-11-23T09:00:00.000Z',
    };
    const masked = maskedJson(request, false);
    for (const id of [IMEI, ICCID]) expect(masked).not.toContain(id);
    expect(JSON.parse(masked)).toMatchObject({ lane: 'SMS', sentTime: request.sentTime });
    expect(maskedJson(request, true)).toContain(IMEI);
  });

  it('masks a number with a zero-width space or soft hyphen inside as the number itself', () => {
    // Pasted from a chat or a web page: on screen the same digits, side by side.
    const row = toLogRow({
      ...error,
      message: `SIM 8944\u200b500102198304826 rejected; call +1\u2060415\u00ad5550123`,
    });
    const text = entryText(row, 'EM7565', 'utc', false);
    expect(text).toContain('SIM 8944•••••••••••••26 rejected; call +141••••••23');
    const json = entryJson(row, undefined, false);
    expect(json).toContain('SIM 8944•••••••••••••26 rejected; call +141••••••23');
  });

  it('says a read preview that carries an identifier is masked, and keeps one that does not', () => {
    const read = (preview: string): JournalRecord => ({
      ...base,
      seq: 3,
      kind: 'read-data',
      serviceId: '{SVC}',
      serviceName: 'SMS',
      byteLength: 16,
      preview,
    });
    // The IMEI's digits as ASCII bytes: 0x33 0x35 0x39 …
    const imeiText = IMEI.replace(/\d/g, (digit) => `3${digit}`);
    const masked = JSON.parse(entryJson(toLogRow(read(imeiText)), undefined, false)) as {
      preview: string;
    };
    // Fifteen digits failing the IMEI check digit are taken for an IMSI.
    expect(masked.preview).toBe('[masked IMSI]');
    expect(JSON.parse(entryJson(toLogRow(read('0a0b0c')), undefined, false))).toMatchObject({
      preview: '0a0b0c',
    });
  });

  it("masks only a SIM file's number in a read preview, and keeps a payload of integers", () => {
    const read = (preview: string): JournalRecord => ({
      ...base,
      seq: 3,
      kind: 'read-data',
      serviceId: '{SVC}',
      serviceName: 'SIM',
      byteLength: 96,
      preview,
    });
    const copied = (preview: string): unknown =>
      (JSON.parse(entryJson(toLogRow(read(preview)), undefined, false)) as { preview: string })
        .preview;
    // EF_IMSI (length 08, type 9, then 310260000000123 in BCD) after a frame header.
    expect(copied('7e0a0001083901620000001032ffffff')).toBe('7e0a000108[masked IMSI]ffffff');
    // uint32 fields 42, 5 and 60: before, `[masked IMSI]`, as every export had it.
    expect(copied('7e0a00010000002a000000050000003c')).toBe('7e0a00010000002a000000050000003c');
  });

  it("overwrites an IMSI in an MBIM message's bytes, and leaves a payload of zeros alone", () => {
    // SUBSCRIBER_READY_STATUS carries the IMSI as UTF-16LE: each digit, then a zero byte.
    const imsi = '310150123456789';
    const utf16 = imsi.replace(/\d/g, (digit) => `3${digit}00`);
    const message = (bytes: string): JournalRecord => ({
      ...base,
      seq: 4,
      kind: 'mbim-message',
      direction: 'received',
      transactionId: 7,
      type: 'command-done',
      service: null,
      serviceName: null,
      cid: null,
      cidName: null,
      status: null,
      statusName: null,
      requestId: null,
      fragments: 1,
      bytes,
    });
    // The same IMSI in full-width digits (U+FF10 on), as a SIM tool may write it: in UTF-16LE
    // `10 ff` for 0, in UTF-8 `ef bc 90`.
    const fullWidth = (code: (d: number) => string): string =>
      imsi.replace(/\d/g, (digit) => code(Number(digit)));
    const fullWidthUtf16 = fullWidth((d) => `${(0x10 + d).toString(16)}ff`);
    const fullWidthUtf8 = fullWidth((d) => `efbc${(0x90 + d).toString(16)}`);
    for (const written of [utf16, fullWidthUtf16, fullWidthUtf8]) {
      const masked = JSON.parse(
        entryJson(toLogRow(message(`03000080${written}`)), undefined, false),
      ) as { bytes: string };
      expect(masked.bytes).not.toContain(written);
      expect(masked.bytes).toHaveLength(8 + written.length);
    }
    const zeros = '00'.repeat(24);
    expect(JSON.parse(entryJson(toLogRow(message(zeros)), undefined, false))).toMatchObject({
      bytes: zeros,
    });
  });

  it("overwrites a SIM file's number in BCD in a command's answer, every length kept", () => {
    // A vendor command reading EF_IMSI (IMSI 310260000000123): its length 08, then the digits,
    // two a byte, the first under the type nibble.
    const file = '083901620000001032';
    const completion: JournalRecord = {
      ...base,
      seq: 6,
      kind: 'completion',
      serviceId: '{SVC-1}',
      serviceName: 'Vendor',
      op: 'query',
      requestId: 9,
      status: '0x00000000',
      statusName: 'S_OK',
      match: 'matched',
      ref: 'r9',
      outcome: 'succeeded',
      latencyMs: 3,
      responseId: 1,
      byteLength: 13,
      data: `00000000${file}`,
    };
    const masked = JSON.parse(entryJson(toLogRow(completion), undefined, false)) as {
      data: string;
    };
    // `IMSI****` in ASCII where the digits were; the length byte stays.
    expect(masked.data).toBe('0000000008494d53492a2a2a2a');
    expect(JSON.parse(entryJson(toLogRow(completion), undefined, true))).toMatchObject({
      data: completion.data,
    });
  });

  it('overwrites a labelled number in a payload with the kind its label names', () => {
    // An AT answer naming a test IMEI, whose check digit fails: by its digits alone an IMSI,
    // and the copy read `IMEI: IMSI***********`.
    const notification: JournalRecord = {
      ...base,
      seq: 5,
      kind: 'event-notification',
      serviceId: '{SVC-1}',
      serviceName: 'Vendor',
      eventId: 1,
      byteLength: 21,
      data: hex('IMEI: 490154203237519'),
    };
    const masked = JSON.parse(entryJson(toLogRow(notification), undefined, false)) as {
      data: string;
    };
    expect(masked.data).toBe(hex('IMEI: IMEI***********'));
  });

  it('overwrites the digits at the end of a payload an earlier version cut inside an IMEI', () => {
    // Recorded before the cut learned to stop short of a number: the IMEI's first 8 digits end it.
    const start = hex('IMEI: 35892152');
    const notification = (byteLength: number): JournalRecord => ({
      ...base,
      seq: 5,
      kind: 'event-notification',
      serviceId: '{SVC-1}',
      serviceName: 'Vendor',
      eventId: 1,
      byteLength,
      data: start,
    });
    const masked = JSON.parse(entryJson(toLogRow(notification(65_600)), undefined, false)) as {
      data: string;
    };
    expect(masked.data).toBe(hex('IMEI: ********'));
    // Recorded whole, the same bytes are a count, left as they are.
    expect(JSON.parse(entryJson(toLogRow(notification(14)), undefined, false))).toMatchObject({
      data: start,
    });
  });

  it("overwrites the start of a SIM file's number in BCD that a payload's cut splits", () => {
    // EF_IMSI of 310260000000123, cut after 310260000: too few digits for the redaction alone.
    const data = '0000000009000000083901620000';
    const completion: JournalRecord = {
      ...base,
      seq: 7,
      kind: 'completion',
      serviceId: '{SVC-1}',
      serviceName: 'Vendor',
      op: 'query',
      requestId: 10,
      status: '0x00000000',
      statusName: 'S_OK',
      match: 'matched',
      ref: 'r10',
      outcome: 'succeeded',
      latencyMs: 3,
      responseId: 1,
      byteLength: 70_000,
      data,
    };
    const masked = JSON.parse(entryJson(toLogRow(completion), undefined, false)) as {
      data: string;
    };
    // `IMSI*` in ASCII from the byte of its first digit; the length byte stays.
    expect(masked.data).toBe('000000000900000008494d53492a');
  });
});
