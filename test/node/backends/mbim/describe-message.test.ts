/**
 * How an MBIM message is journaled: a joined message may be up to a MiB, and a journal line over
 * the reader's 1 MiB limit is skipped as damaged, which would lose the message from every saved
 * log and export. Only its start is kept, with its whole length beside it.
 */
import { describe, expect, it } from 'vitest';
import { messageFields } from '../../../../electron/backends/mbim/describe-message.js';
import { checkRecord, upgraderFor } from '../../../../electron/core/journal-check.js';
import { MAX_LINE_BYTES } from '../../../../electron/core/line-splitter.js';
import { RECORDED_DATA_BYTES } from '../../../../shared/journal/record.js';

const IFACE = '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}';

/** A received COMMAND_DONE header announcing `length` bytes, then filler. */
function message(length: number): Uint8Array {
  const bytes = new Uint8Array(length).fill(0x41);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x80000003, true);
  view.setUint32(4, length, true);
  view.setUint32(8, 7, true);
  return bytes;
}

function journaled(length: number) {
  const fields = messageFields(
    IFACE,
    { direction: 'received', bytes: message(length), message: undefined, fragments: 16 },
    null,
  );
  const record = {
    v: 2,
    seq: 1,
    time: '2026-11-30T08:00:00.000Z',
    mono: 1,
    kind: 'mbim-message',
    ...fields,
  };
  return { fields, line: JSON.stringify(record), record };
}

describe('an MBIM message in the journal', () => {
  it('of 600 KiB keeps its first 64 KiB and its whole length, on a line the reader takes', () => {
    const { fields, line, record } = journaled(600 * 1024);
    expect(fields.bytes).toHaveLength(2 * RECORDED_DATA_BYTES);
    expect(fields.bytes.startsWith('0300008000600900')).toBe(true);
    expect(fields.byteLength).toBe(600 * 1024);
    expect(Buffer.byteLength(line)).toBeLessThan(MAX_LINE_BYTES);
    expect(checkRecord(JSON.parse(line), upgraderFor({}))).toEqual({ record });
  });

  it('of ordinary size is kept whole, with no length beside it', () => {
    const { fields } = journaled(48);
    expect(fields.bytes).toHaveLength(96);
    expect(fields).not.toHaveProperty('byteLength');
  });
});
