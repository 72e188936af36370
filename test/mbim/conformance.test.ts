/**
 * Conformance on MBIM, judged by real programs. The plan runs on the simulator and on the MBIM
 * backend against the emulator (directly, and through the real mbim-proxy) and must give the same
 * journal, up to what MBIM cannot carry (see conformance/conformance.ts). Each MBIM journal is then
 * exported as pcapng and read by the real tshark: every packet decodes, nothing is malformed, its
 * MBIM fields equal the journal's, and with redaction on no planted identifier is left.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFromPath, ExportError } from '../../electron/core/export/index.js';
import { firstDifference, type Plan } from '../wine/conformance/drive.js';
import {
  comparable,
  notifications,
  runOnMbim,
  runOnSimulator,
  type Run,
} from './conformance/conformance.js';
import { ROOT } from './lib/emulated.js';
import { startProxy, type RunningProxy } from './lib/proxy.js';
import { dissect, problems } from './lib/tshark.js';

const plan = JSON.parse(
  readFileSync(join(ROOT, 'test/mbim/conformance/mbim.plan.json'), 'utf8'),
) as Plan;
const app = { name: 'mbn-diag-test', version: '0' };
/** Planted in the scenario: the IMEI (DEVICE_CAPS) and IMSI (SUBSCRIBER_READY_STATUS). */
const PLANTED = ['356938035643809', '310150123456789'];
const VENDOR = '9a0c1b2d-5e3f-4a6b-8c7d-0e1f2a3b4c5d';

let simulator: Run;
const runs: Record<'direct' | 'proxy', Run | undefined> = { direct: undefined, proxy: undefined };
let proxy: RunningProxy;
const out = mkdtempSync(join(tmpdir(), 'mbim-captures-'));

beforeAll(async () => {
  simulator = await runOnSimulator(plan);
  runs.direct = await runOnMbim(plan, false);
  proxy = await startProxy();
  try {
    runs.proxy = await runOnMbim(plan, true);
  } finally {
    await proxy.stop();
  }
}, 120_000);

afterAll(async () => {
  await proxy.stop();
});

function run(mode: 'direct' | 'proxy'): Run {
  const r = runs[mode];
  if (!r) throw new Error(`the ${mode} run did not happen`);
  return r;
}

describe('the conformance plan on the MBIM backend', () => {
  it('yields the simulator journal when talking to the emulator directly', () => {
    const mbim = run('direct');
    expect(
      firstDifference(comparable(simulator.journal), comparable(mbim.journal)),
    ).toBeUndefined();
    // The plan covers what it says it does: a duplicate, a late answer, an abandoned request.
    expect(mbim.journal.map((r) => r.match)).toEqual(expect.arrayContaining(['duplicate', 'late']));
    expect(mbim.journal.some((r) => r.kind === 'abandoned')).toBe(true);
  });

  it("gives the simulator's command requests: listing, session, responses, failures, a lost one", () => {
    const commands = comparable(run('direct').journal).filter(
      (r) =>
        r.kind === 'completion' && typeof r.op === 'string' && r.op !== 'open' && r.op !== 'close',
    );
    // What the plan sends gets the answers the scenario gives, on MBIM as on the simulator.
    expect(commands.map((r) => [r.op, r.statusName, r.responseId ?? null, r.data ?? null])).toEqual(
      [
        ['supported-commands', 'S_OK', null, null],
        ['open-command-session', 'S_OK', null, null],
        ['query', 'S_OK', 1, '010000002a00000076656e646f72'],
        ['set', 'S_OK', 1, '01000000'],
        ['query', 'MBIM_STATUS_OPERATION_NOT_ALLOWED', null, null],
        ['query', 'MBIM_STATUS_NO_DEVICE_SUPPORT', null, null],
        ['query', 'S_OK', 9, '09'],
        ['close-command-session', 'S_OK', null, null],
      ],
    );
    expect(commands[0]?.commandIds).toEqual([1, 2, 3, 5]);
    // The query sent before the command session was open was refused at once, as MBN does.
    const refused = run('direct').journal.find(
      (r) => r.kind === 'request-returned' && r.op === 'query' && r.outcome === 'refused',
    );
    expect(refused?.hresultName).toBe('HRESULT_FROM_WIN32(ERROR_OPEN_FAILED)');
  });

  it("gives the simulator's event notifications, directly and through mbim-proxy", () => {
    const expected = notifications(simulator.journal);
    expect(expected).toHaveLength(3);
    expect(notifications(run('direct').journal)).toEqual(expected);
    expect(notifications(run('proxy').journal)).toEqual(expected);
  });

  // mbim-proxy hands a client only the first answer to each transaction (libmbim drops an answer
  // nobody waits for), so a modem's duplicate COMMAND_DONE never reaches a proxy client: that one
  // difference is expected, and everything else must match.
  it('yields the same journal through the real mbim-proxy, less the duplicate the proxy drops', () => {
    const withoutDuplicates = comparable(simulator.journal).filter((r) => r.match !== 'duplicate');
    expect(simulator.journal.some((r) => r.match === 'duplicate')).toBe(true);
    expect(firstDifference(withoutDuplicates, comparable(run('proxy').journal))).toBeUndefined();
  });
});

