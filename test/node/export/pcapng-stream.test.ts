/**
 * A capture of a long MBIM log is written as the log is read: a packet goes out once its request
 * has ended (with the outcome as its comment), so the export shows bytes written as it goes and
 * its memory is that of the requests in flight. A request still in flight after many thousands
 * of packets does not hold the rest back: its packet goes out with the outcome so far, and says
 * that it is only so far, where a support engineer reads it in Wireshark.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);

const IFACE = '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}';
const SERVICE = {
  interfaceId: IFACE,
  serviceId: 'a289cc33-bcbb-8b4f-b6b0-133ec2aae6df',
  serviceName: 'Basic Connect',
};
/** More requests than the capture holds packets for while one request is in flight. */
const REQUESTS = 12_000;

/** `stray`: the log starts with a message whose request is nowhere in it. */
function mbimLog(stray = false): JournalRecord[] {
  const records: JournalRecord[] = [];
  let seq = 0;
  const head = () => {
    seq += 1;
    return { v: 2 as const, seq, time: '2026-11-24T08:30:00.000Z', mono: seq };
  };
  const message = (requestId: number, direction: 'sent' | 'received'): JournalRecord => ({
    ...head(),
    kind: 'mbim-message',
    interfaceId: IFACE,
    direction,
    transactionId: requestId,
    type: direction === 'sent' ? 'command' : 'command-done',
    service: null,
    serviceName: null,
    cid: null,
    cidName: null,
    status: null,
    statusName: null,
    requestId,
    fragments: 1,
    bytes: '03000000100000000100000000000000',
  });
  if (stray) records.push(message(999_999, 'received'));
  for (let id = 1; id <= REQUESTS + 1; id++) {
    const ref = `r${String(id)}`;
    records.push(
      {
        ...head(),
        kind: 'request',
        ...SERVICE,
        ref,
        op: 'query',
        outcome: 'sending',
        sessionOpenBefore: true,
      },
      message(id, 'sent'),
      {
        ...head(),
        kind: 'request-returned',
        ...SERVICE,
        ref,
        op: 'query',
        outcome: 'waiting',
        requestId: id,
        hresult: '0x00000000',
        hresultName: 'S_OK',
        callMs: 1,
      },
    );
    // The first request never hears back (unless the log starts with a stray); the others do.
    if (id === 1 && !stray) continue;
    // With a stray, one message a request: more requests end while it waits than are remembered.
    if (!stray) records.push(message(id, 'received'));
    records.push({
      ...head(),
      kind: 'completion',
      ...SERVICE,
      op: 'query',
      requestId: id,
      status: '0x00000000',
      statusName: 'S_OK',
      match: 'matched',
      ref,
      outcome: 'succeeded',
      latencyMs: 2,
    });
  }
  return records;
}

/** Each enhanced packet's comment (or undefined), in file order. */
function packetComments(file: Buffer): (string | undefined)[] {
  const comments: (string | undefined)[] = [];
  for (let at = 0; at < file.length;) {
    const type = file.readUInt32LE(at);
    const length = file.readUInt32LE(at + 4);
    if (type === 6) {
      const captured = file.readUInt32LE(at + 20);
      let option = at + 28 + Math.ceil(captured / 4) * 4;
      let comment: string | undefined;
      while (option < at + length - 4) {
        const code = file.readUInt16LE(option);
        const size = file.readUInt16LE(option + 2);
        if (code === 0) break;
        if (code === 1) comment = file.toString('utf8', option + 4, option + 4 + size);
        option += 4 + Math.ceil(size / 4) * 4;
      }
      comments.push(comment);
    }
    at += length;
  }
  return comments;
}

describe('a pcapng capture of a long MBIM log', () => {
  it('is written as the log is read, each packet with its request outcome, none held to the end', async () => {
    const destination = join(tempDir(), 'long.pcapng');
    const written: number[] = [];
    await exportRecords(mbimLog(), 'pcapng', destination, {
      onProgress: (progress) => written.push(progress.bytes),
    });
    // Bytes were written before the last of the log was read, not all at the end.
    expect(written.filter((bytes) => bytes > 0).length).toBeGreaterThan(1);

    const comments = packetComments(readFileSync(destination));
    expect(comments).toHaveLength(1 + 2 * REQUESTS);
    // The request that never heard back went out with what was known, said to be so far only.
    expect(comments[0]).toMatch(/^Query #1: waiting\b.*\. So far: the request had not ended/);
    // Every other packet carries its request's final outcome.
    expect(comments[1]).toMatch(/^Query #2: succeeded in 2 ms\b/);
    expect(comments.at(-1)).toMatch(
      new RegExp(`^Query #${String(REQUESTS + 1)}: succeeded in 2 ms\\b`),
    );
    expect(comments.filter((c) => c?.includes('So far')).length).toBe(1);
  });

  it('keeps every outcome while a message whose request is not in the log waits before them', async () => {
    const destination = join(tempDir(), 'stray.pcapng');
    await exportRecords(mbimLog(true), 'pcapng', destination);
    const comments = packetComments(readFileSync(destination));
    expect(comments).toHaveLength(1 + REQUESTS + 1);
    expect(comments[0]).toBeUndefined();
    // More requests ended while the stray waited than are remembered: no packet lost its outcome.
    const outcomes = comments.slice(1);
    expect(
      outcomes.every((c) => c !== undefined && /^Query #\d+: succeeded in 2 ms\b/.test(c)),
    ).toBe(true);
  });
});

describe('a pcapng capture of a damaged MBIM log', () => {
  it('is written when a comment is longer than an option can hold, cut with … on a character', async () => {
    // A comment's length is a 16-bit field; a log's decoding error may be longer than that.
    const error = `x${'é'.repeat(40_000)}`;
    const destination = join(tempDir(), 'long-error.pcapng');
    await exportRecords(
      [
        {
          v: 2,
          seq: 1,
          time: '2026-11-24T08:30:00.000Z',
          mono: 1,
          kind: 'mbim-message',
          interfaceId: IFACE,
          direction: 'received',
          transactionId: 1,
          type: 'undecodable',
          service: null,
          serviceName: null,
          cid: null,
          cidName: null,
          status: null,
          statusName: null,
          requestId: null,
          fragments: 1,
          bytes: '03000000100000000100000000000000',
          error,
        },
      ],
      'pcapng',
      destination,
    );
    const [comment] = packetComments(readFileSync(destination));
    expect(comment?.startsWith(`undecodable: x${'é'.repeat(100)}`)).toBe(true);
    expect(comment?.endsWith('é…')).toBe(true);
    expect(Buffer.byteLength(comment ?? '')).toBeLessThanOrEqual(0xffff);
  });
});
