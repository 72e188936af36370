/**
 * A log row that said its request was sending or waiting is drawn in those colours only while the
 * request still is (OutcomePill, by LogModel.saysStill): a technician scanning a log of requests
 * long finished saw a column of blue "Waiting" pills, while the "Still waiting" filter listed none
 * of them. The pill and the filter must say the same of every row, through completions, new runs,
 * rows missing, rows evicted and history paged in out of order.
 */
import fc from 'fast-check';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../electron/ipc/contract';
import { isRequestOutcome, stillSays } from '../../shared/request/outcome';
import { OutcomePill } from '../../renderer/src/components/OutcomePill';
import { NO_FILTER } from '../../renderer/src/store/log-filter';
import { LogModel } from '../../renderer/src/store/log-model';
import { accepted, completed, overdue, request, runStart } from './support/request-rows';

const stillOf = (model: LogModel, seqs: number[]) => seqs.map((seq) => model.saysStill(seq));

/**
 * The rule, read off the rows held from scratch: a row that said sending or waiting is still when
 * every row after it is held (no seq skipped), none starts a run, and none of its request's rows
 * says an outcome that leaves what it said.
 */
function stillByHand(held: readonly (LogRow | undefined)[], row: LogRow): boolean {
  const said = row.outcome;
  if (said !== 'sending' && said !== 'waiting') return false;
  let before = row.seq;
  for (const later of held) {
    if (!later || later.seq <= row.seq) continue;
    if (later.seq !== before + 1 || later.kind === 'run-start') return false;
    before = later.seq;
    const now = later.outcome;
    if (later.ref === row.ref && isRequestOutcome(now) && !stillSays(said, now)) return false;
  }
  return true;
}

