/**
 * A payload is recorded only up to RECORDED_DATA_BYTES. An IMEI the cut fell inside kept its
 * first digits, fewer than the redaction takes for an identifier, so the support engineer's
 * export showed them in clear. Recorded through the real engine and exported as a user would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RECORDED_DATA_BYTES, type JournalRecord } from '../../../shared/journal/record.js';
import { DEV, VENDOR, oneServiceScenario } from '../../support/scenario-builder.js';
import { SERVICE, exportBothWays, lineHead, savedLogWith } from './support/fast-vs-full.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';
import { simulatedEngine } from '../../support/simulated-engine.js';

afterAll(removeTempDirs);

const IMEI = '358921527589292';

/** Every 5 digits in a row of the IMEI, as the export could show them: text, or hex of bytes. */
function fragments(): string[] {
  const out: string[] = [];
  for (let i = 0; i + 5 <= IMEI.length; i++) {
    const part = IMEI.slice(i, i + 5);
    out.push(
      part,
      Buffer.from(part, 'latin1').toString('hex'),
      Buffer.from(part, 'utf16le').toString('hex'),
    );
  }
  return out;
}

/** A payload over the limit, with the IMEI so placed that `kept` of its digits fall before the cut. */
function payload(encoding: 'latin1' | 'utf16le', kept: number): Buffer {
  const imei = Buffer.from(`IMEI:${IMEI}`, encoding);
  const width = encoding === 'utf16le' ? 2 : 1;
  const at = RECORDED_DATA_BYTES - (5 + kept) * width;
  const bytes = Buffer.alloc(RECORDED_DATA_BYTES + 64, 0x20);
  imei.copy(bytes, at);
  return bytes;
}

async function recorded(response: Buffer, sent: Buffer): Promise<JournalRecord[]> {
  const scenario = oneServiceScenario({
    commands: {
      list: [{ cid: 1, query: { delay: { fixed: 5 }, response: response.toString('hex') } }],
    },
  });
  const [device] = scenario.devices;
  // A command as long as the payload may be sent: what is sent is recorded like a response.
  if (device) device.maxCommandSize = 2 * RECORDED_DATA_BYTES;
  const { clock, engine, records } = simulatedEngine(scenario, {
    timeoutMs: 1000,
    tempPrefix: 'cut-identifier-',
  });
  await engine.listDevices();
  await engine.listServices(DEV);
  await engine.send('open-command-session', DEV, VENDOR);
  clock.advance(100);
  await engine.send('query', DEV, VENDOR, { commandId: 1, data: new Uint8Array(sent) });
  clock.advance(100);
  await engine.close();
  return records;
}

describe('an IMEI across the cut of a recorded payload', () => {
  for (const encoding of ['latin1', 'utf16le'] as const)
    for (const kept of [7, 8, 9])
      it(`leaves none of its digits in a redacted export (${encoding}, ${kept} digits before the cut)`, async () => {
        const records = await recorded(payload(encoding, kept), payload(encoding, kept));
        const completion = records.find((r) => r.kind === 'completion' && r.op === 'query');
        // The record still says how long the payload was, so the reader sees it was cut.
        expect(completion).toMatchObject({ byteLength: RECORDED_DATA_BYTES + 64 });
        const dir = tempDir();
        for (const format of ['jsonl', 'csv', 'html'] as const) {
          const destination = join(dir, `log.${format}`);
          await exportRecords(records, format, destination);
          const text = readFileSync(destination, 'utf8');
          for (const fragment of fragments()) expect(text).not.toContain(fragment);
        }
      });
});

describe('a payload an earlier version cut inside an IMEI', () => {
  /** A notification recorded as earlier versions did: its first RECORDED_DATA_BYTES, whatever they end in. */
  function oldRecord(bytes: Buffer, byteLength: number): JournalRecord {
    return {
      v: 2,
      seq: 1,
      time: '2026-11-30T08:00:00.000Z',
      mono: 1,
      kind: 'event-notification',
      interfaceId: DEV,
      serviceId: VENDOR,
      serviceName: 'Vendor stream',
      eventId: 7,
      byteLength,
      data: bytes.toString('hex'),
    };
  }

  for (const encoding of ['latin1', 'utf16le'] as const)
    it(`has its digits at the cut hidden in a redacted export (${encoding})`, async () => {
      const whole = payload(encoding, 8);
      const record = oldRecord(whole.subarray(0, RECORDED_DATA_BYTES), whole.length);
      const dir = tempDir();
      for (const format of ['jsonl', 'csv', 'html'] as const) {
        const destination = join(dir, `log.${format}`);
        await exportRecords([record], format, destination);
        const text = readFileSync(destination, 'utf8');
        for (const fragment of fragments()) expect(text).not.toContain(fragment);
      }
    });

  it('keeps the digits at the end of a payload that was recorded whole', async () => {
    const bytes = Buffer.from('count 12345678', 'latin1');
    const destination = join(tempDir(), 'log.jsonl');
    await exportRecords([oldRecord(bytes, bytes.length)], 'jsonl', destination);
    expect(readFileSync(destination, 'utf8')).toContain(bytes.toString('hex'));
  });
});

describe("a read's preview an earlier version cut inside an IMEI written apart", () => {
  // `IMEI 35-892152-7`: the preview's 16 bytes end in 9 of the IMEI's digits, written apart as
  // on a label. Fewer than 10 digits are no identifier as text, and hyphens break the BCD reading.
  const preview = Buffer.from('IMEI 35-892152-7', 'latin1').toString('hex');
  const path = savedLogWith([
    `${lineHead(500_000)},"kind":"read-data",${SERVICE},"byteLength":26,"preview":"${preview}"}`,
  ]);

  it('is redacted, fast path and full path alike', async () => {
    const { fast, full } = await exportBothWays(path, 'jsonl', true);
    const text = fast.get('jsonl') ?? '';
    for (const fragment of fragments()) expect(text).not.toContain(fragment);
    expect(text).toContain('"preview":"[redacted DEVICE-ID-1]"');
    expect(text).toBe(full.get('jsonl'));
  }, 60_000);
});
