/**
 * pcapng capture of the MBIM messages in a log, for Wireshark or tshark: one packet per message,
 * dissected as `mbim.control` (exported-PDU link type 252), its direction in the packet flags
 * (sent by this tool: outbound; from the modem: inbound) and, for a message that carried or
 * answered a request, the request's outcome as a packet comment, in the same words as the log.
 *
 * Records arrive already redacted (identifiers in the bytes overwritten in place, so frames stay
 * well formed). A request's outcome is known once it ends, a few records after its messages, so
 * packets wait in order until the request of the oldest has ended, and are written then: memory
 * stays that of the requests in flight, not of the log (holding every packet, and every request,
 * to the end took 1.3 GB for a ten-million-event log). A packet whose request has not ended
 * after MAX_HELD others is written with the outcome so far, and says so. A log without MBIM
 * messages has nothing to capture: the export fails in words and leaves no file.
 */
import type { JournalRecord, MbimMessageRecord } from '../../../shared/journal/record.js';
import { RequestFold, type FoldedRequest } from '../../../shared/request/fold.js';
import { outcomeDetails, outcomeHeadline, shownCode } from '../../../shared/request/words.js';
import { ExportError } from './export-error.js';
import type { ExportContext, FormatWriter } from './format-writer.js';
import {
  DIRECTION,
  enhancedPacket,
  exportedPduHeader,
  interfaceDescription,
  sectionHeader,
} from './pcapng-blocks.js';
import type { TextBuffer } from './text-buffer.js';
import { rangeWords } from '../../../shared/export-range.js';

const NO_MBIM_MESSAGES =
  'This log holds no MBIM messages (only logs recorded with the MBIM backend do), so there is nothing to put in a capture. Nothing was saved.';

/** Packets held for their request's outcome, at most (and their bytes as hex characters). */
const MAX_HELD = 20_000;
const MAX_HELD_HEX = 32 << 20;
/** Ended requests remembered for a message that comes after the record that ended its request. */
const ENDED_MEMORY = 10_000;

interface Held {
  record: MbimMessageRecord;
  micros: bigint;
  /** Its request, once known: kept here, so the request can be forgotten while it waits. */
  request: FoldedRequest | undefined;
}

const keyOf = (interfaceId: string, requestId: number): string =>
  `${interfaceId}|${String(requestId)}`;