describe('rows still sending or waiting', () => {
  it('are the rows of requests in flight: a completion ends them, an overdue does not', () => {
    const model = new LogModel();
    model.insert([request(1, 'r1'), accepted(2, 'r1'), request(3, 'r2'), accepted(4, 'r2')]);
    // Each call returned: their "Sending" rows are past, their "Waiting" rows still.
    expect(stillOf(model, [1, 2, 3, 4])).toEqual([false, true, false, true]);
    model.insert([completed(5, 'r1'), overdue(6, 'r2')]);
    expect(stillOf(model, [2, 4])).toEqual([false, true]);
    model.insert([completed(7, 'r2')]);
    expect(stillOf(model, [2, 4])).toEqual([false, false]);
  });

  it('are none of an earlier run, nor any before rows went missing', () => {
    const model = new LogModel();
    model.insert([request(1, 'r1'), accepted(2, 'r1')]);
    // A new run numbers its requests from r1 again: the old r1 will never complete.
    model.insert([runStart(3), request(4, 'r1'), accepted(5, 'r1')]);
    expect(stillOf(model, [2, 5])).toEqual([false, true]);
    // Rows 6 to 9 missing: r1 may have completed there.
    model.insert([request(10, 'r2')]);
    expect(stillOf(model, [5, 10])).toEqual([false, true]);
  });

  it('are forgotten with the rows the window evicts: none is held for a row gone', () => {
    const model = new LogModel(10);
    model.insert([request(1, 'r1'), accepted(2, 'r1')]);
    expect(model.saysStill(2)).toBe(true);
    model.insert(Array.from({ length: 20 }, (_, i) => request(3 + i, `r${String(3 + i)}`)));
    expect(model.firstSeq).toBeGreaterThan(2);
    expect(model.saysStill(2)).toBe(false);
  });

  it('are none of the rows kept before rows the window evicted (a hole opens after them)', () => {
    // A jump keeps its rows beside the newest; the newest evicted after them may have held the
    // completion of their request.
    const model = new LogModel(10);
    model.insert([request(1, 'r1'), accepted(2, 'r1')]);
    model.keepBefore(3);
    model.insert(Array.from({ length: 20 }, (_, i) => request(3 + i, `r${String(3 + i)}`)));
    expect(model.firstSeq).toBe(1);
    expect(model.saysStill(2)).toBe(false);
    model.setFilter({ ...NO_FILTER, outcome: 'waiting' });
    expect(model.visible.length).toBe(0);
  });

  it('draw their pill in its colours; a past one muted, named for when it was logged', () => {
    const model = new LogModel();
    model.insert([request(1, 'r1'), accepted(2, 'r1'), completed(3, 'r1'), accepted(4, 'r2')]);
    const pill = (row: LogRow) =>
      renderToStaticMarkup(
        <OutcomePill row={row} still={model.saysStill(row.seq) ? 'now' : undefined} />,
      );
    expect(pill(accepted(2, 'r1'))).toContain('class="pill outcome-waiting is-past"');
    expect(pill(accepted(2, 'r1'))).toContain('title="Waiting when logged"');
    expect(pill(accepted(4, 'r2'))).toContain('class="pill outcome-waiting"');
    expect(pill(accepted(4, 'r2'))).toContain('title="Still waiting"');
    expect(pill(completed(3, 'r1'))).toContain('class="pill outcome-succeeded"');
    // Said in words too, not by colour alone: a screen reader reads the pill's state.
    expect(pill(accepted(2, 'r1'))).toContain('<span class="visually-hidden">Waiting when logged');
    expect(pill(accepted(4, 'r2'))).toContain('<span class="visually-hidden">Still waiting');
    // A saved log's row still waiting at its end says so.
    expect(renderToStaticMarkup(<OutcomePill row={accepted(4, 'r2')} still="log-end" />)).toContain(
      'title="Waiting at log&#x27;s end"',
    );
  });

  it('are what the rows held say, and what the filters list, whatever the rows did', () => {
    // A few requests' rows, run-starts among them, some seqs skipped (a hole), put in a window
    // that evicts: in batches as they come (some rows kept beside the newest, as a jump keeps
    // them, so an eviction opens a hole after them), or with the newest batch first and the
    // rest merged in before it (history paged in).
    const step = fc.oneof(
      {
        arbitrary: fc.record({
          kind: fc.constant('row' as const),
          what: fc.nat(3),
          ref: fc.nat(6),
        }),
        weight: 12,
      },
      { arbitrary: fc.constant({ kind: 'run-start' as const, what: 0, ref: 0 }), weight: 1 },
      { arbitrary: fc.constant({ kind: 'gap' as const, what: 0, ref: 0 }), weight: 1 },
    );
    let sawStill = 0;
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 60 }),
        fc.array(fc.nat(12), { maxLength: 6 }),
        fc.integer({ min: 6, max: 40 }),
        fc.constantFrom('in order', 'newest first', 'kept beside'),
        (steps, cuts, capacity, how) => {
          let seq = 0;
          const rows: LogRow[] = [];
          for (const s of steps) {
            seq += 1;
            if (s.kind === 'gap') continue;
            if (s.kind === 'run-start') {
              rows.push(runStart(seq));
              continue;
            }
            const make = [request, accepted, completed, overdue][s.what] ?? request;
            rows.push(make(seq, `r${String(s.ref)}`));
          }
          const batches: LogRow[][] = [];
          let from = 0;
          for (const cut of cuts) {
            batches.push(rows.slice(from, from + cut));
            from += cut;
          }
          batches.push(rows.slice(from));
          const model = new LogModel(capacity);
          if (how === 'newest first') {
            const newest = batches.pop() ?? [];
            batches.unshift(newest);
          }
          batches.forEach((batch, i) => {
            if (how === 'kept beside' && i === 1) model.keepBefore((model.lastSeq ?? 0) + 1);
            model.insert(batch);
          });
          const held = Array.from({ length: model.rows.length }, (_, i) => model.rows.at(i));
          const expected = held.filter((row) => row && stillByHand(held, row)).map((r) => r?.seq);
          const still = held.filter((row) => row && model.saysStill(row.seq)).map((r) => r?.seq);
          expect(still).toEqual(expected);
          sawStill += still.length;
          for (const outcome of ['sending', 'waiting'] as const) {
            model.setFilter({ ...NO_FILTER, outcome });
            const listed = Array.from({ length: model.visible.length }, (_, i) =>
              model.visible.seqAt(i),
            );
            const saying = held.filter((row) => row?.outcome === outcome).map((r) => r?.seq);
            expect(listed).toEqual(saying.filter((seq) => expected.includes(seq)));
          }
        },
      ),
      { numRuns: 800 },
    );
    // Rows still in flight were met, not only rows past.
    expect(sawStill).toBeGreaterThan(100);
  });
});
