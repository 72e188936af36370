/** Reading a capture with the real tshark: every packet's MBIM fields, and any malformed packet. */
import { execFileSync } from 'node:child_process';

export interface Dissected {
  frame: number;
  /** What the dissector says: `mbim.control` protocols found in the frame. */
  protocols: string;
  messageType: number;
  transactionId: number;
  service: string;
  cid: number | null;
  status: number | null;
  comment: string;
  direction: string;
}

const FIELDS = [
  'frame.number',
  'frame.protocols',
  'mbim.control.header.message_type',
  'mbim.control.header.transaction_id',
  'mbim.control.device_service_id',
  'mbim.control.cid',
  'mbim.control.status',
  'frame.comment',
  'frame.packet_flags_direction',
];

export function dissect(file: string): Dissected[] {
  const out = execFileSync(
    'tshark',
    [
      '-r',
      file,
      '-T',
      'fields',
      '-E',
      'separator=\t',
      '-E',
      'occurrence=f',
      ...FIELDS.flatMap((f) => ['-e', f]),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return out
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [frame, protocols, type, tid, service, cid, status, comment, direction] =
        line.split('\t');
      return {
        frame: Number(frame),
        protocols: protocols ?? '',
        messageType: Number(type),
        transactionId: Number(tid),
        service: service ?? '',
        cid: cid ? Number(cid) : null,
        status: status ? Number(status) : null,
        comment: comment ?? '',
        direction: direction ?? '',
      };
    });
}

/** Frames tshark marks malformed or with an expert error; empty when the capture is clean. */
export function problems(file: string): string[] {
  const out = execFileSync(
    'tshark',
    [
      '-r',
      file,
      '-Y',
      '_ws.malformed || _ws.expert.severity >= 0x00800000',
      '-T',
      'fields',
      '-e',
      'frame.number',
      '-e',
      '_ws.expert.message',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return out.split('\n').filter((line) => line.trim() !== '');
}
