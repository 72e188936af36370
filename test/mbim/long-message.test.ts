/**
 * A long MBIM answer (fragments joined, up to a MiB) is journaled by its first 64 KiB and its
 * whole length (a whole one would pass the journal reader's 1 MiB line limit and be lost). The
 * capture must then say so as Wireshark understands it: a packet cut by a snap length, decoded as
 * far as it goes, not a malformed one. The cut may fall inside a SIM number in BCD: what is kept
 * of it is hidden in a redacted capture, and the packet reads as it did.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { messageFields } from '../../electron/backends/mbim/describe-message.js';
import { exportFromPath } from '../../electron/core/export/index.js';
import { problems } from './lib/tshark.js';

const LENGTH = 600 * 1024;
const VENDOR = [0x9a, 0x0c, 0x1b, 0x2d, 0x5e, 0x3f, 0x4a, 0x6b, 0x8c, 0x7d, 0x0e, 0x1f, 0x2a, 0x3b];

/** A COMMAND_DONE of a vendor service (no dissector reads its buffer) of LENGTH bytes. */
function commandDone(): Uint8Array {
  const bytes = new Uint8Array(LENGTH).fill(0x41);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x80000003, true);
  view.setUint32(4, LENGTH, true);
  view.setUint32(8, 7, true); // transaction
  view.setUint32(12, 1, true); // fragments in all
  view.setUint32(16, 0, true); // this fragment
  bytes.set([...VENDOR, 0x4c, 0x5d], 20);
  view.setUint32(36, 1, true); // CID
  view.setUint32(40, 0, true); // status
  view.setUint32(44, LENGTH - 48, true);
  return bytes;
}

/** `message` journaled as the MBIM backend does (by its start), exported redacted to a capture. */
async function capture(message: Uint8Array): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'mbim-long-'));
  const fields = messageFields(
    '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
    { direction: 'received', bytes: message, message: undefined, fragments: 150 },
    null,
  );
  const source = join(dir, 'long.jsonl');
  const head = { v: 2, seq: 1, time: '2026-11-30T08:00:00.000Z', mono: 1 };
  writeFileSync(source, `${JSON.stringify({ ...head, kind: 'mbim-message', ...fields })}\n`);
  const destination = join(dir, 'long.pcapng');
  await exportFromPath({ source, format: 'pcapng', destination, app: { name: 't', version: '0' } });
  return destination;
}

it('a message journaled by its start is a packet cut short in tshark, whole length and all', async () => {
  const destination = await capture(commandDone());

  const [frame] = execFileSync(
    'tshark',
    ['-r', destination, '-T', 'fields', '-E', 'separator=\t']
      .concat(['-e', 'frame.len', '-e', 'frame.cap_len'])
      .concat([
        '-e',
        'mbim.control.header.message_type',
        '-e',
        'mbim.control.header.message_length',
      ]),
    { encoding: 'utf8' },
  )
    .trim()
    .split('\n')
    .map((line) => line.split('\t').map(Number));
  const [length = 0, captured = 0, type, messageLength] = frame ?? [];
  // The frame's length is the whole message's (and the export header's), its capture 64 KiB less.
  expect(length - captured).toBe(LENGTH - 65_536);
  expect(type).toBe(0x80000003);
  expect(messageLength).toBe(LENGTH);
  expect(problems(destination)).toEqual([]);
});

it('a SIM number the cut splits leaves none of its digits, and the packet reads as before', async () => {
  // EF_IMSI (310260000000123) whose length byte is 6 bytes before the cut: 310260000 is kept.
  const message = commandDone();
  const imsi = [0x08, 0x39, 0x01, 0x62, 0x00, 0x00, 0x00, 0x10, 0x32];
  message.set(imsi, 65_536 - 6);
  const destination = await capture(message);
  // Its digits' bytes, from the type byte's (`39`: a text reading's `9`) or after it.
  for (const kept of [imsi.slice(1, 6), imsi.slice(2, 6)])
    expect(readFileSync(destination).includes(Buffer.from(kept))).toBe(false);
  // Its kind and `*` where its digits were, after the length byte.
  expect(readFileSync(destination).includes(Buffer.from('\x08IMSI*', 'latin1'))).toBe(true);
  expect(problems(destination)).toEqual([]);
});
