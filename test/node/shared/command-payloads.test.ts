/**
 * The command catalogue decodes what libmbim decodes: the information buffers below are copied
 * from libmbim's own parser tests (src/libmbim-glib/test/test-message-parser.c: the bytes after
 * the command-done header), with the values libmbim's test asserts. Cut short or pointing outside
 * the buffer, the bytes decode to nothing rather than to a guess.
 */
import { describe, expect, it } from 'vitest';
import { parseHex } from '../../../shared/bytes.js';
import { commandLabel, commandName } from '../../../shared/commands/names.js';
import {
  decodePayload,
  encodeRequest,
  requestFields,
  type DecodedPayload,
} from '../../../shared/commands/payloads.js';

const BASIC_CONNECT = 'a289cc33-bcbb-8b4f-b6b0-133ec2aae6df';
const SMS = '533fbeeb-14fe-4467-9f90-33a223e56c3f';
const MS_BCE = '3d01dcc5-fef5-4d05-0d3a-bef7058e9aaf';
const VENDOR = '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}';

function hex(text: string): Uint8Array {
  const bytes = parseHex(text);
  if (!bytes) throw new Error(`bad hex in test: ${text}`);
  return bytes;
}

/** name → value, the way a technician reads the decoded fields. */
function table(decoded: DecodedPayload | undefined): Record<string, string> {
  if (!decoded) throw new Error('not decoded');
  return Object.fromEntries(decoded.fields.map((f) => [f.name, f.value]));
}

/** test_basic_connect_subscriber_ready_status's information buffer. */
const SUBSCRIBER_READY = hex(`
  01000000 5c000000 1e000000 7c000000 28000000 00000000 02000000
  2c000000 16000000 44000000 16000000
  31003100 31003100 31003100 31003100 31003100 31000000
  30003000 30003000 30003000 30003000 30003000 30000000
  33003100 30003400 31003000 30003000 30003100 31003000 37003600 31000000
  38003900 30003100 30003100 30003400 30003500 34003600 30003100 31003000 30003600 31003200`);

/** test_basic_connect_device_caps's information buffer. */
const DEVICE_CAPS = hex(`
  02000000 01000000 01000000 02000000 1f000080 03000000 01000000 01000000
  40000000 0a000000 4c000000 1e000000 6c000000 1e000000 8c000000 12000000
  48005300 50004100 2b000000
  33003500 33003600 31003300 30003400 38003800 30003400 36003200 32000000
  31003100 2e003800 31003000 2e003000 39002e00 30003000 2e003000 30000000
  43005000 31004500 33003600 37005500 4d000000`);

/** test_basic_connect_register_state's information buffer. */
const REGISTER_STATE = hex(`
  00000000 03000000 01000000 1c000000 01000000 30000000 0a000000
  00000000 00000000 00000000 00000000 02000000
  32003600 30003000 36000000`);

describe('CID names', () => {
  it('names the well-known services’ CIDs as libmbim does, and leaves the rest as numbers', () => {
    expect(commandLabel(BASIC_CONNECT, 11)).toBe('SIGNAL_STATE (CID 11)');
    expect(commandName(SMS, 3)).toBe('SMS_SEND');
    expect(commandName(MS_BCE, 19)).toBe('WAKE_REASON');
    expect(commandName('{d8f20131-fcb5-4e17-8602-d6ed3816164c}', 1)).toBe('STK_PAC');
    expect(commandLabel(BASIC_CONNECT, 17)).toBe('CID 17');
    expect(commandLabel(VENDOR, 1)).toBe('CID 1');
  });
});

