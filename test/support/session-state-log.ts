/**
 * A saved log of as many lines as a test needs, each an everyday record (a data session closing
 * on an SMS service), all alike but for their seq: for tests about how much a log holds (pipes
 * filled, progress reported, an index built), not about what its records say.
 */
import { writeFileSync } from 'node:fs';

export function sessionStateLine(seq: number): string {
  return JSON.stringify({
    v: 2,
    seq,
    time: '2026-11-24T08:30:00.000Z',
    mono: seq,
    kind: 'session-state',
    interfaceId: '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
    serviceId: '533fbeeb-14fe-4467-9f90-33a223e56c3f',
    serviceName: 'SMS',
    from: 'open',
    to: 'closing',
  });
}

/** Writes `count` such lines, seqs 1 to `count`, to `path`. */
export function writeSessionStateLog(path: string, count: number): void {
  writeFileSync(
    path,
    Array.from({ length: count }, (_, i) => `${sessionStateLine(i + 1)}\n`).join(''),
  );
}
