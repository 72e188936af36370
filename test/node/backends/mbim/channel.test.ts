/**
 * The MBIM channel when a modem's fragments go wrong, judged by what libmbim does (1.28
 * mbim-device.c): a fragment out of sequence fails its transaction at once and is reported to the
 * modem with HOST_ERROR FRAGMENT_OUT_OF_SEQUENCE; a fragmented answer whose next fragment does not
 * come within 1250 ms (MAX_TIME_BETWEEN_FRAGMENTS_MS) fails with TIMEOUT_FRAGMENT, reported the
 * same way. Before, the request waited out its whole time-out with no reason given, and the
 * half-joined message was kept for ever.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ByteLink } from '../../../../electron/backends/mbim/bridge.js';
import { MbimChannel, type MessageNote } from '../../../../electron/backends/mbim/channel.js';
import { fragment } from '../../../../electron/backends/mbim/framing.js';
import {
  decodeMessage,
  encodeMessage,
  type MbimMessage,
} from '../../../../electron/backends/mbim/message.js';
import { UUID_BASIC_CONNECT } from '../../../../electron/backends/mbim/uuid.js';

/** A channel on a link the test plays the modem on: `written` is what the host sent. */
function channel() {
  let toHost: (bytes: Uint8Array) => void = () => undefined;
  const written: Uint8Array[] = [];
  const link: ByteLink = {
    write: (bytes) => written.push(bytes.slice()),
    onData: (listener) => (toHost = listener),
    onLost: () => undefined,
    close: () => Promise.resolve(),
  };
  const notes: MessageNote[] = [];
  const unsolicited: MbimMessage[] = [];
  const ch = new MbimChannel(link, {
    onNote: (n) => notes.push(n),
    onMessage: (m) => unsolicited.push(m),
  });
  return { ch, written, notes, unsolicited, deliver: (bytes: Uint8Array) => toHost(bytes) };
}

/** A DEVICE_CAPS query, and the modem's answer to it in 64-byte fragments. */
function queryAndFragments(tid: number) {
  const query = {
    type: 'command' as const,
    tid,
    service: UUID_BASIC_CONNECT,
    cid: 1,
    commandType: 0,
    payload: new Uint8Array(0),
  };
  const answer = encodeMessage({
    type: 'command-done',
    tid,
    service: UUID_BASIC_CONNECT,
    cid: 1,
    status: 0,
    payload: new Uint8Array(200),
  });
  return { query, frames: fragment(answer, 64) };
}

