/**
 * A SIM's numbers in payload bytes, laid out in BCD as SIM files hold them: a device-service
 * answer that reads EF_IMSI, EF_ICCID or EF_MSISDN (a completion's `data`, a notification's),
 * an MBIM answer carrying them (`bytes`). Before, the payload redaction read only text digits,
 * and every redacted export and capture gave them in clear. Each is now overwritten in place by
 * the token its number has in text, every length kept, in every format and on both paths; the
 * bench's MBIM messages, little-endian integers, go out as they are. So are numbers no SIM layout
 * is around, as a vendor's structure may hold them: an ICCID's digits as packed hex, an IMEI in
 * BCD without the NAS layout's length byte.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MBIM_COMMAND, MBIM_DONE } from '../../../bench/export-records.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { APP, NOW, removeTempDirs, tempDir } from './support/helpers.js';
import { SERVICE, SIERRA, exportBothWays, lineHead, savedLogWith } from './support/fast-vs-full.js';
import { bcd, u32hex } from './support/bcd-layouts.js';

afterAll(removeTempDirs);

const IMSI = '310260000000123';
const ICCID = '89014103211118510720';
const MSISDN = '+447946095834';
const IMEI = '356938035643809';
/** The numbers' digits as their files hold them, which no redacted export may show. */
const DIGITS = {
  IMSI: `${IMSI[0]}9${bcd(IMSI.slice(1))}`,
  ICCID: bcd(ICCID),
  PHONE: bcd('447946095834'),
  // With no layout around them: the ICCID's digits as packed hex, the IMEI as a NAS mobile
  // identity's 8 bytes without its length byte (the type nibble `A` under its first digit) and
  // as TBCD (15 digits and F).
  PACKED_ICCID: ICCID,
  NV_IMEI: `${IMEI[0]}a${bcd(IMEI.slice(1))}`,
  TBCD_IMEI: bcd(IMEI),
};
const EF_IMSI = `08${DIGITS.IMSI}`;
const EF_MSISDN = `ffff0791${DIGITS.PHONE}ffffffff`;
/** The same bytes redacted: each number's bytes become its token in ASCII, padded with `*`. */
const ascii = (text: string): string => Buffer.from(text, 'latin1').toString('hex');
const HIDDEN = {
  IMSI: `08${ascii('IMSI-1**')}`,
  ICCID: ascii('ICCID-1***'),
  // Six bytes: `PHONE-1` does not fit whole, so its kind stands for it.
  PHONE: `ffff0791${ascii('PHONE*')}ffffffff`,
};

/** A device-service answer: a status word and the file's size, then the file. */
const answer = (file: string): string => `${u32hex(0)}${u32hex(file.length / 2)}${file}`;
/** The vendor service of the MBIM suite's scenario. */
const VENDOR = '9a0c1b2d5e3f4a6b8c7d0e1f2a3b4c5d';
/** An MBIM COMMAND_DONE (CID 1, success) of a vendor service carrying `information`. */
function commandDone(information: string): string {
  const body = `${VENDOR}${u32hex(1)}${u32hex(0)}${u32hex(information.length / 2)}${information}`;
  const length = 20 + body.length / 2;
  return `${u32hex(0x80000003)}${u32hex(length)}${u32hex(7)}${u32hex(1)}${u32hex(0)}${body}`;
}
const SIM_FILES = `${EF_IMSI}${DIGITS.ICCID}${EF_MSISDN}`;
const SIM_FILES_HIDDEN = `${HIDDEN.IMSI}${HIDDEN.ICCID}${HIDDEN.PHONE}`;
/** A vendor's structure: the bare numbers between 32-bit fields, and the same redacted. */
const BARE = `${u32hex(1)}${DIGITS.PACKED_ICCID}${u32hex(2)}${DIGITS.NV_IMEI}${u32hex(3)}${DIGITS.TBCD_IMEI}${u32hex(4)}`;
const BARE_HIDDEN = `${u32hex(1)}${ascii('ICCID-1***')}${u32hex(2)}${ascii('IMEI-1**')}${u32hex(3)}${ascii('IMEI-1**')}${u32hex(4)}`;

const completion = (seq: number, data: string): string =>
  `${lineHead(seq)},"kind":"completion",${SERVICE},"op":"query","requestId":${seq},"status":"0x00000000","statusName":"S_OK","match":"matched","ref":"r${seq}","outcome":"succeeded","latencyMs":12.5,"responseId":1,"byteLength":${data.length / 2},"data":"${data}"}`;
const notification = (seq: number, data: string): string =>
  `${lineHead(seq)},"kind":"event-notification",${SERVICE},"eventId":1,"byteLength":${data.length / 2},"data":"${data}"}`;
const mbim = (seq: number, direction: string, type: string, bytes: string): string =>
  `${lineHead(seq)},"kind":"mbim-message","interfaceId":"${SIERRA}","direction":"${direction}","transactionId":${String(seq)},"type":"${type}","service":null,"serviceName":null,"cid":null,"cidName":null,"status":null,"statusName":null,"requestId":null,"fragments":1,"bytes":"${bytes}"}`;