export function pcapngWriter(out: TextBuffer, context: ExportContext): FormatWriter {
  let held: Held[] = [];
  let heldFrom = 0;
  let heldHex = 0;
  /** `interfaceId|requestId` → the request, as the shared fold tells it (the log's own words). */
  const requests = new Map<string, FoldedRequest>();
  /** Held packets whose request is not known yet (a message may come before its return). */
  const unknown = new Map<string, Held[]>();
  let ended: string[] = [];
  let endedFrom = 0;
  const fold = new RequestFold({
    ended(request) {
      if (request.requestId === null) return;
      ended.push(keyOf(request.interfaceId, request.requestId));
      if (ended.length - endedFrom <= ENDED_MEMORY) return;
      const key = ended[endedFrom++] ?? '';
      // Unless the ID was taken again since by a request still in flight.
      if (requests.get(key)?.endMono != null) requests.delete(key);
      if (endedFrom >= ENDED_MEMORY) {
        ended = ended.slice(endedFrom);
        endedFrom = 0;
      }
    },
  });
  let epochMs: number | undefined;
  let started = false;
  const pdu = exportedPduHeader('mbim.control');

  const micros = (record: JournalRecord): bigint => {
    epochMs ??= Date.parse(record.time) - record.mono;
    return BigInt(Math.round((epochMs + record.mono) * 1000));
  };

  const packet = ({ record, micros: at }: Held, request: FoldedRequest | undefined): void => {
    if (!started) {
      started = true;
      out.pushBuffers([
        sectionHeader(
          `${context.app.name} ${context.app.version}`,
          `MBIM control messages from ${context.sourceLabel}${context.range ? `, ${rangeWords(context.range)} only` : ''}; personal identifiers ${context.redacted ? 'redacted' : 'NOT redacted'}.`,
        ),
        interfaceDescription('mbim-control'),
      ]);
    }
    // Copied into the buffer's MiB chunks: a buffer a packet (a hundred bytes) was a file
    // write each, and a million of them took most of a capture's time.
    const data = Buffer.concat([pdu, Buffer.from(record.bytes, 'hex')]);
    // A message the journal kept only the start of is a packet cut short, as by a snap length:
    // Wireshark says "Packet size limited during capture" instead of calling it malformed.
    const block = enhancedPacket(
      at,
      data,
      record.direction === 'sent' ? DIRECTION.outbound : DIRECTION.inbound,
      comment(record, request),
      record.byteLength === undefined ? data.length : pdu.length + record.byteLength,
    );
    out.pushBytes(block, 0, block.length);
  };

  const hold = (record: MbimMessageRecord): void => {
    const key = record.requestId === null ? undefined : keyOf(record.interfaceId, record.requestId);
    const next: Held = {
      record,
      micros: micros(record),
      request: key === undefined ? undefined : requests.get(key),
    };
    if (key !== undefined && !next.request) {
      const waiting = unknown.get(key);
      if (waiting) waiting.push(next);
      else unknown.set(key, [next]);
    }
    held.push(next);
    heldHex += record.bytes.length;
  };

  const known = (request: FoldedRequest): void => {
    if (request.requestId === null) return;
    const key = keyOf(request.interfaceId, request.requestId);
    requests.set(key, request);
    const waiting = unknown.get(key);
    if (!waiting) return;
    unknown.delete(key);
    for (const next of waiting) next.request = request;
  };

  /** Writes the held packets, oldest first, up to the first whose request has not ended. */
  const release = (all: boolean): void => {
    while (heldFrom < held.length) {
      const next = held[heldFrom];
      if (!next) break;
      const { record, request } = next;
      const over = held.length - heldFrom > MAX_HELD || heldHex > MAX_HELD_HEX;
      if (record.requestId !== null && request?.endMono == null && !all && !over) break;
      packet(next, request);
      if (record.requestId !== null && !request) {
        // Released unknown: the oldest of its key's waiting packets, as packets go in order.
        const key = keyOf(record.interfaceId, record.requestId);
        const waiting = unknown.get(key);
        if (waiting?.[0] === next) waiting.shift();
        if (waiting?.length === 0) unknown.delete(key);
      }
      heldHex -= record.bytes.length;
      heldFrom += 1;
    }
    // Drops the written packets from the front now and then, not one by one.
    if (heldFrom > 1024 && heldFrom * 2 > held.length) {
      held = held.slice(heldFrom);
      heldFrom = 0;
    }
  };

  return {
    // Every line becomes a record here anyway: on a million-event MBIM log a helper checking
    // lines saved no time (9.1-12.3 s with one, 9.6-10.6 s without) and cost 26 MB.
    checkHelpers: 0,
    write(record) {
      switch (record.kind) {
        case 'run-start':
          epochMs = Date.parse(record.time) - record.mono;
          // The last run's requests end here; its packets go before the new run numbers
          // requests from the start again, so no packet takes the outcome of another run's.
          fold.observe(record);
          release(false);
          requests.clear();
          unknown.clear();
          ended = [];
          endedFrom = 0;
          break;
        case 'mbim-message':
          hold(record);
          break;
        default: {
          const request = fold.observe(record);
          if (request) known(request);
          break;
        }
      }
      release(false);
    },
    finish() {
      fold.finish();
      release(true);
      if (!started) throw new ExportError(NO_MBIM_MESSAGES, 'nothing-to-export');
    },
  };
}

/**
 * The request's outcome in the shared words: the headline and what it means; for a request still
 * in flight when its packet had to be written (MAX_HELD), the outcome so far, said to be so.
 */
function comment(
  record: MbimMessageRecord,
  request: FoldedRequest | undefined,
): string | undefined {
  if (record.error) return `undecodable: ${record.error}`;
  if (!request) return undefined;
  const code = shownCode(request);
  const headline = `${outcomeHeadline(request)}${code ? ` (${code.code.name})` : ''}.`;
  if (request.endMono === null)
    return `${headline} So far: the request had not ended when this packet was written.`;
  return `${headline} ${outcomeDetails(request).join(' ')}`;
}
