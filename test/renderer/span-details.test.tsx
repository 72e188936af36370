/**
 * What the box under the timeline says of a request still waiting where the rows loaded stop (a
 * large saved log's first page ends between a request and its completion). It said first "The log
 * ends before this request’s outcome was recorded", above the log's line saying the 12,000
 * entries after it were not loaded; that its outcome may be in them came on a fourth line, under
 * the three the box shows.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../electron/ipc/contract';
import { toLogRow } from '../../electron/ipc/log-row';
import { SpanText } from '../../renderer/src/timeline/SpanDetails';
import { TimelineModel } from '../../renderer/src/timeline/timeline-model';

const T0 = Date.UTC(2026, 0, 5, 8);
const BASIC_CONNECT = 'a289cc33-bcbb-8b4f-b6b0-133ec2aae6df';
const base = (seq: number, ms: number, ref: string) => ({
  v: 2 as const,
  seq,
  time: new Date(T0 + ms).toISOString(),
  mono: ms,
  interfaceId: '{DEV}',
  serviceId: 'svc-a',
  serviceName: 'SMS',
  ref,
  op: 'close' as const,
});
const request = (seq: number, ms: number, ref: string): LogRow =>
  toLogRow({ ...base(seq, ms, ref), kind: 'request', outcome: 'sending', sessionOpenBefore: true });

/** A request whose completion is among the entries after the rows loaded (a first page's end). */
function cutSpan() {
  const rows = [request(1999, 0, 'r1'), request(14_001, 6 * 3600_000, 'r2')];
  const model = new TimelineModel();
  model.sync(rows, true);
  const cut = model.spanForSeq(1999);
  if (!cut) throw new Error('no span');
  return cut;
}

describe('a request still waiting where the rows loaded stop, selected', () => {
  it('says first that its outcome may be in the part not loaded, not that the log ended', () => {
    const cut = cutSpan();
    const [first] = renderToStaticMarkup(<SpanText span={cut} />).split('<br/>');
    expect(first).toMatch(
      /— Outcome not loaded: The rows loaded stop at 2026-01-05 \S+ \S+ while it still waited; its outcome may be in the part of the log not loaded\.$/,
    );
    expect(first).not.toContain('The log ends');
    // Its headline too: "No outcome in log" above words saying it may be in the log.
    expect(first).not.toContain('No outcome in log');
  });

  // Its second line said "ended after 0.0 ms without a completion": the request had not ended,
  // the rows loaded had.
  it('gives no duration it cannot know, only that no completion is among the rows loaded', () => {
    const cut = cutSpan();
    const [, second] = renderToStaticMarkup(<SpanText span={cut} />).split('<br/>');
    expect(second).toMatch(/ · no completion among the rows loaded$/);
    expect(second).not.toContain('ended after');
  });

  // Selected, the box ends with what to try; for this one it said to look in "a later log of
  // the same machine": its outcome is in the entries of this log not loaded.
  it('gives no advice for a request the log never saw end', () => {
    const cut = cutSpan();
    expect(renderToStaticMarkup(<SpanText span={cut} advice />)).not.toContain('What to try');
  });
});

// The log names a QUERY's or SET's command on each of its rows; the box under the timeline said
// only "Query · Basic Connect" of the same request.
describe('a QUERY request, selected on the timeline', () => {
  it('names the command it sent, as its rows in the log do', () => {
    const query = toLogRow({
      ...base(1, 0, 'r1'),
      serviceId: BASIC_CONNECT,
      serviceName: 'Basic Connect',
      op: 'query',
      commandId: 3,
      kind: 'request',
      outcome: 'sending',
      sessionOpenBefore: true,
    });
    const model = new TimelineModel();
    model.sync([query], true);
    const span = model.spanForSeq(1);
    if (!span) throw new Error('no span');
    const [first] = renderToStaticMarkup(<SpanText span={span} />).split('<br/>');
    expect(first).toMatch(/^<strong>Query RADIO_STATE \(CID 3\) · /);
  });
});
