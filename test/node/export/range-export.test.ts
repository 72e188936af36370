/**
 * Exporting a time range of a saved log (time-range-filter.ts): a support engineer asked about one
 * dropped session gets the hour around it, with what the rest needs to be read, and nothing else.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExportError } from '../../../electron/core/export/export-error.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import type { ExportRange } from '../../../shared/export-range.js';
import { APP, NOW, removeTempDirs, tempDir, unzip } from './support/helpers.js';
import { RUN_START, SIERRA, typical } from './support/pass-through-lines.js';

afterAll(removeTempDirs);

const START = Date.UTC(2026, 0, 5, 0, 0, 0);
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const MEID = 'A1B2C3D4E5F6A7';
const CDMA = '{0A1B2C3D-4E5F-4A7B-8C9D-0E1F2A3B4C5D}';

type Line = Record<string, unknown> & { seq: number; time: string; kind: string };

/**
 * A day of traffic, a record every 15 s, and a device's details listed at the start and again at
 * noon (its firmware updated): large enough that most lines are passed as bytes (past the first
 * chunk), where the range is read from a line's text rather than its record.
 */
function dayLog(
  dir: string,
  {
    stepBackAt,
    damagedAt,
    meid,
    escapedKind,
  }: { stepBackAt?: number; damagedAt?: number[]; meid?: boolean; escapedKind?: boolean } = {},
): { path: string; lines: Line[] } {
  const lines: Line[] = [];
  let seq = 1;
  const push = (record: { kind: string } & Record<string, unknown>, ms: number) =>
    lines.push({ v: 2, seq, time: iso(ms), mono: seq++, ...record });
  const device = (firmware: string) => ({
    kind: 'device-info',
    interfaceId: SIERRA,
    manufacturer: 'Sierra Wireless',
    model: 'EM7565',
    firmware,
    deviceId: '359072061234567',
    readyState: 'initialized',
  });
  push(RUN_START, START);
  push(device('1.0'), START);
  for (let i = 0; i < 24 * 60 * 4; i++) {
    let ms = START + i * 15_000;
    // The machine's clock set back an hour at 18:00: later records are stamped 17:00 onwards.
    if (stepBackAt !== undefined && ms >= stepBackAt) ms -= 60 * MINUTE;
    if (i === 12 * 60 * 4) push(device('2.0'), ms);
    // A CDMA modem's MEID, which no digit rule finds: named in an error at 14:30, listed at 20:00.
    if (meid && i === 14 * 60 * 4 + 120)
      push({ kind: 'error', message: `ESN/MEID ${MEID} reported`, context: 'cdma' }, ms);
    if (meid && i === 20 * 60 * 4)
      push({ ...device('3.0'), interfaceId: CDMA, model: 'CDMA modem', deviceId: MEID }, ms);
    // A request as typical() writes it, without the stamp push() gives it.
    const { v: _v, seq: _s, time: _t, mono: _m, ...request } = typical(0)[0] ?? {};
    push({ ...request, kind: 'request', ref: `r${seq}` }, ms);
  }
  const path = join(dir, 'day.jsonl');
  const text = lines.map((r) => `${JSON.stringify(r)}\n`);
  // The noon listing's kind written with an escape, as JSON allows another writer to.
  if (escapedKind)
    text.forEach((line, i) => {
      if (line.includes('"firmware":"2.0"'))
        text[i] = line.replace('"kind":"device-info"', '"kind":"device\\u002dinfo"');
    });
  // A line the disk damaged (cut off mid-way, then the next line written after it).
  for (const at of [...(damagedAt ?? [])].reverse())
    text.splice(at, 0, '{"v":2,"seq":999999,"ti\n');
  writeFileSync(path, text.join(''));
  return { path, lines };
}

function exportRange(
  source: string,
  format: 'jsonl' | 'csv' | 'html' | 'zip' | 'trace',
  range: ExportRange,
) {
  const destination = join(tempDir(), `out.${format}`);
  return {
    destination,
    done: exportFromPath({ source, format, destination, app: APP, now: NOW, range }),
  };
}