/** The HOST_ERROR messages the host sent, as [transaction ID, error code]. */
function hostErrors(written: readonly Uint8Array[]): [number, number][] {
  return written
    .map((bytes) => decodeMessage(bytes))
    .flatMap((m) => (m.type === 'host-error' ? [[m.tid, m.error] as [number, number]] : []));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('an MBIM channel receiving broken fragments', () => {
  it('fails the request at once on a fragment out of sequence, and tells the modem', async () => {
    const { ch, written, deliver } = channel();
    const { query, frames } = queryAndFragments(ch.nextTid());
    const started = Date.now();
    const answer = ch.request(query, 5000);
    deliver(frames[0] ?? new Uint8Array());
    deliver(frames[2] ?? new Uint8Array());
    await expect(answer).rejects.toThrow(/FRAGMENT_OUT_OF_SEQUENCE/);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(hostErrors(written)).toEqual([[query.tid, 2]]);
  });

  it('fails the request when the next fragment does not come in time, and tells the modem', async () => {
    vi.useFakeTimers();
    const { ch, written, notes, deliver } = channel();
    const { query, frames } = queryAndFragments(ch.nextTid());
    const answer = ch.request(query, 5000);
    const failed = expect(answer).rejects.toThrow(/TIMEOUT_FRAGMENT/);
    deliver(frames[0] ?? new Uint8Array());
    deliver(frames[1] ?? new Uint8Array());
    await vi.advanceTimersByTimeAsync(1300);
    await failed;
    expect(hostErrors(written)).toEqual([[query.tid, 1]]);
    // The journal has the HOST_ERROR the host sent, so a reader sees why the request failed.
    expect(notes.at(-1)).toMatchObject({ direction: 'sent', message: { type: 'host-error' } });
    // What came is forgotten: the rest arriving late is out of sequence, not a whole message.
    for (const frame of frames.slice(2)) deliver(frame);
    expect(notes.filter((n) => n.message?.type === 'command-done')).toHaveLength(0);
  });

  it('still joins fragments that each come within the time allowed between them', async () => {
    vi.useFakeTimers();
    const { ch, written, deliver } = channel();
    const { query, frames } = queryAndFragments(ch.nextTid());
    const answer = ch.request(query, 60_000);
    for (const frame of frames) {
      await vi.advanceTimersByTimeAsync(1000);
      deliver(frame);
    }
    expect((await answer).type).toBe('command-done');
    expect(hostErrors(written)).toEqual([]);
  });

  // A modem numbers its indications itself, so one may carry the transaction ID of a request in
  // flight. libmbim keeps the host's transactions and the modem's apart (mbim-device.c,
  // TRANSACTION_TYPE_HOST and TRANSACTION_TYPE_MODEM); their fragments must not be mixed up here.
  it("joins an indication's fragments and an answer's interleaved, on the same transaction ID", async () => {
    const { ch, written, unsolicited, deliver } = channel();
    const { query, frames } = queryAndFragments(ch.nextTid());
    const indication = fragment(
      encodeMessage({
        type: 'indicate-status',
        tid: query.tid,
        service: UUID_BASIC_CONNECT,
        cid: 11,
        payload: new Uint8Array(150),
      }),
      64,
    );
    const answer = ch.request(query, 5000);
    for (let i = 0; i < Math.max(frames.length, indication.length); i++) {
      const a = frames[i];
      const b = indication[i];
      if (b) deliver(b);
      if (a) deliver(a);
    }
    expect((await answer).type).toBe('command-done');
    expect(unsolicited.map((m) => m.type)).toEqual(['indicate-status']);
    expect(hostErrors(written)).toEqual([]);
  });

  it('fails the request at once when its answer is malformed, naming what is wrong', async () => {
    const { ch, written, deliver, notes } = channel();
    const { query } = queryAndFragments(ch.nextTid());
    const answer = encodeMessage({
      type: 'command-done',
      tid: query.tid,
      service: UUID_BASIC_CONNECT,
      cid: 1,
      status: 0,
      payload: new Uint8Array(16),
    });
    // The InformationBufferLength says 1000 bytes; 16 came.
    new DataView(answer.buffer, answer.byteOffset).setUint32(44, 1000, true);
    const started = Date.now();
    const reply = ch.request(query, 5000);
    deliver(answer);
    await expect(reply).rejects.toThrow(
      /answer is malformed: the information buffer says 1000 bytes, 16 came/,
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(notes.at(-1)?.error).toMatch(/information buffer says 1000 bytes/);
    // Nothing but the query went to the modem.
    expect(written).toHaveLength(1);
  });
});

describe('an MBIM channel receiving several frames in one read', () => {
  // Through mbim-proxy several messages often arrive in one read; a bad frame after an answer
  // must not take the answer with it.
  it('still answers the request whose answer came before a bad frame in the same chunk', async () => {
    const { ch, notes, deliver } = channel();
    const { query } = queryAndFragments(ch.nextTid());
    const answer = ch.request(query, 500);
    const whole = encodeMessage({
      type: 'command-done',
      tid: query.tid,
      service: UUID_BASIC_CONNECT,
      cid: 1,
      status: 0,
      payload: new Uint8Array(8),
    });
    const bad = new Uint8Array(12);
    new DataView(bad.buffer).setUint32(4, 5, true);
    const joined = new Uint8Array(whole.length + bad.length);
    joined.set(whole);
    joined.set(bad, whole.length);
    deliver(joined);
    expect((await answer).type).toBe('command-done');
    expect(notes.at(-1)?.error).toMatch(/cannot be 5 bytes long/);
  });
});
