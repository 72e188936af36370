/**
 * A bundle's report and trace are made from its JSON Lines entry, on a helper thread when one
 * starts (report-side.ts). What a support engineer opens must not depend on where they were made,
 * nor on where the entry's bytes happened to be cut on their way there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '../../../electron/core/journal-reader.js';
import {
  ReportFormats,
  type ReportContext,
  type ReportOutput,
} from '../../../electron/core/export/report-formats.js';
import { openReportSide, type ReportSide } from '../../../electron/core/export/report-side.js';
import type { ReadProblem } from '../../../electron/core/journal-reader.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';
import { makeSampleRun } from './support/sample-log.js';

const CONTEXT: ReportContext = {
  app: { name: 'mbn-diag', version: '9.9.9' },
  generatedAt: '2026-05-01T10:00:00.000Z',
  redacted: true,
  sourceLabel: 'sample-run',
};
const PROBLEMS: ReadProblem[] = [{ file: 'x.jsonl', line: 3, message: 'Not JSON' }];
/** Problems past those listed: the report says how many (a helper's too). */
const LEFT_OUT = 362;

let entry: Buffer;

beforeAll(async () => {
  const records = (await readAll(await makeSampleRun(tempDir()))).records;
  const out = join(tempDir(), 'log.jsonl');
  await exportRecords(records, 'jsonl', out);
  entry = readFileSync(out);
});
afterAll(removeTempDirs);

const text = (buffers: Buffer[]): string => Buffer.concat(buffers).toString('utf8');

/** The report as its file holds it: its log (`later`) after everything else (ReportOutput). */
class Report {
  private readonly html: Buffer[] = [];
  private readonly later: Buffer[] = [];

  add(out: ReportOutput): void {
    this.html.push(...out.html);
    this.later.push(...out.later);
  }

  text(): string {
    return text([...this.html, ...this.later]);
  }
}

/** The report and trace a side makes of the entry handed over in these pieces. */
async function made(side: ReportSide, pieces: Buffer[]) {
  const html = new Report();
  const trace: Buffer[] = [];
  try {
    for (const piece of pieces) {
      await side.lines([piece]);
      const out = side.take();
      html.add(out);
      trace.push(...out.trace);
    }
    const { out, facts } = await side.finish(PROBLEMS, LEFT_OUT);
    html.add(out);
    trace.push(...out.trace);
    return { html: html.text(), trace: text(trace), facts };
  } finally {
    await side.close();
  }
}

function cut(bytes: Buffer, at: number[]): Buffer[] {
  const points = [...new Set(at.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    pieces.push(Buffer.from(bytes.subarray(from, p)));
    from = p;
  }
  return pieces;
}

describe("a bundle's report side", () => {
  it('makes the same report and trace however the entry is cut, even inside a character', () => {
    const whole = new ReportFormats(CONTEXT);
    whole.lines(entry);
    const wholeOut = whole.finish(PROBLEMS);
    const expected = { html: new Report(), trace: wholeOut.trace };
    expected.html.add(wholeOut);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (at) => {
        const formats = new ReportFormats(CONTEXT);
        const html = new Report();
        const trace: Buffer[] = [];
        for (const piece of cut(entry, at)) {
          formats.lines(piece);
          const out = formats.drain();
          html.add(out);
          trace.push(...out.trace);
        }
        const out = formats.finish(PROBLEMS);
        html.add(out);
        expect(html.text()).toBe(expected.html.text());
        expect(text([...trace, ...out.trace])).toBe(text(expected.trace));
      }),
      { numRuns: 25 },
    );
  });

  it('makes many MiB on a helper thread, byte for byte as this thread does', async () => {
    // The helper fills its buffers again once their text is sent: enough of it to do so often.
    const lines = entry.subarray(entry.indexOf(10) + 1);
    const big = Buffer.concat(
      Array.from({ length: Math.ceil((6 << 20) / lines.length) }, () => lines),
    );
    const pieces = cut(
      big,
      Array.from({ length: 12 }, (_, i) => (i + 1) * 524_289),
    );
    const there = await made(await openReportSide(CONTEXT), pieces);
    const here = await made(await openReportSide(CONTEXT, false), pieces);
    expect(there.trace.length).toBeGreaterThan(3 << 20);
    expect(there.html).toBe(here.html);
    expect(there.html).toContain('And 362 more lines that could not be read, not listed here.');
    expect(there.trace).toBe(here.trace);
  });

  it('reads a line longer than the pieces the entry is decoded in', () => {
    // An error's message of 40,000 characters among short lines: longer than a decoded piece.
    const long = `driver said ${'x'.repeat(40_000)} end of message`;
    const records = [1, 2, 3].map((seq) => ({
      v: 2,
      seq,
      time: '2026-11-24T08:30:00.000Z',
      mono: seq,
      kind: 'error',
      context: 'read',
      message: seq === 2 ? long : 'short',
    }));
    const lines = Buffer.from(records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    for (const pieces of [[lines], cut(lines, [5, 40_100])]) {
      const formats = new ReportFormats(CONTEXT);
      const html = new Report();
      const trace: Buffer[] = [];
      for (const piece of pieces) {
        formats.lines(piece);
        const out = formats.drain();
        html.add(out);
        trace.push(...out.trace);
      }
      const out = formats.finish(PROBLEMS);
      html.add(out);
      expect(html.text()).toContain(`error in read: ${long}`);
      const events = JSON.parse(text([...trace, ...out.trace])) as {
        traceEvents: { args?: { seq?: number; details?: string } }[];
      };
      expect(events.traceEvents.filter((e) => e.args?.seq !== undefined)).toHaveLength(3);
      expect(events.traceEvents.find((e) => e.args?.seq === 2)?.args?.details).toBe(
        `error in read: ${long}`,
      );
    }
  });

  it('makes them on a helper thread, byte for byte as this thread does', async () => {
    const pieces = cut(entry, [1, 777, 4096, 20_000]);
    const helper = await openReportSide(CONTEXT);
    expect(helper.onHelper).toBe(true);
    const there = await made(helper, pieces);
    const here = await made(await openReportSide(CONTEXT, false), pieces);
    expect(there.html).toBe(here.html);
    expect(there.trace).toBe(here.trace);
    expect(there.facts).toEqual(here.facts);
    expect(here.facts.devices.map((d) => d.model).sort()).toEqual(['EM120R-GL', 'EM7565']);
    // The read problems given at the end reach the report.
    expect(here.html).toContain('Not JSON');
  });
});