describe('decodePayload', () => {
  it('reads RADIO_STATE: hardware and software switches', () => {
    expect(table(decodePayload(BASIC_CONNECT, 3, 'response', hex('01000000 00000000')))).toEqual({
      'Hardware radio': 'On',
      'Software radio': 'Off',
    });
  });

  it('reads SIGNAL_STATE: RSSI in dBm, unknown error rate, unset thresholds', () => {
    const decoded = decodePayload(
      BASIC_CONNECT,
      11,
      'notification',
      hex('13000000 63000000 05000000 ffffffff 00000000'),
    );
    expect(decoded?.structure).toBe('MBIM_SIGNAL_STATE_INFO');
    expect(table(decoded)).toEqual({
      RSSI: '-75 dBm (19)',
      'Error rate': 'unknown (99)',
      'Signal strength interval': '5 s',
      'RSSI threshold': 'not set (0xffffffff)',
      'Error rate threshold': '0',
    });
  });

  it('reads SUBSCRIBER_READY_STATUS with its identifiers whole and marked personal', () => {
    const decoded = decodePayload(BASIC_CONNECT, 2, 'response', SUBSCRIBER_READY);
    expect(table(decoded)).toEqual({
      'Ready state': 'Initialized',
      'Subscriber ID (IMSI)': '310410000110761',
      'SIM ICCID': '89010104054601100612',
      'Ready info': 'none',
      'Telephone numbers': '2',
      'Telephone number 1': '11111111111',
      'Telephone number 2': '00000000000',
    });
    expect(decoded?.fields.filter((f) => f.personal).map((f) => f.personal)).toEqual([
      'imsi',
      'iccid',
      'phone-number',
      'phone-number',
    ]);
  });

  it('reads DEVICE_CAPS, flags by name and the device ID marked personal', () => {
    const decoded = decodePayload(BASIC_CONNECT, 1, 'response', DEVICE_CAPS);
    expect(table(decoded)).toMatchObject({
      'Device type': 'Removable',
      'Cellular class': 'GSM',
      'SIM class': 'removable',
      'Data class': 'GPRS, EDGE, UMTS, HSDPA, HSUPA, custom',
      'SMS caps': 'PDU receive, PDU send',
      'Control caps': 'manual registration',
      'Max sessions': '1',
      'Custom data class': 'HSPA+',
      'Device ID': '353613048804622',
      Firmware: '11.810.09.00.00',
      Hardware: 'CP1E367UM',
    });
    expect(decoded?.fields.find((f) => f.name === 'Device ID')?.personal).toBe('device-id');
  });

  it('reads REGISTER_STATE, empty strings as empty', () => {
    expect(table(decodePayload(BASIC_CONNECT, 9, 'response', REGISTER_STATE))).toEqual({
      'Network error': 'none (0)',
      'Register state': 'Home',
      'Register mode': 'Automatic',
      'Available data classes': 'UMTS, HSDPA, HSUPA',
      'Current cellular class': 'GSM',
      'Provider ID': '26006',
      'Provider name': '',
      'Roaming text': '',
      'Registration flags': 'packet service automatic attach',
    });
  });

  it('reads PACKET_SERVICE with 64-bit speeds exactly', () => {
    const bytes = hex('00000000 02000000 20000000 00e1f505 00000000 00bca065 01000000');
    expect(table(decodePayload(BASIC_CONNECT, 10, 'response', bytes))).toEqual({
      'Network error': 'none (0)',
      'Packet service state': 'Attached',
      'Highest available data class': 'LTE',
      'Uplink speed': '100000000 bit/s',
      'Downlink speed': '6000000000 bit/s',
    });
  });

  it('reads a RADIO_STATE set request back', () => {
    expect(table(decodePayload(BASIC_CONNECT, 3, 'set-request', hex('01000000')))).toEqual({
      RadioState: 'On',
    });
  });

  it('keeps numbers it cannot name', () => {
    const fields = table(decodePayload(BASIC_CONNECT, 3, 'response', hex('07000000 01000000')));
    expect(fields['Hardware radio']).toBe('unknown value (7)');
  });

  it('decodes nothing when the bytes are cut short anywhere before their last string ends', () => {
    // Where the last referenced string ends; after it come only libmbim's padding bytes.
    for (const [cid, bytes, end] of [
      [1, DEVICE_CAPS, 0x8c + 0x12],
      [2, SUBSCRIBER_READY, 0x7c + 0x28],
      [9, REGISTER_STATE, 0x30 + 0x0a],
    ] as const) {
      expect(decodePayload(BASIC_CONNECT, cid, 'response', bytes.slice(0, end))).toBeDefined();
      for (let length = 0; length < end; length++)
        expect(decodePayload(BASIC_CONNECT, cid, 'response', bytes.slice(0, length))).toBe(
          undefined,
        );
    }
    expect(decodePayload(BASIC_CONNECT, 11, 'response', hex('13000000'))).toBeUndefined();
  });

  it('decodes nothing when a string reference points outside the bytes or has an odd size', () => {
    const outside = REGISTER_STATE.slice();
    outside[20] = 0xf0; // provider ID offset far past the end
    expect(decodePayload(BASIC_CONNECT, 9, 'response', outside)).toBeUndefined();
    const odd = REGISTER_STATE.slice();
    odd[24] = 0x09;
    expect(decodePayload(BASIC_CONNECT, 9, 'response', odd)).toBeUndefined();
  });

  it('refuses a telephone-number count the bytes cannot hold', () => {
    const huge = SUBSCRIBER_READY.slice();
    huge.set([0xff, 0xff, 0xff, 0xff], 24);
    expect(decodePayload(BASIC_CONNECT, 2, 'response', huge)).toBeUndefined();
  });

  it('leaves vendor services and unknown CIDs to the hex', () => {
    expect(decodePayload(VENDOR, 3, 'response', hex('01000000 01000000'))).toBeUndefined();
    expect(decodePayload(BASIC_CONNECT, 12, 'response', hex('01000000'))).toBeUndefined();
  });
});

describe('requestFields and encodeRequest', () => {
  it('offers the RADIO_STATE set as a choice of Off and On, and builds its bytes', () => {
    expect(requestFields(BASIC_CONNECT, 3, 'set-request')).toEqual([
      {
        name: 'RadioState',
        kind: 'u32',
        choices: [
          { value: 0, label: 'Off' },
          { value: 1, label: 'On' },
        ],
      },
    ]);
    expect(encodeRequest(BASIC_CONNECT, 3, 'set-request', { RadioState: 1 })).toEqual(
      hex('01000000'),
    );
    expect(encodeRequest(BASIC_CONNECT, 3, 'set-request', { RadioState: 2 })).toBeUndefined();
  });

  it('builds a SIGNAL_STATE set in field order, little-endian, full 32-bit range', () => {
    expect(
      encodeRequest(BASIC_CONNECT, 11, 'set-request', {
        SignalStrengthInterval: 5,
        RssiThreshold: 0xffffffff,
        ErrorRateThreshold: 0x01020304,
      }),
    ).toEqual(hex('05000000 ffffffff 04030201'));
    expect(
      encodeRequest(BASIC_CONNECT, 11, 'set-request', { SignalStrengthInterval: 5 }),
    ).toBeUndefined();
  });

  it('says a known query carries no bytes, and knows nothing of vendor commands', () => {
    expect(requestFields(BASIC_CONNECT, 11, 'query-request')).toEqual([]);
    expect(encodeRequest(BASIC_CONNECT, 11, 'query-request', {})).toEqual(new Uint8Array());
    expect(requestFields(VENDOR, 2, 'set-request')).toBeUndefined();
    expect(requestFields(BASIC_CONNECT, 1, 'set-request')).toBeUndefined();
  });
});
