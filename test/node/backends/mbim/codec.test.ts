/**
 * The MBIM codec on its own: messages survive encode/decode, fragmentation and reassembly, a
 * stream cut anywhere, and malformed bytes from a modem are refused in words rather than trusted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MbimEmulator } from '../../../../electron/backends/mbim/emulator/emulator.js';
import { parseScenario } from '../../../../electron/backends/simulator/scenario-loader.js';
import {
  fragment,
  FrameSplitter,
  Reassembler,
  concat,
} from '../../../../electron/backends/mbim/framing.js';
import {
  decodeDeviceServices,
  decodeDssConnect,
  decodeDeviceCaps,
  encodeDeviceCaps,
  encodeDeviceServices,
  encodeDssConnect,
} from '../../../../electron/backends/mbim/info.js';
import {
  decodeMessage,
  encodeMessage,
  MbimDecodeError,
  type MbimMessage,
} from '../../../../electron/backends/mbim/message.js';
import { formatUuid, parseUuid, UUID_DSS } from '../../../../electron/backends/mbim/uuid.js';

const SERVICE = '8c1e5a4b-2d7f-4e36-b9a0-61f3c5d7e902';

function done(payloadLength: number): MbimMessage {
  return {
    type: 'command-done',
    tid: 7,
    service: UUID_DSS,
    cid: 1,
    status: 1,
    payload: new Uint8Array(payloadLength).map((_, i) => i & 0xff),
  };
}

describe('MBIM messages', () => {
  it('encode a DSS_CONNECT set as the specification lays it out', () => {
    const bytes = encodeMessage({
      type: 'command',
      tid: 3,
      service: UUID_DSS,
      cid: 1,
      commandType: 1,
      payload: encodeDssConnect({ serviceId: SERVICE, sessionId: 6, linkState: 0 }),
    });
    const hex = Buffer.from(bytes).toString('hex');
    // type 3, length 72, tid 3, fragment 1/0, DSS UUID in wire order, CID 1, set, 24-byte buffer.
    expect(hex).toBe(
      [
        '03000000480000000300000001000000' + '00000000',
        'c08a26dd7718438284826e0d583c4d0e',
        '010000000100000018000000',
        '8c1e5a4b2d7f4e36b9a061f3c5d7e902',
        '0600000000000000',
      ].join(''),
    );
    expect(decodeDssConnect((decodeMessage(bytes) as { payload: Uint8Array }).payload)).toEqual({
      serviceId: SERVICE,
      sessionId: 6,
      linkState: 0,
    });
  });

  it('refuse a message whose lengths do not add up', () => {
    const bytes = encodeMessage(done(8));
    expect(() => decodeMessage(bytes.subarray(0, bytes.length - 1))).toThrow(MbimDecodeError);
    const lying = bytes.slice();
    new DataView(lying.buffer).setUint32(44, 9, true);
    expect(() => decodeMessage(lying)).toThrow(/information buffer says 9 bytes/);
  });

  // libmbim checks only that the information buffer fits in the message (mbim-message.c,
  // _mbim_message_validate_complete_fragment: MessageLength >= header + InformationBufferLength),
  // so mbimcli reads a modem that pads its messages to 4 bytes; this backend must too.
  it('read an answer whose message is longer than its information buffer (padding)', () => {
    const exact = encodeMessage(done(6));
    const padded = new Uint8Array(exact.length + 2);
    padded.set(exact);
    new DataView(padded.buffer).setUint32(4, padded.length, true);
    const message = decodeMessage(padded);
    expect(message.type === 'command-done' && [...message.payload]).toEqual([0, 1, 2, 3, 4, 5]);
    const indication = encodeMessage({
      type: 'indicate-status',
      tid: 0,
      service: UUID_DSS,
      cid: 1,
      payload: new Uint8Array([9, 9, 9]),
    });
    const paddedIndication = new Uint8Array(indication.length + 1);
    paddedIndication.set(indication);
    new DataView(paddedIndication.buffer).setUint32(4, paddedIndication.length, true);
    const decoded = decodeMessage(paddedIndication);
    expect(decoded.type === 'indicate-status' && [...decoded.payload]).toEqual([9, 9, 9]);
  });

  it('print and parse UUIDs in wire order, braces and case ignored', () => {
    const bytes = parseUuid(`{${SERVICE.toUpperCase()}}`);
    expect(bytes && formatUuid(bytes)).toBe(SERVICE);
    expect(parseUuid('not-a-uuid')).toBeUndefined();
  });
});

describe('fragmentation', () => {
  it('splits a long answer into frames no longer than the maximum and joins them back', () => {
    const whole = encodeMessage(done(10_000));
    const frames = fragment(whole, 4096);
    expect(frames.length).toBe(3);
    for (const frame of frames) expect(frame.length).toBeLessThanOrEqual(4096);
    const reassembler = new Reassembler();
    const results = frames.map((f) => reassembler.push(f));
    expect(results.slice(0, 2)).toEqual([undefined, undefined]);
    expect(results[2]?.fragments).toBe(3);
    expect(Buffer.from(results[2]?.bytes ?? []).equals(Buffer.from(whole))).toBe(true);
  });

  // MBIM lets a device's wMaxControlMessage be as small as 64 bytes (44 of payload a fragment),
  // and libmbim's collector takes any number of fragments: a DEVICE_SERVICES answer of a few KiB
  // (a modem listing its vendor services' CIDs) then comes in more than 64 fragments.
  it('joins an answer of many fragments, as a 64-byte control transfer makes them', () => {
    const whole = encodeMessage(done(4000));
    const frames = fragment(whole, 64);
    expect(frames.length).toBeGreaterThan(64);
    const reassembler = new Reassembler();
    const results = frames.map((f) => reassembler.push(f));
    expect(results.at(-1)?.fragments).toBe(frames.length);
    expect(Buffer.from(results.at(-1)?.bytes ?? []).equals(Buffer.from(whole))).toBe(true);
  });

  it('refuses a message that would grow past any plausible size', () => {
    const reassembler = new Reassembler();
    const frames = fragment(encodeMessage(done(2 * 1024 * 1024)), 0xffff);
    expect(() => frames.forEach((f) => reassembler.push(f))).toThrow(/larger than/);
  });

  it('refuses fragments out of sequence', () => {
    const frames = fragment(encodeMessage(done(10_000)), 4096);
    const reassembler = new Reassembler();
    reassembler.push(frames[0] ?? new Uint8Array());
    expect(() => reassembler.push(frames[2] ?? new Uint8Array())).toThrow(/out of sequence/);
  });

  it('cuts a byte stream into frames wherever the chunks break', () => {
    const a = encodeMessage(done(5));
    const b = encodeMessage({ type: 'open-done', tid: 1, status: 0 });
    const stream = concat([a, b]);
    for (const cut of [1, 11, 12, 30, a.length, a.length + 3]) {
      const splitter = new FrameSplitter();
      const frames = [
        ...splitter.push(stream.subarray(0, cut)).frames,
        ...splitter.push(stream.subarray(cut)).frames,
      ];
      expect(frames.map((f) => f.length)).toEqual([a.length, b.length]);
    }
  });

  it('refuses a frame length no MBIM device can send', () => {
    const bad = new Uint8Array(12);
    new DataView(bad.buffer).setUint32(4, 5, true);
    const split = new FrameSplitter().push(bad);
    expect(split.frames).toEqual([]);
    expect(split.garbage?.error.message).toMatch(/cannot be 5 bytes/);
    expect(split.garbage?.bytes).toEqual(bad);
  });

  // Through mbim-proxy several messages often arrive in one read.
  it('keeps the frames that came before a bad one in the same chunk', () => {
    const a = encodeMessage(done(5));
    const b = encodeMessage({ type: 'open-done', tid: 1, status: 0 });
    const bad = new Uint8Array(12);
    new DataView(bad.buffer).setUint32(4, 5, true);
    const split = new FrameSplitter().push(concat([a, b, bad]));
    expect(split.frames.map((f) => f.length)).toEqual([a.length, b.length]);
    expect(split.garbage?.error.message).toMatch(/cannot be 5 bytes/);
  });

  it('takes a frame longer than the link carries as garbage at once, not as one to wait for', () => {
    const long = encodeMessage(done(5000));
    const header = long.subarray(0, 12);
    // Through mbim-proxy a long frame is awaited...
    expect(new FrameSplitter().push(header).garbage).toBeUndefined();
    // ...but a control device with a 4096-byte limit never sends one.
    const split = new FrameSplitter(4096).push(header);
    expect(split.garbage?.error.message).toMatch(/cannot be \d+ bytes long/);
  });
});

describe('information buffers', () => {
  it('round-trip DEVICE_CAPS strings (UTF-16LE, offsets padded to 4 bytes)', () => {
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
      firmwareInfo: 'FW é',
      hardwareInfo: 'EM9191',
    };
    const bytes = encodeDeviceCaps(caps);
    expect(bytes.length % 4).toBe(0);
    expect(decodeDeviceCaps(bytes)).toEqual(caps);
  });

  // Modem firmware often counts a string's NUL terminator (even as one byte) in its size. libmbim
  // reads such a string anyway: it converts size / 2 units with g_utf16_to_utf8, which stops at
  // the first NUL (libmbim 1.28 mbim-message.c, _mbim_message_read_string). So must we, or the
  // device list fails on a modem mbimcli reads fine.
  it('read a DEVICE_CAPS string as libmbim does: up to a NUL, an odd last byte ignored', () => {
    const caps = encodeDeviceCaps({
      deviceType: 1,
      cellularClass: 1,
      voiceClass: 1,
      simClass: 2,
      dataClass: 0x1f,
      smsCaps: 3,
      controlCaps: 1,
      maxSessions: 8,
      customDataClass: '',
      deviceId: '356938035643809\0',
      firmwareInfo: 'FW1\0\0\0',
      hardwareInfo: 'EM919',
    });
    const odd = caps.slice();
    const view = new DataView(odd.buffer);
    // HardwareInfo's size says 11 bytes: 'EM919' (10) and one byte of its terminator (the 4-byte
    // padding holds it).
    view.setUint32(60, 11, true);
    const decoded = decodeDeviceCaps(odd);
    expect(decoded.deviceId).toBe('356938035643809');
    expect(decoded.firmwareInfo).toBe('FW1');
    expect(decoded.hardwareInfo).toBe('EM919');
  });

  it('round-trip DEVICE_SERVICES and refuse an offset past the buffer', () => {
    const list = {
      maxDssSessions: 16,
      services: [
        { serviceId: SERVICE, dssPayload: 3, maxDssInstances: 1, cids: [1, 2] },
        { serviceId: formatUuid(UUID_DSS), dssPayload: 0, maxDssInstances: 0, cids: [1] },
      ],
    };
    const bytes = encodeDeviceServices(list);
    expect(decodeDeviceServices(bytes)).toEqual(list);
    const broken = bytes.slice();
    new DataView(broken.buffer).setUint32(8, 4000, true);
    expect(() => decodeDeviceServices(broken)).toThrow(MbimDecodeError);
  });
});

describe('the emulated modem receiving broken fragments', () => {
  // The emulated modem reports a host's fragment out of sequence by its name, on that message's
  // transaction ID, so the host can tell which request failed: libmbim matches a FUNCTION_ERROR
  // to its request by transaction ID alone (mbim-device.c, process_message). It said UNKNOWN on
  // transaction 0.
  it('answers FUNCTION_ERROR FRAGMENT_OUT_OF_SEQUENCE on the transaction it concerns', () => {
    const scenarioPath = join(import.meta.dirname, '../../../../test/mbim/scenarios/mbim.json');
    const device = parseScenario(readFileSync(scenarioPath, 'utf8'), scenarioPath).devices[0];
    if (!device) throw new Error('no device');
    const sent: MbimMessage[] = [];
    const emulator = new MbimEmulator(device, (bytes) => sent.push(decodeMessage(bytes)));
    emulator.receive(encodeMessage({ type: 'open', tid: 1, maxControlTransfer: 4096 }));
    const command = encodeMessage({
      type: 'command',
      tid: 7,
      service: UUID_DSS,
      cid: 1,
      commandType: 1,
      payload: new Uint8Array(200),
    });
    const frames = fragment(command, 64);
    emulator.receive(frames[0] ?? new Uint8Array());
    emulator.receive(frames[2] ?? new Uint8Array());
    emulator.stop();
    expect(sent.at(-1)).toEqual({ type: 'function-error', tid: 7, error: 2 });
  });
});
