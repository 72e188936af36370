/**
 * A vendor command that reads the SIM's files answers with them as the SIM holds them: EF_IMSI,
 * EF_ICCID and EF_MSISDN, numbers in BCD; then a structure of the vendor's own, with the ICCID's
 * digits as packed hex and the IMEI in BCD with no length byte (a NAS identity's 8 bytes after
 * it, and TBCD). Run on the MBIM backend against the emulator, the journal's capture, redacted,
 * holds none of their digits, yet the real tshark decodes every packet whole: the numbers were
 * overwritten in place, every length and offset kept.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { exportFromPath } from '../../electron/core/export/index.js';
import type { Plan } from '../wine/conformance/drive.js';
import { runOnMbim, type Run } from './conformance/conformance.js';
import { loadScenario } from './lib/emulated.js';
import { dissect, problems } from './lib/tshark.js';

const SCENARIO = 'test/mbim/scenarios/mbim.json';
const VENDOR = '9a0c1b2d-5e3f-4a6b-8c7d-0e1f2a3b4c5d';
const SIM_READ = 12;

/** `digits` as BCD: two a byte, the first in the low nibble, `F` after an odd last one. */
function bcd(digits: string): string {
  let hex = '';
  for (let i = 0; i < digits.length; i += 2) hex += `${digits[i + 1] ?? 'f'}${digits[i]}`;
  return hex;
}

const IMSI = '310260000000123';
const ICCID = '89014103211118510720';
const IMEI = '356938035643809';
/** The numbers' digits as the files hold them (EF_IMSI's first under its type nibble, odd: 9). */
const DIGITS = [
  `${IMSI[0]}9${bcd(IMSI.slice(1))}`,
  bcd(ICCID),
  bcd('447946095834'),
  // The vendor's structure: no layout around these.
  ICCID,
  `${IMEI[0]}a${bcd(IMEI.slice(1))}`,
  bcd(IMEI),
];
/**
 * The answer: a status word and the files' size, then EF_IMSI, EF_ICCID and EF_MSISDN, then the
 * vendor's structure, 32-bit fields between its numbers.
 */
const FILES = `08${DIGITS[0]}${DIGITS[1]}ffff0791${DIGITS[2]}ffffffff01000000${DIGITS[3]}02000000${DIGITS[4]}03000000${DIGITS[5]}`;
const ANSWER = `00000000${(FILES.length / 2).toString(16).padStart(2, '0')}000000${FILES}`;

let run: Run;
const out = mkdtempSync(join(tmpdir(), 'mbim-sim-files-'));
const app = { name: 'mbn-diag-test', version: '0' };

beforeAll(async () => {
  const scenario = loadScenario(SCENARIO);
  const vendor = scenario.devices[0]?.services.find((s) => s.serviceId === VENDOR);
  if (!vendor) throw new Error('the scenario lost its vendor service');
  vendor.commands.list.push({
    cid: SIM_READ,
    listed: false,
    query: { hresult: 0, status: 0, delay: { fixed: 10 }, completion: 'normal', response: ANSWER },
  });
  const device = { interfaceId: scenario.devices[0]?.interfaceId ?? '', serviceId: VENDOR };
  const plan: Plan = {
    scenario: SCENARIO,
    timeoutMs: 400,
    settleMs: 80,
    steps: [
      { do: 'open-command-session', ...device },
      { do: 'query', ...device, commandId: SIM_READ, force: true },
      { do: 'close-command-session', ...device },
    ],
  };
  run = await runOnMbim(plan, false, scenario);
}, 60_000);

async function capture(redact: boolean): Promise<Buffer> {
  const destination = join(out, `${redact ? 'redacted' : 'clear'}.pcapng`);
  await exportFromPath({ source: run.runDir, format: 'pcapng', destination, app, redact });
  return readFileSync(destination);
}

it('journals the answer, SIM files and all', () => {
  const answered = run.records.find((r) => r.kind === 'completion' && r.data === ANSWER);
  expect(answered).toBeDefined();
});

it("holds none of the numbers' digits when redacted, and tshark decodes it whole", async () => {
  const clear = await capture(false);
  const redacted = await capture(true);
  for (const digits of DIGITS) {
    // The clear capture has them (so this check can fail), the redacted one nowhere.
    expect(clear.includes(Buffer.from(digits, 'hex')), digits).toBe(true);
    expect(redacted.includes(Buffer.from(digits, 'hex')), digits).toBe(false);
  }
  const file = join(out, 'redacted.pcapng');
  expect(problems(file)).toEqual([]);
  const packets = dissect(file);
  expect(packets).toHaveLength(run.records.filter((r) => r.kind === 'mbim-message').length);
  const answer = packets.find((p) => p.service === VENDOR && p.cid === SIM_READ && p.status === 0);
  expect(answer?.protocols).toBe('exported_pdu:mbim');
  // The tokens, where a support engineer reads the packet's bytes.
  expect(redacted.includes(Buffer.from('IMSI-1**', 'latin1'))).toBe(true);
  expect(redacted.includes(Buffer.from('ICCID-1***', 'latin1'))).toBe(true);
  expect(redacted.includes(Buffer.from('IMEI-1**', 'latin1'))).toBe(true);
});
