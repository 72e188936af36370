/**
 * A payload longer than the journal keeps (RECORDED_DATA_BYTES) is recorded cut, and the cut
 * falls anywhere in a SIM number laid out in BCD: what is kept of it is too little for the
 * redaction to take it for a number (an IMSI's first 9 digits, all zeros after its network; an
 * ICCID's first 12; a phone number's first 6), yet it is the start of someone's, and every
 * redacted export gave it in clear. It is hidden now, in JSON Lines, CSV and the capture, and in
 * what the CLI prints of a payload (the journal's completion is what `query` shows).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { Masker, payloadJson, payloadLines } from '../../../electron/cli/payload-text.js';
import { RECORDED_DATA_BYTES } from '../../../shared/journal/record.js';
import { recordedLength } from '../../../shared/recorded-cut.js';
import { APP, NOW, removeTempDirs, tempDir } from './support/helpers.js';
import { SERVICE, SIERRA, exportBothWays, lineHead, savedLogWith } from './support/fast-vs-full.js';
import { bcd, u32hex } from './support/bcd-layouts.js';

afterAll(removeTempDirs);

const ascii = (text: string): string => Buffer.from(text, 'latin1').toString('hex');

/** A payload holding `record`, the cut falling `kept` bytes into it: as the engine records it. */
function recorded(head: string, record: string, kept: number, size: number) {
  const bytes = Buffer.alloc(size, 0xee);
  Buffer.from(head, 'hex').copy(bytes);
  Buffer.from(record, 'hex').copy(bytes, RECORDED_DATA_BYTES - kept);
  const cut = recordedLength(bytes, RECORDED_DATA_BYTES);
  return { hex: bytes.subarray(0, cut).toString('hex'), byteLength: size };
}

/**
 * A number's digits the cut keeps, as its file holds them (BCD) and as plain digits, and what its
 * bytes are redacted: its kind and `*` in ASCII, where they fit.
 */
interface Kept {
  bcd: string;
  digits: string;
  hidden: string;
}

// EF_IMSI of 310260000000123: its length, the type under the first digit, then the digits; the
// cut keeps 310260000, no IMSI to the redaction (a fragment's digits after the network are not
// all zeros).
const IMSI: Kept = { bcd: `39${bcd('10260000')}`, digits: '310260000', hidden: ascii('IMSI*') };
const EF_IMSI = `0839${bcd('10260000000123')}`;
// EF_ICCID of 89014103211118510720; the cut keeps 12 digits (14 make a fragment).
const ICCID: Kept = { bcd: bcd('890141032111'), digits: '890141032111', hidden: ascii('ICCID*') };
const EF_ICCID = bcd('89014103211118510720');
// EF_MSISDN of +447946095834; the cut keeps 6 digits (7 make a fragment): 3 bytes, no room for
// its kind.
const PHONE: Kept = { bcd: bcd('447946'), digits: '447946', hidden: ascii('***') };
const EF_MSISDN = `ffff0791${bcd('447946095834')}ffffffff`;

/** A device-service answer: a status word and the file's size; then the file, somewhere. */
const ANSWER = `${u32hex(0)}${u32hex(9)}`;
const VENDOR = '9a0c1b2d5e3f4a6b8c7d0e1f2a3b4c5d';
/** An MBIM COMMAND_DONE of `size` bytes (CID 1, success) of a vendor service. */
const commandDone = (size: number): string =>
  `${u32hex(0x80000003)}${u32hex(size)}${u32hex(7)}${u32hex(1)}${u32hex(0)}${VENDOR}${u32hex(1)}${u32hex(0)}${u32hex(size - 48)}`;

const SIZE = RECORDED_DATA_BYTES + 4096;
const imsiAnswer = recorded(ANSWER, EF_IMSI, 1 + IMSI.bcd.length / 2, SIZE);
const iccidEvent = recorded(ANSWER, EF_ICCID, ICCID.bcd.length / 2, SIZE);
const msisdnMessage = recorded(commandDone(SIZE), EF_MSISDN, 4 + PHONE.bcd.length / 2, SIZE);

