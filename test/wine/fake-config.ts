/**
 * Flattens a scenario (the simulator's JSON format) into the fake MBN COM server's line format,
 * so one scenario file drives both backends. The fake reads it from MBN_FAKE_CONFIG.
 * Format: test/wine/fake-mbn/config.cc.
 */
import { READY_STATES, type ReadyState } from '../../shared/model.js';
import type {
  Behaviour,
  Scenario,
  ScenarioService,
} from '../../electron/backends/simulator/scenario-schema.js';

/** MBN_READY_STATE values; -1 tells the fake to answer E_PENDING ("still probing"). */
function readyStateCode(state: ReadyState): number {
  if (state === 'probing') return -1;
  if (state === 'unknown') return 99;
  return READY_STATES.indexOf(state);
}

function field(value: string): string {
  if (/[\t\r\n]/.test(value))
    throw new Error(`scenario text may not contain tabs or newlines: ${JSON.stringify(value)}`);
  return value;
}

/** The nine behaviour fields the fake's lines share (config.cc ParseBehaviour). */
function behaviourFields(b: Behaviour): (string | number)[] {
  const d = b.delay;
  const [kind, x, y] =
    'fixed' in d
      ? ['fixed', d.fixed, 0]
      : 'uniform' in d
        ? ['uniform', d.uniform[0], d.uniform[1]]
        : ['lognormal', d.lognormal.medianMs, d.lognormal.sigma];
  return [
    b.hresult >>> 0,
    b.status >>> 0,
    kind,
    x,
    y,
    b.completion,
    b.removeDeviceAfterMs ?? -1,
    b.deviceReturnsAfterMs ?? -1,
  ];
}

function behaviourLine(op: string, b: Behaviour): string {
  return ['behaviour', op, ...behaviourFields(b)].join('\t');
}

/** The service's `commands` and `notifications` (format: fake-mbn/config_commands.cc). */
function commandLines(s: ScenarioService): string[] {
  const c = s.commands;
  const lines = [
    `commands\t${+c.sessionOpen}`,
    behaviourLine('supported-commands', c.supportedCommands),
    behaviourLine('open-command-session', c.openSession),
    behaviourLine('close-command-session', c.closeSession),
    behaviourLine('unsupported', c.unsupported),
  ];
  for (const command of c.list) {
    lines.push(`command\t${command.cid}\t${+command.listed}`);
    for (const op of ['query', 'set'] as const) {
      const b = command[op];
      if (!b) continue;
      lines.push(
        ['command-behaviour', op, ...behaviourFields(b), b.responseId ?? -1, b.response].join('\t'),
      );
    }
  }
  for (const n of s.notifications)
    lines.push(['notification', n.eventId, n.afterMs, n.intervalMs, n.count, n.data].join('\t'));
  return lines;
}

export function toFakeConfig(scenario: Scenario): string {
  const lines = [
    `# scenario ${field(scenario.name)}`,
    `scenario\t${scenario.firstRequestId}\t${scenario.seed}`,
  ];
  for (const d of scenario.devices) {
    lines.push(
      [
        'device',
        field(d.interfaceId),
        readyStateCode(d.readyState),
        field(d.manufacturer),
        field(d.model),
        field(d.firmware),
        field(d.deviceId),
        d.maxCommandSize,
      ].join('\t'),
    );
    for (const s of d.services) {
      lines.push(
        ['service', field(s.serviceId), +s.dataRead, +s.dataWrite, +s.sessionOpen].join('\t'),
      );
      lines.push(
        behaviourLine('open', s.open),
        behaviourLine('close', s.close),
        behaviourLine('write', s.write),
      );
      for (const b of s.readBursts)
        lines.push(['burst', b.afterMs, b.count, b.bytes, b.intervalMs].join('\t'));
      lines.push(...commandLines(s));
    }
  }
  for (const t of scenario.timeline) {
    // The fake's outages are its own (test/wine/cases/outage.ts), stopped and started by the case.
    if (t.action === 'service-outage')
      throw new Error("the fake MBN server cannot play a scenario's service-outage");
    lines.push(
      [
        'timeline',
        t.action === 'remove-device' ? 'remove' : 'add',
        t.atMs,
        field(t.interfaceId),
      ].join('\t'),
    );
  }
  return `${lines.join('\n')}\n`;
}
