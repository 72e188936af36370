/**
 * What a QUERY or SET was answered, decoded, in the report's log and the trace, as the CLI shows
 * it: both gave only "response 11 with 8 bytes", and a support engineer reading one months later
 * could not tell what the modem had said. Redacted, a personal field (here the IMSI, ICCID and
 * phone numbers of SUBSCRIBER_READY_STATUS) shows its token, never its digits.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { CommandLines } from './support/command-lines.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);

/** libmbim's test_basic_connect_subscriber_ready_status buffer, as command-payloads.test.ts. */
const SUBSCRIBER_READY = `
  01000000 5c000000 1e000000 7c000000 28000000 00000000 02000000
  2c000000 16000000 44000000 16000000
  31003100 31003100 31003100 31003100 31003100 31000000
  30003000 30003000 30003000 30003000 30003000 30000000
  33003100 30003400 31003000 30003000 30003100 31003000 37003600 31000000
  38003900 30003100 30003100 30003400 30003500 34003600 30003100 31003000 30003600 31003200`.replace(
  /\s+/g,
  '',
);
const IMSI = '310410000110761';

function records(): JournalRecord[] {
  return new CommandLines(100)
    .request('r1', 'query', 3)
    .returned('r1', 'query', 70001)
    .completion('r1', 'query', 70001, 'matched', 'succeeded', { response: '0100000000000000' })
    .request('r2', 'query', 2)
    .returned('r2', 'query', 70002)
    .completion('r2', 'query', 70002, 'matched', 'succeeded', { response: SUBSCRIBER_READY })
    .lines.map((line) => JSON.parse(line) as JournalRecord);
}

interface TraceEvent {
  name: string;
  args?: { answer?: string };
}

async function exported(redact: boolean): Promise<{ html: string; answers: string[] }> {
  const dir = tempDir();
  await exportRecords(records(), 'html', join(dir, 'log.html'), { redact });
  await exportRecords(records(), 'trace', join(dir, 'log.json'), { redact });
  const trace = JSON.parse(readFileSync(join(dir, 'log.json'), 'utf8')) as {
    traceEvents: TraceEvent[];
  };
  return {
    html: readFileSync(join(dir, 'log.html'), 'utf8'),
    answers: trace.traceEvents.flatMap((e) => (e.args?.answer ? [e.args.answer] : [])),
  };
}

describe("a QUERY's answer in the report and the trace", () => {
  it('is decoded, field by field, on the completion', async () => {
    const { html, answers } = await exported(true);
    const radio = 'MBIM_RADIO_STATE_INFO: Hardware radio On · Software radio Off';
    expect(html).toContain(`<div class="answer">${radio}</div>`);
    expect(answers[0]).toBe(radio);
    expect(answers[1]).toMatch(/^MBIM_SUBSCRIBER_READY_INFO: Ready state Initialized · /);
  });

  it('shows tokens for its personal fields when redacted, their values when not', async () => {
    const { html, answers } = await exported(true);
    expect(answers[1]).toContain('Subscriber ID (IMSI) IMSI-1');
    expect(answers[1]).toContain('SIM ICCID ICCID-1');
    expect(html).not.toContain(IMSI);
    expect(answers.join(' ')).not.toContain(IMSI);
    const clear = await exported(false);
    expect(clear.answers[1]).toContain(`Subscriber ID (IMSI) ${IMSI}`);
  });
});
