/**
 * pcapng capture of the MBIM messages in a log, for Wireshark or tshark: one packet per message,
 * dissected as `mbim.control` (exported-PDU link type 252), its direction in the packet flags
 * (sent by this tool: outbound; from the modem: inbound) and, for Open/Close Session messages, the
 * request's outcome as a packet comment, in the same words as the log.
 *
 * Records arrive already redacted (identifiers in the bytes overwritten in place, so frames stay
 * well formed). Outcomes are known only once the log has been read to its end, so packets are
 * held and written in `finish()`. A log without MBIM messages has nothing to capture: the export
 * fails in words and leaves no file.
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

const NO_MBIM_MESSAGES =
  'This log holds no MBIM messages (only logs recorded with the MBIM backend do), so there is nothing to put in a capture. Nothing was saved.';

export function pcapngWriter(out: TextBuffer, context: ExportContext): FormatWriter {
  const messages: { record: MbimMessageRecord; micros: bigint }[] = [];
  /** `interfaceId|requestId` → the request, as the shared fold tells it (the log's own words). */
  const outcomes = new Map<string, FoldedRequest>();
  const requests = new RequestFold();
  let epochMs: number | undefined;
  const pdu = exportedPduHeader('mbim.control');

  const micros = (record: JournalRecord): bigint => {
    epochMs ??= Date.parse(record.time) - record.mono;
    return BigInt(Math.round((epochMs + record.mono) * 1000));
  };

  return {
    write(record) {
      switch (record.kind) {
        case 'run-start':
          epochMs = Date.parse(record.time) - record.mono;
          break;
        case 'mbim-message':
          messages.push({ record, micros: micros(record) });
          break;
        default: {
          const request = requests.observe(record);
          if (request?.requestId != null)
            outcomes.set(`${request.interfaceId}|${String(request.requestId)}`, request);
          break;
        }
      }
    },
    finish() {
      requests.finish();
      if (messages.length === 0) throw new ExportError(NO_MBIM_MESSAGES, 'read-failed');
      out.pushBuffers([
        sectionHeader(
          `${context.app.name} ${context.app.version}`,
          `MBIM control messages from ${context.sourceLabel}; personal identifiers ${context.redacted ? 'redacted' : 'NOT redacted'}.`,
        ),
        interfaceDescription('mbim-control'),
      ]);
      for (const { record, micros: at } of messages) {
        const bytes = Buffer.from(record.bytes, 'hex');
        const outcome =
          record.requestId === null
            ? undefined
            : outcomes.get(`${record.interfaceId}|${String(record.requestId)}`);
        out.pushBuffers([
          enhancedPacket(
            at,
            Buffer.concat([pdu, bytes]),
            record.direction === 'sent' ? DIRECTION.outbound : DIRECTION.inbound,
            comment(record, outcome),
          ),
        ]);
      }
    },
  };
}

/** The request's outcome in the shared words: the headline and what it means. */
function comment(
  record: MbimMessageRecord,
  request: FoldedRequest | undefined,
): string | undefined {
  if (record.error) return `undecodable: ${record.error}`;
  if (!request) return undefined;
  const code = shownCode(request);
  return `${outcomeHeadline(request)}${code ? ` (${code.code.name})` : ''}. ${outcomeDetails(request).join(' ')}`;
}
