/**
 * `mbn-diag commands|query|set` spawned as a technician's shell runs them, on the default
 * scenario (the Sierra vendor service's CIDs 1–4 and Basic Connect's RADIO_STATE and
 * SIGNAL_STATE) and on a copy of it with a refused command and a SUBSCRIBER_READY_STATUS answer
 * holding an IMSI and an ICCID. Each run has its own journal directory, so runs do not share a
 * simulated world and can go side by side.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIERRA, SIERRA_DIAG, runCli } from '../../support/run-cli.js';

const BASIC_CONNECT = 'a289cc33-bcbb-8b4f-b6b0-133ec2aae6df';
/** Spawning several CLIs on a shared, busy machine takes a while; what is asserted is not time. */
const SLOW = 90_000;

interface Result {
  op: string;
  outcome: string;
  state: string;
  requestId: number | null;
  hresultName: string;
  completion: { statusName: string } | null;
  commandId: number;
  commandName: string | null;
  commandListed: boolean | null;
  forced: boolean;
  sent: { byteLength: number; hex: string };
  response: {
    responseId: number;
    byteLength: number;
    hex: string;
    decoded: {
      structure: string;
      fields: { name: string; value: string; personal?: string }[];
    } | null;
  } | null;
  openedCommandSession: boolean;
  steps: { op: string; outcome: string }[];
  identifiersMasked: boolean;
}

const result = (stdout: string): Result => JSON.parse(stdout) as Result;

/** The ops of the requests the one journal run in `journalDir` recorded, in order. */
function journaledOps(journalDir: string): string[] {
  const [run] = readdirSync(journalDir).filter((name) => name.startsWith('run-'));
  if (run === undefined) throw new Error(`no journal run in ${journalDir}`);
  const dir = join(journalDir, run);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').trim().split('\n'))
    .map((line) => JSON.parse(line) as { kind: string; op?: string })
    .filter((record) => record.kind === 'request')
    .map((record) => record.op ?? '');
}

/**
 * The default scenario with Basic Connect's PIN query refused at once, SUBSCRIBER_READY answered,
 * and the vendor service refusing to open a command session.
 */
function scenarioWithSubscriber(): string {
  const scenario = JSON.parse(
    readFileSync(join(import.meta.dirname, '../../../assets/scenarios/default.json'), 'utf8'),
  ) as { devices: { services: { serviceId: string; commands?: { list: { cid: number }[] } }[] }[] };
  const services = scenario.devices[0]?.services ?? [];
  const basic = services.find((s) => s.serviceId === BASIC_CONNECT);
  const vendor = services.find((s) => s.serviceId === SIERRA_DIAG);
  if (!basic?.commands || !vendor?.commands)
    throw new Error('the default scenario changed: no Basic Connect or vendor commands');
  // Here the vendor service will not open a command session.
  Object.assign(vendor.commands, { openSession: { status: 'E_FAIL' } });
  basic.commands.list = basic.commands.list.map((command) => {
    if (command.cid === 4) return { cid: 4, query: { hresult: 'E_ACCESSDENIED' } };
    // libmbim's test_basic_connect_device_caps buffer, its firmware string starting with ESC.
    if (command.cid === 1)
      return {
        cid: 1,
        query: {
          response:
            '02000000 01000000 01000000 02000000 1f000080 03000000 01000000 01000000 ' +
            '40000000 0a000000 4c000000 1e000000 6c000000 1e000000 8c000000 12000000 ' +
            '48005300 50004100 2b000000 ' +
            '33003500 33003600 31003300 30003400 38003800 30003400 36003200 32000000 ' +
            '1b003100 2e003800 31003000 2e003000 39002e00 30003000 2e003000 30000000 ' +
            '43005000 31004500 33003600 37005500 4d000000',
        },
      };
    // libmbim's test_basic_connect_subscriber_ready_status information buffer.
    if (command.cid === 2)
      return {
        cid: 2,
        query: {
          response:
            '01000000 5c000000 1e000000 7c000000 28000000 00000000 00000000 ' +
            '00000000 00000000 00000000 00000000 00000000 00000000 00000000 ' +
            '00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 ' +
            '33003100 30003400 31003000 30003000 30003100 31003000 37003600 31000000 ' +
            '38003900 30003100 30003100 30003400 30003500 34003600 30003100 31003000 30003600 31003200',
        },
      };
    return command;
  });
  const file = join(mkdtempSync(join(tmpdir(), 'scn-cmd-')), 'subscriber.json');
  writeFileSync(file, JSON.stringify(scenario));
  return file;
}

