import { describe, expect, it } from 'vitest';
import { describeRecord } from '../../../shared/journal/record-text.js';
import { outcomeDetails } from '../../../shared/request/words.js';
import { ManualClock } from '../../../electron/core/clock.js';
import { SessionTracker } from '../../../electron/core/session-tracker.js';
import type { JournalEntry } from '../../../shared/journal/record.js';
import { IFACE, SVC, trackerHarness } from '../../support/tracker-harness.js';

const S_OK = 0;
const E_ACCESSDENIED = 0x80070005;
const TOO_MANY_SESSIONS = 0x80070045;
const E_FAIL = 0x80004005;

describe('session tracker', () => {
  it('matches a completion to its request and measures latency on the monotonic clock', () => {
    const { clock, tracker, ofKind } = trackerHarness();
    const ref = tracker.begin('close', IFACE, SVC);
    clock.advance(2);
    tracker.callReturned(ref, { hresult: S_OK, requestId: 41 });
    expect(tracker.sessionState(IFACE, SVC)).toBe('closing');
    clock.advance(118);
    tracker.completion({
      op: 'close',
      interfaceId: IFACE,
      serviceId: SVC,
      status: S_OK,
      requestId: 41,
    });
    const [completion] = ofKind('completion');
    expect(completion).toMatchObject({
      match: 'matched',
      ref,
      latencyMs: 120,
      status: '0x00000000',
      statusName: 'S_OK',
    });
    expect(tracker.sessionState(IFACE, SVC)).toBe('closed');
    expect(ofKind('session-state').map((e) => `${e.from}->${e.to}`)).toEqual([
      'open->closing',
      'closing->closed',
    ]);
  });

  // A support engineer's trace drew a request's span 4 ms shorter than its latency: the request
  // was stamped when its record was written, after the work that follows taking its time (a
  // process's first call), while the latency ran from that time.
  it('stamps a request when it was issued, so its span is as long as its latency', () => {
    const clock = new ManualClock();
    // As in a process's first call: 4 ms of work after the request's time is taken, before its
    // record is written.
    const read = clock.monoNow.bind(clock);
    let first = true;
    clock.monoNow = () => {
      const t = read();
      if (first) clock.advance(4);
      first = false;
      return t;
    };
    const stamped: { entry: JournalEntry; at: number }[] = [];
    const tracker = new SessionTracker({
      clock,
      timeoutMs: 1000,
      // As the journal stamps an entry: when it happened if said, else when it is written.
      emit: (entry, atMono) => stamped.push({ entry, at: atMono ?? clock.monoNow() }),
    });
    const ref = tracker.begin('close', IFACE, SVC);
    tracker.callReturned(ref, { hresult: S_OK, requestId: 41 });
    clock.advance(100);
    tracker.completion({
      op: 'close',
      interfaceId: IFACE,
      serviceId: SVC,
      status: S_OK,
      requestId: 41,
    });
    const at = (kind: string) => stamped.find((s) => s.entry.kind === kind);
    const request = at('request');
    const completion = at('completion');
    if (!request || !completion || completion.entry.kind !== 'completion')
      throw new Error('no request and completion');
    expect(completion.at - request.at).toBe(completion.entry.latencyMs);
  });

  it('accepts a completion that arrives before the call has returned its request ID', () => {
    const { clock, tracker, ofKind } = trackerHarness();
    const ref = tracker.begin('close', IFACE, SVC);
    clock.advance(3);
    tracker.completion({
      op: 'close',
      interfaceId: IFACE,
      serviceId: SVC,
      status: S_OK,
      requestId: 7,
    }); // overtakes the return
    expect(ofKind('completion')).toHaveLength(0);
    clock.advance(1);
    tracker.callReturned(ref, { hresult: S_OK, requestId: 7 });
    const [completion] = ofKind('completion');
    expect(completion).toMatchObject({ match: 'before-return', ref, latencyMs: 3 });
    expect(tracker.sessionState(IFACE, SVC)).toBe('closed');
    expect(tracker.activeRequests()).toHaveLength(0);
  });

  it('records a completion for a request it never saw as unknown, and a repeated one as duplicate', () => {
    const { clock, tracker, ofKind } = trackerHarness();
    tracker.completion({
      op: 'close',
      interfaceId: IFACE,
      serviceId: SVC,
      status: S_OK,
      requestId: 999,
    });
    expect(ofKind('completion')[0]).toMatchObject({
      match: 'unknown-request',
      ref: null,
      latencyMs: null,
    });

    const ref = tracker.begin('open', IFACE, SVC);
    tracker.callReturned(ref, { hresult: S_OK, requestId: 5 });
    clock.advance(10);
    tracker.completion({
      op: 'open',
      interfaceId: IFACE,
      serviceId: SVC,
      status: S_OK,
      requestId: 5,
    });
    clock.advance(10);
    tracker.completion({
      op: 'open',
      interfaceId: IFACE,
      serviceId: SVC,
      status: S_OK,
      requestId: 5,
    });
    expect(ofKind('completion').map((c) => c.match)).toEqual([
      'unknown-request',
      'matched',
      'duplicate',
    ]);
    expect(ofKind('completion')[2]).toMatchObject({ ref, latencyMs: null });
  });

  it('recognises a duplicate of one of the last finished requests, forgets older ones, and matches a reused ID to the newer request', () => {
    const { tracker, ofKind } = trackerHarness({ finishedMemory: 3 });
    const complete = (requestId: number) =>
      tracker.completion({
        op: 'write',
        interfaceId: IFACE,
        serviceId: SVC,
        status: S_OK,
        requestId,
      });
    const write = (requestId: number) => {
      const ref = tracker.begin('write', IFACE, SVC, { byteLength: 1 });
      tracker.callReturned(ref, { hresult: S_OK, requestId });
      complete(requestId);
      return ref;
    };
    const fourth = [write(1), write(2), write(3), write(4)][3];
    complete(1);
    complete(4);
    expect(
      ofKind('completion')
        .slice(4, 6)
        .map((c) => [c.match, c.ref]),
    ).toEqual([
      ['unknown-request', null],
      ['duplicate', fourth],
    ]);
    const reused = write(4);
    expect(ofKind('completion').at(-1)).toMatchObject({ match: 'matched', ref: reused });
    complete(4);
    expect(ofKind('completion').at(-1)).toMatchObject({ match: 'duplicate', ref: reused });
  });

  it('makes a request overdue after the timeout and records a later completion as late with its real latency', () => {
    const { clock, tracker, ofKind } = trackerHarness({ timeoutMs: 500 });
    const ref = tracker.begin('close', IFACE, SVC);
    tracker.callReturned(ref, { hresult: S_OK, requestId: 12 });
    clock.advance(499);
    expect(ofKind('overdue')).toHaveLength(0);
    clock.advance(1);
    expect(ofKind('overdue')[0]).toMatchObject({ ref, requestId: 12, timeoutMs: 500 });
    expect(tracker.activeRequests()[0]?.outcome).toBe('overdue');
    expect(tracker.sessionState(IFACE, SVC)).toBe('closing');
    clock.advance(1700);
    tracker.completion({
      op: 'close',
      interfaceId: IFACE,
      serviceId: SVC,
      status: S_OK,
      requestId: 12,
    });
    expect(ofKind('completion')[0]).toMatchObject({ match: 'late', ref, latencyMs: 2200 });
    expect(tracker.sessionState(IFACE, SVC)).toBe('closed');
  });

  it('ends a request at once on an immediate failure HRESULT, with no state change and no timeout', () => {
    const { clock, tracker, ofKind } = trackerHarness({ timeoutMs: 100 });
    const ref = tracker.begin('close', IFACE, SVC);
    tracker.callReturned(ref, { hresult: E_ACCESSDENIED, requestId: 0 });
    expect(ofKind('request-returned')[0]).toMatchObject({
      ref,
      outcome: 'refused',
      hresult: '0x80070005',
      hresultName: 'E_ACCESSDENIED',
      requestId: null,
    });
    expect(tracker.activeRequests()).toHaveLength(0);
    expect(tracker.sessionState(IFACE, SVC)).toBe('open');
    clock.advance(1000);
    expect(ofKind('overdue')).toHaveLength(0);
  });

  it("keeps the backend's words for a call it refused at once, for every view of the request", () => {
    const { tracker, ofKind } = trackerHarness();
    const why = 'This modem allows 2 DSS sessions at a time (MaxDssSessions 2).';
    const ref = tracker.begin('open', IFACE, SVC);
    tracker.callReturned(ref, { hresult: TOO_MANY_SESSIONS, requestId: 0, message: why });
    const [returned] = ofKind('request-returned');
    expect(returned).toMatchObject({ outcome: 'refused', message: why });
    // The log's row, the CSV and the HTML report read the record; the panel reads the story.
    expect(returned && describeRecord({ ...returned, v: 2, seq: 1, time: '', mono: 0 })).toBe(
      `open refused at once: HRESULT_FROM_WIN32(ERROR_TOO_MANY_SESS) (0x80070045). ${why}`,
    );
    const story = tracker.story(ref);
    expect(story && outcomeDetails(story)).toContain(`The backend said: ${why}`);

    // A refusal without words (as the MBN API gives every one) writes no such field.
    const plain = tracker.begin('close', IFACE, SVC);
    tracker.callReturned(plain, { hresult: E_ACCESSDENIED, requestId: 0 });
    expect(ofKind('request-returned')[1]).not.toHaveProperty('message');
  });

  it('restores the previous session state when the completion reports failure', () => {
    const { clock, tracker, ofKind } = trackerHarness();
    const ref = tracker.begin('close', IFACE, SVC);
    tracker.callReturned(ref, { hresult: S_OK, requestId: 3 });
    clock.advance(40);
    tracker.completion({
      op: 'close',
      interfaceId: IFACE,
      serviceId: SVC,
      status: E_FAIL,
      requestId: 3,
    });
    expect(ofKind('completion')[0]).toMatchObject({ statusName: 'E_FAIL', match: 'matched' });
    expect(tracker.sessionState(IFACE, SVC)).toBe('open');
  });

  it('records that Close Session was sent while no data session was open, and what came back', () => {
    const { tracker, ofKind } = trackerHarness({ sessionOpen: false });
    const ref = tracker.begin('close', IFACE, SVC);
    tracker.callReturned(ref, { hresult: 0x8007006e, requestId: 0 });
    expect(ofKind('request')[0]).toMatchObject({
      ref,
      sessionOpenBefore: false,
      precondition: 'session-not-open',
    });
    expect(ofKind('request-returned')[0]).toMatchObject({
      hresultName: 'HRESULT_FROM_WIN32(ERROR_OPEN_FAILED)',
      outcome: 'refused',
    });
  });

  it('does not claim the session was not open when nobody could tell (MBIM reports no state)', () => {
    const { tracker, ofKind } = trackerHarness({ sessionOpen: null });
    tracker.begin('close', IFACE, SVC);
    expect(ofKind('request')[0]).toMatchObject({ sessionOpenBefore: null });
    expect(ofKind('request')[0]?.precondition).toBeUndefined();
  });

  it('abandons pending requests when their device is removed, and only theirs', () => {
    const { clock, tracker, ofKind } = trackerHarness();
    tracker.noteServices([
      {
        interfaceId: '{OTHER}',
        serviceId: SVC,
        name: 'x',
        dataReadSupported: false,
        dataWriteSupported: false,
        dataSessionOpen: true,
        commandSessionOpen: false,
        maxCommandSize: null,
      },
    ]);
    const mine = tracker.begin('close', IFACE, SVC);
    tracker.callReturned(mine, { hresult: S_OK, requestId: 1 });
    const other = tracker.begin('close', '{OTHER}', SVC);
    tracker.callReturned(other, { hresult: S_OK, requestId: 2 });
    tracker.deviceRemoved(IFACE);
    expect(ofKind('abandoned')).toEqual([
      expect.objectContaining({ ref: mine, reason: 'device-removed', requestId: 1 }),
    ]);
    expect(tracker.sessionState(IFACE, SVC)).toBe('unknown');
    expect(tracker.activeRequests().map((r) => r.ref)).toEqual([other]);
    clock.advance(5);
    tracker.completion({
      op: 'close',
      interfaceId: IFACE,
      serviceId: SVC,
      status: S_OK,
      requestId: 1,
    });
    expect(ofKind('completion')[0]).toMatchObject({ match: 'after-abandon', ref: mine });
    clock.advance(5000);
    expect(ofKind('overdue').map((o) => o.ref)).toEqual([other]);
  });

  // Windows' own connection manager keeps opening and closing sessions on a device that came
  // back: a call of ours cut short by the removal must not leave them held, unjournaled, forever.
  it.each(['returns', 'throws'] as const)(
    'journals completions from another program after a device is removed mid-call and the call %s',
    (then) => {
      const { tracker, ofKind } = trackerHarness({ sessionOpen: false });
      const open = (requestId: number) =>
        tracker.completion({
          op: 'open',
          interfaceId: IFACE,
          serviceId: SVC,
          status: S_OK,
          requestId,
        });
      const cut = tracker.begin('open', IFACE, SVC);
      tracker.deviceRemoved(IFACE);
      if (then === 'returns') tracker.callReturned(cut, { hresult: S_OK, requestId: 9 });
      else tracker.callFailed(cut, 'the device is gone');
      expect(tracker.story(cut)?.outcome).toBe('abandoned');
      tracker.noteServices([
        {
          interfaceId: IFACE,
          serviceId: SVC,
          name: 'DSS (Device Service Stream)',
          dataReadSupported: true,
          dataWriteSupported: true,
          dataSessionOpen: false,
          commandSessionOpen: false,
          maxCommandSize: null,
        },
      ]);
      expect(tracker.sessionState(IFACE, SVC)).toBe('closed');

      open(1000);
      expect(ofKind('completion')).toEqual([
        expect.objectContaining({ match: 'unknown-request', requestId: 1000, ref: null }),
      ]);
      expect(tracker.sessionState(IFACE, SVC)).toBe('open');

      // A later call of ours on the service is matched, and brings nothing held out after it.
      const ours = tracker.begin('open', IFACE, SVC);
      tracker.callReturned(ours, { hresult: S_OK, requestId: 77 });
      open(77);
      open(1001);
      expect(ofKind('completion').map((c) => [c.match, c.requestId])).toEqual([
        ['unknown-request', 1000],
        ['matched', 77],
        ['unknown-request', 1001],
      ]);
      expect(tracker.activeRequests()).toHaveLength(0);
    },
  );

  it('journals once, when its call is abandoned, a completion that overtook the call', () => {
    for (const end of ['device-removed', 'backend-closed'] as const) {
      const { tracker, ofKind } = trackerHarness({ sessionOpen: false });
      const ref = tracker.begin('open', IFACE, SVC);
      tracker.completion({
        op: 'open',
        interfaceId: IFACE,
        serviceId: SVC,
        status: S_OK,
        requestId: 5,
      });
      expect(ofKind('completion')).toHaveLength(0);
      if (end === 'device-removed') tracker.deviceRemoved(IFACE);
      else tracker.abandonAll();
      expect(ofKind('abandoned')).toEqual([expect.objectContaining({ ref, reason: end })]);
      expect(ofKind('completion')).toEqual([
        expect.objectContaining({ match: 'unknown-request', requestId: 5 }),
      ]);
      // The call comes back after all: the request is over, and nothing is journaled again.
      tracker.callReturned(ref, { hresult: S_OK, requestId: 5 });
      tracker.completion({
        op: 'open',
        interfaceId: IFACE,
        serviceId: SVC,
        status: S_OK,
        requestId: 6,
      });
      expect(ofKind('completion').map((c) => c.requestId)).toEqual([5, 6]);
    }
  });

  it('treats a successful completion from another program as the new session state', () => {
    const { tracker } = trackerHarness();
    tracker.completion({
      op: 'close',
      interfaceId: IFACE,
      serviceId: SVC,
      status: S_OK,
      requestId: 77,
    });
    expect(tracker.sessionState(IFACE, SVC)).toBe('closed');
  });

  it('records a call that threw as call-failed on its request, leaving nothing pending', () => {
    const { tracker, ofKind } = trackerHarness();
    const ref = tracker.begin('close', IFACE, SVC);
    tracker.callFailed(ref, 'the addon is gone');
    expect(ofKind('call-failed')[0]).toMatchObject({
      ref,
      op: 'close',
      serviceId: SVC,
      outcome: 'call-failed',
      message: 'the addon is gone',
    });
    expect(tracker.activeRequests()).toHaveLength(0);
  });

  it('gives up a Close across a service restart to what the service reported since, not to open', () => {
    // The MBN service restarted while the Close waited (closing every session); the re-read
    // after it reported the session closed. Given up, the service must read closed: back to
    // "open", the window would offer Close on a session that is gone.
    const { clock, tracker } = trackerHarness({ timeoutMs: 500 });
    const ref = tracker.begin('close', IFACE, SVC);
    tracker.callReturned(ref, { hresult: S_OK, requestId: 22 });
    const closed = {
      interfaceId: IFACE,
      serviceId: SVC,
      name: 'DSS (Device Service Stream)',
      dataReadSupported: true,
      dataWriteSupported: true,
      dataSessionOpen: false,
      commandSessionOpen: false,
      maxCommandSize: null,
    };
    tracker.noteServices([closed]);
    // The request's own answer decides the move while it may still come.
    expect(tracker.sessionState(IFACE, SVC)).toBe('closing');
    clock.advance(600);
    expect(tracker.giveUp(ref)?.outcome).toBe('given-up');
    expect(tracker.sessionState(IFACE, SVC)).toBe('closed');
  });

  it('lets the technician give up an overdue request, frees the service, and still matches its completion as late', () => {
    const { clock, tracker, ofKind } = trackerHarness({ timeoutMs: 500 });
    const ref = tracker.begin('close', IFACE, SVC);
    tracker.callReturned(ref, { hresult: S_OK, requestId: 21 });
    // Not overdue yet: nothing to give up.
    expect(tracker.giveUp(ref)).toBeUndefined();
    clock.advance(600);
    expect(tracker.giveUp(ref)?.outcome).toBe('given-up');
    expect(ofKind('given-up')[0]).toMatchObject({
      ref,
      requestId: 21,
      outcome: 'given-up',
      waitedMs: 600,
    });
    // Nothing is pending any more and the session is back where it was: Close can be sent again.
    expect(tracker.activeRequests()).toHaveLength(0);
    expect(tracker.sessionState(IFACE, SVC)).toBe('open');
    expect(tracker.giveUp(ref)).toBeUndefined();

    clock.advance(900);
    tracker.completion({
      op: 'close',
      interfaceId: IFACE,
      serviceId: SVC,
      status: S_OK,
      requestId: 21,
    });
    expect(ofKind('completion')[0]).toMatchObject({
      match: 'late',
      ref,
      outcome: 'late',
      latencyMs: 1500,
    });
    expect(tracker.sessionState(IFACE, SVC)).toBe('closed');
  });

  // Other firmware after a restart may list other services: a session of a service gone must not
  // stay "open" (the window would offer Close on it); a Close on its way still decides its own.
  it('makes the sessions of a service no longer listed unknown, unless a request is moving them', () => {
    const { tracker, ofKind } = trackerHarness();
    tracker.serviceGone(IFACE, SVC);
    expect(tracker.sessionState(IFACE, SVC)).toBe('unknown');
    expect(ofKind('session-state').map((e) => `${e.from}->${e.to}`)).toEqual(['open->unknown']);

    const moving = trackerHarness();
    const ref = moving.tracker.begin('close', IFACE, SVC);
    moving.tracker.callReturned(ref, { hresult: S_OK, requestId: 7 });
    moving.tracker.serviceGone(IFACE, SVC);
    expect(moving.tracker.sessionState(IFACE, SVC)).toBe('closing');
    moving.tracker.completion({
      op: 'close',
      interfaceId: IFACE,
      serviceId: SVC,
      status: S_OK,
      requestId: 7,
    });
    expect(moving.tracker.sessionState(IFACE, SVC)).toBe('closed');
  });
});