const path = savedLogWith([
  completion(700_000, answer(EF_IMSI)),
  completion(700_001, answer(DIGITS.ICCID)),
  completion(700_002, answer(EF_MSISDN)),
  notification(700_003, answer(SIM_FILES)),
  mbim(700_004, 'received', 'command-done', commandDone(SIM_FILES)),
  mbim(700_005, 'sent', 'command', MBIM_COMMAND),
  mbim(700_006, 'received', 'command-done', MBIM_DONE),
  completion(700_007, answer(BARE)),
  mbim(700_008, 'received', 'command-done', commandDone(BARE)),
  // The same numbers as text, as a SIM tool's error says them.
  `${lineHead(700_010)},"kind":"error","message":"SIM ${ICCID} (IMSI ${IMSI}) of ${MSISDN} refused","context":"sim"}`,
]);

/** The payload fields of the planted lines, by seq, as a JSON Lines export wrote them. */
function payloads(jsonl: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of jsonl.trim().split('\n')) {
    const r = JSON.parse(line) as { seq?: number; data?: unknown; bytes?: unknown };
    const hex = r.data ?? r.bytes;
    if (typeof r.seq === 'number' && r.seq >= 700_000 && typeof hex === 'string')
      out.set(r.seq, hex);
  }
  return out;
}

describe("a SIM's numbers in BCD in payload bytes", () => {
  it('are each overwritten in place by its token in a redacted JSON Lines export', async () => {
    const { fast, full } = await exportBothWays(path, 'jsonl', true);
    const text = fast.get('jsonl') ?? '';
    expect(text === full.get('jsonl'), 'fast and full differ').toBe(true);
    expect(Object.fromEntries(payloads(text))).toEqual({
      700000: answer(HIDDEN.IMSI),
      700001: answer(HIDDEN.ICCID),
      700002: answer(HIDDEN.PHONE),
      700003: answer(SIM_FILES_HIDDEN),
      700004: commandDone(SIM_FILES_HIDDEN),
      // Little-endian integers: as they were.
      700005: MBIM_COMMAND,
      700006: MBIM_DONE,
      700007: answer(BARE_HIDDEN),
      700008: commandDone(BARE_HIDDEN),
    });
    // The tokens are those the numbers have in text.
    expect(text).toContain('"message":"SIM ICCID-1 (IMSI IMSI-1) of PHONE-1 refused"');
  }, 60_000);

  // The HTML report and the trace show no payload bytes (their clear exports hold none of these);
  // a bundle carries them in its JSON Lines, and every entry of it is read here.
  it.each(['jsonl', 'csv', 'zip'] as const)(
    'show no digit of them in a redacted %s export, fast path and full path alike',
    async (format) => {
      const clear = await exportBothWays(path, format, false);
      const { fast, full } = await exportBothWays(path, format, true);
      // A CSV writes a payload's bytes apart (`98 10 …`): read with them together again.
      const together = (text: string) => text.replace(/([0-9a-f]{2}) (?=[0-9a-f]{2})/g, '$1');
      // Where the clear export shows a payload, so this check can fail.
      const shown = [...clear.fast.values()].some((text) => together(text).includes(DIGITS.ICCID));
      expect(shown).toBe(true);
      for (const [name, text] of fast) {
        for (const digits of Object.values(DIGITS))
          expect(together(text).includes(digits), `${digits} in ${name}`).toBe(false);
        expect(text === full.get(name), `${name}: fast and full differ`).toBe(true);
      }
      if (format === 'csv') expect(together(fast.get('csv') ?? '')).toContain(answer(HIDDEN.IMSI));
    },
    60_000,
  );

  it('are overwritten in a redacted pcapng capture, every packet its length', async () => {
    const capture = async (redact: boolean): Promise<Buffer> => {
      const destination = join(tempDir(), `${redact ? 'redacted' : 'clear'}.pcapng`);
      await exportFromPath({
        source: path,
        format: 'pcapng',
        destination,
        app: APP,
        now: NOW,
        redact,
      });
      return readFileSync(destination);
    };
    const clear = await capture(false);
    const redacted = await capture(true);
    expect(clear.includes(Buffer.from(commandDone(SIM_FILES), 'hex'))).toBe(true);
    // The whole message, its lengths and offsets as they were: only the numbers' bytes differ.
    expect(redacted.includes(Buffer.from(commandDone(SIM_FILES_HIDDEN), 'hex'))).toBe(true);
    expect(redacted.includes(Buffer.from(commandDone(BARE_HIDDEN), 'hex'))).toBe(true);
    for (const digits of Object.values(DIGITS))
      expect(redacted.includes(Buffer.from(digits, 'hex')), digits).toBe(false);
    expect(redacted.includes(Buffer.from(MBIM_DONE, 'hex'))).toBe(true);
  }, 60_000);
});