describe.each(['direct', 'proxy'] as const)('the %s journal as a pcapng capture', (mode) => {
  const messages = (): Record<string, unknown>[] =>
    run(mode).records.filter((r) => r.kind === 'mbim-message');

  async function capture(redact: boolean): Promise<string> {
    const destination = join(out, `${mode}-${redact ? 'redacted' : 'clear'}.pcapng`);
    await exportFromPath({ source: run(mode).runDir, format: 'pcapng', destination, app, redact });
    return destination;
  }

  it('decodes in tshark with no malformed packet and no expert error', async () => {
    const file = await capture(true);
    expect(problems(file)).toEqual([]);
    const packets = dissect(file);
    expect(packets).toHaveLength(messages().length);
    for (const packet of packets) expect(packet.protocols).toBe('exported_pdu:mbim');
  });

  it("has the journal's transaction IDs, services, CIDs, statuses and directions", async () => {
    const packets = dissect(await capture(true));
    const records = messages();
    packets.forEach((packet, i) => {
      const record = records[i] ?? {};
      expect(packet.transactionId).toBe(record.transactionId);
      expect(packet.direction).toBe(record.direction === 'sent' ? '0x00000002' : '0x00000001');
      if (record.service !== null) {
        expect(packet.service).toBe(record.service);
        expect(packet.cid).toBe(record.cid);
      }
      if (record.type === 'command-done') expect(packet.status).toBe(Number(record.status));
    });
    // The BUSY close carries its outcome, in the log's words, as a packet comment.
    const busy = packets.filter((p) => p.status === 1);
    expect(busy).toHaveLength(1);
    expect(busy[0]?.comment).toMatch(
      /^Close #\d+: failed in [\d.]+ m?s \(MBIM_STATUS_BUSY\)\. The completion reported a failure\./,
    );
  });

  it("carries the vendor service's commands, answers and indications, as tshark reads them", async () => {
    const vendor = dissect(await capture(true)).filter((p) => p.service === VENDOR);
    const seen = (type: number, cid: number): boolean =>
      vendor.some((p) => p.messageType === type && p.cid === cid);
    expect(seen(3, 1) && seen(0x80000003, 1)).toBe(true);
    expect(vendor.some((p) => p.messageType === 0x80000003 && p.status === 28)).toBe(true);
    expect(vendor.filter((p) => p.messageType === 0x80000007)).toHaveLength(3);
  });

  it('keeps no planted identifier, as ASCII or UTF-16LE, when redacted', async () => {
    const redacted = readFileSync(await capture(true));
    const clear = readFileSync(await capture(false));
    for (const id of PLANTED) {
      // The unredacted capture has it (so this check can fail), the redacted one nowhere.
      expect(clear.includes(Buffer.from(id, 'utf16le'))).toBe(true);
      expect(redacted.includes(Buffer.from(id, 'utf16le'))).toBe(false);
      expect(redacted.includes(Buffer.from(id, 'latin1'))).toBe(false);
    }
  });
});

it('refuses a capture of a log without MBIM messages, in words, leaving no file', async () => {
  const destination = join(out, 'simulator.pcapng');
  const failure = exportFromPath({ source: simulator.runDir, format: 'pcapng', destination, app });
  await expect(failure).rejects.toThrow(ExportError);
  await expect(failure).rejects.toThrow(/no MBIM messages/);
  expect(existsSync(destination)).toBe(false);
});
