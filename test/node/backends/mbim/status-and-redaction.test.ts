/**
 * MBIM statuses are named and explained like HRESULTs, and identifiers inside raw bytes are
 * redacted in place so the message keeps its shape.
 */
import { describe, expect, it } from 'vitest';
import { decodeHresult, parseHresult } from '../../../../shared/hresult.js';
import { hresultToMbimStatus, mbimStatusToHresult } from '../../../../shared/mbim-status.js';
import { Redactor } from '../../../../electron/core/export/redact.js';
import { encodeDeviceCaps, decodeDeviceCaps } from '../../../../electron/backends/mbim/info.js';
import { encodeMessage, decodeMessage } from '../../../../electron/backends/mbim/message.js';
import { UUID_BASIC_CONNECT } from '../../../../electron/backends/mbim/uuid.js';

describe('MBIM statuses as HRESULTs', () => {
  it('name BUSY and NO_DEVICE_SUPPORT with plain words, and map back', () => {
    const busy = decodeHresult(mbimStatusToHresult(1));
    expect(busy.name).toBe('MBIM_STATUS_BUSY');
    expect(busy.succeeded).toBe(false);
    expect(busy.meaning).toMatch(/busy/i);
    expect(decodeHresult(mbimStatusToHresult(9)).name).toBe('MBIM_STATUS_NO_DEVICE_SUPPORT');
    expect(mbimStatusToHresult(0)).toBe(0);
    expect(hresultToMbimStatus(mbimStatusToHresult(0x87430002))).toBe(0x87430002);
    // Scenario files may write them by name.
    expect(parseHresult('MBIM_STATUS_BUSY')).toBe(mbimStatusToHresult(1));
  });

  it('never collide with a Microsoft HRESULT (customer bit set)', () => {
    expect(mbimStatusToHresult(2) & 0x20000000).not.toBe(0);
    expect(hresultToMbimStatus(0x80070005)).toBeUndefined();
  });
});

describe('redaction inside MBIM bytes', () => {
  const caps = {
    deviceType: 1,
    cellularClass: 1,
    voiceClass: 1,
    simClass: 2,
    dataClass: 0x1f,
    smsCaps: 3,
    controlCaps: 1,
    maxSessions: 8,
    customDataClass: '',
    deviceId: '356938035643809',
    firmwareInfo: '02.08.01.00',
    hardwareInfo: 'EM9191',
  };
  const message = encodeMessage({
    type: 'command-done',
    tid: 2,
    service: UUID_BASIC_CONNECT,
    cid: 1,
    status: 0,
    payload: encodeDeviceCaps(caps),
  });
  const hex = Buffer.from(message).toString('hex');

  it('replaces the UTF-16LE IMEI by the same token the deviceId field gets, same length', () => {
    const redactor = new Redactor();
    const token = redactor.deviceId(caps.deviceId);
    const redacted = redactor.bytesHex(hex);
    expect(redacted.length).toBe(hex.length);
    const decoded = decodeMessage(Buffer.from(redacted, 'hex'));
    if (decoded.type !== 'command-done') throw new Error('not a command-done');
    const after = decodeDeviceCaps(decoded.payload);
    expect(after.deviceId).toBe(`${token}${'*'.repeat(15 - token.length)}`);
    expect(after.firmwareInfo).toBe('02.08.01.00');
    expect(after.hardwareInfo).toBe('EM9191');
  });

  it('leaves bytes without identifiers untouched', () => {
    const plain = encodeMessage({ type: 'open', tid: 1, maxControlTransfer: 4096 });
    const text = Buffer.from(plain).toString('hex');
    expect(new Redactor().bytesHex(text)).toBe(text);
  });
});