/** Each payload as recorded, the number it cuts, and the payload as a redacted export has it. */
const CUT = [
  [imsiAnswer, IMSI],
  [iccidEvent, ICCID],
  [msisdnMessage, PHONE],
] as const;
const redactedHex = (hex: string, kept: Kept): string =>
  `${hex.slice(0, -kept.hidden.length)}${kept.hidden}`;

const path = savedLogWith([
  `${lineHead(700_000)},"kind":"completion",${SERVICE},"op":"query","requestId":700000,"status":"0x00000000","statusName":"S_OK","match":"matched","ref":"r700000","outcome":"succeeded","latencyMs":12.5,"responseId":1,"byteLength":${SIZE},"data":"${imsiAnswer.hex}"}`,
  `${lineHead(700_001)},"kind":"event-notification",${SERVICE},"eventId":1,"byteLength":${SIZE},"data":"${iccidEvent.hex}"}`,
  `${lineHead(700_002)},"kind":"mbim-message","interfaceId":"${SIERRA}","direction":"received","transactionId":7,"type":"command-done","service":null,"serviceName":null,"cid":null,"cidName":null,"status":null,"statusName":null,"requestId":null,"fragments":1,"bytes":"${msisdnMessage.hex}","byteLength":${SIZE}}`,
]);

/** Whether `text` shows any of the kept digits, as the file held them or as plain digits. */
function shown(text: string): string[] {
  return [IMSI, ICCID, PHONE]
    .flatMap((kept) => [kept.bcd, kept.digits])
    .filter((digits) => text.includes(digits));
}

describe('a SIM number in BCD that the 64 KiB cut of a payload splits', () => {
  it('is recorded cut inside the number, its first digits kept', () => {
    for (const [payload, kept] of CUT) {
      expect(payload.hex).toHaveLength(2 * RECORDED_DATA_BYTES);
      expect(payload.hex.endsWith(kept.bcd)).toBe(true);
    }
  });

  it.each(['jsonl', 'csv'] as const)(
    'shows none of its digits in a redacted %s export, fast path and full path alike',
    async (format) => {
      const { fast, full } = await exportBothWays(path, format, true);
      const text = fast.get(format) ?? '';
      expect(shown(text)).toEqual([]);
      expect(text === full.get(format), 'fast and full differ').toBe(true);
      // JSON Lines has each payload whole: the number's bytes are its kind and `*`, in ASCII.
      // (A CSV cell ends at Excel's limit, long before the cut.)
      if (format === 'jsonl')
        for (const [payload, kept] of CUT)
          expect(text).toContain(`"${redactedHex(payload.hex, kept)}"`);
    },
    60_000,
  );

  it('is shown in a clear export, as recorded', async () => {
    const { fast } = await exportBothWays(path, 'jsonl', false);
    expect(shown(fast.get('jsonl') ?? '')).toEqual(
      expect.arrayContaining([IMSI.bcd, ICCID.bcd, PHONE.bcd]),
    );
  }, 60_000);

  it("shows none of its digits in a redacted capture, the packet's lengths kept", async () => {
    const destination = join(tempDir(), 'redacted.pcapng');
    await exportFromPath({
      source: path,
      format: 'pcapng',
      destination,
      app: APP,
      now: NOW,
      redact: true,
    });
    const capture = readFileSync(destination);
    expect(capture.includes(Buffer.from(PHONE.bcd, 'hex'))).toBe(false);
    const hidden = redactedHex(msisdnMessage.hex, PHONE);
    expect(capture.includes(Buffer.from(hidden, 'hex'))).toBe(true);
  }, 60_000);

  it('shows none of its digits in what the CLI prints of a payload, hex or JSON', () => {
    const vendor = { serviceId: VENDOR, commandId: 12, role: 'response' as const };
    for (const [payload, kept] of CUT) {
      const printed = payloadJson(new Masker(false), vendor, payload);
      expect(printed.complete).toBe(false);
      expect(printed.hex).toBe(redactedHex(payload.hex, kept));
      // Lines of 16 bytes in groups of 4: the digits are read back across the groups' spaces.
      const lines = payloadLines(printed, '').join('\n').replace(/[ \n]/g, '');
      expect(shown(lines)).toEqual([]);
      expect(shown(JSON.stringify(printed))).toEqual([]);
      // With --show-ids, as recorded.
      expect(payloadJson(new Masker(true), vendor, payload).hex).toBe(payload.hex);
    }
  });
});
