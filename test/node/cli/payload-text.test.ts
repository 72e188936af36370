/**
 * What `query` prints of a response: a modem's bytes, decoded. A field that is not an identifier
 * by its kind (the hardware string) may still name one, as some firmware puts the IMEI there.
 */
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../shared/bytes.js';
import { encodeDeviceCaps } from '../../../electron/backends/mbim/info.js';
import { Masker, payloadJson, payloadLines } from '../../../electron/cli/payload-text.js';

const BASIC_CONNECT = 'a289cc33-bcbb-8b4f-b6b0-133ec2aae6df';
const IMEI = '353613048804622';

const caps = encodeDeviceCaps({
  deviceType: 1,
  cellularClass: 1,
  voiceClass: 1,
  simClass: 2,
  dataClass: 0x1f,
  smsCaps: 3,
  controlCaps: 1,
  maxSessions: 1,
  customDataClass: '',
  deviceId: IMEI,
  firmwareInfo: 'FW 1.0',
  hardwareInfo: `HW rev2 IMEI ${IMEI}`,
});
const where = { serviceId: BASIC_CONNECT, commandId: 1, role: 'response' as const };
const recorded = { hex: toHex(caps), byteLength: caps.length };
const hardware = (masker: Masker): string | undefined =>
  payloadJson(masker, where, recorded).decoded?.fields.find((f) => f.name === 'Hardware')?.value;

describe("a response's decoded fields", () => {
  it('hide an identifier inside any text field, with the token the hex shows', () => {
    const masker = new Masker(false);
    const payload = payloadJson(masker, where, recorded);
    const text = payloadLines(payload, '').join('\n');
    expect(text).not.toContain(IMEI);
    expect(hardware(new Masker(false))).toBe('HW rev2 IMEI IMEI-1');
    expect(payload.hex).toContain(Buffer.from('IMEI-1', 'utf16le').toString('hex'));
  });

  it('show it whole with --show-ids', () => {
    expect(hardware(new Masker(true))).toBe(`HW rev2 IMEI ${IMEI}`);
  });
});

describe("a response holding a SIM file's number in BCD", () => {
  // A vendor command reading EF_ICCID (89014103211118510720): two digits a byte, low nibble first.
  const iccid = '98101430121118157002';
  const vendor = {
    serviceId: '9a0c1b2d-5e3f-4a6b-8c7d-0e1f2a3b4c5d',
    commandId: 12,
    role: 'response' as const,
  };
  const sim = { hex: `01000000${iccid}`, byteLength: 14 };

  it('has the number overwritten in place in the hex, by the token text gives it', () => {
    const masker = new Masker(false);
    const shown = payloadJson(masker, vendor, sim);
    expect(shown.hex).toBe(`01000000${Buffer.from('ICCID-1***', 'latin1').toString('hex')}`);
    expect(masker.foundInHex).toBe(true);
    // With --show-ids, whole.
    expect(payloadJson(new Masker(true), vendor, sim).hex).toBe(sim.hex);
  });
});