describe('mbn-diag commands, query and set', () => {
  it(
    'commands lists the CIDs with their names; query decodes RADIO_STATE, opening and closing the command session',
    async () => {
      const queryJournal = mkdtempSync(join(tmpdir(), 'mbn-cli-'));
      const [listing, query, text] = await Promise.all([
        runCli(['commands', SIERRA, 'Basic Connect', '--json']),
        runCli(['query', SIERRA, 'Basic Connect', 'RADIO_STATE', '--json'], {
          journalDir: queryJournal,
        }),
        runCli(['query', SIERRA, BASIC_CONNECT, '11']),
      ]);

      expect(listing.code, listing.stderr).toBe(0);
      const listed = JSON.parse(listing.stdout) as {
        op: string;
        outcome: string;
        commandIds: number[];
        commands: { cid: number; name: string | null; label: string }[];
      };
      expect(listed).toMatchObject({ op: 'supported-commands', outcome: 'completed' });
      expect(listed.commandIds).toContain(3);
      expect(listed.commands).toContainEqual({
        cid: 3,
        name: 'RADIO_STATE',
        label: 'RADIO_STATE (CID 3)',
      });

      expect(query.code, query.stderr).toBe(0);
      const r = result(query.stdout);
      expect(r).toMatchObject({
        op: 'query',
        outcome: 'completed',
        commandId: 3,
        commandName: 'RADIO_STATE',
        commandListed: true,
        forced: false,
        openedCommandSession: true,
        sent: { byteLength: 0, hex: '' },
        response: { responseId: 3, byteLength: 8, hex: '0100000001000000' },
      });
      expect(r.response?.decoded?.fields).toEqual([
        { name: 'Hardware radio', value: 'On' },
        { name: 'Software radio', value: 'On' },
      ]);
      // What the journal holds too: the list, the session opened, the query, the session closed.
      expect(r.steps.map((s) => [s.op, s.outcome])).toEqual([
        ['supported-commands', 'completed'],
        ['open-command-session', 'completed'],
        ['query', 'completed'],
        ['close-command-session', 'completed'],
      ]);
      expect(journaledOps(queryJournal)).toEqual(r.steps.map((s) => s.op));

      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toMatch(/^Query SIGNAL_STATE \(CID 11\) — Basic Connect/);
      expect(text.stdout).toMatch(/Before: +Supported commands #\d+: succeeded/);
      expect(text.stdout).toMatch(/this command opened it, and closes it after/);
      expect(text.stdout).toMatch(/13000000 63000000 05000000 ffffffff/);
      expect(text.stdout).toMatch(/RSSI +-75 dBm \(19\)/);
      expect(text.stdout).toMatch(/After: +Close command session #\d+: succeeded/);
      expect(text.stderr).toMatch(/SIMULATOR/);
    },
    SLOW,
  );

  it(
    'exit codes: 1 for a failed completion or a refusal at once, 3 when the completion never comes',
    async () => {
      const scenario = scenarioWithSubscriber();
      const [failed, overdue, refused, noSession] = await Promise.all([
        runCli(['query', SIERRA, SIERRA_DIAG, '3', '--json']),
        runCli(['query', SIERRA, SIERRA_DIAG, '4', '--timeout', '300', '--json']),
        runCli(['--scenario', scenario, 'query', SIERRA, BASIC_CONNECT, 'PIN', '--json']),
        runCli(['--scenario', scenario, 'set', SIERRA, SIERRA_DIAG, '2', '--data', '01000000']),
      ]);

      expect(failed.code, failed.stderr).toBe(1);
      expect(result(failed.stdout)).toMatchObject({
        outcome: 'failed',
        completion: { statusName: 'E_FAIL' },
        // The documentation says a failed completion's data is not valid: none is shown.
        response: null,
      });

      expect(overdue.code, overdue.stderr).toBe(3);
      const late = result(overdue.stdout);
      expect(late).toMatchObject({
        op: 'query',
        outcome: 'timed-out',
        state: 'overdue',
        response: null,
      });
      // The session this command opened is closed even though the query never answered.
      expect(late.steps.at(-1)?.op).toBe('close-command-session');

      expect(refused.code, refused.stderr).toBe(1);
      expect(result(refused.stdout)).toMatchObject({
        op: 'query',
        outcome: 'rejected',
        hresultName: 'E_ACCESSDENIED',
        completion: null,
      });

      // The session would not open: that request decides the exit code, and the SET never went.
      expect(noSession.code, noSession.stderr).toBe(1);
      expect(noSession.stdout).toMatch(/^Set CID 2 — Sierra diagnostics stream/);
      expect(noSession.stdout).toMatch(
        /the command session could not be opened, so CID 2 was not sent/,
      );
      expect(noSession.stdout).toMatch(/Completion: +E_FAIL/);
      expect(noSession.stdout).not.toMatch(/Response:|After:/);
    },
    SLOW,
  );

  it(
    'an unlisted CID is refused before sending (exit 2) unless --force, which sends it and says so',
    async () => {
      const [unlisted, forced] = await Promise.all([
        runCli(['query', SIERRA, SIERRA_DIAG, '7']),
        runCli(['query', SIERRA, SIERRA_DIAG, '7', '--force', '--json']),
      ]);

      expect(unlisted.code).toBe(2);
      expect(unlisted.stdout).toBe('');
      expect(unlisted.stderr).toMatch(
        /did not list command 7 among its supported commands \(it lists [\d, ]+and \d+\)/,
      );
      // The list of supported commands was asked for: "Nothing was sent" was not true.
      expect(unlisted.stderr).toMatch(/Command 7 was not sent/);
      expect(unlisted.stderr).not.toMatch(/Nothing was sent/);
      expect(unlisted.stderr).toMatch(/--force/);
      expect(unlisted.stderr).not.toMatch(/\n\s+at /);

      const r = result(forced.stdout);
      expect(r).toMatchObject({ op: 'query', commandId: 7, commandListed: false, forced: true });
      expect(r.steps.map((s) => s.op)).toContain('query');
      expect(forced.code).toBe(1); // the simulated service answers ERROR_NOT_SUPPORTED
    },
    SLOW,
  );

  it(
    'data over MaxCommandSize, bad hex and a bad CID: exit 2 and nothing sent',
    async () => {
      const tooBig = '00'.repeat(4097); // the scenario's MaxCommandSize is 4096
      const oversizeJournal = mkdtempSync(join(tmpdir(), 'mbn-cli-'));
      const [oversize, badHex, badCid] = await Promise.all([
        runCli(['set', SIERRA, SIERRA_DIAG, '2', '--data', tooBig], {
          journalDir: oversizeJournal,
        }),
        runCli(['set', SIERRA, SIERRA_DIAG, '2', '--data', '0x1']),
        runCli(['query', SIERRA, SIERRA_DIAG, 'TEMPERATURE']),
      ]);
      for (const run of [oversize, badHex, badCid]) {
        expect(run.code, run.stderr).toBe(2);
        expect(run.stdout).toBe('');
      }
      expect(oversize.stderr).toMatch(/4097 bytes.*at most 4096 bytes.*Nothing was sent/);
      // Refused before the command session was opened: only the listing went to the device.
      expect(journaledOps(oversizeJournal)).toEqual(['supported-commands']);
      expect(badHex.stderr).toMatch(/--data must be whole bytes in hex.*Nothing was sent/);
      expect(badCid.stderr).toMatch(/"TEMPERATURE" is not a command ID/);
    },
    SLOW,
  );

  it(
    'set sends its bytes; decoded identifiers and their bytes are masked unless --show-ids',
    async () => {
      const scenario = scenarioWithSubscriber();
      const [set, masked, shown, maskedText, caps] = await Promise.all([
        runCli(['set', SIERRA, SIERRA_DIAG, '2', '--data', '03 00 00 00', '--json']),
        runCli(['--scenario', scenario, 'query', SIERRA, BASIC_CONNECT, '2', '--json']),
        runCli([
          '--scenario',
          scenario,
          '--show-ids',
          'query',
          SIERRA,
          BASIC_CONNECT,
          '2',
          '--json',
        ]),
        runCli(['--scenario', scenario, 'query', SIERRA, BASIC_CONNECT, '2']),
        runCli(['--scenario', scenario, 'query', SIERRA, BASIC_CONNECT, 'device_caps']),
      ]);

      expect(set.code, set.stderr).toBe(0);
      expect(result(set.stdout)).toMatchObject({
        op: 'set',
        outcome: 'completed',
        sent: { byteLength: 4, hex: '03000000' },
      });

      const imsiUtf16 = '330031003000340031003000300030003000310031003000370036003100';
      const m = result(masked.stdout);
      expect(m.identifiersMasked).toBe(true);
      const field = (r: Result, name: string): string | undefined =>
        r.response?.decoded?.fields.find((f) => f.name === name)?.value;
      expect(field(m, 'Ready state')).toBe('Initialized');
      expect(field(m, 'Subscriber ID (IMSI)')).toBe('3104•••••••••61');
      expect(field(m, 'SIM ICCID')).toBe('8901••••••••••••••12');
      expect(m.response?.hex).not.toContain(imsiUtf16);
      expect(m.response?.byteLength).toBe(164);
      expect(m.response?.hex).toHaveLength(2 * 164);

      const s = result(shown.stdout);
      expect(field(s, 'Subscriber ID (IMSI)')).toBe('310410000110761');
      expect(s.response?.hex).toContain(imsiUtf16);

      expect(maskedText.code, maskedText.stderr).toBe(0);
      expect(maskedText.stdout).not.toMatch(/310410000110761/);
      expect(maskedText.stdout).toMatch(/identifiers masked; --show-ids shows them whole/);

      // A device's string reaches the terminal escaped; its device ID (IMEI) masked.
      expect(caps.code, caps.stderr).toBe(0);
      expect(caps.stdout).not.toContain('\x1b');
      expect(caps.stdout).toMatch(/Firmware +\\x1b1\.810\.09\.00\.00/);
      expect(caps.stdout).toMatch(/Device ID +3536•••••••••22/);
      expect(caps.stdout).not.toMatch(/353613048804622/);
    },
    SLOW,
  );

  it(
    'masks an IMSI written in full-width digits in the response bytes, as an ASCII one',
    async () => {
      // A SIM tool may answer in full-width digits: before, the hex showed them whole.
      const ascii = '33003100 30003400 31003000 30003000 30003100 31003000 37003600 31000000';
      const fullWidth = ascii.replace(/3([0-9])00/g, '1$1ff');
      const file = scenarioWithSubscriber();
      writeFileSync(file, readFileSync(file, 'utf8').replace(ascii, fullWidth));
      const query = ['--scenario', file, 'query', SIERRA, BASIC_CONNECT, '2', '--json'];
      const [masked, shown] = await Promise.all([runCli(query), runCli(['--show-ids', ...query])]);
      expect(masked.code, masked.stderr).toBe(0);
      const hex = fullWidth.replace(/ /g, '');
      const m = result(masked.stdout);
      expect(m.identifiersMasked).toBe(true);
      expect(m.response?.hex).not.toContain(hex);
      expect(m.response?.hex).toHaveLength(2 * 164);
      // The same token as the ASCII IMSI would have, in the bytes it took.
      const imsiAt = m.response?.hex.indexOf(Buffer.from('IMSI-1', 'utf16le').toString('hex'));
      expect(imsiAt, m.response?.hex).toBeGreaterThan(0);
      expect(result(shown.stdout).response?.hex).toContain(hex);
    },
    SLOW,
  );
});