const parsed = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Line);

describe('an export of a time range', () => {
  const dir = tempDir();
  const day = dayLog(dir);
  const range = { from: START + 14 * 60 * MINUTE, to: START + 15 * 60 * MINUTE };

  it('holds the hour asked for and the run start and device details it needs, nothing else', async () => {
    const { destination, done } = exportRange(day.path, 'jsonl', range);
    const result = await done;
    const [header, ...records] = parsed(readFileSync(destination, 'utf8'));
    expect(header).toMatchObject({
      kind: 'export-header',
      range: { from: '2026-01-05T14:00:00.000Z', to: '2026-01-05T15:00:00.000Z' },
    });
    const within = day.lines.filter((l) => {
      const ms = Date.parse(l.time);
      return ms >= range.from && ms < range.to;
    });
    expect(within).toHaveLength(240);
    // The device as it was at noon (firmware 2.0), its latest listing before the hour: not as
    // first listed at midnight, which it no longer was.
    expect(records.map((r) => r.seq)).toEqual([
      1,
      day.lines.find((l) => l.kind === 'device-info' && l.seq > 2)?.seq,
      ...within.map((l) => l.seq),
    ]);
    expect(records.at(-1)?.time).toBe('2026-01-05T14:59:45.000Z');
    expect(result.records).toBe(records.length);
    // Redacted as any export is.
    expect(readFileSync(destination, 'utf8')).not.toContain('359072061234567');
  });

  it('makes the same rows in a spreadsheet, and the report and bundle say the range', async () => {
    const csv = exportRange(day.path, 'csv', range);
    await csv.done;
    // A header row, the run start, the device's latest listing and the hour's 240 requests.
    expect(readFileSync(csv.destination, 'utf8').trim().split('\n')).toHaveLength(1 + 2 + 240);

    const html = exportRange(day.path, 'html', range);
    await html.done;
    const report = readFileSync(html.destination, 'utf8');
    expect(report).toContain('only 2026-01-05 14:00:00.000 Z to 2026-01-05 15:00:00.000 Z');
    expect(report).toContain('Exported range');
    // What it covers is the range's entries, not the run's start kept from midnight before it.
    expect(report).toContain(
      'Log covers</th><td>2026-01-05 14:00:00.000 Z to 2026-01-05 14:59:45.000 Z</td>',
    );
    // And its timeline draws the hour across the picture, from its first entry, not squeezed
    // into the last pixels after the hours since midnight.
    expect(report).toContain('0 s is the range&#39;s first entry, 2026-01-05 14:00:00.000 Z.');
    const spans = [...report.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="[\d.]+" height="12"/g)];
    const xs = spans.map((m) => Number(m[1]));
    expect(xs).toHaveLength(240);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(700);

    // The trace opens on the hour too: what was kept from before it is in its metadata.
    const trace = exportRange(day.path, 'trace', range);
    await trace.done;
    const { traceEvents, otherData } = JSON.parse(readFileSync(trace.destination, 'utf8')) as {
      traceEvents: { ph: string; cat?: string }[];
      otherData: { keptFromBefore?: { kind: string; time: string }[] };
    };
    const drawn = traceEvents.filter((e) => e.ph !== 'M');
    expect(drawn.filter((e) => e.ph === 'b')).toHaveLength(240);
    expect(drawn.filter((e) => e.cat === 'run-start' || e.cat === 'device-info')).toEqual([]);
    expect(otherData.keptFromBefore?.map((k) => [k.kind, k.time])).toEqual([
      ['run-start', '2026-01-05T00:00:00.000Z'],
      ['device-info', '2026-01-05T12:00:00.000Z'],
    ]);

    const zip = exportRange(day.path, 'zip', range);
    await zip.done;
    const entries = await unzip(zip.destination);
    const manifest = JSON.parse(entries.get('manifest.json')?.toString() ?? '{}') as {
      range?: unknown;
      records?: number;
      recordsKeptFromBefore?: number;
      environment?: { firstTime?: string };
    };
    expect(manifest.range).toEqual({
      from: '2026-01-05T14:00:00.000Z',
      to: '2026-01-05T15:00:00.000Z',
    });
    expect(manifest.records).toBe(2 + 240);
    // Said apart, as the confirmation says "240 records …, with the run's start and 1 device's
    // details kept from before it": a review found the manifest one over the CLI's count.
    expect(manifest.recordsKeptFromBefore).toBe(2);
    expect(manifest.environment?.firstTime).toBe('2026-01-05T14:00:00.000Z');
  });

  it('is the range still when exported again whole: its report spans the range', async () => {
    const hour = exportRange(day.path, 'jsonl', range);
    await hour.done;
    // The support engineer's copy, made into a report of its own.
    const destination = join(tempDir(), 'again.html');
    await exportFromPath({
      source: hour.destination,
      format: 'html',
      destination,
      app: APP,
      now: NOW,
    });
    const report = readFileSync(destination, 'utf8');
    expect(report).toContain('only 2026-01-05 14:00:00.000 Z to 2026-01-05 15:00:00.000 Z');
    expect(report).toContain(
      'Log covers</th><td>2026-01-05 14:00:00.000 Z to 2026-01-05 14:59:45.000 Z</td>',
    );
    expect(report).toContain('0 s is the range&#39;s first entry, 2026-01-05 14:00:00.000 Z.');

    // Exported again in a wider range, it still holds only its own.
    const wider = join(tempDir(), 'wider.html');
    await exportFromPath({
      source: hour.destination,
      format: 'html',
      destination: wider,
      app: APP,
      now: NOW,
      range: { from: START + 13 * 60 * MINUTE, to: START + 16 * 60 * MINUTE },
    });
    expect(readFileSync(wider, 'utf8')).toContain(
      'only 2026-01-05 14:00:00.000 Z to 2026-01-05 15:00:00.000 Z',
    );

    // A header whose range is not written as the export writes times is not believed.
    const edited = join(tempDir(), 'edited.jsonl');
    writeFileSync(
      edited,
      readFileSync(hour.destination, 'utf8').replace(
        '"from":"2026-01-05T14:00:00.000Z"',
        '"from":"Jan 5 2026 14:00"',
      ),
    );
    const plain = join(tempDir(), 'plain.html');
    await exportFromPath({
      source: edited,
      format: 'html',
      destination: plain,
      app: APP,
      now: NOW,
    });
    expect(readFileSync(plain, 'utf8')).not.toContain('Exported range');
  });

  it('keeps every record stamped in the range when the clock stepped back', async () => {
    const stepped = dayLog(tempDir(), { stepBackAt: START + 18 * 60 * MINUTE });
    // 17:00-18:00 was lived twice: before the clock was set back, and after.
    const twice = { from: START + 17 * 60 * MINUTE, to: START + 18 * 60 * MINUTE };
    const { destination, done } = exportRange(stepped.path, 'jsonl', twice);
    await done;
    const [, ...records] = parsed(readFileSync(destination, 'utf8'));
    expect(records.filter((r) => r.kind === 'request')).toHaveLength(2 * 240);
  });

  it('reads the range from the log’s index, not the day before it', async () => {
    // Damaged in the first page the log opens with, and at 10:00: a full read of the log finds
    // both lines; a read from the range neither.
    const damaged = dayLog(tempDir(), { damagedAt: [10, 10 * 60 * 4] });
    const evening = { from: START + 20 * 60 * MINUTE, to: START + 21 * 60 * MINUTE };
    const { destination, done } = exportRange(damaged.path, 'jsonl', evening);
    const result = await done;
    expect(result.unreadable).toBe(0);
    const [, ...records] = parsed(readFileSync(destination, 'utf8'));
    // The run start and the device's latest listing, read from the part of the log passed over.
    expect(records.slice(0, 2).map((r) => [r.kind, r.firmware])).toEqual([
      ['run-start', undefined],
      ['device-info', '2.0'],
    ]);
    expect(records.slice(2).map((r) => r.time.slice(11, 13))).toEqual(Array(240).fill('20'));
    const whole = exportRange(damaged.path, 'jsonl', { from: START, to: START + 24 * 60 * MINUTE });
    expect((await whole.done).unreadable).toBe(2);
    // And stopped once past it: damaged at 20:00, a range in the morning never reads that far.
    const late = dayLog(tempDir(), { damagedAt: [20 * 60 * 4] });
    const morning = { from: START + 60 * MINUTE, to: START + 120 * MINUTE };
    const early = exportRange(late.path, 'jsonl', morning);
    expect((await early.done).unreadable).toBe(0);
    const [, ...kept] = parsed(readFileSync(early.destination, 'utf8'));
    expect(kept.filter((r) => r.kind === 'request')).toHaveLength(240);
  });

  // A run killed mid-write ends on a torn line past its index: an export of its last minutes,
  // the one a technician makes after a crash, left it out and said nothing of it.
  it('reads on to the log’s end when the range reaches it, and says a torn last line', async () => {
    const torn = dayLog(tempDir());
    appendFileSync(torn.path, '{"v":2,"seq":5800,"time":"2026-01-05T23:59:59.9');
    const lastHour = { from: START + 23 * 60 * MINUTE, to: START + 24 * 60 * MINUTE };
    const { done } = exportRange(torn.path, 'jsonl', lastHour);
    expect((await done).unreadable).toBe(1);
  });

  it('keeps a device listing passed over though its kind is written with an escape', async () => {
    const escaped = dayLog(tempDir(), { escapedKind: true });
    expect(readFileSync(escaped.path, 'utf8')).toContain('"kind":"device\\u002dinfo"');
    const evening = { from: START + 20 * 60 * MINUTE, to: START + 21 * 60 * MINUTE };
    const { destination, done } = exportRange(escaped.path, 'jsonl', evening);
    await done;
    const [, ...records] = parsed(readFileSync(destination, 'utf8'));
    // The index counted it among the noon bucket's device listings, so that bucket is read whole:
    // it is the device's latest listing, the one kept.
    expect(records.slice(0, 2).map((r) => [r.kind, r.firmware])).toEqual([
      ['run-start', undefined],
      ['device-info', '2.0'],
    ]);
  });

  it('redacts a device ID listed only after the range, in the range’s text too', async () => {
    const cdma = dayLog(tempDir(), { meid: true });
    // Read through the index (stopped long before 20:00), and from a bundle read whole.
    const bundle = join(tempDir(), 'customer.zip');
    await exportFromPath({
      source: cdma.path,
      format: 'zip',
      destination: bundle,
      app: APP,
      redact: false,
    });
    for (const source of [cdma.path, bundle]) {
      const { destination, done } = exportRange(source, 'jsonl', range);
      await done;
      const text = readFileSync(destination, 'utf8');
      expect(text, source).toContain('"message":"ESN/MEID MEID-1 reported"');
      expect(text, source).not.toContain(MEID);
    }
  });

  it('redacts a device ID of a modem that came and went all along, listed after the range', async () => {
    // A modem plugged in and out all week, in more buckets of the index than the export reads
    // for device IDs (not around the range: nothing the export reads names a device), its MEID
    // named in an error in the range and listed only long after it.
    const BUCKETS = 70;
    const text: string[] = [];
    let seq = 1;
    const line = (body: string, ms: number) =>
      text.push(
        `{"v":2,"seq":${String(seq)},"time":"${iso(ms)}","mono":${String(seq++)},${body}}\n`,
      );
    const arrival = (id: string) =>
      `"kind":"device-arrival","interfaceId":"${CDMA}","model":"CDMA modem","deviceId":"${id}"`;
    for (let i = 0; i < BUCKETS * 4096; i++) {
      const ms = START + i * 1000;
      const bucket = Math.floor(i / 4096);
      if (i % 4096 === 100 && (bucket < 9 || bucket > 12))
        line(arrival(bucket > 60 ? MEID : 'B0B0B0B0B0B0B0'), ms);
      else if (i === 10 * 4096 + 500)
        line(`"kind":"error","message":"ESN/MEID ${MEID} reported","context":"cdma"`, ms);
      else
        line(`"kind":"backend-status","backend":"simulator","available":true,"message":"ok"`, ms);
    }
    const path = join(tempDir(), 'flapping.jsonl');
    writeFileSync(path, text.join(''));
    const around = {
      from: START + (10 * 4096 + 400) * 1000,
      to: START + (10 * 4096 + 600) * 1000,
    };
    const { destination, done } = exportRange(path, 'jsonl', around);
    await done;
    const out = readFileSync(destination, 'utf8');
    expect(out).toContain('"message":"ESN/MEID MEID-1 reported"');
    expect(out).not.toContain(MEID);
    // Exported again, its index built: the device IDs are read from the index's device buckets,
    // not by reading every byte of the log first. That read was said as "Finding the range in
    // the log (indexing it, once)… 0%" to 100% on every export, and took a week-long log's
    // one-minute export 14-20 s.
    const phases = new Set<string>();
    const again = join(tempDir(), 'again.jsonl');
    await exportFromPath({
      source: path,
      format: 'jsonl',
      destination: again,
      app: APP,
      now: NOW,
      range: around,
      onProgress: (p) => phases.add(p.phase),
    });
    expect([...phases]).not.toContain('indexing');
    expect(readFileSync(again, 'utf8')).toBe(out);
  });

  it('lists at most a thousand records kept from before the range in the trace, and counts the rest', async () => {
    // A rack of modems, each listed once in the day before the range: a device's listing is kept
    // only as its latest, so only as many devices make this many kept.
    const text: string[] = [];
    let seq = 1;
    const line = (body: object, ms: number) =>
      text.push(`${JSON.stringify({ v: 2, seq, time: iso(ms), mono: seq++, ...body })}\n`);
    line(RUN_START, START);
    for (let i = 0; i < 1440; i++)
      line(
        {
          kind: 'device-info',
          interfaceId: `{${String(i).padStart(8, '0')}-0000-4000-8000-000000000000}`,
          manufacturer: 'Sierra Wireless',
          model: 'EM7565',
          firmware: String(i),
          deviceId: '359072061234567',
          readyState: i % 2 === 0 ? 'initialized' : 'off',
        },
        START + i * MINUTE,
      );
    line(
      { kind: 'error', message: 'the one in the range', context: 'test' },
      START + 1441 * MINUTE,
    );
    const path = join(tempDir(), 'listed.jsonl');
    writeFileSync(path, text.join(''));
    const { destination, done } = exportRange(path, 'trace', {
      from: START + 1441 * MINUTE,
      to: START + 1442 * MINUTE,
    });
    await done;
    const { otherData } = JSON.parse(readFileSync(destination, 'utf8')) as {
      otherData: { keptFromBefore: unknown[]; keptFromBeforeNotListed: number };
    };
    expect(otherData.keptFromBefore).toHaveLength(1000);
    expect(otherData.keptFromBeforeNotListed).toBe(1 + 1440 - 1000);
  });

  it('refuses a range the log has nothing in, and saves nothing', async () => {
    const { destination, done } = exportRange(day.path, 'jsonl', {
      from: Date.UTC(2026, 0, 6, 9),
      to: Date.UTC(2026, 0, 6, 10),
    });
    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as ExportError).code).toBe('nothing-to-export');
    expect((error as Error).message).toBe(
      "Nothing was logged from 2026-01-06 09:00:00.000 Z to 2026-01-06 10:00:00.000 Z: choose a range within the log's times. Nothing was saved.",
    );
    expect(existsSync(destination)).toBe(false);
  });
});
