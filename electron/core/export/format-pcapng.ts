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
import type { JournalRecord, MbimMessageRecord } from '../journal-record.js';
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

export const NO_MBIM_MESSAGES =
  'This log holds no MBIM messages (only logs recorded with the MBIM backend do), so there is nothing to put in a capture. Nothing was saved.';

interface Outcome {
  op: string;
  requestId: number;
  words: string | undefined;
}

export function pcapngWriter(out: TextBuffer, context: ExportContext): FormatWriter {
  const messages: { record: MbimMessageRecord; micros: bigint }[] = [];
  /** `interfaceId|requestId` → the request's outcome, filled in as the log goes on. */
  const outcomes = new Map<string, Outcome>();
  const byRef = new Map<string, Outcome>();
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
        case 'request-returned': {
          if (record.requestId === null) break;
          const outcome: Outcome = {
            op: record.op,
            requestId: record.requestId,
            words:
              record.state === 'rejected' ? `refused at once: ${record.hresultName}` : undefined,
          };
          outcomes.set(`${record.interfaceId}|${String(record.requestId)}`, outcome);
          byRef.set(record.ref, outcome);
          break;
        }
        case 'completion': {
          const outcome = record.ref === null ? undefined : byRef.get(record.ref);
          if (outcome && (outcome.words === undefined || outcome.words.startsWith('overdue')))
            outcome.words = `${record.match === 'late' ? 'late, ' : ''}completed: ${record.statusName}${record.latencyMs === null ? '' : ` after ${record.latencyMs.toFixed(1)} ms`}`;
          break;
        }
        case 'overdue': {
          const outcome = byRef.get(record.ref);
          if (outcome && outcome.words === undefined)
            outcome.words = `overdue: no answer within ${record.timeoutMs} ms`;
          break;
        }
        case 'abandoned': {
          const outcome = byRef.get(record.ref);
          if (outcome && (outcome.words === undefined || outcome.words.startsWith('overdue')))
            outcome.words = `abandoned: ${record.reason === 'device-removed' ? 'the modem went away' : 'the backend closed'}`;
          break;
        }
        default:
          break;
      }
    },
    finish() {
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

function comment(record: MbimMessageRecord, outcome: Outcome | undefined): string | undefined {
  if (record.error) return `undecodable: ${record.error}`;
  if (!outcome) return undefined;
  return `${outcome.op} request #${outcome.requestId}: ${outcome.words ?? 'no answer by the end of the log'}`;
}
