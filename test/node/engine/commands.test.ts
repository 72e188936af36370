/**
 * Device-service commands through the real engine, tracker and journal on the simulator: what a
 * technician sees after listing commands, opening the command session, querying and setting,
 * and what the journal keeps of it.
 */
import { describe, expect, it } from 'vitest';
import { describeRecord } from '../../../shared/journal/record-text.js';
import { DEV, VENDOR, oneServiceScenario } from '../../support/scenario-builder.js';
import { simulatedEngine } from '../../support/simulated-engine.js';

const commands = {
  list: [
    { cid: 1, query: { delay: { fixed: 20 }, response: '29000000' } },
    { cid: 2, set: { delay: { fixed: 30 } } },
    { cid: 4, query: { completion: 'lost' as const } },
    { cid: 9, listed: false, query: { delay: { fixed: 10 }, response: 'aa' } },
  ],
};

async function engineWith(commandSessionOpen = false) {
  const scenario = oneServiceScenario({
    commands: { ...commands, sessionOpen: commandSessionOpen },
  });
  const [device] = scenario.devices;
  if (device) device.maxCommandSize = 8;
  const { clock, engine, records } = simulatedEngine(scenario, {
    timeoutMs: 1000,
    tempPrefix: 'engine-commands-',
  });
  await engine.listDevices();
  await engine.listServices(DEV);
  return { clock, engine, records };
}

describe('device-service commands', () => {
  it('lists the supported commands, and the service view remembers them', async () => {
    const { clock, engine, records } = await engineWith();
    const sent = await engine.send('supported-commands', DEV, VENDOR);
    clock.advance(100);
    const story = engine.requestStory(sent.ref);
    expect(story?.outcome).toBe('succeeded');
    expect(story?.commandIds).toEqual([1, 2, 4]);
    expect(engine.knownServices(DEV)[0]?.supportedCommands).toEqual([1, 2, 4]);
    const completion = records.find((r) => r.kind === 'completion');
    expect(completion && describeRecord(completion)).toContain('3 commands listed');
    await engine.close();
  });

  it('opens the command session, queries, and keeps the response bytes with their latency', async () => {
    const { clock, engine, records } = await engineWith();
    await engine.send('open-command-session', DEV, VENDOR);
    expect(engine.knownServices(DEV)[0]?.commandSessionState).toBe('opening');
    clock.advance(100);
    expect(engine.knownServices(DEV)[0]?.commandSessionState).toBe('open');
    const sent = await engine.send('query', DEV, VENDOR, {
      commandId: 1,
      data: new Uint8Array([1, 2]),
    });
    clock.advance(100);
    const story = engine.requestStory(sent.ref);
    expect(story).toMatchObject({
      outcome: 'succeeded',
      commandId: 1,
      sentData: '0102',
      response: { responseId: 1, byteLength: 4, data: '29000000' },
      latencyMs: 20,
    });
    expect(records.map((r) => r.kind)).toContain('command-session-state');
    const request = records.find((r) => r.kind === 'request' && r.op === 'query');
    expect(request && describeRecord(request)).toBe('query CID 1, 2 bytes sent to Vendor stream');
    await engine.close();
  });

  it('marks a query sent with no command session open, and the call is refused', async () => {
    const { engine, records } = await engineWith();
    const sent = await engine.send('query', DEV, VENDOR, { commandId: 1 });
    expect(sent.request.outcome).toBe('refused');
    expect(sent.request.precondition).toBe('command-session-not-open');
    const request = records.find((r) => r.kind === 'request');
    expect(request && describeRecord(request)).toContain('the command session was not open');
    await engine.close();
  });

  it('refuses data over MaxCommandSize in words, before anything is recorded', async () => {
    const { engine, records } = await engineWith(true);
    const before = records.length;
    await expect(
      engine.send('set', DEV, VENDOR, { commandId: 2, data: new Uint8Array(9) }),
    ).rejects.toThrow(/9 bytes.*at most 8 bytes.*MaxCommandSize.*Nothing was sent/);
    expect(records.length).toBe(before);
    // At the limit it goes.
    const sent = await engine.send('set', DEV, VENDOR, { commandId: 2, data: new Uint8Array(8) });
    expect(sent.request.outcome).toBe('waiting');
    await engine.close();
  });

  it('refuses a command the service did not list unless sent on purpose, and marks it', async () => {
    const { clock, engine, records } = await engineWith(true);
    await engine.send('supported-commands', DEV, VENDOR);
    clock.advance(100);
    await expect(engine.send('query', DEV, VENDOR, { commandId: 9 })).rejects.toThrow(
      /did not list command 9/,
    );
    const sent = await engine.send('query', DEV, VENDOR, { commandId: 9, force: true });
    expect(sent.request.commandListed).toBe(false);
    const request = records.findLast((r) => r.kind === 'request');
    expect(request && describeRecord(request)).toContain('not in the commands the service listed');
    clock.advance(100);
    expect(engine.requestStory(sent.ref)?.outcome).toBe('succeeded');
    await engine.close();
  });

  it('forgets the listed commands of a device when it goes away: it may come back with other firmware', async () => {
    const scenario = oneServiceScenario(
      { commands: { ...commands, sessionOpen: true } },
      {
        timeline: [
          { action: 'remove-device', atMs: 500, interfaceId: DEV },
          { action: 'add-device', atMs: 600, interfaceId: DEV },
        ],
      },
    );
    const { clock, engine } = simulatedEngine(scenario, { tempPrefix: 'engine-commands-' });
    await engine.listDevices();
    await engine.listServices(DEV);
    await engine.send('supported-commands', DEV, VENDOR);
    clock.advance(100);
    await expect(engine.send('query', DEV, VENDOR, { commandId: 9 })).rejects.toThrow(
      /did not list/,
    );
    clock.advance(600);
    const services = await engine.listServices(DEV);
    expect(services[0]?.supportedCommands).toBeNull();
    await engine.close();
  });

  it('a query whose completion never comes goes overdue like any request', async () => {
    const { clock, engine } = await engineWith(true);
    const sent = await engine.send('query', DEV, VENDOR, { commandId: 4 });
    clock.advance(1500);
    expect(engine.requestStory(sent.ref)?.outcome).toBe('overdue');
    await engine.close();
  });

  it('journals event notifications with their bytes', async () => {
    const scenario = oneServiceScenario({
      notifications: [{ eventId: 7, data: '0a0b', afterMs: 10, intervalMs: 10, count: 3 }],
    });
    const { clock, engine, records } = simulatedEngine(scenario, {
      tempPrefix: 'engine-commands-',
    });
    await engine.listServices(DEV);
    clock.advance(100);
    const notes = records.filter((r) => r.kind === 'event-notification');
    expect(notes).toHaveLength(3);
    const [first] = notes;
    expect(first).toMatchObject({ eventId: 7, byteLength: 2, data: '0a0b' });
    expect(first && describeRecord(first)).toBe('notification event 7 from Vendor stream, 2 bytes');
    await engine.close();
  });
});
