import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock.js';
import { attachJournalIndex } from '../../../electron/core/journal-index-writer.js';
import { Journal, type JournalOptions } from '../../../electron/core/journal.js';
import {
  SearchQueryError,
  searchLog,
  type SearchHit,
  type SearchQuery,
  type SearchSummary,
} from '../../../electron/core/log-search.js';
import { BucketBuilder } from '../../../electron/core/journal-index.js';
import { bucketHasService, compileQuery } from '../../../electron/core/search-query.js';
import { damagedLinesNote } from '../../../shared/search-words.js';
import { RARE_HRESULT, kioskLogLines, requestEntries } from '../../support/journal-traffic.js';
import { rotatingJournal } from '../../support/rotating-journal.js';

const runStart: JournalOptions['runStart'] = {
  app: { name: 'mbn-diag', version: 'test' },
  os: { platform: 'linux', release: 'x', arch: 'x64' },
  backend: { kind: 'simulator', label: 'test', reason: 'test' },
};
const tempDir = (): string => mkdtempSync(join(tmpdir(), 'mbn-search-'));

function writeRun(requests: number): string {
  const clock = new ManualClock(Date.UTC(2026, 0, 5));
  const journal = new Journal({ dir: tempDir(), clock, runStart, maxFileBytes: 500 * 1024 });
  attachJournalIndex(journal);
  for (let n = 1; n <= requests; n++) {
    clock.advance(1000);
    for (const entry of requestEntries(n, { rareEvery: 4000, failEvery: 50 }))
      journal.append(entry);
  }
  journal.close();
  return journal.runDir;
}

async function search(
  path: string,
  query: SearchQuery,
  numbering: 'seq' | 'position' = 'seq',
): Promise<{ hits: SearchHit[]; summary: SearchSummary }> {
  const hits: SearchHit[] = [];
  const summary = await searchLog(path, query, {
    numbering,
    onHits: (batch) => hits.push(...batch),
  });
  return { hits, summary };
}

// One run shared by the read-only tests: 12,000 requests (~35,000 records, several files).
const RUN = writeRun(12_000);

describe('search across a whole log', () => {
  it('finds the rare HRESULT and reads only the buckets that hold it', async () => {
    const { hits, summary } = await search(RUN, { hresult: RARE_HRESULT });
    expect(hits.map((h) => h.record.kind)).toEqual([
      'request-returned',
      'request-returned',
      'request-returned',
    ]);
    expect(hits.map((h) => 'ref' in h.record && h.record.ref)).toEqual([
      'r4000',
      'r8000',
      'r12000',
    ]);
    expect(summary.matches).toBe(3);
    expect(summary.bucketsRead).toBe(3);
    expect(summary.bucketsSkipped).toBeGreaterThan(3);
    expect(summary.doneBytes).toBe(summary.totalBytes);
  });

  it('finds a record by every filter: outcome, kind, service, HRESULT, reference, request ID, free text', async () => {
    const failed = await search(RUN, { outcomes: ['failed'] });
    // Every 50th request fails, but for the three refused at once (4000, 8000, 12000).
    expect(failed.summary.matches).toBe(12_000 / 50 - 3);
    expect(failed.hits.every((h) => h.record.kind === 'completion')).toBe(true);

    const refused = await search(RUN, { outcomes: ['refused'], kinds: ['request-returned'] });
    expect(refused.summary.matches).toBe(3);

    const diag = await search(RUN, { service: 'diagnostics', ref: 'r9' });
    expect(diag.summary.matches).toBe(3);
    expect(
      diag.hits.every(
        (h) => 'serviceName' in h.record && h.record.serviceName === 'Sierra Diagnostics Stream',
      ),
    ).toBe(true);
    // Word by word, as a technician half-remembers it: the phrase is not in the name as it is.
    const words = await search(RUN, { service: ' diagnostic  STREAM ', ref: 'r9' });
    expect(words.summary.matches).toBe(3);
    expect((await search(RUN, { service: 'diagnostic sms', ref: 'r9' })).summary.matches).toBe(0);
    const byId = await search(RUN, { service: '{8C1E5A4B', ref: 'r9' });
    expect(byId.summary.matches).toBe(3);
    expect((await search(RUN, { service: 'sms', ref: 'r9' })).summary.matches).toBe(0);

    const byRequestId = await search(RUN, { requestId: 1000 + 777 });
    expect(byRequestId.hits.map((h) => h.record.kind)).toEqual(['request-returned', 'completion']);

    const text = await search(RUN, { text: 'e_accessdenied' });
    expect(text.summary.matches).toBe(3);
    const hresultNoPrefix = await search(RUN, { hresult: '80070005' });
    expect(hresultNoPrefix.summary.matches).toBe(3);
  });

  // A vendor service's records logged before it was listed are named "Vendor service"; the log
  // and the timeline show the service by its listed name, by which a search found its entries
  // only from the listing on.
  it('finds a service’s records by the name it went by later, whatever name they were logged under', async () => {
    const file = join(tempDir(), 'kiosk.jsonl');
    const lines = kioskLogLines(300).map((line, i) =>
      i < 150
        ? line.replace(
            '"serviceName":"Sierra Diagnostics Stream"',
            '"serviceName":"Vendor service"',
          )
        : line,
    );
    writeFileSync(file, `${lines.join('\n')}\n`);
    const byName = await search(file, { service: 'diagnostics' }, 'position');
    const byId = await search(file, { service: '{8C1E5A4B' }, 'position');
    expect(byName.summary.matches).toBe(byId.summary.matches);
    expect(
      byName.hits.some(
        (h) => 'serviceName' in h.record && h.record.serviceName === 'Vendor service',
      ),
    ).toBe(true);
    // Another vendor service logged under the generic name is not it.
    expect(
      (await search(file, { service: 'sms' }, 'position')).hits.every(
        (h) => 'serviceName' in h.record && h.record.serviceName === 'SMS',
      ),
    ).toBe(true);
  });

  it('numbers hits by seq in the live log and by position in a saved one', async () => {
    const live = await search(RUN, { ref: 'r2' });
    expect(live.hits.map((h) => h.row)).toEqual(live.hits.map((h) => h.record.seq));
    const saved = await search(RUN, { ref: 'r2' }, 'position');
    // No damaged lines and the run-start first: position + 1 is the seq.
    expect(saved.hits.map((h) => h.row)).toEqual(live.hits.map((h) => h.row));
  });

  it('searches a log with no index in the same pass that builds it, and uses the index next time', async () => {
    const run = writeRun(6000);
    for (const name of readdirSync(run)) if (name.endsWith('.mbnidx')) rmSync(join(run, name));
    const first = await search(run, { hresult: RARE_HRESULT });
    expect(first.summary.matches).toBe(1);
    expect(first.summary.indexed).toBeGreaterThan(0);
    expect(readdirSync(run).some((n) => n.endsWith('.mbnidx'))).toBe(true);
    const second = await search(run, { hresult: RARE_HRESULT });
    expect(second.hits.map((h) => h.row)).toEqual(first.hits.map((h) => h.row));
    expect(second.summary.indexed).toBe(0);
    expect(second.summary.bucketsSkipped).toBeGreaterThan(0);
  });

  // A technician changes a status's digits in a saved log to reproduce a case: the same length,
  // so every spot check of the old index still passed, and the search skipped the bucket that
  // now held it (0 matches, said as complete).
  it('does not believe an index saved before the log was edited in place', async () => {
    const file = join(tempDir(), 'ticket.jsonl');
    writeFileSync(file, kioskLogLines(3000).join('\n') + '\n');
    const edited = '"status":"0x80070057"';
    expect((await search(file, { hresult: '0x80070057' }, 'position')).summary.matches).toBe(0);
    expect(readdirSync(join(file, '..')).some((n) => n.endsWith('.mbnidx'))).toBe(true);

    const text = readFileSync(file, 'utf8');
    const at = text.indexOf('"status":"0x00000000"', text.length / 2);
    writeFileSync(file, text.slice(0, at) + edited + text.slice(at + edited.length));
    // Another modification time, as an editor's save gives it (a test may write twice in one ms).
    utimesSync(file, new Date(), new Date(Date.now() + 5000));

    const after = await search(file, { hresult: '0x80070057' }, 'position');
    expect(after.summary.matches).toBe(1);
    expect(after.summary.indexed).toBe(1);
  });

  // The same in the app's own journal (or a run folder copied into a ticket folder with its
  // sidecars): those the journal's writer saved as it wrote carried no stamp, and were believed.
  it("does not believe the journal writer's index of a file edited in place since", async () => {
    const run = writeRun(3000);
    const edited = '"status":"0x80070057"';
    expect((await search(run, { hresult: '0x80070057' })).summary.matches).toBe(0);
    const file = join(run, 'journal-000001.jsonl');
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf('"status":"0x00000000"', text.length / 2);
    writeFileSync(file, text.slice(0, at) + edited + text.slice(at + edited.length));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect((await search(run, { hresult: '0x80070057' })).summary.matches).toBe(1);
  });

  // The CLI's progress line and the window say "Indexing the log (once per log)" from this: a
  // running app's journal always has a few lines past its saved index, and a search of it that
  // said so for its whole length told the technician every search would be slow.
  it('says it is indexing only while an index is built, not for a few lines past one', async () => {
    const run = writeRun(6000);
    for (const name of readdirSync(run)) if (name.endsWith('.mbnidx')) rmSync(join(run, name));
    const said = async (): Promise<boolean[]> => {
      const indexing: boolean[] = [];
      await searchLog(
        run,
        { hresult: RARE_HRESULT },
        {
          numbering: 'seq',
          onProgress: (p) => indexing.push(p.indexing),
          onHits: (_hits, p) => indexing.push(p.indexing),
        },
      );
      return indexing;
    };
    const first = await said();
    expect(first[0]).toBe(true);
    expect(first.at(-1)).toBe(false);
    expect(await said()).not.toContain(true);

    const files = readdirSync(run)
      .filter((n) => /^journal-\d+\.jsonl$/.test(n))
      .sort();
    const last = join(run, files[files.length - 1] ?? '');
    const lines = readFileSync(last, 'utf8').trimEnd().split('\n');
    const { seq } = JSON.parse(lines[lines.length - 1] ?? '{}') as { seq: number };
    const [entry] = requestEntries(1, {});
    appendFileSync(
      last,
      `${JSON.stringify({ v: 2, seq: seq + 1, time: '2026-01-05T09:00:00.000Z', mono: 1, ...entry })}\n`,
    );
    expect(await said()).not.toContain(true);
  });

  it('searches again without indexing again where it may not save, unless a file has changed since', async () => {
    // The live run's search saves no index (its writer keeps the sidecars): this process keeps
    // what it built, for the files that have not changed since.
    const run = writeRun(6000);
    for (const name of readdirSync(run)) if (name.endsWith('.mbnidx')) rmSync(join(run, name));
    const files = readdirSync(run)
      .filter((n) => n.endsWith('.jsonl') && n.startsWith('journal-'))
      .sort();
    const unsaved = (query: SearchQuery) =>
      searchLog(run, query, { numbering: 'seq', save: false });
    const first = await unsaved({ hresult: RARE_HRESULT });
    expect(first.indexed).toBe(files.length);
    expect(readdirSync(run).some((n) => n.endsWith('.mbnidx'))).toBe(false);
    const second = await unsaved({ hresult: RARE_HRESULT });
    expect(second.indexed).toBe(0);
    expect(second.matches).toBe(first.matches);

    // The last file grows by one refused request: only it is read afresh, and its record found.
    const last = join(run, files[files.length - 1] ?? '');
    const lines = readFileSync(last, 'utf8').trimEnd().split('\n');
    const record = JSON.parse(lines[lines.length - 1] ?? '{}') as { seq: number };
    const [entry] = requestEntries(4000, { rareEvery: 4000 }).filter((e) => e.kind !== 'request');
    appendFileSync(
      last,
      `${JSON.stringify({ v: 2, seq: record.seq + 1, time: '2026-01-05T09:00:00.000Z', mono: 1, ...entry })}\n`,
    );
    const third = await unsaved({ hresult: RARE_HRESULT });
    expect(third.indexed).toBe(1);
    expect(third.matches).toBe(first.matches + 1);
  });

  // A kiosk's run at its cap of files drops its oldest at every rotation: one landing between the
  // search listing the run's files and reading one failed the whole search with a raw ENOENT.
  it('searches a live run on when its oldest file is rotated away meanwhile', async () => {
    const outcomes: string[] = [];
    for (let turns = 0; turns <= 12; turns += 2) {
      const { journal, rotateAfterTurns } = rotatingJournal();
      const rotated = rotateAfterTurns(turns);
      const outcome = await searchLog(journal.runDir, { text: 'read-data' }, { numbering: 'seq' })
        .then((s) => (s.matches > 0 ? 'found' : 'none'))
        .catch((error: unknown) => String(error));
      outcomes.push(outcome);
      await rotated;
      journal.close();
    }
    expect(outcomes).toEqual(outcomes.map(() => 'found'));
  });

  it('stops reading when cancelled', async () => {
    const controller = new AbortController();
    let seenBytes = 0;
    let callbacks = 0;
    const run = searchLog(
      RUN,
      { text: 'S_OK' },
      {
        numbering: 'seq',
        signal: controller.signal,
        onHits: (_hits, progress) => {
          callbacks += 1;
          seenBytes = progress.doneBytes;
          controller.abort();
        },
      },
    );
    await expect(run).rejects.toThrow(/abort/i);
    expect(callbacks).toBe(1);
    expect(seenBytes).toBeGreaterThan(0);
  });

  // Buckets are read synchronously: in Electron's main process a search that never let the event
  // loop turn would hold up the window's Cancel and every other request until it ended.
  it('lets the event loop turn while it reads bucket after bucket of one indexed file', async () => {
    const file = join(tempDir(), 'one-week.jsonl');
    // A failure or two in every bucket: each bucket read sends its hits, and the progress with them.
    writeFileSync(file, kioskLogLines(14_000, () => ({ failEvery: 500 })).join('\n') + '\n');
    const query = { outcomes: ['failed' as const] };
    const options = { numbering: 'position' as const };
    await searchLog(file, query, options); // builds and saves the index
    let progress = 0;
    let doneWhenTurned: number | undefined;
    const heard = (p: { doneBytes: number }): void => {
      // Once the buckets are being read, the event loop's next turn must come before the last.
      if (progress === 0) setImmediate(() => (doneWhenTurned = progress));
      progress = p.doneBytes;
    };
    const summary = await searchLog(file, query, {
      ...options,
      onHits: (_hits, p) => heard(p),
      onProgress: heard,
    });
    expect(summary.indexed).toBe(0);
    expect(summary.bucketsRead).toBeGreaterThan(8);
    expect(doneWhenTurned).toBeLessThan(summary.totalBytes);
  });

  it('takes a kind it does not know as a damaged line, and finds everything else', async () => {
    const file = join(tempDir(), 'with-new-kinds.jsonl');
    const lines = [
      {
        v: 2,
        seq: 1,
        time: '2026-01-05T00:00:00.000Z',
        mono: 0,
        kind: 'event-notification',
        text: 'E_ACCESSDENIED',
      },
      ...requestEntries(4000, { rareEvery: 4000 }).map((e, i) => ({
        v: 2,
        seq: i + 2,
        time: '2026-01-05T00:00:01.000Z',
        mono: 1000,
        ...e,
      })),
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const { hits } = await search(file, { text: 'accessdenied' }, 'position');
    expect(hits.map((h) => [h.row, h.record.kind])).toEqual([[2, 'request-returned']]);
  });

  // A review's search printed a 60 MB line to the terminal: the reader skips a line over 1 MiB
  // as damaged, the search took it, and numbered it as the record after it.
  it('skips a line longer than any record, as reading the log does, and numbers the rest alike', async () => {
    const file = join(tempDir(), 'with-huge-line.jsonl');
    const record = (seq: number, message: string) =>
      JSON.stringify({
        v: 2,
        seq,
        time: '2026-01-05T00:00:00.000Z',
        mono: seq,
        kind: 'error',
        message,
        context: 'test',
      });
    writeFileSync(
      file,
      [record(1, 'huge a'), record(2, `huge ${'x'.repeat(1024 * 1024 + 10)}`), record(3, 'huge b')]
        .map((l) => `${l}\n`)
        .join(''),
    );
    const { hits } = await search(file, { text: 'huge' }, 'position');
    expect(hits.map((h) => [h.row, h.record.seq])).toEqual([
      [1, 1],
      [2, 3],
    ]);
  });

  // A search of a log with a garbled stretch said "0 matches" and nothing else: the engineer
  // could not tell that lines were there that no search can read.
  it('counts the damaged lines it could not search, but not an export header', async () => {
    const file = join(tempDir(), 'exported-and-damaged.jsonl');
    const header = JSON.stringify({ kind: 'export-header', format: 'mbn-diag-export', version: 1 });
    const record = (seq: number) =>
      JSON.stringify({
        v: 2,
        seq,
        time: '2026-01-05T00:00:00.000Z',
        mono: seq,
        kind: 'error',
        message: `m${String(seq)}`,
        context: 'test',
      });
    writeFileSync(
      file,
      [header, record(1), '{"v":2,"seq":2,"ti', record(3), 'garbage', record(4), '{"v":2,"seq":5']
        .map((l) => `${l}\n`)
        .join('') + '{"v":2,"seq":6,"time":"2026-',
    );
    const { hits, summary } = await search(file, { text: 'm' }, 'position');
    expect(hits.map((h) => h.record.seq)).toEqual([1, 3, 4]);
    // Two garbled lines, one cut short, and the last one cut off where the power failed.
    expect(summary.damagedLines).toBe(4);
    expect(damagedLinesNote(summary.damagedLines)).toBe(
      '4 damaged lines could not be read, so they were not searched.',
    );
    // Searched again through the index it saved: the same count.
    expect((await search(file, { text: 'm' }, 'position')).summary.damagedLines).toBe(4);
    // A file that ends in spaces after its last line has no line cut off.
    const spaced = join(tempDir(), 'trailing-spaces.jsonl');
    writeFileSync(spaced, `${record(1)}\n${record(2)}\n   `);
    expect((await search(spaced, { text: 'm' }, 'position')).summary.damagedLines).toBe(0);
    // A clean log says nothing more than its matches.
    const clean = await search(RUN, { hresult: RARE_HRESULT });
    expect(clean.summary.damagedLines).toBe(0);
    expect(damagedLinesNote(clean.summary.damagedLines)).toBe('');
  });

  // A kiosk's power cut can leave one of a run's rotated files garbled through. Its index bucket
  // holds lines but no record, and was passed over as "before the start" of the rows searched:
  // the search said nothing of 40 lines it could not read, where a fault could hide.
  it('counts the damaged lines of a file with no record left in it', async () => {
    const run = writeRun(1500);
    const files = readdirSync(run).filter((name) => name.endsWith('.jsonl'));
    expect(files.length).toBeGreaterThan(2);
    writeFileSync(join(run, files[1] ?? ''), `${'\u0000'.repeat(120)}\n`.repeat(40));
    for (const numbering of ['seq', 'position'] as const) {
      for (const query of [{ hresult: RARE_HRESULT }, { text: 'closed' }, {}]) {
        // Searched while the index is built, then again through the index it saved.
        for (let pass = 0; pass < 2; pass++)
          expect((await search(run, query, numbering)).summary.damagedLines).toBe(40);
      }
      // Where it lies among the rows: after row 200, and not among the first 100.
      const part = (range: { fromRow?: number; beforeRow?: number }) =>
        searchLog(run, { text: 'closed' }, { numbering, maxHits: 0, ...range });
      expect((await part({ fromRow: 200 })).damagedLines).toBe(40);
      expect((await part({ beforeRow: 100 })).damagedLines).toBe(0);
    }
  });

  it('finds an outage and an error by "Any problem", in buckets with no problem outcome', async () => {
    // A kiosk log whose requests all succeed, but whose backend went away once: what a
    // technician looks for in a week of it. Before the index counted trouble, "Any problem"
    // skipped every bucket here (none holds a problem outcome) and found nothing.
    const clock = new ManualClock(Date.UTC(2026, 0, 5));
    const journal = new Journal({ dir: tempDir(), clock, runStart, maxFileBytes: 500 * 1024 });
    attachJournalIndex(journal);
    const backend = { kind: 'backend-status' as const, backend: 'mbn' };
    for (let n = 1; n <= 6000; n++) {
      clock.advance(1000);
      for (const entry of requestEntries(n, { failEvery: 1e9 })) journal.append(entry);
      if (n === 3000) {
        journal.append({ ...backend, available: false, message: 'The service stopped.' });
        journal.append({ kind: 'error', message: 'Event could not be read', context: 'events' });
        journal.append({ ...backend, available: true, message: 'The service is back.' });
      }
    }
    journal.close();
    const { hits, summary } = await search(journal.runDir, { problems: true });
    expect(hits.map((h) => h.record.kind)).toEqual(['backend-status', 'error']);
    expect(hits[0]?.record).toMatchObject({ available: false });
    expect(summary.bucketsRead).toBe(1);
    expect(summary.bucketsSkipped).toBeGreaterThan(3);
    // The request outcomes still count: one refused call is a problem too.
    const refused = await search(RUN, { problems: true });
    expect(refused.hits.some((h) => 'outcome' in h.record && h.record.outcome === 'refused')).toBe(
      true,
    );
  });

  it('refuses a query that is not one, in words', async () => {
    await expect(searchLog(RUN, { hresult: 'access' }, { numbering: 'seq' })).rejects.toThrow(
      SearchQueryError,
    );
    await expect(searchLog(RUN, { ref: '12' }, { numbering: 'seq' })).rejects.toThrow(
      /request reference/,
    );
  });
});

describe('the index never hides what a plain scan finds', () => {
  const line = (seq: number, fields: Record<string, unknown>): string =>
    JSON.stringify({
      v: 2,
      seq,
      time: `2026-11-23T09:00:0${seq}.000Z`,
      mono: seq,
      interfaceId: 'i',
      serviceId: '{11111111-2222-3333-4444-555555555555}',
      ...fields,
    });

  async function twice(lines: string[], query: SearchQuery): Promise<[number, number]> {
    const file = join(tempDir(), 'log.jsonl');
    writeFileSync(file, lines.join('\n') + '\n');
    const options = { numbering: 'position' as const, save: true };
    const first = await searchLog(file, query, options);
    const second = await searchLog(file, query, options);
    return [first.matches, second.matches];
  }

  it('finds an HRESULT written in capitals, before and after the index exists', async () => {
    const refused = (seq: number) =>
      line(seq, {
        kind: 'request-returned',
        serviceName: 'S',
        ref: `r${seq}`,
        op: 'open',
        outcome: 'refused',
        requestId: null,
        hresult: '0x8007000E',
        hresultName: 'E_OUTOFMEMORY',
        callMs: 1,
      });
    expect(await twice([refused(1), refused(2)], { hresult: '0x8007000e' })).toEqual([2, 2]);
  });

  it('finds an outcome, an HRESULT and a reference a line spells with JSON escapes, on either thread', async () => {
    // Another tool's log may escape any character of a value (`f\u0061iled`): JSON.parse reads
    // the value, and the index counts it, but the bytes hold no `failed"` for the search's needle.
    const failed = (seq: number, escaped: boolean) => {
      const text = line(seq, {
        kind: 'completion',
        serviceName: 'S',
        ref: `r${seq}`,
        op: 'close',
        requestId: 1000 + seq,
        status: '0x80070005',
        statusName: 'E_ACCESSDENIED',
        match: 'matched',
        outcome: 'failed',
        latencyMs: 5,
      });
      return escaped
        ? text
            .replace('"failed"', '"f\\u0061iled"')
            .replace('"0x80070005"', '"0x8007\\u0030005"')
            .replace(`"r${seq}"`, `"\\u0072${seq}"`)
            .replace('"completion"', '"compl\\u0065tion"')
        : text;
    };
    const lines = [failed(1, false), failed(2, true), failed(3, false)];
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({
      outcome: 'failed',
      status: '0x80070005',
      ref: 'r2',
      kind: 'completion',
    });
    const file = join(tempDir(), 'log.jsonl');
    writeFileSync(file, lines.join('\n') + '\n');
    for (const query of [
      { outcomes: ['failed'] },
      { hresult: 'E_ACCESSDENIED' },
      { ref: 'r2' },
      { kinds: ['completion'] },
    ] as const)
      // The first search builds the index as it goes; the second reads the indexed bucket, and
      // with shareScanFrom 0 the helper thread finds its candidate lines.
      for (const shareScanFrom of [undefined, undefined, 0]) {
        const rows: number[] = [];
        await searchLog(file, query, {
          numbering: 'position',
          save: true,
          shareScanFrom,
          onHits: (found) => rows.push(...found.map((h) => h.row)),
        });
        expect(rows).toEqual('ref' in query ? [2] : [1, 2, 3]);
      }
  });

  // Copied from a match as the CLI and the window show it: the line's JSON writes `\\` and `\"`.
  it('finds free text holding a backslash or a double quote as a match shows it', async () => {
    const error = (seq: number, message: string) =>
      line(seq, { kind: 'error', context: 'load', message });
    const lines = [
      error(1, 'path C:\\Windows\\System32\\wwansvc.dll failed'),
      error(2, 'the modem said "hello" twice'),
      error(3, 'nothing here'),
    ];
    expect(await twice(lines, { text: 'c:\\windows\\system32' })).toEqual([1, 1]);
    expect(await twice(lines, { text: 'said "HELLO"' })).toEqual([1, 1]);
    // And as JSON writes it, for whoever searches a line's JSON as it is.
    expect(await twice(lines, { text: '"message":"the modem said \\"hello' })).toEqual([1, 1]);
  });

  it("takes no line that merely holds the HRESULT's digits, and numbers the hit after it", async () => {
    // The search looks for an HRESULT's digits first, in any case: 80070005 is here a time.
    const returned = (seq: number, hresult: string, callMs: number) =>
      line(seq, {
        kind: 'request-returned',
        serviceName: 'S',
        ref: `r${seq}`,
        op: 'open',
        outcome: hresult === '0x00000000' ? 'waiting' : 'refused',
        requestId: null,
        hresult,
        hresultName: hresult === '0x00000000' ? 'S_OK' : 'E_ACCESSDENIED',
        callMs,
      });
    const file = join(tempDir(), 'log.jsonl');
    const lines = [returned(1, '0x00000000', 80070005), returned(2, '0x80070005', 1)];
    writeFileSync(file, lines.join('\n') + '\n');
    const hits: number[] = [];
    const options = {
      numbering: 'position' as const,
      onHits: (found: SearchHit[]) => hits.push(...found.map((h) => h.row)),
    };
    expect((await searchLog(file, { hresult: 'E_ACCESSDENIED' }, options)).matches).toBe(1);
    expect(hits).toEqual([2]);
  });

  it('finds a service by a name it took after it was first seen', async () => {
    const state = (seq: number, serviceName: string) =>
      line(seq, { kind: 'session-state', serviceName, from: 'open', to: 'closed' });
    const lines = [
      state(1, 'Vendor service'),
      state(2, 'Vendor service'),
      state(3, 'Sierra vendor'),
      state(4, 'Sierra vendor'),
    ];
    // All four: one service (one ID), first logged under the generic name.
    expect(await twice(lines, { service: 'sierra' })).toEqual([4, 4]);
  });
});

/**
 * A v1 log (recorded by an older version) wrote a call that threw as an error naming only its
 * request's ref; it takes its service from that request, written just before it. Each bucket was
 * searched from scratch, so a failed call first in its bucket, its request last in the one before,
 * came back with no service: a search by that service missed it.
 */
describe('a v1 log searched by service', () => {
  it('finds a failed call whose request ends the bucket before, as reading every row does', async () => {
    const time = '2023-11-30T10:00:00.000Z';
    const service = (seq: number) => `{S${String(seq % 7)}}`;
    // A request, its call failing, an ordinary error; over and over. Buckets hold 4,096 records,
    // so record 12,289 (a failed call) opens the fourth, its request 12,288 ends the third.
    const lines = Array.from({ length: 13_000 }, (_, i) => {
      const seq = i + 1;
      const head = { v: 1, seq, time, mono: seq };
      if (seq % 3 === 0)
        return JSON.stringify({
          ...head,
          ...{ kind: 'request', ref: `r${String(seq)}`, op: 'open', interfaceId: '{A}' },
          ...{ serviceId: service(seq), serviceName: 'Diag', sessionOpenBefore: false },
        });
      if (seq % 3 === 1)
        return JSON.stringify({
          ...{ ...head, kind: 'error', message: 'refused' },
          context: `open Diag (r${String(seq - 1)})`,
        });
      return JSON.stringify({ ...head, kind: 'error', message: 'x', context: 'c' });
    });
    const file = join(tempDir(), 'v1.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const target = service(12_288);
    // Every request of that service and the failed call after each.
    const expected = lines.flatMap((_, i) =>
      (i + 1) % 3 === 0 && service(i + 1) === target ? [i + 1, i + 2] : [],
    );
    expect(expected).toContain(12_289);
    for (const run of ['building the index', 'through the saved index']) {
      const { hits } = await search(file, { service: target }, 'position');
      expect(
        hits.map((h) => h.row),
        run,
      ).toEqual(expected);
    }
  });
});

describe('a service asked for by its words', () => {
  it('finds them in one of the names a service went by, not spread over two of them', () => {
    // A service named "Vendor service" until it was listed, then "Sierra Diagnostics Stream":
    // the index keeps both names, a line each.
    const names: Record<string, string> = {};
    const builder = new BucketBuilder(names);
    const at = { v: 2 as const, time: '2026-01-05T08:00:00.000Z', mono: 1 };
    const place = { interfaceId: 'i', serviceId: '{11111111-2222-3333-4444-555555555555}' };
    for (const [seq, serviceName] of [
      [1, 'Vendor service'],
      [2, 'Sierra Diagnostics Stream'],
    ] as const)
      builder.add({
        ...at,
        seq,
        ...place,
        serviceName,
        kind: 'session-state',
        from: 'open',
        to: 'closed',
      });
    const bucket = builder.finish(0, 0, 100);
    const asks = (service: string) => bucketHasService(bucket, compileQuery({ service }), names);
    expect(asks('diagnostic stream')).toBe(true);
    expect(asks('vendor service')).toBe(true);
    // One word from each name: no name holds both.
    expect(asks('vendor stream')).toBe(false);
  });
});
